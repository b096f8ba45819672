"""Everything that may be published as a figure about people, and the one protection
it goes through: small-number suppression (``suppression``), statistics for the
comparisons (``stats``), the census categories in use (``census``), consultation
coverage against the population (``coverage``, exact; ``coverage_view``, as it may be
shown) and indicators against their targets (``indicator_progress``)."""
