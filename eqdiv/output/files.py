"""Writing an output where ``--output`` says: standard output by default; a device or
a pipe (``/dev/null``, a FIFO) as it is; a file atomically, so a reader never sees half
of it and a crash leaves the old one whole."""

from __future__ import annotations

import sys
from pathlib import Path

from eqdiv.model.errors import EqdivError
from eqdiv.store.atomic_write import write_atomic


def write_output(text: str, path: Path | None) -> None:
    """``text`` to ``path``; to standard output when ``path`` is None."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if path.exists() and not path.is_file():
        # Not a regular file, so it cannot be replaced (and must not be: as root, a
        # rename over /dev/null would succeed): write into it.
        try:
            with path.open("w", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as err:
            raise EqdivError(
                f"{path} cannot be written: {err.strerror or err}.",
                "Give the name of a file to write.",
            ) from err
        return
    write_atomic(path, text.encode("utf-8"))
