"""Adding people to the people directory as roles to fill in: what ``eqdiv import plan
--add-people`` does with owners the directory does not list yet, so that a plan can be
brought into a new records repository in one step.

Each is added by the id the plan uses, with a role that says it is to be filled in; the
people file is changed in place (comments kept), or ``people.yaml`` is started.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eqdiv.model.errors import UsageError
from eqdiv.store.repository import Repository
from eqdiv.yamlio.editor import YamlEdit
from eqdiv.yamlio.source import UTF8_BOM
from eqdiv.yamlio.writer import dump

NEW_FILE = "people.yaml"


@dataclass(frozen=True)
class PeopleAdded:
    """The people file before (None: there was none) and after."""

    path: str
    before: bytes | None
    after: bytes
    ids: tuple[str, ...]


def role_to_fill(person_id: str) -> str:
    return f"Role to fill in (named {person_id} in an imported plan)"


def add_people(root: Path, repo: Repository, ids: Sequence[str]) -> PeopleAdded:
    """``ids`` added to the people directory of ``repo`` (at ``root``). Nothing is
    written here."""
    entries = [{"id": i, "role": role_to_fill(i)} for i in ids]
    files = sorted(r.path for r in repo.records if r.kind == "people" and r.valid)
    if not files:
        if (root / NEW_FILE).exists():
            raise UsageError(
                f"{NEW_FILE} cannot be read as the people directory, so eqdiv cannot add to it.",
                f"Run `eqdiv validate {NEW_FILE}` and fix it first.",
            )
        text = dump({"kind": "people", "id": "people", "people": entries})
        return PeopleAdded(NEW_FILE, None, text.encode("utf-8"), tuple(ids))
    path = files[0]
    before = (root / path).read_bytes()
    bom = UTF8_BOM if before.startswith(UTF8_BOM) else b""
    editor = YamlEdit(before[len(bom) :].decode("utf-8"), path)
    for entry in entries:
        editor.append("/people", entry)
    return PeopleAdded(path, before, bom + editor.result().encode("utf-8"), tuple(ids))
