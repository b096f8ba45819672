"""YAML in and out: decoding a file's bytes (``source``), the loader that keeps every
value's line and column (``loader``) and its plain-English syntax errors
(``syntax_errors``), the writer of new records (``writer``) and the editor that changes
a record in place keeping its comments (``editor``). Builds on ``eqdiv.model`` only."""
