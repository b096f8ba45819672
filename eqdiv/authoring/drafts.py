"""Checking a record before it is written.

A draft is validated inside its repository (schema and cross-record checks: an owner
must exist, an id must not clash), so a command can refuse to write a broken record.
The write itself is ``eqdiv.store.atomic_write.write_atomic``: nothing half-written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from eqdiv.checks.references import known_people
from eqdiv.checks.validation import ValidationResult, validate
from eqdiv.model import codes
from eqdiv.model.errors import UsageError
from eqdiv.model.suggest import did_you_mean
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository

# How many people a message lists before "and N more" (people.yaml has the rest).
_PEOPLE_SHOWN = 20


def check_draft(
    root: Path,
    path: str,
    content: bytes,
    as_of: date,
    schemas: SchemaSet | None = None,
    also: Mapping[str, bytes] | None = None,
) -> ValidationResult:
    """Validate ``content`` as the file ``path`` (relative to ``root``) of the
    repository, reporting only that file's findings. ``also`` are other files written
    with it (a people directory the draft's owners are added to)."""
    repo = load_repository(root, schemas, {**(also or {}), path: content})
    result = validate(repo, as_of, [path])
    # `validate PATHS` also names links broken elsewhere; a draft is judged on its own
    # text, and problems already in other files are not its author's to fill in.
    # A clash of ids is the draft's business wherever the finding is placed.
    ids = {r.id for r in repo.records if r.path == path}
    own = tuple(
        f
        for f in result.findings
        if f.location.path == path or (f.code == codes.DUPLICATE_ID.id and f.record in ids)
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
