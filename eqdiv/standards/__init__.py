"""Equality frameworks and where the partnership stands against them (``eqdiv assess``):
``framework_set`` (the frameworks in force), ``evidence_rules`` (what the records show
for each rule), ``standing`` (criterion by criterion, and overall)."""
