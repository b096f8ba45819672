"""Loading the records for a command: with the cache (unless --no-cache or
EQDIV_NO_CACHE=1) and, on a terminal, a progress bar for a long read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from eqdiv.checks.validation import ValidationResult
    from eqdiv.schema.schema_set import SchemaSet
    from eqdiv.store.record_cache import RecordCache
    from eqdiv.store.repository import Progress, Repository

# Lazy imports: the schemas, the cache and the progress bar are loaded when a
# command reads records, not when the command line starts.


@dataclass(frozen=True)
class Reading:
    schemas: SchemaSet
    cache: RecordCache | None
    progress: Progress


def caching(ctx: typer.Context) -> bool:
    return not (ctx.find_root().obj or {}).get("no_cache", False)


@contextmanager
def reading(ctx: typer.Context, root: Path) -> Iterator[Reading]:
    """What a command reads records with: the schemas, the record cache (unless
    --no-cache) and, on a terminal, a progress bar for a long read."""
    from eqdiv.output.progress import DelayedProgress
    from eqdiv.schema.schema_set import SchemaSet
    from eqdiv.store.record_cache import RecordCache, salt

    schemas = SchemaSet.load()
    cache = RecordCache.open(root, salt(schemas.fingerprint)) if caching(ctx) else None
    # Records are plain data without cycles, and a large archive is millions of
    # objects: the collector would walk all of them again and again while they load
    # and while the command works, finding nothing to free. So it pauses while they
    # load, and what was loaded is then set aside from its later passes.
    gc.disable()
    try:
        with DelayedProgress("Reading records") as progress:
            yield Reading(schemas, cache, progress)
    finally:
        gc.freeze()
        gc.enable()


def load(ctx: typer.Context, root: Path) -> Repository:
    """Every record of the repository at ``root``, as the command line reads it."""
    from eqdiv.store.repository import load_repository
    from eqdiv.store.result_cache import enable

    # The protection of published figures is kept between runs too, unless --no-cache.
    enable(caching(ctx))
    with reading(ctx, root) as read:
        return load_repository(root, read.schemas, cache=read.cache, progress=read.progress)


def validate_records(
    ctx: typer.Context,
    root: Path,
    day: Callable[[Repository], date],
    only: Sequence[str] | None,
) -> ValidationResult:
    """``validate`` of the repository at ``root`` as the command line runs it: from
    each file's kept facts (``eqdiv.checks.incremental``), or, with --no-cache, over
    every record read afresh. ``day(records)`` is the date to judge on."""
    if not caching(ctx):
        from eqdiv.checks.validation import validate

        records = load(ctx, root)
        return validate(records, day(records), only)
    from eqdiv.checks.incremental import validate_from_facts
    from eqdiv.store.facts_store import FactsStore
    from eqdiv.store.record_cache import salt

    with reading(ctx, root) as read:
        cache = read.cache
        store = (
            FactsStore.beside(cache.connection, salt(read.schemas.fingerprint))
            if cache is not None
            else FactsStore.in_memory()  # the cache's folder cannot be written: no store
        )
        try:
            return validate_from_facts(
                root, read.schemas, store, day, only, cache=read.cache, progress=read.progress
            )
        finally:
            store.close()
