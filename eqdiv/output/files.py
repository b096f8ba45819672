"""Writing an output to a file (``--output FILE``) so that a reader never sees half of
it: the text goes to a temporary file beside the target, which then replaces it in one
step. A crash or a kill mid-write leaves the old file as it was."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from eqdiv.errors import EqdivError


def write_output(text: str, path: Path | None) -> None:
    """``text`` to ``path``, atomically; to standard output when ``path`` is None."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        if path.exists() and not path.is_file():
            # A device or a pipe (/dev/null, a FIFO) cannot be replaced: write to it.
            with path.open("w", encoding="utf-8") as stream:
                stream.write(text)
            return
        folder = path.parent if str(path.parent) else Path()
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary).replace(path)
        finally:
            # Gone once it has replaced the target; left behind only by a failure.
            Path(temporary).unlink(missing_ok=True)
    except OSError as err:
        raise EqdivError(
            f"{path} cannot be written: {err.strerror or err}.",
            "Check that the folder exists and that you may write to it.",
        ) from err
