"""The memo of command outputs: what a read-only command printed, by a key that covers
everything it depends on, so that a repeat run prints it again without reading a record.

Light on purpose (the standard library and ``eqdiv.store.database``): the command
line's entry point imports it before anything else, and a hit imports nothing more.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.store.database import digest, open_database
from eqdiv.store.regular_files import read_regular


class OutputMemo:
    """What a read-only command printed, and its exit code, by a key that covers all
    it depends on (see ``eqdiv.cli.entry``): a repeat run with nothing changed prints
    it again without reading a single record."""

    KEEP = 50

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, root: Path) -> OutputMemo | None:
        def prepare(db: sqlite3.Connection) -> None:
            db.execute(
                "CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, stdout TEXT, "
                "stderr TEXT, code INTEGER, used INTEGER)"
            )

        db = open_database(root, prepare)
        return cls(db) if db is not None else None

    def get(self, key: str) -> tuple[str, str, int] | None:
        try:
            row = self._db.execute(
                "SELECT stdout, stderr, code FROM outputs WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[2], int):
            return None
        return str(row[0]), str(row[1]), row[2]

    def put(self, key: str, stdout: str, stderr: str, code: int) -> None:
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, "
                    "(SELECT COALESCE(MAX(used), 0) + 1 FROM outputs))",
                    (key, stdout, stderr, code),
                )
                self._db.execute(
                    "DELETE FROM outputs WHERE key NOT IN "
                    "(SELECT key FROM outputs ORDER BY used DESC LIMIT ?)",
                    (self.KEEP,),
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


def snapshot(root: Path, digests: dict[str, bytes] | None = None) -> str:
    """A digest of every file in the records repository (names and contents), hidden
    folders aside: any edit, addition or removal changes it. Files are read as records
    are (``read_regular``): a FIFO or device is stamped by what it is and never opened,
    and a file too large to be a record by its size and modification time. Each file's
    own digest goes into ``digests`` (by relative path), for the record reader to use
    rather than read and hash the file again (``eqdiv.store.known_digests``)."""
    stamp = hashlib.blake2b(digest_size=16)
    inside = Path(os.path.realpath(root))
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            found = read_regular(path, MAX_RECORD_BYTES, inside)
            if isinstance(found, bytes):
                key = digest(found)
                stamp.update(f"{relative}/{name}\0{len(found)}\0".encode())
                stamp.update(key)
                if digests is not None:
                    digests[name if relative == "." else f"{relative}/{name}"] = key
            else:
                stamp.update(f"{relative}/{name}\0{found.reason}\0{_changed(path)}\0".encode())
    return stamp.hexdigest()


def stat_stamp(root: Path) -> str:
    """A digest of every file's name, size and modification time (as ``snapshot``
    walks them), without reading any: taken before the memo's key and again after the
    run, a difference says a file was saved meanwhile, so the output may be of text
    the key was not taken of and must not be remembered."""
    stamp = hashlib.blake2b(digest_size=16)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder) / name
                stamp.update(f"{path}\0{_changed(path)}\0".encode())
    return stamp.hexdigest()


def _changed(path: Path) -> str:
    """A file's size and modification time, for a file that is not read."""
    try:
        info = path.stat()
    except OSError:
        return "-"
    return f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}"
