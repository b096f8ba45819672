"""Reading many record files on every core.

Parsing and checking a record is pure work on its bytes, so a cold run over hundreds of
files shares it among worker processes, forked so that they start with eqdiv already
imported and the schemas already read. Each worker sends back the compact entry the
cache would store (``eqdiv.store.codec``), not Python objects, which keeps the return
trip cheap. Small runs, and systems without ``fork``, read in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.codec import encode
from eqdiv.store.loaded import load_file

# Below this many files to read, starting workers costs more than it saves.
PARALLEL_MIN = 64

_SCHEMAS: SchemaSet | None = None  # what forked workers validate with


def available(count: int) -> bool:
    return (
        count >= PARALLEL_MIN
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def encode_all(
    items: Sequence[tuple[str, bytes]],
    schemas: SchemaSet,
    done: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, bytes, bytes]]:
    """``(path, entry, maps)`` for each ``(path, raw bytes)``, in the order given."""
    global _SCHEMAS
    _SCHEMAS = schemas
    workers = min(os.cpu_count() or 1, 8)
    size = max(1, len(items) // (workers * 8))
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for batch in pool.imap(_work, batches):
            yield from batch
            if done is not None:
                done(len(batch))


def _work(batch: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes, bytes]]:
    assert _SCHEMAS is not None
    return [(path, *encode(load_file(path, raw, _SCHEMAS))) for path, raw in batch]
