"""``eqdiv import cases`` as a function: check what was asked (the partner, the year,
the column map), read the export, turn it into a case-log record, check the record
against the repository, and write it or not (the rule of ``plan_intake``: nothing with
an error unless ``allow_gaps`` writes the rows that could be read)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.case_import import FIELDS, CaseImport, CaseImportOptions, import_cases
from eqdiv.authoring.drafts import check_draft
from eqdiv.authoring.naming import FOLDERS, taken_ids
from eqdiv.authoring.plan_columns import normalise
from eqdiv.authoring.record_start import check_partner
from eqdiv.authoring.tables import read_table
from eqdiv.model.config import Config
from eqdiv.model.errors import UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.periods import parse_period, year_of
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import load_repository


@dataclass(frozen=True)
class CaseRequest:
    """What the user asked for: ``maps`` are ``FIELD=HEADING`` items from ``--map``
    (added to the saved map); ``output`` is a path inside the repository."""

    file: Path
    partner: str
    period: str | None = None
    maps: Sequence[str] = ()
    sheet: str | None = None
    log_id: str | None = None
    output: str | None = None
    dry_run: bool = False
    allow_gaps: bool = False


@dataclass(frozen=True)
class CaseImportOutcome:
    root: Path
    as_of: date
    result: CaseImport
    path: str | None
    findings: tuple[Finding, ...] = ()
    written: bool = False
    columns: Mapping[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.result.errors) or any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv import cases --format json``."""
        return {
            **envelope("import cases", str(self.root), self.as_of.isoformat()),
            "source": self.result.source,
            "path": self.path,
            "written": self.written,
            "cases": self.result.cases,
            "left_out": list(self.result.left_out),
            "problems": [p.to_dict() for p in self.result.problems],
            "findings": [finding_to_dict(f) for f in self.findings],
        }


def column_map(saved: Mapping[str, str], maps: Sequence[str]) -> dict[str, str]:
    """The saved map with each ``FIELD=HEADING`` of ``maps`` over it."""
    columns = dict(saved)
    for item in maps:
        name, sep, heading = item.partition("=")
        name = name.strip()
        if not sep or not heading.strip():
            raise UsageError(
                f"--map '{item}' is not FIELD=HEADING.", "For example received='Date Logged'."
            )
        if name not in FIELDS:
            raise UsageError(
                f"--map: '{name}' is not a field of a case.",
                did_you_mean(name, FIELDS) + "Fields: " + ", ".join(FIELDS) + ".",
            )
        columns[name] = heading.strip()
    return columns


def _year(config: Config, period: str | None, as_of: date) -> int:
    start = config.year_start_month
    if period is None:
        return year_of(as_of, start)
    chosen = parse_period(period, start)
    if "Q" in chosen.label:
        raise UsageError("A case log covers a year: give --period 2007 or 2007/08.")
    return chosen.start.year


def import_case_file(root: Path, request: CaseRequest, as_of: date) -> CaseImportOutcome:
    """Import ``request.file`` into the records repository at ``root`` as of ``as_of``.
    An id or file already there is a usage error: eqdiv never overwrites."""
    existing = load_repository(root)
    config = existing.config
    check_partner(existing, request.partner)
    year = _year(config, request.period, as_of)
    columns = column_map(config.cases.import_map, request.maps)
    folder = FOLDERS["case-log"]
    log_id = request.log_id or f"cases-{request.partner}-{year}"
    if log_id in taken_ids(root, {r.id for r in existing.records}, folder):
        raise UsageError(
            f"The id '{log_id}' is already used.",
            "Add the cases to that log by hand, or choose another id with --id.",
        )
    groups = {normalise(g.id): g.id for g in config.groups}
    groups |= {normalise(g.label): g.id for g in config.groups}
    options = CaseImportOptions(
        partner=request.partner,
        period=str(year),
        log_id=log_id,
        columns=columns,
        partners=frozenset(p.id for p in config.partners),
        groups=groups,
    )
    result = import_cases(read_table(request.file, request.sheet), options)
    if result.record is None:
        return CaseImportOutcome(root, as_of, result, None, columns=columns)
    path = request.output or f"{folder}/{log_id}.yaml"
    if (root / path).exists():
        raise UsageError(
            f"{path} already exists; eqdiv does not overwrite it.",
            "Choose another id with --id, or another file with --output.",
        )
    content = result.text.encode("utf-8")
    findings = check_draft(root, path, content, as_of).findings
    outcome = CaseImportOutcome(root, as_of, result, path, findings, columns=columns)
    if request.dry_run or (outcome.failed and not request.allow_gaps):
        return outcome
    write_atomic(root / path, content, new=True)
    return CaseImportOutcome(root, as_of, result, path, findings, True, columns)
