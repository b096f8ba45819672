"""Finding the records repository a command works on.

Kept apart from loading, and light on imports, because every command starts here,
including a repeat run answered from the memo before anything else is imported.
"""

from __future__ import annotations

from pathlib import Path

from eqdiv.model.errors import RepositoryNotFound
from eqdiv.model.layout import CONFIG_FILE, RECORDS_SUBFOLDER


def find_root(start: Path) -> Path:
    """The records repository holding ``start``: the nearest folder upward with an
    ``eqdiv.yaml``, or with a ``records/eqdiv.yaml`` (a project keeping its records in
    a subfolder, as this one does)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
        if (folder / RECORDS_SUBFOLDER / CONFIG_FILE).is_file():
            return folder / RECORDS_SUBFOLDER
    raise RepositoryNotFound(
        f"No records repository was found in {start} or any folder above it.",
        "A records repository is a folder with an eqdiv.yaml file. Run eqdiv inside one, "
        "or name it with --repo PATH.",
    )


def check_root(root: Path) -> Path:
    """``root`` if it is a records repository; otherwise a clear error."""
    if not root.is_dir():
        raise RepositoryNotFound(f"{root} is not a folder.", "Check the --repo path.")
    if not (root / CONFIG_FILE).is_file():
        raise RepositoryNotFound(
            f"{root} is not a records repository: it has no {CONFIG_FILE}.",
            "Point --repo at the folder holding eqdiv.yaml.",
        )
    return root.resolve()
