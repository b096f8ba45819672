"""The cache's store, and the memo of command outputs.

Everything here is light (the standard library and eqdiv's version), because a repeat
run answered from the memo imports nothing else. The cache lives in the records
repository, in ``.eqdiv-cache/`` (which ignores itself for git), as one SQLite
database; ``eqdiv.cache`` keeps parsed records in it, ``OutputMemo`` whole outputs.

The store is never trusted: a database that cannot be opened or read is deleted and
made again, and any failure to write only costs speed next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from eqdiv import __version__
from eqdiv.model.resources import data_dir

FOLDER = ".eqdiv-cache"
DATABASE = "records.sqlite3"
FORMAT = 2  # bump when what the cache holds changes
_PACKAGE = Path(__file__).resolve().parent


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def install_fingerprint() -> str:
    """eqdiv as installed: its version, its own files by name, size and modification
    time (a development checkout whose code changes without a new version number must
    not reuse old results), and the content of its shipped data (schemas, categories,
    templates)."""
    stamp = hashlib.blake2b(f"{FORMAT}:{__version__};".encode(), digest_size=16)
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            info = path.stat()
            stamp.update(
                f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns};".encode()
            )
    for name in ("schemas", "categories", "templates"):
        folder = data_dir(name)
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stamp.update(path.relative_to(folder).as_posix().encode() + b"\0")
                stamp.update(path.read_bytes())
    return stamp.hexdigest()


def open_database(
    root: Path, prepare: Callable[[sqlite3.Connection], None]
) -> sqlite3.Connection | None:
    """The cache database of the repository at ``root``, made ready by ``prepare``;
    None when it cannot be used. A database that is damaged is deleted and made again,
    once."""
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# eqdiv's cache: safe to delete, never commit.\n*\n")
    except OSError:
        return None
    path = folder / DATABASE
    for _ in range(2):
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(path, timeout=5)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise sqlite3.DatabaseError("quick_check failed")
            prepare(db)
            return db
        except sqlite3.Error:
            if db is not None:
                db.close()
            with contextlib.suppress(OSError):
                path.unlink()
    return None


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


def snapshot(root: Path) -> str:
    """A digest of every file in the records repository (names and contents), hidden
    folders aside: any edit, addition or removal changes it."""
    stamp = hashlib.blake2b(digest_size=16)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            if name.startswith("."):
                continue
            try:
                raw = (Path(folder) / name).read_bytes()
            except OSError:
                raw = b"\xff unreadable"
            stamp.update(f"{relative}/{name}\0{len(raw)}\0".encode())
            stamp.update(digest(raw))
    return stamp.hexdigest()
