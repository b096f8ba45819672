"""The cache's database, shared by the record cache and the output memo.

Everything here is light (the standard library and eqdiv's version), because a repeat
run answered from the memo imports nothing else. The cache lives in the records
repository, in ``.eqdiv-cache/`` (which ignores itself for git), as one SQLite
database; ``eqdiv.store.record_cache`` keeps parsed records in it,
``eqdiv.store.output_memo`` whole outputs.

The store is never trusted: a database that cannot be opened or read is deleted and
made again, and any failure to write only costs speed next time. One held locked by
another process (a long run of eqdiv beside this one, or anything else) is waited for
only ``CACHE_LOCK_WAIT`` seconds: then this run goes on without the cache, and the
database is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from eqdiv import __version__
from eqdiv.model.limits import CACHE_LOCK_WAIT
from eqdiv.model.resources import data_dir

FOLDER = ".eqdiv-cache"
DATABASE = "records.sqlite3"
FORMAT = 2  # bump when what the cache holds changes
# This module is eqdiv/store/database.py: the package is two folders up.
_PACKAGE = Path(__file__).resolve().parent.parent


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
    root: Path, prepare: Callable[[sqlite3.Connection], None], *, checked: bool = False
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
            db = sqlite3.connect(path, timeout=CACHE_LOCK_WAIT)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            # ``checked``: another connection of this run has just checked it (on a
            # large cache the check costs a third of a second).
            if not checked and db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise sqlite3.DatabaseError("quick_check failed")
            prepare(db)
            return db
        except sqlite3.Error as err:
            if db is not None:
                db.close()
            if is_locked(err):
                return None  # in use elsewhere, not damaged: run uncached, keep it
            with contextlib.suppress(OSError):
                path.unlink()
    return None


def salted(db: sqlite3.Connection, name: str, salt: str, tables: tuple[str, ...]) -> None:
    """Empty ``tables`` unless the salt kept under ``name`` is ``salt``, then keep it:
    entries written under another salt (other schemas, another eqdiv) are never read."""
    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    if row is None or row[0] != salt:
        with db:
            for table in tables:
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, salt))


def write_kept(
    db: sqlite3.Connection, insert: str, rows: Sequence[tuple[object, ...]], table: str, kept: int
) -> None:
    """Run ``insert`` for ``rows``, then keep only the ``kept`` rows of ``table`` written
    last (old versions are many; the cache must not grow forever). A cache that cannot
    be written only costs speed next time."""
    try:
        with db:
            db.executemany(insert, rows)
            db.execute(
                f"DELETE FROM {table} WHERE rowid NOT IN "
                f"(SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT ?)",
                (kept,),
            )
    except sqlite3.Error:
        pass


def is_locked(err: sqlite3.Error) -> bool:
    """Whether ``err`` says another connection holds the database (after waiting
    ``CACHE_LOCK_WAIT``), rather than that the database is damaged."""
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(err)
