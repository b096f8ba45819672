"""Loading the records for a command: with the cache (unless --no-cache or
EQDIV_NO_CACHE=1) and, on a terminal, a progress bar for a long read."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from eqdiv.repository import Repository


def caching(ctx: typer.Context) -> bool:
    return not (ctx.find_root().obj or {}).get("no_cache", False)


def load(ctx: typer.Context, root: Path) -> Repository:
    """Every record of the repository at ``root``, as the command line reads it."""
    from eqdiv.cache import RecordCache, salt
    from eqdiv.output.progress import DelayedProgress
    from eqdiv.repository import load_repository
    from eqdiv.schemas import SchemaSet

    schemas = SchemaSet.load()
    cache = RecordCache.open(root, salt(schemas.fingerprint)) if caching(ctx) else None
    # Records are plain data without cycles, and a large archive is millions of
    # objects: the collector would walk all of them again and again while they load
    # and while the command works, finding nothing to free. So it pauses while they
    # load, and what was loaded is then set aside from its later passes.
    gc.disable()
    try:
        with DelayedProgress("Reading records") as progress:
            repo = load_repository(root, schemas, cache=cache, progress=progress)
    finally:
        gc.freeze()
        gc.enable()
    return repo
