"""The quarterly report: what a team takes to its quarterly meeting (the seed reviews
its plan at the July, October and January team meetings).

It covers one quarter of the partnership's year and shows each action's position on
the day it is run (``as_of``): progress by element, what changed in the quarter, what
is late or due, EIAs, consultation and its gaps, the partnership's four measures of
success, and what the meeting has to decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eqdiv.figures.indicator_progress import Verdict
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.dates import add_days
from eqdiv.model.periods import Period, quarter_of
from eqdiv.registers.evidence import objectives_without_evidence
from eqdiv.report.action_plan import (
    Changes,
    LateAndDue,
    PlanProgress,
    changes,
    late_and_due,
    plan_progress,
)
from eqdiv.report.assessments import EiaSection, eia_section
from eqdiv.report.case_section import CasesView, cases_section
from eqdiv.report.charts import Chart
from eqdiv.report.commissioning import RegisterSection, buying_section
from eqdiv.report.consultation import ConsultationSection, consultation_section
from eqdiv.report.context import ReportContext
from eqdiv.report.data_sharing import sharing_section
from eqdiv.report.decisions import DecisionGroup, decisions
from eqdiv.report.employees import WorkforceSection, workforce_section
from eqdiv.report.header import Header, header
from eqdiv.report.measures import (
    IndicatorView,
    OutcomeView,
    indicators_chart,
    indicators_section,
    outcomes,
)
from eqdiv.report.parts import PeriodView, Rag, RagView, period_view, rag, worst
from eqdiv.report.view_model import ViewModel
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class Card(ViewModel):
    """A headline figure, with a rating where one means something."""

    label: str
    figure: str
    words: str
    rag: RagView


@dataclass(frozen=True, slots=True)
class Measure(ViewModel):
    """One of the partnership's four measures of success, and what the quarter found."""

    number: int
    title: str
    seed: str  # the measure in the partnership approach's own words
    findings: tuple[str, ...]
    section: str  # the report section that shows the detail


@dataclass(frozen=True, slots=True)
class QuarterlyReport(Header):
    """The quarterly report's view: the header's fields, then these."""

    next_period: PeriodView
    glance: tuple[Card, ...]
    summary: tuple[str, ...]
    plans: tuple[PlanProgress, ...]
    changes: Changes
    actions: LateAndDue
    eias: EiaSection
    consultation: ConsultationSection
    cases: CasesView
    indicators: tuple[IndicatorView, ...]
    indicator_chart: Chart | None
    outcomes: tuple[OutcomeView, ...]
    measures: tuple[Measure, ...]
    decisions: tuple[DecisionGroup, ...]
    workforce: WorkforceSection
    buying: RegisterSection
    sharing: RegisterSection


@dataclass(frozen=True, slots=True)
class _Sections:
    """The sections the glance, the summary and the measures are read from."""

    plans: tuple[PlanProgress, ...]
    changed: Changes
    eias: EiaSection
    reach: ConsultationSection
    indicators: tuple[IndicatorView, ...]
    evidence: tuple[OutcomeView, ...]
    unevidenced: tuple[str, ...]  # objectives in force with no evidence in a year
    decide: tuple[DecisionGroup, ...]


# The partnership approach's four measures of success, in its own words.
SEED_MEASURES = (
    "Monitoring the number and quality of equality impact assessments that are carried "
    "out, by robust quality assurance.",
    "Identifying improvements against National Indicators within the Local Area Agreement "
    "and Sustainable Community Strategies.",
    "Collecting evidence of positive outcomes for individuals and communities. This can be "
    "both qualitative and quantitative evidence.",
    "Monitoring consultation/involvement activities to demonstrate that they represent a "
    "wide cross-section of the community.",
)


def quarterly_report(repo: Repository, as_of: date, period: Period) -> QuarterlyReport:
    """The quarterly report's view model for ``period`` (a quarter), on ``as_of``."""
    ctx = ReportContext(repo, as_of, period)
    following = quarter_of(add_days(period.end, 1), ctx.start_month)
    late = late_and_due(ctx)
    eias = eia_section(ctx, review_by=following.end)
    reach = consultation_section(ctx)
    s = _Sections(
        plans=plan_progress(ctx),
        changed=changes(ctx),
        eias=eias,
        reach=reach,
        indicators=indicators_section(ctx),
        evidence=outcomes(ctx),
        unevidenced=tuple(u.objective.title for u in objectives_without_evidence(repo, as_of)),
        decide=decisions(ctx, late, eias, reach),
    )
    return QuarterlyReport(
        **header(ctx, "quarterly", "Equality and diversity: quarterly progress report"),
        next_period=period_view(following, as_of),
        glance=_glance(s),
        summary=_summary(s),
        plans=s.plans,
        changes=s.changed,
        actions=late,
        eias=eias,
        consultation=reach,
        cases=cases_section(ctx),
        indicators=s.indicators,
        indicator_chart=indicators_chart(s.indicators),
        outcomes=s.evidence,
        measures=_measures(s),
        decisions=s.decide,
        workforce=workforce_section(ctx, annual=False),
        buying=buying_section(ctx, annual=False),
        sharing=sharing_section(ctx, annual=False),
    )


# How the summary counts indicators by verdict: "5 indicators: 4 improving, 1 met
# the target."
_COUNTED = {
    Verdict.MET: "met the target",
    Verdict.MISSED: "missed the target",
    Verdict.IMPROVING: "improving",
    Verdict.NOT_IMPROVING: "not improving",
    Verdict.NOT_YET: "not yet at the target",
    Verdict.NO_TARGET: "with no target",
    Verdict.NO_DATA: "with no figure yet",
    Verdict.NOT_SHOWN: "with too few people to publish",
}


def _glance(s: _Sections) -> tuple[Card, ...]:
    """The headline figures, one card each, with a rating where one means something."""
    return (
        *(_plan_card(plan, len(s.plans)) for plan in s.plans),
        _slipped_card(s.changed),
        _eias_card(s.eias),
        _unmitigated_card(s.eias),
        _reach_card(s.reach),
        *((_indicators_card(s.indicators),) if s.indicators else ()),
        _decide_card(s.decide),
    )


def _plan_card(plan: PlanProgress, plans: int) -> Card:
    late = next(c.count for c in plan.counts if c.key == "late")
    return Card(
        "Action plan" if plans == 1 else plan.title,
        plan.rag.word,
        f"{plural(plan.total, 'action')}, {late} late.",
        plan.rag,
    )


def _slipped_card(changed: Changes) -> Card:
    slipped = len(changed.slipped)
    return Card(
        "Slipped this quarter",
        str(slipped),
        f"{plural(len(changed.completed), 'action')} completed, {len(changed.started)} started.",
        rag(Rag.RED if slipped else Rag.GREEN, "Actions that slipped this quarter."),
    )


def _eias_card(eias: EiaSection) -> Card:
    done = eias.completed
    grades: dict[str, int] = {}
    for e in done:
        name = e.grade.name if e.grade else "not scored"
        grades[name] = grades.get(name, 0) + 1
    return Card(
        "EIAs completed",
        str(len(done)),
        "Graded " + join_words([f"{n} {g}" for g, n in grades.items()]) + "."
        if done
        else "None signed off this quarter.",
        rag(Rag.NONE, "EIAs signed off this quarter."),
    )


def _unmitigated_card(eias: EiaSection) -> Card:
    unmitigated = len(eias.unmitigated)
    return Card(
        "Negative impacts with no response",
        str(unmitigated),
        "EIAs with a negative impact that has no action or justification.",
        rag(Rag.RED if unmitigated else Rag.GREEN, "Unmitigated negative impacts."),
    )


def _reach_card(reach: ConsultationSection) -> Card:
    gaps = reach.gaps
    missed = len(gaps.not_reached) + len(gaps.under_represented)
    return Card(
        "Took part in consultation",
        reach.participants.text,
        f"{plural(reach.count, 'activity', 'activities')}; "
        f"{plural(missed, 'group')} under-represented or not reached.",
        rag(Rag.AMBER if gaps.found else Rag.GREEN, "Gaps in who took part."),
    )


def _indicators_card(indicators: Sequence[IndicatorView]) -> Card:
    met = sum(1 for i in indicators if i.verdict.key == "met")
    improving = sum(1 for i in indicators if i.verdict.key == "improving")
    return Card(
        "Indicators on target",
        f"{met} of {len(indicators)}",
        f"{improving} more improving.",
        rag(worst(*(Rag(i.rag.key) for i in indicators)), "The least good of the indicators."),
    )


def _decide_card(decide: Sequence[DecisionGroup]) -> Card:
    items = sum(len(g.entries) for g in decide)
    return Card(
        "To decide at the meeting",
        str(items),
        f"In {plural(len(decide), 'group')}: see the last section.",
        rag(Rag.NONE, "Items for the meeting."),
    )


def _summary(s: _Sections) -> tuple[str, ...]:
    """The report's key messages, one sentence each."""
    lines = [f"{p.title}: {p.rag.word}. {p.rag.reason}" for p in s.plans]
    changed = s.changed
    moved = [
        plural(len(found), "action") + " " + word
        for found, word in (
            (changed.completed, "completed"),
            (changed.started, "started"),
            (changed.slipped, "slipped"),
        )
        if found
    ]
    lines.append(
        f"This quarter: {join_words(moved)}."
        if moved
        else "This quarter no action was completed, started or slipped."
    )
    lines += _eia_sentences(s.eias)
    lines.append(s.reach.summary)
    lines += _indicator_sentences(s.indicators)
    items = sum(len(g.entries) for g in s.decide)
    lines.append(
        f"{plural(items, 'item')} for the meeting to decide."
        if items
        else "Nothing for the meeting to decide."
    )
    return tuple(lines)


def _eia_sentences(eias: EiaSection) -> list[str]:
    done = eias.completed
    lines = [
        f"{plural(len(done), 'EIA')} completed: "
        + join_words([f"{e.title} ({e.grade.name if e.grade else 'not scored'})" for e in done])
        + "."
        if done
        else "No EIA was completed this quarter."
    ]
    if eias.unmitigated:
        lines.append(
            f"{plural(len(eias.unmitigated), 'EIA')} with a negative impact that has no response."
        )
    return lines


def _indicator_sentences(indicators: Sequence[IndicatorView]) -> list[str]:
    if not indicators:
        return []
    verdicts: dict[str, int] = {}
    for i in indicators:
        verdicts[i.verdict.key] = verdicts.get(i.verdict.key, 0) + 1
    return [
        f"{plural(len(indicators), 'indicator')}: "
        + ", ".join(f"{n} {_COUNTED[Verdict(k)]}" for k, n in verdicts.items())
        + "."
    ]


def _measures(s: _Sections) -> tuple[Measure, ...]:
    second = tuple(
        f"{i.title}: "
        + (f"{i.latest.text} in {i.latest.period}" if i.latest else "no figure yet")
        + f"; {i.verdict.words}."
        for i in s.indicators
    )
    third = (
        f"{plural(len(s.evidence), 'piece')} of evidence recorded this quarter."
        if s.evidence
        else "No evidence of outcomes was recorded this quarter."
    )
    if s.unevidenced:
        third += (
            " No evidence in the last 12 months for "
            + plural(len(s.unevidenced), "objective")
            + ": "
            + join_words(list(s.unevidenced))
            + "."
        )
    return (
        Measure(1, "Number and quality of EIAs", SEED_MEASURES[0], _eia_findings(s.eias), "eias"),
        Measure(
            2,
            "Indicators against targets",
            SEED_MEASURES[1],
            second or ("No indicators are recorded.",),
            "indicators",
        ),
        Measure(3, "Evidence of positive outcomes", SEED_MEASURES[2], (third,), "outcomes"),
        Measure(
            4,
            "Consultation reaching a cross-section of the community",
            SEED_MEASURES[3],
            (s.reach.summary, *s.reach.gaps.sentences),
            "consultation",
        ),
    )


def _eia_findings(eias: EiaSection) -> tuple[str, ...]:
    """Measure 1: how many EIAs were completed, their grades, and quality assurance."""
    done = eias.completed
    quality = eias.quality
    graded = [f"{e.title}, {e.grade.words}" for e in done if e.grade]
    found = [
        f"{plural(len(done), 'EIA')} completed this quarter"
        + (": " + join_words(graded) if done else "")
        + ".",
        quality.summary,
    ]
    if done:
        assured = [e for e in done if e.quality_assured]
        found.append(f"{len(assured)} of {len(done)} completed this quarter quality-assured.")
    if quality.below_minimum:
        found.append(
            f"Below the minimum grade ({quality.minimum}): "
            + join_words([b.title for b in quality.below_minimum])
            + "."
        )
    return tuple(found)
