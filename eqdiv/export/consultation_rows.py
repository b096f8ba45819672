"""The ``consultations`` and ``coverage`` tables.

Coverage is exported for the views eqdiv publishes (each consultation over its own
dates, and each reporting year), through the same protection every published figure
goes through: in a ``--published`` export a count that must not be shown is empty, with
``count_text`` saying why, exactly as the reports show it. Without ``--published`` the
counts are exact: an export for staff, which the data dictionary says.
"""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.export.table import ExportTable, Value, columns, joined
from eqdiv.figures.coverage import activity_period, coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.coverage_view import CoverageView
from eqdiv.figures.publication import publication
from eqdiv.model.periods import Period, year, year_label, year_of
from eqdiv.store.repository import Repository

CONSULTATION_COLUMNS = columns(
    ("consultation_id", "text", "The consultation's id."),
    ("title", "text", "What it was."),
    ("partner_id", "text", "The partner organisation that ran it."),
    ("start", "date", "When it started."),
    ("end", "date", "When it ended."),
    ("participants", "integer", "How many took part (empty when too few to publish)."),
    ("participants_text", "text", "How many took part, as reports show it."),
    ("targeted", "text", "Groups it was aimed at, separated by `;`."),
)

COVERAGE_COLUMNS = columns(
    ("scope", "text", "`consultation` (one activity over its dates) or `year`."),
    ("scope_id", "text", "The consultation's id, or the reporting year (`2007/08`)."),
    ("dimension", "text", "The dimension (age, sex, ethnicity ...)."),
    ("category", "text", "The category or broad group id."),
    ("label", "text", "The category as reports name it."),
    ("count", "integer", "How many participants are in it (empty when it must not be shown)."),
    ("count_text", "text", "The count as reports show it (`hidden` when it must not be shown)."),
    ("share", "number", "Its share of participants who said (0 to 1; empty when hidden)."),
    ("population_share", "number", "Its share of the area's population (0 to 1)."),
    ("ratio", "number", "share / population_share (empty when hidden)."),
    ("verdict", "text", "under, over, in_line, not_reached ... (empty when hidden)."),
)


def consultation_tables(repo: Repository, *, published: bool) -> tuple[ExportTable, ...]:
    partnership = repo.config.id
    consultations = []
    cover: list[tuple[Value, ...]] = []
    for scope, scope_id, shown in _views(repo, published=published):
        if scope == "consultation":
            activity = shown.coverage.activities[0]
            count = shown.activities[0]
            consultations.append(
                (
                    partnership,
                    activity.id,
                    activity.title,
                    activity.organisation,
                    activity.start,
                    activity.end,
                    count.exact(),
                    count.text(shown.threshold),
                    joined(activity.targeted),
                )
            )
        cover += _coverage_rows(partnership, scope, scope_id, shown)
    return (
        ExportTable(
            "consultations",
            "Every consultation and how many took part.",
            CONSULTATION_COLUMNS,
            tuple(consultations),
        ),
        ExportTable(
            "coverage",
            "Who took part against the area's population, per consultation and per year.",
            COVERAGE_COLUMNS,
            tuple(cover),
        ),
    )


def _views(repo: Repository, *, published: bool) -> Iterator[tuple[str, str, CoverageView]]:
    start = repo.config.year_start_month
    readable = [c for c in repo.consultations]
    for activity in readable:
        period = activity_period(activity)
        yield "consultation", activity.id, _view(repo, period, activity.id, published)
    for first in sorted({year_of(c.start, start) for c in readable}):
        label = year_label(first, start)
        yield "year", label, _view(repo, year(first, start), None, published)


def _view(repo: Repository, period: Period, activity: str | None, published: bool) -> CoverageView:
    return view(coverage(repo, period, activity), publication(repo) if published else None)


def _coverage_rows(
    partnership: str, scope: str, scope_id: str, shown: CoverageView
) -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for dim in shown.dimensions:
        for cat in dim.categories:
            row = cat.row
            rows.append(
                (
                    partnership,
                    scope,
                    scope_id,
                    dim.dimension.id,
                    row.id,
                    row.label,
                    cat.count.exact(),
                    cat.count.text(shown.threshold),
                    cat.share,
                    row.population_share,
                    cat.ratio,
                    cat.verdict.value if cat.verdict else None,
                )
            )
    return rows
