"""Reading many record files on every core.

Parsing and checking a record is pure work on its bytes, so a cold run over hundreds of
files shares it among worker processes, forked so that they start with eqdiv already
imported and the schemas already read. Each worker reads its own files (the process
that asked holds no file's bytes, and the workers are forked before any are read, so
they do not start with a copy of them), hashes and parses them, and sends back the
digest and the compact entry the cache would store (``eqdiv.store.codec``), not Python
objects, which keeps the return trip cheap. Small runs, and systems without ``fork``,
read in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.codec import encode
from eqdiv.store.database import digest
from eqdiv.store.loaded import LoadedFile, load_file

# Below this many files to read, starting workers costs more than it saves.
PARALLEL_MIN = 64

# What a worker sends back for a file: its path, the digest of the bytes it read (None
# when they could not be read as a record), the entry and the position maps.
Encoded = tuple[str, bytes | None, bytes, bytes]


def available(count: int) -> bool:
    return (
        count >= PARALLEL_MIN
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def encode_all(
    items: Sequence[tuple[str, bytes | None]],
    schemas: SchemaSet,
    read: Callable[[str], bytes | LoadedFile],
    done: Callable[[int], None] | None = None,
) -> Iterator[Encoded]:
    """What each ``(path, bytes)`` holds, in the order given; a file given without
    its bytes (None) is read by the worker with ``read``, which returns the bytes or,
    when they cannot be had, the loaded file that says why."""

    def job(item: tuple[str, bytes | None]) -> Encoded:
        path, raw = item
        key, loaded = encode_one(path, read(path) if raw is None else raw, schemas)
        return (path, key, *encode(loaded))

    return run_all(items, job, done)


def encode_one(
    path: str, raw: bytes | LoadedFile, schemas: SchemaSet
) -> tuple[bytes | None, LoadedFile]:
    """A file's digest (None when it could not be read) and its loaded outcome."""
    if isinstance(raw, LoadedFile):
        return None, raw
    return digest(raw), load_file(path, raw, schemas)


_JOB: Callable[[Any], Any] | None = None  # what forked workers do with each item


def run_all(
    items: Sequence[Any], job: Callable[[Any], Any], done: Callable[[int], None] | None = None
) -> Iterator[Any]:
    """``job(item)`` for each item, on every core, in the order given, each result
    yielded as its batch comes back (so that the one who asked never holds them all).
    ``job`` is inherited by the forked workers, never pickled: it may close over
    anything this process holds (the schemas, the partnership's settings)."""
    global _JOB
    _JOB = job
    workers = min(os.cpu_count() or 1, 8)
    size = max(1, min(64, len(items) // (workers * 8)))
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for batch in pool.imap(_run_batch, batches):
            yield from batch
            if done is not None:
                done(len(batch))


def _run_batch(batch: Sequence[Any]) -> list[Any]:
    assert _JOB is not None
    return [_JOB(item) for item in batch]
