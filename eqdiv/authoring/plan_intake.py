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
from eqdiv.authoring.naming import FOLDERS, record_path, taken_ids
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
    )
    result = import_plan(table, as_of, options)
    if result.record is None:
        return PlanImportOutcome(root, as_of, result, None, (), written=False)
    path = request.output or record_path(root, "action-plan", str(result.record["id"]))
    if (root / path).exists():
        raise UsageError(
            f"{path} already exists; eqdiv does not overwrite it.",
            "Choose another id with --id, or another file with --output.",
        )
    content = result.text.encode("utf-8")
    findings = check_draft(root, path, content, as_of).findings
    outcome = PlanImportOutcome(root, as_of, result, path, findings, written=False)
    if request.dry_run or (outcome.failed and not request.allow_gaps):
        return outcome
    write_atomic(root / path, content, new=True)
    return PlanImportOutcome(root, as_of, result, path, findings, written=True)
