"""Equality Impact Assessments in a report: those completed (signed off) and published
in the period with their quality grades, those due for review, the negative impacts
with no response, and how the grades are spread.

Grades come from ``eqdiv.eia`` (the rubric); review dates and unmitigated impacts from
the status screen's rules (``eqdiv.status.eia_sections``): nothing is judged twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from eqdiv.eia import EiaResult, stage
from eqdiv.eia.review_dates import review_due
from eqdiv.eia.scoring import EiaScore
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.eias import Eia
from eqdiv.report.charts import Chart, Row, Segment, bar_chart
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import Day, day, maybe_day
from eqdiv.report.view_model import ViewModel
from eqdiv.status.eia_sections import unmitigated

OUTCOMES = {
    "no_change": "No change needed",
    "adjust": "Adjust the proposal",
    "continue": "Continue, with the impact justified",
    "stop": "Stop the proposal",
}


@dataclass(frozen=True, slots=True)
class GradeView(ViewModel):
    name: str
    rank: int
    percentage: float
    points: str  # 31 of 40
    capped: bool
    capped_by: tuple[str, ...]
    words: str  # Good (78%, capped)


@dataclass(frozen=True, slots=True)
class ReviewView(ViewModel):
    due: Day | None
    overdue: bool
    days_late: int | None
    owner: str | None


@dataclass(frozen=True, slots=True)
class EiaView(ViewModel):
    id: str
    title: str
    service: str | None
    author: str | None
    screened_out: bool
    stage: str
    decision: Day | None
    signed_off: Day | None
    signed_off_by: str | None
    quality_assured: Day | None
    published: Day | None
    published_where: str | None
    outcome: str
    grade: GradeView | None
    review: ReviewView
    unmitigated: tuple[str, ...]
    location: str


@dataclass(frozen=True, slots=True)
class GradeCount(ViewModel):
    grade: str
    count: int


@dataclass(frozen=True, slots=True)
class BelowMinimum(ViewModel):
    id: str
    title: str
    grade: GradeView | None


@dataclass(frozen=True, slots=True)
class Quality(ViewModel):
    rubric: str
    rubric_fallback: bool
    scored: int
    distribution: tuple[GradeCount, ...]
    summary: str
    minimum: str | None
    below_minimum: tuple[BelowMinimum, ...]
    chart: Chart


@dataclass(frozen=True, slots=True)
class EiaSection(ViewModel):
    completed: tuple[EiaView, ...]
    published: tuple[EiaView, ...]
    review_by: Day
    reviews: tuple[EiaView, ...]
    unmitigated: tuple[EiaView, ...]
    awaiting_signoff: tuple[EiaView, ...]
    awaiting_qa: tuple[EiaView, ...]
    register: tuple[EiaView, ...]
    quality: Quality
    left_out: tuple[str, ...]


def grade_view(score: EiaScore | None) -> GradeView | None:
    if score is None:
        return None
    return GradeView(
        name=score.grade.name,
        rank=score.grade.rank,
        percentage=score.percent(1),
        points=f"{score.total:g} of {score.maximum:g}",
        capped=score.capped,
        capped_by=tuple(f"{g.criterion.id} {g.criterion.title}" for g in score.gates if g.lowered),
        words=f"{score.grade.name} ({score.percent_words}"
        + (", capped" if score.capped else "")
        + ")",
    )


def eia_view(ctx: ReportContext, eia: Eia, score: EiaScore | None) -> EiaView:
    config = ctx.repo.config
    due = review_due(eia, config.eia_review_months, config.due_soon_days)
    late = due is not None and due < ctx.as_of
    return EiaView(
        id=eia.id,
        title=eia.title,
        service=eia.service,
        author=ctx.person(eia.author),
        screened_out=eia.screened_out,
        stage=stage(eia),
        decision=maybe_day(eia.decision_date),
        signed_off=day(eia.signoff.date) if eia.signoff else None,
        signed_off_by=ctx.person(eia.signoff.by) if eia.signoff else None,
        quality_assured=day(eia.qa.date) if eia.qa else None,
        published=maybe_day(eia.published),
        published_where=eia.published_where,
        outcome="Screened out: no relevance to equality found"
        if eia.screened_out
        else OUTCOMES.get(eia.outcome or "", "No outcome recorded"),
        grade=grade_view(score),
        review=ReviewView(
            due=maybe_day(due),
            overdue=late,
            days_late=(ctx.as_of - due).days if due is not None and late else None,
            owner=ctx.person(eia.review_owner),
        ),
        unmitigated=tuple(ctx.label(g) for g in unmitigated(eia)),
        location=f"{eia.location.path}:{eia.location.line}",
    )


def eia_section(ctx: ReportContext, review_by: date) -> EiaSection:
    """EIAs in the period; ``review_by`` is the horizon for reviews to list (those
    due by then, overdue ones included)."""
    result = ctx.eias
    scores = {s.eia.id: s for s in result.scores}
    views = {e.id: eia_view(ctx, e, scores.get(e.id)) for e in ctx.repo.eias}
    period = ctx.period

    def within(d: date | None) -> bool:
        return d is not None and d in period and d <= ctx.as_of

    eias = ctx.repo.eias
    return EiaSection(
        completed=tuple(views[e.id] for e in eias if e.signoff and within(e.signoff.date)),
        published=tuple(views[e.id] for e in eias if within(e.published)),
        review_by=day(review_by),
        reviews=_reviews_by(views.values(), review_by),
        unmitigated=tuple(v for v in views.values() if v.unmitigated),
        awaiting_signoff=tuple(views[e.id] for e in eias if e.signoff is None),
        awaiting_qa=tuple(views[e.id] for e in eias if e.signoff is not None and e.qa is None),
        register=tuple(views.values()),
        quality=quality(ctx),
        left_out=tuple(r.path for r in result.unscored),
    )


def _reviews_by(views: Iterable[EiaView], review_by: date) -> tuple[EiaView, ...]:
    """The EIAs whose review is due by ``review_by`` (overdue ones included), soonest
    first."""
    horizon = review_by.isoformat()
    due = [(v.review.due.iso, v) for v in views if v.review.due and v.review.due.iso <= horizon]
    return tuple(v for _, v in sorted(due, key=lambda pair: pair[0]))


def quality(ctx: ReportContext) -> Quality:
    """How the grades are spread over every EIA scored, and those below the minimum."""
    result = ctx.eias
    distribution = tuple(GradeCount(g.name, n) for g, n in reversed(result.distribution))
    spread = [f"{d.count} {d.grade}" for d in distribution if d.count]
    below = tuple(BelowMinimum(s.eia.id, s.eia.title, grade_view(s)) for s in result.below_minimum)
    rows = [
        Row(d.grade, (Segment(_grade_key(d.grade, result), d.grade, d.count, ""),), str(d.count))
        for d in distribution
    ]
    return Quality(
        rubric=result.rubric.title,
        rubric_fallback=result.loaded.fallback,
        scored=len(result.scores),
        distribution=distribution,
        summary=f"{plural(len(result.scores), 'EIA')} scored: {join_words(spread) or 'none'}.",
        minimum=None if result.minimum is None else result.minimum.name,
        below_minimum=below,
        chart=bar_chart(
            "chart-eia-grades",
            "EIAs by quality grade",
            " ".join(f"{d.grade}: {plural(d.count, 'EIA')}." for d in distribution),
            rows,
            whole=True,
        ),
    )


def _grade_key(name: str, result: EiaResult) -> str:
    """A style for a grade: below the partnership's minimum is red, the top grade
    green, the rest amber (the chart's table and labels say the grade in words)."""
    grade = result.rubric.grade_named(name)
    if grade is None or result.minimum is None:
        return "neutral"
    if grade.rank < result.minimum.rank:
        return "late"
    return "on_track" if grade.rank >= len(result.rubric.grades) - 2 else "due_soon"
