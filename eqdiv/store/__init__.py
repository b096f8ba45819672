"""Where records come from and where what eqdiv learnt about them is kept: finding the
records repository (``locate``), reading one file (``loaded``) and all of them
(``repository``), the record cache (``record_cache``, ``codec``) and its database
(``database``), the worker pool for cold runs (``workers``), the memo of command
outputs (``output_memo``), and the one module that talks to git (``gitrepo``).

This ``__init__`` stays empty: the output memo's fast path imports ``locate`` and
``output_memo`` and nothing else.
"""
