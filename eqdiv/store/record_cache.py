"""A cache of parsed and validated record files, so a run where little has changed
reads each file's bytes and little else.

It lives in the records repository, in ``.eqdiv-cache/`` (which ignores itself for git),
as one SQLite database. A file's entry is keyed by its path and a digest of its bytes,
and the whole cache by a *salt*: eqdiv's version, a fingerprint of eqdiv's own code and
data, and the schemas' fingerprint. Change any of them and every entry is dropped.

The cache is never trusted: a database that cannot be opened or read is deleted and
rebuilt, an entry that does not decode is a miss, and any failure to write just leaves
the run uncached. Results are identical with and without it (tests hold this).

Each entry holds the record's kind, id, validity, data and findings, and, separately,
its position maps, which are fetched only if something asks where a value is.

Versions of files from git's history (what ``history`` and ``review`` read at older
commits) are kept apart, by path and git blob id: a blob's id names its content, so
an old version is read from git and parsed once, whichever commit it is met in.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from eqdiv.model.document import Maps
from eqdiv.store.codec import DAMAGED, decode, encode, maps_from
from eqdiv.store.database import install_fingerprint, open_database, salted, write_kept
from eqdiv.store.loaded import LoadedFile

# Versions of files from git's history kept (about 20 KB each): a few hundred commits'
# worth of ``history`` and ``review`` runs.
BLOBS_KEPT = 5000


def salt(schema_fingerprint: str) -> str:
    return f"{install_fingerprint()}:{schema_fingerprint}"


class RecordCache:
    """Cached outcomes of ``load_file`` for one records repository."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._entries: dict[str, tuple[bytes, bytes]] | None = None
        self._pending: list[tuple[str, bytes, bytes, bytes]] = []
        self._pending_blobs: list[tuple[str, str, bytes, bytes]] = []
        self._gone_maps: dict[tuple[str, bytes], bytes] = {}

    @classmethod
    def open(cls, root: Path, salt: str) -> RecordCache | None:
        """The cache of the repository at ``root``, or None if it cannot be used here
        (a read-only folder, say): eqdiv then simply runs without it."""
        db = open_database(root, lambda db: _prepare_files(db, salt))
        return cls(db) if db is not None else None

    @property
    def connection(self) -> sqlite3.Connection:
        """The open database, for the other tables kept beside the records (the
        facts of ``eqdiv.store.facts_store``)."""
        return self._db

    def _load_index(self) -> dict[str, tuple[bytes, bytes]]:
        if self._entries is None:
            try:
                rows = self._db.execute("SELECT path, digest, entry FROM files").fetchall()
            except sqlite3.Error:
                rows = []
            self._entries = {path: (key, entry) for path, key, entry in rows}
        return self._entries

    def get(self, path: str, key: bytes) -> LoadedFile | None:
        """The cached outcome for ``path`` with content digest ``key``, or None."""
        found = self._load_index().get(path)
        if found is None or found[0] != key:
            return None
        try:
            return decode(path, found[1], lambda: self.maps(path, key))
        except DAMAGED:
            return None  # a damaged entry is a miss; the fresh result replaces it

    def get_one(self, path: str, key: bytes) -> LoadedFile | None:
        """As ``get``, for a few files: one row is read, not every entry (a review reads
        a handful of old versions; the whole index of a large repository is most of
        its memory)."""
        if self._entries is not None:
            return self.get(path, key)
        try:
            row = self._db.execute(
                "SELECT entry FROM files WHERE path = ? AND digest = ?", (path, key)
            ).fetchone()
            if row is None:
                return None
            return decode(path, row[0], lambda: self.maps(path, key))
        except (sqlite3.Error, *DAMAGED):
            return None

    def put(self, path: str, key: bytes, loaded: LoadedFile) -> None:
        self.put_encoded(path, key, *encode(loaded))

    def put_encoded(self, path: str, key: bytes, entry: bytes, maps: bytes) -> None:
        """Remember an entry already encoded (by a worker process)."""
        self._pending.append((path, key, entry, maps))

    def save_pending(self) -> None:
        """Write what this run learnt, without reading the index (the files that are
        gone are forgotten by the next ``save``)."""
        if not self._pending:
            return
        try:
            self._keep_maps([path for path, *_ in self._pending])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO files (path, digest, entry, maps) VALUES (?, ?, ?, ?)",
                    self._pending,
                )
        except sqlite3.Error:
            pass  # an unwritable cache only costs speed next time
        self._pending.clear()

    def save(self, present: Iterable[str]) -> None:
        """Write what this run learnt, and forget files that are gone."""
        keep = set(present)
        gone = [p for p in self._load_index() if p not in keep]
        if not self._pending and not gone:
            return
        try:
            self._keep_maps([*gone, *(path for path, *_ in self._pending)])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO files (path, digest, entry, maps) VALUES (?, ?, ?, ?)",
                    self._pending,
                )
                self._db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])
        except sqlite3.Error:
            pass  # an unwritable cache only costs speed next time
        self._pending.clear()

    def _keep_maps(self, paths: Iterable[str]) -> None:
        """Keep the position maps of the rows of ``paths`` about to be deleted or
        replaced. An entry may have been handed out already (``review`` reads the older
        version of a file that is now gone, or changed, by its content): its maps,
        fetched when first asked, must outlive its row."""
        for path in paths:
            row = self._db.execute(
                "SELECT digest, maps FROM files WHERE path = ?", (path,)
            ).fetchone()
            if row is not None:
                self._gone_maps[(path, row[0])] = row[1]

    # Files in git's history, by blob id -----------------------------------------

    def get_blob(self, path: str, blob: str) -> LoadedFile | None:
        """The cached outcome for the file at ``path`` whose git blob is ``blob`` (a
        version in an older commit, read by ``history`` and ``review``), or None."""
        try:
            row = self._db.execute(
                "SELECT entry FROM blobs WHERE path = ? AND blob = ?", (path, blob)
            ).fetchone()
            if row is None:
                return None
            return decode(path, row[0], lambda: self._blob_maps(path, blob))
        except (sqlite3.Error, *DAMAGED):
            return None

    def put_blob(self, path: str, blob: str, loaded: LoadedFile) -> None:
        self._pending_blobs.append((path, blob, *encode(loaded)))

    def save_blobs(self) -> None:
        """Write the versions read from git this run, keeping the ``BLOBS_KEPT`` most
        recently written (old versions are many; the cache must not grow forever)."""
        if not self._pending_blobs:
            return
        write_kept(
            self._db,
            "INSERT OR REPLACE INTO blobs (path, blob, entry, maps) VALUES (?, ?, ?, ?)",
            self._pending_blobs,
            "blobs",
            BLOBS_KEPT,
        )
        self._pending_blobs.clear()

    def _blob_maps(self, path: str, blob: str) -> Maps:
        try:
            row = self._db.execute(
                "SELECT maps FROM blobs WHERE path = ? AND blob = ?", (path, blob)
            ).fetchone()
            return maps_from(row[0])
        except (sqlite3.Error, *DAMAGED):
            return {}, {}, {}

    def maps(self, path: str, key: bytes) -> Maps:
        """The position maps of a stored entry (after ``save``)."""
        kept = self._gone_maps.get((path, key))
        if kept is not None:
            with contextlib.suppress(*DAMAGED):
                return maps_from(kept)
        try:
            row = self._db.execute(
                "SELECT maps FROM files WHERE path = ? AND digest = ?", (path, key)
            ).fetchone()
            return maps_from(row[0])
        except (sqlite3.Error, *DAMAGED):
            return {}, {}, {}  # positions then fall back to the start of the file

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


def _prepare_files(db: sqlite3.Connection, salt: str) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS files "
        "(path TEXT PRIMARY KEY, digest BLOB, entry BLOB, maps BLOB)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS blobs "
        "(path TEXT, blob TEXT, entry BLOB, maps BLOB, PRIMARY KEY (path, blob))"
    )
    salted(db, "salt", salt, ("files", "blobs"))
