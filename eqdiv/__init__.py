"""eqdiv: a partnership's equality & diversity work as plain-text records in git.

The package is a Python API first (``eqdiv.api``); the command line (``eqdiv.cli``)
sits on top of it. The core returns values (records, findings, scores) and never
prints, exits or reads the clock: "today" is always a parameter.

The packages are layered, bottom to top: ``model``, ``yamlio``, ``schema``, ``store``,
``actions`` and ``eia``, ``figures``, ``checks``, ``status``/``review``/``authoring``,
``report``, ``api``, then the edges ``output``, ``web`` (reserved) and ``cli``. A module
imports only its own package and those below (tests/unit/test_layering.py holds it);
docs/architecture.md says what goes where. This module holds the version only: every
layer may import it.
"""

__version__ = "0.1.0"
