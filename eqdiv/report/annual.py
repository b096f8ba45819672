"""The annual report: the equality information a public body publishes each year under
the Public Sector Equality Duty, organised by the duty's three aims.

For each aim: the equality objectives that serve it, with their progress, and what the
year's impact assessments said about it. Then the EIAs completed and published in the
year, consultation and who it reached, the indicators, the action plan's position,
and how to get the report in another format.
"""

from __future__ import annotations

from datetime import date

from eqdiv.model.blocks import plural
from eqdiv.model.dates import add_days
from eqdiv.model.objectives import PSED_AIMS
from eqdiv.model.periods import Period, year, year_of
from eqdiv.report.action_plan import plan_progress
from eqdiv.report.assessments import eia_section
from eqdiv.report.consultation import consultation_section
from eqdiv.report.context import ReportContext
from eqdiv.report.header import header, strands
from eqdiv.report.measures import indicators_section, outcomes
from eqdiv.report.objective_progress import by_aim, objectives_section
from eqdiv.report.parts import View
from eqdiv.store.repository import Repository


def annual_report(repo: Repository, as_of: date, period: Period) -> View:
    """The annual report's view model for ``period`` (a reporting year), on ``as_of``."""
    ctx = ReportContext(repo, as_of, period)
    following = year(year_of(add_days(period.end, 1), ctx.start_month), ctx.start_month)
    objectives = objectives_section(ctx)
    eias = eia_section(ctx, review_by=following.end)
    aims = by_aim(objectives)
    for aim in aims:
        aim["assessments"] = [
            {"id": e.id, "title": e.title, "text": e.psed[aim["key"]]}
            for e in repo.eias
            if e.signoff is not None
            and e.signoff.date in period
            and e.signoff.date <= as_of
            and aim["key"] in e.psed
        ]
    report = header(ctx, "annual", "Equality information")
    consultation = consultation_section(ctx)
    return {
        **report,
        "duty": {
            "aims": [{"key": k, "label": label} for k, label in PSED_AIMS.items()],
            "strands": strands(ctx),
        },
        "summary": _summary(objectives, eias, consultation),
        "aims": aims,
        "objectives": objectives,
        "eias": eias,
        "consultation": consultation,
        "indicators": indicators_section(ctx),
        "outcomes": outcomes(ctx),
        "plans": plan_progress(ctx),
    }


def _summary(objectives: list[View], eias: View, consultation: View) -> list[str]:
    lines = []
    if objectives:
        ratings: dict[str, int] = {}
        for o in objectives:
            ratings[o["rag"]["word"]] = ratings.get(o["rag"]["word"], 0) + 1
        lines.append(
            f"{plural(len(objectives), 'equality objective')}: "
            + ", ".join(f"{n} {word.lower()}" for word, n in ratings.items())
            + "."
        )
    else:
        lines.append("No equality objectives are recorded for this year.")
    completed, published = len(eias["completed"]), len(eias["published"])
    lines.append(
        f"{plural(completed, 'equality impact assessment')} completed and {published} published."
        if completed or published
        else "No equality impact assessment was completed or published."
    )
    lines.append(consultation["summary"])
    return lines
