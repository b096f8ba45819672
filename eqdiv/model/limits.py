"""Every bound on what a file can make eqdiv spend, in one place.

Records, spreadsheets and git history are untrusted: each resource a file could make
eqdiv spend is capped here, and checked *before* the work it bounds (the size before
the read, the depth and the node count while the YAML is composed, the digits before
a number is converted). What is over a bound becomes a finding, never a traceback or
a wait. Time has no bound of its own: every step is linear in what these allow, so a
file at every limit still answers within a few seconds. README's "Limits" section says
the same for users (tests/unit/test_limits.py holds the two together).

Standard library only, and light: the output memo imports it on a repeat run.
"""

from __future__ import annotations

# A record file (YAML), in bytes. The largest real record is a few tens of KiB.
MAX_RECORD_BYTES = 4 * 1024 * 1024
# Levels of nesting in a record. Records are four or five levels deep; libyaml's
# composer recurses in C, so depth must be capped before it can crash the interpreter.
MAX_DEPTH = 64
# Values in a record, counted as the YAML is composed and again once aliases are
# expanded (the "billion laughs"). The largest real record holds a few thousand.
MAX_NODES = 100_000
# Digits in a number. Counts and years need a handful; Python refuses past 4,300.
MAX_DIGITS = 100
# A spreadsheet or CSV given to `eqdiv import plan`, in bytes, and its rows.
MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_TABLE_ROWS = 10_000
# Characters in an id (it becomes a file name).
MAX_ID = 80
# Seconds to wait for the cache's database when another eqdiv holds it locked; after
# that the run carries on without the cache (slower, same answers).
CACHE_LOCK_WAIT = 0.25

# (constant, what it bounds, the unit) for the README's table and the test that
# keeps the two in step.
DOCUMENTED = (
    ("MAX_RECORD_BYTES", MAX_RECORD_BYTES, "bytes in a record file"),
    ("MAX_DEPTH", MAX_DEPTH, "levels of nesting in a record"),
    ("MAX_NODES", MAX_NODES, "values in a record, aliases expanded"),
    ("MAX_DIGITS", MAX_DIGITS, "digits in a number"),
    ("MAX_TABLE_BYTES", MAX_TABLE_BYTES, "bytes in a spreadsheet or CSV to import"),
    ("MAX_TABLE_ROWS", MAX_TABLE_ROWS, "rows in a spreadsheet or CSV to import"),
    ("MAX_ID", MAX_ID, "characters in an id"),
    ("CACHE_LOCK_WAIT", CACHE_LOCK_WAIT, "seconds waited for a locked cache"),
)
