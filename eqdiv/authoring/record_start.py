"""``eqdiv new KIND`` as a function: fill a skeleton's essentials (from what was given,
then from ``ask`` for what was not), choose an id, check the draft, and write it unless
it is a dry run. A new record is written even with blanks: ``eqdiv validate`` names
each one until it is filled."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft, check_person
from eqdiv.authoring.naming import FOLDERS, record_path, taken_ids
from eqdiv.authoring.skeletons import KINDS, OWNER, PARTNER, Essential, NewRecord, new_record
from eqdiv.model.errors import UsageError
from eqdiv.model.findings import Finding
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import Repository, load_repository

# Asks the user for one essential (the repository names the people to choose from);
# an empty answer leaves it blank.
Ask = Callable[[Essential, Repository], str]


@dataclass(frozen=True)
class NewOutcome:
    """The record made, the blanks and problems its draft has, and whether it was
    written (not with ``--dry-run``)."""

    root: Path
    as_of: date
    record: NewRecord
    findings: tuple[Finding, ...]
    written: bool

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv new --format json``."""
        return {
            **envelope("new", str(self.root), self.as_of.isoformat()),
            "kind": self.record.kind,
            "id": self.record.id,
            "path": self.record.path,
            "written": self.written,
            "findings": [finding_to_dict(f) for f in self.findings],
        }


def start_record(
    root: Path,
    kind: str,
    given: Mapping[str, str | None],
    as_of: date,
    *,
    record_id: str | None = None,
    ask: Ask | None = None,
    dry_run: bool = False,
) -> NewOutcome:
    """A new record of ``kind`` in the repository at ``root``, with the essentials in
    ``given`` (by name: title, owner, date, framework; None or empty is not given)."""
    existing = load_repository(root)
    spec = KINDS[kind]
    owner = given.get(OWNER)
    if owner is not None and any(e.name == OWNER for e in spec.essentials):
        check_person(existing, owner, "--owner")
    partner = given.get(PARTNER)
    if partner:
        check_partner(existing, partner)
    values = {name: value for name, value in given.items() if value}
    if ask is not None:
        for essential in spec.essentials:
            answer = values.get(essential.name) or ask(essential, existing)
            if answer:
                values[essential.name] = answer
    ids = {r.id for r in existing.records}
    if record_id is not None:
        record_path(root, kind, record_id)
        if record_id in ids:
            raise UsageError(f"The id '{record_id}' is already used.", "Choose another.")
    taken = taken_ids(root, ids, FOLDERS[kind])
    record = new_record(kind, values, existing.config, taken, as_of, record_id)
    path = record_path(root, kind, record.id)  # inside the repository, however reached
    if (root / path).exists():
        raise UsageError(f"{path} already exists; eqdiv does not overwrite it.")
    content = record.text.encode("utf-8")
    findings = check_draft(root, path, content, as_of).findings
    if not dry_run:
        write_atomic(root / path, content, new=True)
    return NewOutcome(root, as_of, record, findings, written=not dry_run)


def check_partner(existing: Repository, partner: str) -> None:
    """A usage error unless ``partner`` is a partner id in eqdiv.yaml."""
    known = {p.id for p in existing.config.partners}
    if partner not in known:
        raise UsageError(
            f"'{partner}' is not a partner in eqdiv.yaml.",
            did_you_mean(partner, known) + "Partners: " + ", ".join(sorted(known)) + ".",
        )
