"""The annual report: the equality information a public body publishes each year under
the equality duty in force at its date (the Public Sector Equality Duty from April 2011,
the race, disability and gender equality duties before), organised by its three aims.

For each aim: the equality objectives that serve it, with their progress, and what the
year's impact assessments said about it. Then the EIAs completed and published in the
year, consultation and who it reached, the indicators, the action plan's position,
where the latest self-assessment puts the partnership against its equality framework,
and how to get the report in another format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eqdiv.model.blocks import plural
from eqdiv.model.dates import add_days
from eqdiv.model.duties import duty_on
from eqdiv.model.periods import Period, year, year_of
from eqdiv.report.action_plan import PlanProgress, plan_progress
from eqdiv.report.assessments import EiaSection, eia_section
from eqdiv.report.case_section import CasesView, cases_section
from eqdiv.report.commissioning import RegisterSection, buying_section
from eqdiv.report.consultation import ConsultationSection, consultation_section
from eqdiv.report.context import ReportContext
from eqdiv.report.data_sharing import sharing_section
from eqdiv.report.employees import WorkforceSection, workforce_section
from eqdiv.report.header import Header, Strands, header, strands
from eqdiv.report.measures import IndicatorView, OutcomeView, indicators_section, outcomes
from eqdiv.report.objective_progress import (
    AimAssessment,
    AimRef,
    AimView,
    ObjectiveView,
    by_aim,
    objectives_section,
)
from eqdiv.report.standard import StandardView, standard_section
from eqdiv.report.view_model import ViewModel
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class Duty(ViewModel):
    """The duty in force at the report's date (``model.duties``): its name, the
    sentence that leads into its aims, the aims, and the groups the work covers."""

    name: str
    intro: str
    aims: tuple[AimRef, ...]
    strands: Strands


@dataclass(frozen=True, slots=True)
class AnnualReport(Header):
    """The annual report's view: the header's fields, then these."""

    duty: Duty
    summary: tuple[str, ...]
    aims: tuple[AimView, ...]
    objectives: tuple[ObjectiveView, ...]
    eias: EiaSection
    consultation: ConsultationSection
    cases: CasesView
    indicators: tuple[IndicatorView, ...]
    outcomes: tuple[OutcomeView, ...]
    plans: tuple[PlanProgress, ...]
    standard: StandardView | None
    workforce: WorkforceSection
    buying: RegisterSection
    sharing: RegisterSection


def annual_report(repo: Repository, as_of: date, period: Period) -> AnnualReport:
    """The annual report's view model for ``period`` (a reporting year), on ``as_of``."""
    ctx = ReportContext(repo, as_of, period)
    following = year(year_of(add_days(period.end, 1), ctx.start_month), ctx.start_month)
    objectives = objectives_section(ctx)
    eias = eia_section(ctx, review_by=following.end)
    consultation = consultation_section(ctx)
    duty = duty_on(period.end)
    return AnnualReport(
        **header(ctx, "annual", "Equality information"),
        duty=Duty(
            duty.name,
            duty.intro,
            tuple(AimRef(k, label) for k, label in duty.aims.items()),
            strands(ctx),
        ),
        summary=_summary(objectives, eias, consultation),
        aims=by_aim(objectives, lambda aim: _assessments(ctx, aim), duty.aims),
        objectives=objectives,
        eias=eias,
        consultation=consultation,
        cases=cases_section(ctx),
        indicators=indicators_section(ctx),
        outcomes=outcomes(ctx),
        plans=plan_progress(ctx),
        standard=standard_section(ctx),
        workforce=workforce_section(ctx, annual=True),
        buying=buying_section(ctx, annual=True),
        sharing=sharing_section(ctx, annual=True),
    )


def _assessments(ctx: ReportContext, aim: str) -> tuple[AimAssessment, ...]:
    """What the EIAs signed off in the year said about ``aim``."""
    return tuple(
        AimAssessment(e.id, e.title, e.psed[aim])
        for e in ctx.repo.eias
        if e.signoff is not None
        and e.signoff.date in ctx.period
        and e.signoff.date <= ctx.as_of
        and aim in e.psed
    )


def _summary(
    objectives: Sequence[ObjectiveView], eias: EiaSection, consultation: ConsultationSection
) -> tuple[str, ...]:
    lines = []
    if objectives:
        ratings: dict[str, int] = {}
        for o in objectives:
            ratings[o.rag.word] = ratings.get(o.rag.word, 0) + 1
        lines.append(
            f"{plural(len(objectives), 'equality objective')}: "
            + ", ".join(f"{n} {word.lower()}" for word, n in ratings.items())
            + "."
        )
    else:
        lines.append("No equality objectives are recorded for this year.")
    completed, published = len(eias.completed), len(eias.published)
    lines.append(
        f"{plural(completed, 'equality impact assessment')} completed and {published} published."
        if completed or published
        else "No equality impact assessment was completed or published."
    )
    lines.append(consultation.summary)
    return tuple(lines)
