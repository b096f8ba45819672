"""Reports: the quarterly progress report and the annual equality information.

The core builds a report's *view model*, a typed value (frozen dataclasses, see
``eqdiv.report.view_model``) holding every figure and sentence the report shows (counts
of people already suppressed), and a template displays it::

    period = quarter_for(repo, as_of, "2007-Q2")   # or None: the last complete quarter
    model = quarterly_report(repo, as_of, period)
    html = render_report(model, "quarterly.html", repo.root)

``annual_for`` and ``annual_report`` do the same for a year. The view model's shape is
documented in the README (``eqdiv report quarterly --format json`` prints it, from
``model.to_dict()``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eqdiv.model.errors import UsageError
from eqdiv.model.json_parts import envelope
from eqdiv.model.periods import Period, parse_period, previous_quarter, year, year_of
from eqdiv.report.annual import AnnualReport, annual_report
from eqdiv.report.eia_document import EiaDocument, eia_document_for
from eqdiv.report.quarterly import QuarterlyReport, quarterly_report
from eqdiv.report.view_model import Json
from eqdiv.store.repository import Repository

Report = QuarterlyReport | AnnualReport

# Lazy imports: Jinja is loaded only to render (`--format json` needs none of it).


def quarter_for(repo: Repository, as_of: date, text: str | None) -> Period:
    """The quarter ``text`` names (``2007-Q2``), or by default the last complete
    quarter before ``as_of``: the one a meeting at the start of a quarter looks back
    on. A quarter that has not started by ``as_of`` is a usage error."""
    start_month = repo.config.year_start_month
    if text is None:
        return previous_quarter(as_of, start_month)
    period = parse_period(text, start_month)
    if period.days > 92:
        raise UsageError(
            f"'{text}' is a year, not a quarter.",
            f"Write a quarter such as {year_of(as_of, start_month)}-Q1, or use "
            f"`eqdiv report annual --year {text}`.",
        )
    _started(period, as_of)
    return period


def annual_for(repo: Repository, as_of: date, text: str | None) -> Period:
    """The year ``text`` names (``2007`` or ``2007/08``), or by default the last
    complete year before ``as_of``."""
    start_month = repo.config.year_start_month
    if text is None:
        return year(year_of(as_of, start_month) - 1, start_month)
    period = parse_period(text, start_month)
    if period.days <= 92:
        raise UsageError(
            f"'{text}' is a quarter, not a year.",
            f"Write a year such as {text[:4]}, or use `eqdiv report quarterly --quarter {text}`.",
        )
    _started(period, as_of)
    return period


def _started(period: Period, as_of: date) -> None:
    if period.start > as_of:
        raise UsageError(
            f"{period.label} has not started on {as_of.isoformat()}: there is nothing to "
            "report yet.",
            "Choose a period that has begun, or check --as-of.",
        )


def render_report(
    model: Report,
    template: str,
    root: Path | None,
    *,
    large_print: bool = False,
    first: tuple[Path, ...] = (),
) -> str:
    """Render ``model`` with the template called ``template`` (a records repository's
    own ``templates/`` first, then eqdiv's built-ins). The template sees ``report``
    (the view model) and ``large_print``."""
    from eqdiv.report.templating import render  # Jinja is loaded only to render

    return render(template, {"report": model, "large_print": large_print}, root, first)


def render_eia_document(document: EiaDocument, root: Path | None) -> str:
    """One EIA as an HTML document (``eia.html``, which a repository's own
    ``templates/`` may replace)."""
    from eqdiv.report.templating import render

    return render("eia.html", {"report": document}, root, ())


def eia_document_json(document: EiaDocument, root: str, as_of: date) -> dict[str, Json]:
    """``eqdiv report eia --format json``: the envelope, then the document's view."""
    return {
        **envelope("report eia", root, as_of.isoformat()),
        "report": document.to_dict(),
    }


def report_json(model: Report, root: str, as_of: date) -> dict[str, Json]:
    """The ``--format json`` output: the envelope, then the view model as ``report``."""
    return {
        **envelope(f"report {model.kind}", root, as_of.isoformat()),
        "report": model.to_dict(),
    }


__all__ = [
    "AnnualReport",
    "EiaDocument",
    "QuarterlyReport",
    "Report",
    "annual_for",
    "annual_report",
    "eia_document_for",
    "eia_document_json",
    "quarter_for",
    "quarterly_report",
    "render_eia_document",
    "render_report",
    "report_json",
]
