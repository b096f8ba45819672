"""eqdiv's Python API: the calls most programs need, as plain functions.

    from datetime import date
    from eqdiv import api

    repo = api.load("records")
    day = date(2007, 10, 1)
    result = api.validate(repo, day)      # result.findings, result.fails()
    screen = api.status(repo, day)        # screen.to_dict() is `eqdiv status --format json`
    change = api.review("records", as_of=day)
    model = api.report(repo, day, "quarterly", "2007-Q2")
    html = api.render(model, "html", repo)

and the calls that write records, each the Python side of a command:

    made = api.start_record("records", "eia", day, title="Library opening hours", owner="DH")
    plan = api.import_plan("records", "plan.xlsx", day, dry_run=True)
    done = api.update_action("records", "parent-partnership-2007", "1d", day, status="complete")

Each returns a value and never prints, exits or reads the clock: the day is always
given. Problems in the records are findings in the result; an ``EqdivError`` means
eqdiv could not run at all (no records repository, a bad git revision), and its
``UsageError`` that a call asked for something impossible (an unknown partner, a taken
id). Every result of a writing call has ``to_dict()``, the command's ``--format json``,
and ``failed`` (or ``blocked``): true when nothing was written because the record would
have had errors. ``root`` is the records repository (a folder holding ``eqdiv.yaml``)
and ``as_of`` the day the call works to (``--as-of``). ``dry_run=True`` writes
nothing. The packages below hold the rest (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from eqdiv.authoring.action_update import ActionChange, ActionUpdateOutcome, update_action_file
from eqdiv.authoring.case_intake import CaseImportOutcome, CaseRequest, import_case_file
from eqdiv.authoring.census_import import DEFAULT_ID as CENSUS_ID
from eqdiv.authoring.census_import import CensusOutcome, import_census_files
from eqdiv.authoring.eia_signoff import EiaSignOff, sign_off_file
from eqdiv.authoring.naming import inside_path
from eqdiv.authoring.plan_intake import PlanImportOutcome, PlanRequest, import_plan_file
from eqdiv.authoring.record_start import NewOutcome
from eqdiv.authoring.record_start import start_record as _start_record
from eqdiv.authoring.scaffold import InitOutcome
from eqdiv.authoring.scaffold import init_repository as _init_repository
from eqdiv.authoring.skeletons import DATE, FRAMEWORK, OWNER, PARTNER, TITLE
from eqdiv.authoring.workforce_intake import (
    WorkforceImportOutcome,
    WorkforceRequest,
    import_workforce_file,
)
from eqdiv.checks.validation import ValidationResult
from eqdiv.checks.validation import validate as _validate
from eqdiv.model.due_text import cadence_from_text
from eqdiv.model.plans import ActionStatus
from eqdiv.report import (
    Report,
    annual_for,
    annual_report,
    quarter_for,
    quarterly_report,
    render_report,
)
from eqdiv.review import Review
from eqdiv.review import review as _review
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.standards.assess_run import Assessment
from eqdiv.standards.assess_run import assess as _assess
from eqdiv.status import Status, build_status
from eqdiv.store.locate import check_root
from eqdiv.store.record_cache import RecordCache, salt
from eqdiv.store.repository import Repository, load_repository

ReportKind = Literal["quarterly", "annual"]
ReportFormat = Literal["html", "md", "txt"]
RecordKind = Literal[
    "action-plan",
    "eia",
    "consultation",
    "demographics",
    "people",
    "case-log",
    "objective",
    "indicator",
    "workforce",
    "contract",
    "sharing-agreement",
    "outcome-evidence",
]
Framework = Literal["eslg-2007", "eflg-2021"]
ActionStatusName = Literal[
    "not_started", "in_progress", "ongoing", "complete", "deferred", "cancelled"
]


def load(root: str | Path, *, cache: bool = False) -> Repository:
    """Every record in the records repository at ``root`` (a folder holding
    ``eqdiv.yaml``), read and checked against its schema. ``cache=True`` keeps what was
    learnt in the repository's ``.eqdiv-cache/`` for the next run, as the command line
    does."""
    folder = check_root(Path(root))
    schemas = SchemaSet.load()
    store = RecordCache.open(folder, salt(schemas.fingerprint)) if cache else None
    return load_repository(folder, schemas, cache=store)


def validate(repo: Repository, as_of: date) -> ValidationResult:
    """Every problem in the records on ``as_of``: each file's, then the links between
    them (``eqdiv validate``)."""
    return _validate(repo, as_of)


def status(repo: Repository, as_of: date, owner: str | None = None) -> Status:
    """What needs attention on ``as_of`` (``eqdiv status``); with ``owner`` (a people
    id), only what they own or lead."""
    return build_status(repo, as_of, owner)


def review(
    root: str | Path, base: str | None = None, head: str | None = None, *, as_of: date
) -> Review:
    """What a change to the records does (``eqdiv review``): from ``base`` (default:
    where the branch left the default branch) to ``head`` (default: the working tree)."""
    return _review(check_root(Path(root)), base, head, as_of=as_of)


def report(
    repo: Repository, as_of: date, kind: ReportKind = "quarterly", period: str | None = None
) -> Report:
    """A report's view model (``eqdiv report quarterly|annual --format json``): every
    figure and sentence it shows, small numbers already suppressed. ``kind`` is the
    quarterly progress report or the annual equality information; ``period`` names a
    quarter (``2007-Q2``) or a year (``2007/08``); by default the last complete one."""
    if kind == "quarterly":
        return quarterly_report(repo, as_of, quarter_for(repo, as_of, period))
    return annual_report(repo, as_of, annual_for(repo, as_of, period))


def render(
    model: Report, format: ReportFormat, repo: Repository, *, large_print: bool = False
) -> str:
    """A report's view ``model`` as text, with the built-in template for ``format`` (or
    the records repository's own, from its ``templates/`` folder); ``large_print`` makes
    the HTML large print."""
    return render_report(model, f"{model.kind}.{format}", repo.root, large_print=large_print)


def assess(root: str | Path, as_of: date, framework: str | None = None) -> Assessment:
    """Where the records put the partnership on ``as_of`` against an equality
    ``framework`` (``eqdiv assess``: eslg-2007, eflg-2021 or a repository's own;
    default: the latest self-assessment's, else the action plans'), criterion by
    criterion, with the evidence found and missing; ``failed`` when a self-assessment
    claims what the records do not show."""
    return _assess(check_root(Path(root)), as_of, framework)


def init_repository(
    folder: str | Path,
    name: str,
    *,
    strand_set: Literal["equality-act-2010", "six-strands"] | None = None,
    organisation: str | None = None,
    git: bool = True,
    ci_install: str | None = None,
) -> InitOutcome:
    """A new records repository in ``folder`` (``eqdiv init``): ``eqdiv.yaml`` for the
    partnership ``name`` with its ``strand_set`` (default equality-act-2010) and first
    partner ``organisation``, a people file, a folder per kind of record, the pre-commit
    hook and CI workflow (installing eqdiv from ``ci_install``, default the wheels
    folder), and, with ``git``, a git repository with a first commit. A folder that
    already holds records is refused (``EqdivError``)."""
    given = {"name": name, "strand_set": strand_set, "organisation": organisation}
    return _init_repository(Path(folder), given, use_defaults=True, git=git, ci_install=ci_install)


def start_record(
    root: str | Path,
    kind: RecordKind,
    as_of: date,
    *,
    title: str | None = None,
    owner: str | None = None,
    start: date | None = None,
    framework: Framework | None = None,
    partner: str | None = None,
    record_id: str | None = None,
    dry_run: bool = False,
) -> NewOutcome:
    """A new record of ``kind`` from its template, in its usual folder (``eqdiv new``):
    with its ``title``, ``owner`` (a people id), first day ``start`` (a consultation or
    workforce return), ``framework`` (an action plan) and ``partner`` (a case log or
    workforce return) where given; what is not given is left blank, and validation
    names each blank. ``record_id`` defaults to one made from the title and year."""
    given = {
        TITLE: " ".join(title.split()) if title else None,
        OWNER: owner,
        DATE: start.isoformat() if start else None,
        FRAMEWORK: framework,
        PARTNER: partner,
    }
    return _start_record(
        check_root(Path(root)), kind, given, as_of, record_id=record_id, dry_run=dry_run
    )


def import_plan(
    root: str | Path,
    file: str | Path,
    as_of: date,
    *,
    sheet: str | None = None,
    plan_id: str | None = None,
    title: str | None = None,
    owner: str | None = None,
    framework: Framework | None = None,
    columns: Mapping[str, str] | None = None,
    review: str = "quarterly",
    names: Mapping[str, str] | None = None,
    output: str | None = None,
    dry_run: bool = False,
    allow_gaps: bool = False,
    add_people: bool = False,
) -> PlanImportOutcome:
    """A spreadsheet action plan (``file``: .csv or .xlsx, the workbook's ``sheet``) as
    an action-plan record (``eqdiv import plan``). ``columns`` names the column holding
    a role (action, owner, due, element, number, status, completed, update) by heading
    or letter; ``names`` reads owner text as people ids; ``review`` is the cadence of
    ongoing actions; ``plan_id``, ``title``, ``owner`` and ``framework`` default to what
    the sheet says; ``output`` is a path inside the repository (default plans/ID.yaml).
    Nothing is written while a cell cannot be read, unless ``allow_gaps``; with
    ``add_people``, owners the people directory lacks are added to it."""
    folder = check_root(Path(root))
    request = PlanRequest(
        file=Path(file),
        sheet=sheet,
        plan_id=plan_id,
        title=title,
        owner=owner,
        framework=framework,
        columns=dict(columns or {}),
        review=cadence_from_text(review),
        names=dict(names or {}),
        output=inside_path(folder, output) if output else None,
        dry_run=dry_run,
        allow_gaps=allow_gaps,
        add_people=add_people,
    )
    return import_plan_file(folder, request, as_of)


def update_action(
    root: str | Path,
    plan: str,
    action: str,
    as_of: date,
    *,
    status: ActionStatusName | None = None,
    due: str | None = None,
    completed: date | None = None,
    next_review: date | None = None,
    review: str | None = None,
    note: str | None = None,
    by: str | None = None,
    dry_run: bool = False,
) -> ActionUpdateOutcome:
    """Change action ``action`` (such as ``1d``) of plan ``plan`` (its id or file) in
    place, comments and layout kept, adding an update entry dated ``as_of`` by ``by``
    (default: its first owner) saying what changed (``eqdiv action update``): its
    ``status``, ``due`` date as written (``2007-12``, ``Dec-07``, ``ongoing``),
    ``completed`` day, ``next_review``, ``review`` cadence and a ``note``. Nothing is
    written when the change would add an error (``blocked``)."""
    change = ActionChange(
        status=ActionStatus(status) if status else None,
        due=due,
        completed=completed,
        next_review=next_review,
        review=cadence_from_text(review) if review is not None else None,
        note=" ".join(note.split()) if note is not None else None,
        by=by,
    )
    return update_action_file(check_root(Path(root)), plan, action, change, as_of, dry_run=dry_run)


def import_census(
    root: str | Path,
    files: str | Path | Sequence[str | Path],
    areas: str | Sequence[str],
    as_of: date,
    *,
    record_id: str = CENSUS_ID,
    name: str | None = None,
    dry_run: bool = False,
) -> CensusOutcome:
    """A population profile from ONS Census 2021 downloads (``files``, one dimension
    each) summed over the ``areas`` (ONS codes), as the demographics record
    ``record_id``, updated if it exists, under the area's ``name`` (default ONS's)
    (``eqdiv import census``). Nothing is written while anything is an error."""
    # One file or area given alone is one, not a sequence of characters.
    every = [files] if isinstance(files, str | Path) else files
    named = [(Path(file), str(file)) for file in every]
    return import_census_files(
        check_root(Path(root)),
        named,
        [areas] if isinstance(areas, str) else list(areas),
        as_of,
        record_id=record_id,
        name=name,
        write=not dry_run,
    )


def import_cases(
    root: str | Path,
    file: str | Path,
    partner: str,
    as_of: date,
    *,
    period: str | None = None,
    maps: Sequence[str] = (),
    sheet: str | None = None,
    log_id: str | None = None,
    output: str | None = None,
    dry_run: bool = False,
    allow_gaps: bool = False,
) -> CaseImportOutcome:
    """A complaints system's export (``file``: .csv or .xlsx, the workbook's ``sheet``)
    as ``partner``'s case log for the reporting year ``period`` (default: the year of
    ``as_of``) (``eqdiv import cases``). ``maps`` are ``FIELD=HEADING`` items added to
    the saved column map; ``log_id`` defaults to cases-PARTNER-YEAR and ``output`` (a
    path inside the repository) to cases/ID.yaml. Nothing is written while a row cannot
    be read, unless ``allow_gaps``."""
    folder = check_root(Path(root))
    request = CaseRequest(
        file=Path(file),
        partner=partner,
        period=period,
        maps=tuple(maps),
        sheet=sheet,
        log_id=log_id,
        output=inside_path(folder, output) if output else None,
        dry_run=dry_run,
        allow_gaps=allow_gaps,
    )
    return import_case_file(folder, request, as_of)


def import_workforce(
    root: str | Path,
    file: str | Path,
    partner: str,
    as_of: date,
    *,
    period: str | None = None,
    start: date | None = None,
    end: date | None = None,
    record_id: str | None = None,
    prepared_by: str | None = None,
    columns: Sequence[str] = (),
    sheet: str | None = None,
    output: str | None = None,
    dry_run: bool = False,
) -> WorkforceImportOutcome:
    """HR's spreadsheet of aggregate figures (``file``: .csv or .xlsx, the workbook's
    ``sheet``) as ``partner``'s workforce return (``eqdiv import workforce``) for the
    quarter or year ``period``, or the days ``start`` to ``end``; ``columns`` are
    ``ROLE=HEADING`` items, ``prepared_by`` a people id, ``record_id`` and ``output``
    (a path inside the repository) default to wf-PARTNER-PERIOD in workforce/. Nothing
    is written while a cell cannot be read."""
    folder = check_root(Path(root))
    request = WorkforceRequest(
        file=Path(file),
        partner=partner,
        period=period,
        start=start,
        end=end,
        record_id=record_id,
        prepared_by=prepared_by,
        columns=tuple(columns),
        sheet=sheet,
        output=inside_path(folder, output) if output else None,
        dry_run=dry_run,
    )
    return import_workforce_file(folder, request, as_of)


def sign_off_eia(
    root: str | Path, eia: str, by: str, as_of: date, *, dry_run: bool = False
) -> EiaSignOff:
    """Sign off EIA ``eia`` as ``by`` (a people id) on ``as_of`` (``eqdiv eia
    sign-off``), recording a digest of what was signed so that a later edit is named by
    validation. Nothing is written when the signed EIA would have errors (``blocked``)."""
    return sign_off_file(check_root(Path(root)), eia, by, as_of, dry_run=dry_run)


__all__ = [
    "assess",
    "import_cases",
    "import_census",
    "import_plan",
    "import_workforce",
    "init_repository",
    "load",
    "render",
    "report",
    "review",
    "sign_off_eia",
    "start_record",
    "status",
    "update_action",
    "validate",
]
