"""Consultation and involvement: the activities of a period, and whether they reached
a cross-section of the community, dimension by dimension. The figures are those
``eqdiv consultation coverage`` publishes: read through the one protection of the
repository's publication, so a small number hidden in a report is hidden here. The
exact counts are a separate, staff-only view that says so on every screen."""

from __future__ import annotations

from flask import Flask, Response, request

from eqdiv.figures.coverage import coverage, in_period
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.publication import publication
from eqdiv.model.errors import UsageError
from eqdiv.model.periods import Period, parse_period, previous_quarter
from eqdiv.output.coverage import (
    activity_line,
    chi_square_sentence,
    dimension_intro,
    header_lines,
    note_lines,
    row_cells,
    targeted_lines,
)
from eqdiv.web.pages import load
from eqdiv.web.rendering import page, today

HEADINGS = ("Category", "Took part", "Share", "Area", "Ratio", "Expected", "Verdict")


def consultations_page() -> Response:
    repo = load()
    day = today()
    start_month = repo.config.year_start_month
    asked = request.args.get("period", "").strip()
    staff = request.args.get("staff") == "1"
    problem = None
    period: Period
    note = None
    try:
        period = parse_period(asked, start_month) if asked else previous_quarter(day, start_month)
    except UsageError as err:
        problem = err
        period = previous_quarter(day, start_month)
    if not asked or problem:
        note = (
            f"The period is the last complete quarter before {day.isoformat()}: choose "
            "another above (a year such as 2007, a quarter such as 2007-Q2)."
        )
    found = coverage(repo, period, None, None)
    shown = view(found, None if staff else publication(repo))
    dimensions = [
        (
            d,
            dimension_intro(d, shown),
            [row_cells(c, shown) for c in d.categories]
            if d.dimension.categories and not d.withheld
            else [],
            chi_square_sentence(d),
        )
        for d in shown.dimensions
    ]
    activities = in_period(repo.consultations, period)
    return page(
        "consultations.html",
        200 if problem is None else 400,
        title="Consultation coverage" + (" (staff only)" if staff else ""),
        current="consultations",
        period=period,
        asked=asked,
        staff=staff,
        problem=problem,
        header=header_lines(shown, note),
        summary=shown.gaps.sentences(),
        activities=[(a, activity_line(shown, a)) for a in activities],
        paths={c.id: c.location.path for c in repo.consultations},
        dimensions=dimensions,
        headings=HEADINGS,
        targeted=targeted_lines(shown),
        notes=note_lines(shown),
    )


def register(app: Flask) -> None:
    app.add_url_rule("/consultations", "consultations", consultations_page)
