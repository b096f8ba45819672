"""The domain: records, findings, the code catalogue, dates and periods, and the typed
view of each record kind. Standard library only, and nothing here imports the rest of
eqdiv; everything else builds on it.

The typed views (``plans``, ``eias``, ...) trust their schema: each kind's
``from_record`` is only ever called on a record that passed validation. ``kinds.BUILDERS``
maps a record kind to its builder.

This ``__init__`` stays empty on purpose: a repeat run answered from the output memo
imports ``eqdiv.model.errors`` and ``eqdiv.model.layout`` and must not pay for the rest.
"""
