"""Writing a file so that nothing is ever half-written: the content goes to a
temporary file in the same folder, is flushed to disk, and is then renamed over the
target in one step, so a crash or a kill leaves the old file whole."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

from eqdiv.model.errors import EqdivError


def write_atomic(target: Path, content: bytes, *, new: bool = False) -> None:
    """Replace (or, with ``new``, create) ``target`` with ``content`` in one step.
    Its permissions are kept; a new file gets the usual ones (after the umask)."""
    if new and target.exists():
        raise EqdivError(f"{target} already exists; eqdiv does not overwrite it.")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        # A leading dot: if eqdiv is killed mid-write, eqdiv validate skips the leftover.
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise EqdivError(f"{target} cannot be written: {err.strerror}.") from err
    temporary = Path(name)
    replaced = False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(target)
        replaced = True
    except OSError as err:
        raise EqdivError(
            f"{target} cannot be written: {err.strerror}.",
            "Nothing was changed: the file is as it was.",
        ) from err
    finally:
        if not replaced:  # a failure, or an interrupt: leave no temporary file behind
            with suppress(OSError):
                temporary.unlink()
    _sync_folder(folder)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
