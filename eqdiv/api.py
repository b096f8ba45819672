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

Each returns a value and never prints, exits or reads the clock: the day is always
given. Problems in the records are findings in the result; an ``EqdivError`` means
eqdiv could not run at all (no records repository, a bad git revision). The packages
below hold the rest (see docs/architecture.md).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from eqdiv.checks.validation import ValidationResult
from eqdiv.checks.validation import validate as _validate
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
from eqdiv.status import Status, build_status
from eqdiv.store.locate import check_root
from eqdiv.store.record_cache import RecordCache, salt
from eqdiv.store.repository import Repository, load_repository

ReportKind = Literal["quarterly", "annual"]
ReportFormat = Literal["html", "md", "txt"]


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
    figure and sentence it shows, small numbers already suppressed. ``period`` names a
    quarter (``2007-Q2``) or a year (``2007/08``); by default the last complete one."""
    if kind == "quarterly":
        return quarterly_report(repo, as_of, quarter_for(repo, as_of, period))
    return annual_report(repo, as_of, annual_for(repo, as_of, period))


def render(
    model: Report, format: ReportFormat, repo: Repository, *, large_print: bool = False
) -> str:
    """A report's view model as text, with the built-in template for ``format`` (or the
    records repository's own, from its ``templates/`` folder)."""
    return render_report(model, f"{model.kind}.{format}", repo.root, large_print=large_print)


__all__ = ["load", "render", "report", "review", "status", "validate"]
