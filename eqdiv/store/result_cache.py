"""Results worked out from the records that are dear to work out again, kept between
runs by a key that covers everything they depend on.

The protection of the grid (``eqdiv.figures.publication``) solves integer programmes
for every table eqdiv may publish; on a large repository that takes seconds, and its
inputs (the counts, the tables, the thresholds) change far less often than the records
around them. It is kept here, in the cache database of the records repository
(``eqdiv.store.database``), by a digest of its inputs and of eqdiv as installed: any
change to either is a different key, so an entry is never stale, only unused. Old
entries are dropped beyond ``KEEP`` (the least recently written).

Like the rest of the cache it is never trusted: the caller decodes an entry and treats
one that does not decode as a miss; failing to read or write only costs speed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from eqdiv.store.database import install_fingerprint, open_database

# Whether results are kept between runs: the command line turns it on (off with
# --no-cache); the library leaves it off, so nothing is written unasked.
_ENABLED: list[bool] = [False]


def enable(on: bool) -> None:
    _ENABLED[0] = on


def enabled() -> bool:
    return _ENABLED[0]


class ResultCache:
    """Bytes by key, in one repository's cache database."""

    # The protection is kept part by part (one entry per independent part of the grid,
    # and one for its verdicts): a large repository's grid has hundreds of parts, each
    # entry small, and an edit writes one or two.
    KEEP = 4096

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._stamp = install_fingerprint()

    @classmethod
    def open(cls, root: Path) -> ResultCache | None:
        """The cache of the repository at ``root``; None when it cannot be used."""

        def prepare(db: sqlite3.Connection) -> None:
            db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key TEXT PRIMARY KEY, value BLOB, used INTEGER)"
            )

        db = open_database(root, prepare)
        return cls(db) if db is not None else None

    def _key(self, kind: str, key: str) -> str:
        return f"{kind}:{self._stamp}:{key}"

    def get(self, kind: str, key: str) -> bytes | None:
        try:
            row = self._db.execute(
                "SELECT value FROM results WHERE key = ?", (self._key(kind, key),)
            ).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def put(self, kind: str, key: str, value: bytes) -> None:
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, "
                    "(SELECT COALESCE(MAX(used), 0) + 1 FROM results))",
                    (self._key(kind, key), value),
                )
                self._db.execute(
                    "DELETE FROM results WHERE key NOT IN "
                    "(SELECT key FROM results ORDER BY used DESC LIMIT ?)",
                    (self.KEEP,),
                )
        except sqlite3.Error:
            pass  # an unwritable cache only costs speed next time

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
