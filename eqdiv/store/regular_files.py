"""Reading a file a records repository holds, without trusting what it is.

A FIFO named ``x.yaml`` would block a plain read forever, ``/dev/zero`` or a huge sparse
file behind a link would fill memory, ``/dev/urandom`` would never end, and a link to
``/etc/passwd`` would put another file's text into a report. So every read of a file
from a folder goes through ``read_regular``: only a regular file, inside the folder it
must be in, and at most ``limit`` bytes of it, each checked before the read (and the
type checked again on the open file, so swapping the file in between does not help).

Light on purpose (the standard library only): the output memo reads through it on a
repeat run, before anything else is imported.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class NotRead:
    """Why a file was not read: ``reason`` is ``special`` (not a regular file),
    ``outside`` (a link out of the folder), ``oversize`` (``size`` says how large) or
    ``error`` (the system's, in ``message``)."""

    reason: str
    message: str
    size: int = 0


def read_regular(path: Path, limit: int, inside: Path | None = None) -> bytes | NotRead:
    """The bytes of the regular file at ``path``, or why they were not read: not a
    regular file (a FIFO, device, socket or folder, even behind a link), a link that
    leads out of ``inside`` (a resolved folder), more than ``limit`` bytes, or an
    error from the system. Never blocks and never reads more than ``limit + 1`` bytes."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _special(info.st_mode)
        if inside is not None and not _within(path, inside):
            return NotRead(
                "outside",
                "This is a link to a file outside the records repository; it is not read.",
            )
        if info.st_size > limit:
            return NotRead("oversize", "", info.st_size)
        # O_NONBLOCK: should a FIFO take the file's place after the check, opening it
        # does not wait for a writer (and the check below refuses it).
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        return NotRead("error", f"This file cannot be read: {err.strerror}.")
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return _special(info.st_mode)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return NotRead("oversize", "", max(total, info.st_size))
        return b"".join(chunks)
    except OSError as err:
        return NotRead("error", f"This file cannot be read: {err.strerror}.")
    finally:
        os.close(handle)


def _within(path: Path, inside: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(inside)


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _special(mode: int) -> NotRead:
    what = next((name for test, name in _KINDS if test(mode)), "a special file")
    return NotRead(
        "special",
        f"This is {what}, not a file; eqdiv reads only regular files, so it is not read.",
    )
