"""The facts kept about each record file, so that a run after an edit derives again
only what the edit touched.

What ``validate`` needs of a file is small beside the file: its kind and id, its
findings from reading it, the ids it defines and the links it makes (each located),
and the findings of every check that reads that file alone with the partnership's
settings (``eqdiv.checks.file_facts`` works them out; here they are opaque bytes).
They are kept in the cache's database, in their own table, by the file's path and the
digest of its bytes, under the same salt as the record cache (eqdiv's version, its
code and the schemas): change any of them and every entry is dropped.

A file's facts come in two parts: those from its content alone (``base``), and the
findings of its own checks (``local``), which also depend on the settings they were
worked out under (``eqdiv.yaml``, the people directories, the rubric and the date):
``local`` is kept with the digest of those (``inputs``) and is never used under
others.

The store is never trusted: an entry that does not decode is a miss, and a failure to
read or write only leaves the run working everything out again.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eqdiv.store.database import open_database, salted


@dataclass(frozen=True, slots=True)
class Stored:
    """One file's stored facts: the digest of its bytes, the facts from its content,
    and its own checks' findings with the digest of the inputs they were found under."""

    digest: bytes
    base: bytes
    inputs: bytes
    local: bytes


class FactsStore:
    """Per-file facts of one records repository (see the module's docstring)."""

    def __init__(self, connection: sqlite3.Connection | None, *, owned: bool = True) -> None:
        self._db = connection
        self._owned = owned  # closed with the store (not when lent by the record cache)
        self._pending: list[tuple[str, bytes, bytes, bytes, bytes]] = []

    @classmethod
    def open(cls, root: Path, salt: str) -> FactsStore:
        """The store of the repository at ``root``; one that cannot be opened is an
        empty store that keeps nothing (the run is then simply uncached)."""
        return cls(open_database(root, lambda db: _prepare(db, salt)))

    @classmethod
    def beside(cls, connection: sqlite3.Connection, salt: str) -> FactsStore:
        """The store in the database the record cache has open already (opening it
        again would check the whole database again)."""
        try:
            _prepare(connection, salt)
        except sqlite3.Error:
            return cls(None)
        return cls(connection, owned=False)

    @classmethod
    def in_memory(cls) -> FactsStore:
        """A store that keeps nothing between runs."""
        return cls(None)

    def index(self) -> dict[str, Stored]:
        """Every stored file's facts, by path."""
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT path, digest, base, inputs, local FROM facts")
            return {
                path: Stored(digest, base, inputs, local)
                for path, digest, base, inputs, local in rows
                if isinstance(digest, bytes) and isinstance(base, bytes)
            }
        except sqlite3.Error:
            return {}

    def put(self, path: str, digest: bytes, base: bytes, inputs: bytes, local: bytes) -> None:
        self._pending.append((path, digest, base, inputs, local))
        if len(self._pending) >= 500:
            self.flush()  # a cold run's facts are written as they come, not held

    def flush(self) -> None:
        if self._db is None or not self._pending:
            self._pending.clear()
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO facts (path, digest, base, inputs, local) "
                    "VALUES (?, ?, ?, ?, ?)",
                    self._pending,
                )
        except sqlite3.Error:
            pass  # an unwritable store only costs time next run
        self._pending.clear()

    def keep_only(self, present: Sequence[str], stored: Iterable[str]) -> None:
        """Write what is pending, and forget the files (of ``stored``) no longer
        ``present``."""
        self.flush()
        keep = set(present)
        gone = [(path,) for path in stored if path not in keep]
        if self._db is None or not gone:
            return
        try:
            with self._db:
                self._db.executemany("DELETE FROM facts WHERE path = ?", gone)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.flush()
        if self._db is not None and self._owned:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()


def _prepare(db: sqlite3.Connection, salt: str) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS facts "
        "(path TEXT PRIMARY KEY, digest BLOB, base BLOB, inputs BLOB, local BLOB)"
    )
    salted(db, "facts-salt", salt, ("facts",))
