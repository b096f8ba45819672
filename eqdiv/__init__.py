"""eqdiv: a partnership's equality & diversity work as plain-text records in git.

The package is a Python API first; the command line (``eqdiv.cli``) sits on top of it.
The core modules return values (records, findings, scores) and never print, exit or
read the clock: "today" is always a parameter.
"""

__version__ = "0.1.0"
