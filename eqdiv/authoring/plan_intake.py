"""``eqdiv import plan`` as a function: read a spreadsheet, turn it into an action-plan
record, check the record against the repository, and write it or not.

The rule for writing: a record is written when the spreadsheet could be read, it is not
a dry run, and neither the spreadsheet nor the record has an error (or ``allow_gaps``
says to write what could be read, leaving the blanks to fill in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft
from eqdiv.authoring.earlier_import import earlier_import
from eqdiv.authoring.naming import FOLDERS, record_path, taken_ids
from eqdiv.authoring.people_roles import PeopleAdded, add_people
from eqdiv.authoring.plan_import import ImportOptions, PlanImport, import_plan
from eqdiv.authoring.tables import read_table
from eqdiv.model.due_text import Cadence
from eqdiv.model.errors import UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import load_repository


@dataclass(frozen=True)
class PlanRequest:
    """What the user asked for. ``columns`` maps a role to a heading or column letter;
    ``names`` maps text in owner cells to people ids; ``output`` is a path inside the
    repository (default ``plans/ID.yaml``)."""

    file: Path
    sheet: str | None = None
    plan_id: str | None = None
    title: str | None = None
    owner: str | None = None
    framework: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    review: Cadence = "quarterly"
    names: Mapping[str, str] = field(default_factory=dict)
    output: str | None = None
    dry_run: bool = False
    allow_gaps: bool = False
    add_people: bool = False  # owners the people directory lacks are added as roles


@dataclass(frozen=True)
class PlanImportOutcome:
    """What the import did: the spreadsheet's reading, where the record goes (None when
    the table could not be read), the findings the record would bring, and whether it
    was written. ``failed`` (exit 1) when the spreadsheet or the record has an error."""

    root: Path
    as_of: date
    result: PlanImport
    path: str | None
    findings: tuple[Finding, ...]
    written: bool
    people: PeopleAdded | None = None  # owners added to the people directory

    @property
    def failed(self) -> bool:
        return bool(self.result.errors) or any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv import plan --format json``."""
        return {
            **envelope("import plan", str(self.root), self.as_of.isoformat()),
            "source": self.result.source,
            "path": self.path,
            "written": self.written,
            "actions": self.result.actions,
            "problems": [p.to_dict() for p in self.result.problems],
            "findings": [finding_to_dict(f) for f in self.findings],
            "record": self.result.record,
            "people_added": list(self.people.ids) if self.people and self.written else [],
        }


def import_plan_file(root: Path, request: PlanRequest, as_of: date) -> PlanImportOutcome:
    """Import ``request.file`` into the records repository at ``root``, dated ``as_of``.
    A file already at the record's path is a usage error: eqdiv never overwrites."""
    if request.plan_id is not None:
        record_path(root, "action-plan", request.plan_id)  # refused before anything is read
    existing = load_repository(root)
    table = read_table(request.file, request.sheet)
    folder = FOLDERS["action-plan"]
    options = ImportOptions(
        plan_id=request.plan_id,
        title=request.title,
        owner=request.owner,
        framework=request.framework,
        columns=request.columns,
        review=request.review,
        people=frozenset(existing.people),
        names=request.names,
        year_start_month=existing.config.year_start_month,
        taken=taken_ids(root, {r.id for r in existing.records}, folder),
        add_people=request.add_people,
    )
    result = import_plan(table, as_of, options)
    if result.record is None:
        return PlanImportOutcome(root, as_of, result, None, (), written=False)
    earlier = None if request.plan_id else earlier_import(result.record, existing.plans)
    if earlier is not None:
        raise UsageError(
            f"{request.file.name} was imported before: {earlier.shared} of its "
            f"{earlier.total} actions are already in plan {earlier.plan.id} "
            f"({earlier.plan.location.path}). Nothing was written.",
            f"Record progress on that plan with `eqdiv action update {earlier.plan.id} "
            "ACTION --status ...`; to import it as a new plan all the same, give it an id "
            "with --id.",
        )
    path = request.output or record_path(root, "action-plan", str(result.record["id"]))
    if (root / path).exists():
        raise UsageError(
            f"{path} already exists; eqdiv does not overwrite it.",
            "Choose another id with --id, or another file with --output.",
        )
    people = add_people(root, existing, result.new_people) if result.new_people else None
    also = {people.path: people.after} if people else None
    content = result.text.encode("utf-8")
    findings = check_draft(root, path, content, as_of, also=also).findings
    outcome = PlanImportOutcome(root, as_of, result, path, findings, False, people)
    if request.dry_run or (outcome.failed and not request.allow_gaps):
        return outcome
    if people is not None:
        write_atomic(root / people.path, people.after, new=people.before is None)
    write_atomic(root / path, content, new=True)
    return PlanImportOutcome(root, as_of, result, path, findings, True, people)
