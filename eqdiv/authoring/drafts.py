"""Checking a record before it is written, and writing it so that nothing is ever
half-written.

A draft is validated inside its repository (schema and cross-record checks: an owner
must exist, an id must not clash), so a command can refuse to write a broken record.
The write goes to a temporary file in the same folder, is flushed to disk, and then
renamed over the target in one step: a crash or a kill leaves the old file whole.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from contextlib import suppress
from datetime import date
from pathlib import Path

from eqdiv.checks.references import known_people
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.suggest import did_you_mean
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository
from eqdiv.validation import ValidationResult, validate

# How many people a message lists before "and N more" (people.yaml has the rest).
_PEOPLE_SHOWN = 20


def check_draft(
    root: Path, path: str, content: bytes, as_of: date, schemas: SchemaSet | None = None
) -> ValidationResult:
    """Validate ``content`` as the file ``path`` (relative to ``root``) of the
    repository, reporting only that file's findings."""
    repo = load_repository(root, schemas, {path: content})
    result = validate(repo, as_of, [path])
    # `validate PATHS` also names links broken elsewhere; a draft is judged on its own
    # text, and problems already in other files are not its author's to fill in.
    # A clash of ids is the draft's business wherever the finding is placed.
    ids = {r.id for r in repo.records if r.path == path}
    own = tuple(
        f
        for f in result.findings
        if f.location.path == path or (f.code == "duplicate-id" and f.record in ids)
    )
    return dataclasses.replace(result, findings=own)


def check_person(repo: Repository, person_id: str, option: str = "") -> None:
    """A people id given with ``option`` (``--owner``, ``--by``) must name someone in
    the people directory: a record naming anyone else fails validation, so this is a
    usage error before anything is written."""
    known = known_people(repo)
    if known is None or person_id in known:
        return
    named = f"{option} '{person_id}'".lstrip()
    files = sorted(r.path for r in repo.records if r.kind == "people")
    if not files:
        raise UsageError(
            f"{named}: there is no people directory to find them in.",
            f"Start one with `eqdiv new people`, and list {person_id} there with their role.",
        )
    listed = sorted(known)
    if len(listed) > _PEOPLE_SHOWN:
        listed[_PEOPLE_SHOWN:] = [f"and {len(listed) - _PEOPLE_SHOWN} more"]
    raise UsageError(
        f"{named} is not in the people directory ({', '.join(files)}).",
        did_you_mean(person_id, known)
        + (f"People: {', '.join(listed)}. " if listed else "It lists no one yet. ")
        + f"Add someone new to {files[0]} first.",
    )


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
