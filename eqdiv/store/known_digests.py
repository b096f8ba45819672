"""The digests of files this run has already read, so that each file is hashed once.

A memoized command reads and hashes every file of the repository for the memo's key
(``eqdiv.store.output_memo.snapshot``) before it runs; when the memo cannot answer,
the record reader would read and hash them all again to look them up in the record
cache. Instead the snapshot's digests are offered here for the length of that one run
(``offered``), and the reader looks a file up by its digest before reading it: an
unchanged file is then never read a second time, and only the changed ones are.

Scoped to one run on purpose: in a long-lived process (the tests, ``eqdiv serve``)
files change between runs, and a digest from an earlier run must never stand for a
file's content now. A file that changes between the snapshot and the read is served as
it was at the snapshot, which is what the memo's key says the output is of.

Light on purpose (the standard library only): the memo's path imports it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

_OFFERED: dict[str, Mapping[str, bytes]] = {}


@contextmanager
def offered(root: Path, digests: Mapping[str, bytes]) -> Iterator[None]:
    """Within this block, ``digests`` (relative path -> digest of the file's bytes)
    are what the files of the repository at ``root`` hold."""
    where = os.path.realpath(root)
    _OFFERED[where] = digests
    try:
        yield
    finally:
        _OFFERED.pop(where, None)


def known(root: Path) -> Mapping[str, bytes]:
    """The digests offered for the repository at ``root`` in this run (none outside
    an ``offered`` block)."""
    if not _OFFERED:
        return {}
    return _OFFERED.get(os.path.realpath(root), {})
