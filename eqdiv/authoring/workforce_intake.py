"""``eqdiv import workforce`` as a function: check the request against the records,
read the spreadsheet, check the return as it would be written, and write it when it is
clean. The command line only parses options and shows the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft, check_person
from eqdiv.authoring.naming import is_id
from eqdiv.authoring.plan_cells import ImportProblem
from eqdiv.authoring.tables import read_table
from eqdiv.authoring.workforce_import import ROLES, WorkforceImportOptions, import_workforce
from eqdiv.figures.census import category_scheme
from eqdiv.model.errors import UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.periods import parse_period
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import Repository, load_repository


@dataclass(frozen=True)
class WorkforceRequest:
    file: Path
    partner: str
    period: str | None = None
    start: date | None = None
    end: date | None = None
    record_id: str | None = None
    prepared_by: str | None = None
    columns: tuple[str, ...] = ()  # ROLE=HEADING
    sheet: str | None = None
    output: str | None = None  # a path inside the repository
    dry_run: bool = False


@dataclass(frozen=True)
class WorkforceImportOutcome:
    root: str
    as_of: date
    source: str
    path: str | None
    written: bool
    figures: int
    text: str
    record: dict[str, Any] | None
    problems: tuple[ImportProblem, ...]
    findings: tuple[Finding, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems) or any(
            f.severity is Severity.ERROR for f in self.findings
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            **envelope("import workforce", self.root, self.as_of.isoformat()),
            "source": self.source,
            "path": self.path,
            "written": self.written,
            "figures": self.figures,
            "problems": [p.to_dict() for p in self.problems],
            "findings": [finding_to_dict(f) for f in self.findings],
            "record": self.record,
        }


def _period(request: WorkforceRequest, start_month: int) -> tuple[date, date, str]:
    """The period's first and last day, and how the default id names it."""
    if request.period is not None:
        if request.start is not None or request.end is not None:
            raise UsageError("Give --period, or --start and --end, not both.")
        chosen = parse_period(request.period, start_month)
        # Named as the example returns are: wf-council-2007 (a year), wf-council-2007q2.
        label = (
            str(chosen.start.year) if chosen.days > 92 else request.period.replace("-", "").lower()
        )
        return chosen.start, chosen.end, label
    if request.start is not None and request.end is not None:
        if request.end < request.start:
            raise UsageError(
                f"--end ({request.end.isoformat()}) is before --start "
                f"({request.start.isoformat()})."
            )
        return request.start, request.end, request.start.isoformat()
    raise UsageError("Say which period the figures cover: --period 2007/08, or --start and --end.")


def _columns(items: tuple[str, ...]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for item in items:
        role, sep, heading = item.partition("=")
        role = role.strip().lower()
        if not sep or role not in ROLES or not heading.strip():
            raise UsageError(
                f"--column '{item}' is not ROLE=HEADING.",
                f"ROLE is one of {', '.join(ROLES)}; for example --column 'count=Headcount'.",
            )
        columns[role] = heading.strip()
    return columns


def _check_request(existing: Repository, request: WorkforceRequest) -> None:
    partners = [p.id for p in existing.config.partners]
    if request.partner not in partners:
        raise UsageError(
            f"'{request.partner}' is not a partner in eqdiv.yaml.",
            did_you_mean(request.partner, partners) + f"Partners: {', '.join(partners)}.",
        )
    if request.prepared_by is not None:
        check_person(existing, request.prepared_by, "--prepared-by")


def import_workforce_file(
    root: Path, request: WorkforceRequest, as_of: date
) -> WorkforceImportOutcome:
    """Read ``request.file`` into a workforce return of the repository at ``root``;
    write it (unless ``dry_run``) when it has no problem."""
    existing = load_repository(root)
    _check_request(existing, request)
    first, last, label = _period(request, existing.config.year_start_month)
    columns = _columns(request.columns)
    chosen = request.record_id or f"wf-{request.partner}-{label}"
    if not is_id(chosen):
        raise UsageError(f"'{chosen}' is not an id.", "Ids are letters, digits, '.', '_' or '-'.")
    if chosen in {r.id for r in existing.records}:
        raise UsageError(f"The id '{chosen}' is already used.", "Choose another with --id.")
    table = read_table(request.file, request.sheet)
    options = WorkforceImportOptions(
        chosen,
        request.partner,
        first,
        last,
        category_scheme(existing.config),
        columns,
        request.prepared_by,
    )
    result = import_workforce(table, options)
    path: str | None = None
    findings: tuple[Finding, ...] = ()
    if result.record is not None:
        path = request.output or f"workforce/{chosen}.yaml"
        if (root / path).exists():
            raise UsageError(
                f"{path} already exists; eqdiv does not overwrite it.",
                "Choose another id with --id, or another file with --output.",
            )
        findings = check_draft(root, path, result.text.encode("utf-8"), as_of).findings
    outcome = WorkforceImportOutcome(
        str(root),
        as_of,
        result.source,
        path,
        False,
        result.figures,
        result.text,
        result.record,
        result.problems,
        findings,
    )
    if result.record is None or request.dry_run or outcome.failed:
        return outcome
    assert path is not None
    write_atomic(root / path, result.text.encode("utf-8"), new=True)
    return WorkforceImportOutcome(**{**outcome.__dict__, "written": True})
