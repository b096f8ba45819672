"""Indicators against their targets, and the evidence of positive outcomes, as reports
show them. Figures and verdicts come from ``eqdiv.figures.indicator_progress``, already
suppressed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eqdiv.figures.census import category_scheme
from eqdiv.figures.indicator_progress import Progress, Reading, Verdict
from eqdiv.figures.suppression import Shown
from eqdiv.model.blocks import join_words
from eqdiv.model.categories import NOT_KNOWN
from eqdiv.model.indicators import Indicator
from eqdiv.registers.evidence import evidence_note
from eqdiv.report.charts import Chart, Row, Segment, bar_chart
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import Count, Day, Rag, RagView, day, rag, short_label, shown
from eqdiv.report.view_model import ViewModel

RATINGS = {
    Verdict.MET: Rag.GREEN,
    Verdict.IMPROVING: Rag.AMBER,
    Verdict.NOT_YET: Rag.AMBER,
    Verdict.NOT_IMPROVING: Rag.RED,
    Verdict.MISSED: Rag.RED,
}


@dataclass(frozen=True, slots=True)
class ReadingView(ViewModel):
    period: str  # 2007/08 Q2
    period_label: str
    value: float | None
    text: str
    base: Count | None
    note: str | None


@dataclass(frozen=True, slots=True)
class VerdictView(ViewModel):
    key: str
    words: str


@dataclass(frozen=True, slots=True)
class BreakdownCategory(ViewModel):
    label: str
    text: str
    base: Count | None


@dataclass(frozen=True, slots=True)
class Breakdown(ViewModel):
    dimension: str
    categories: tuple[BreakdownCategory, ...]


@dataclass(frozen=True, slots=True)
class IndicatorView(ViewModel):
    id: str
    title: str
    reference: str | None
    description: str | None
    source: str
    owner: str | None
    unit: str
    better: str
    computed: bool
    baseline: ReadingView | None
    target: ReadingView | None
    latest: ReadingView | None
    history: tuple[ReadingView, ...]
    breakdown: Breakdown | None
    verdict: VerdictView
    rag: RagView
    chart: Chart | None
    location: str


@dataclass(frozen=True, slots=True)
class OutcomeView(ViewModel):
    date: Day
    note: str
    source: str | None
    objective: str | None
    attribution: str  # where it comes from, in words ("" when nothing does)


def figure(indicator: Indicator, value: float) -> str:
    """A value in the indicator's unit: ``81%``, ``19``, ``12 days``."""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    if indicator.unit == "percent":
        return f"{text}%"
    if indicator.unit == "days":
        return f"{text} days"
    return text


def _hidden_text(hidden: str | None, base: Shown | None, threshold: int) -> str:
    if hidden == "base":
        return f"not published: fewer than {threshold} people"
    if base is not None:
        # A percentage of a base tells how many it counts and how many it leaves out.
        return "not published (to protect small numbers)"
    return "hidden"


def reading_view(indicator: Indicator, reading: Reading, threshold: int) -> ReadingView:
    return ReadingView(
        period=short_label(reading.period),
        period_label=reading.period.label,
        value=reading.value,
        text=figure(indicator, reading.value)
        if reading.value is not None
        else _hidden_text(reading.hidden, reading.base, threshold),
        base=None
        if reading.base is None or indicator.computed is not None
        else shown(reading.base, threshold),
        note=reading.note,
    )


def indicator_view(ctx: ReportContext, item: Progress) -> IndicatorView:
    indicator = item.indicator
    threshold = item.threshold
    latest = item.latest
    key = RATINGS.get(item.verdict, Rag.NONE)
    target = item.target
    words = item.verdict.words
    if target is not None and target.value is not None:
        words += f" (target {figure(indicator, target.value)} by {short_label(target.period)})"
    return IndicatorView(
        id=indicator.id,
        title=indicator.title,
        reference=indicator.reference,
        description=indicator.description,
        source=indicator.source,
        owner=ctx.person(indicator.owner),
        unit=indicator.unit,
        better=f"{indicator.better.capitalize()} is better",
        computed=indicator.computed is not None,
        baseline=None
        if item.baseline is None
        else reading_view(indicator, item.baseline, threshold),
        target=None if target is None else reading_view(indicator, target, threshold),
        latest=None if latest is None else reading_view(indicator, latest, threshold),
        history=tuple(reading_view(indicator, r, threshold) for r in item.history),
        breakdown=_breakdown(ctx, item),
        verdict=VerdictView(item.verdict.value, words),
        rag=rag(key, item.verdict.words.capitalize() + "."),
        chart=_chart(item),
        location=f"{indicator.location.path}:{indicator.location.line}",
    )


def _breakdown(ctx: ReportContext, item: Progress) -> Breakdown | None:
    indicator = item.indicator
    if not item.breakdown or indicator.breakdown is None:
        return None
    dimension = category_scheme(ctx.repo.config).dimensions.get(indicator.breakdown)
    return Breakdown(
        dimension=dimension.label if dimension else indicator.breakdown,
        categories=tuple(
            BreakdownCategory(
                label="Did not say"
                if c.category == NOT_KNOWN
                else (dimension.describe(c.category).label if dimension else c.category),
                text=figure(indicator, c.value)
                if c.value is not None
                else _hidden_text(c.hidden, c.base, item.threshold),
                base=None if c.base is None else shown(c.base, item.threshold),
            )
            for c in item.breakdown
        ),
    )


def _chart(item: Progress) -> Chart | None:
    """The baseline and each figure so far, with the target marked."""
    indicator = item.indicator
    readings = [*([item.baseline] if item.baseline else []), *item.history]
    shown_readings = [r for r in readings if r.value is not None]
    if not shown_readings:
        return None
    target = item.target.value if item.target is not None else None
    rows = [_reading_row(item, r, target) for r in readings]
    parts = [f"{row.label}: {row.total_text}." for row in rows]
    if target is not None:
        parts.append(f"Target: {figure(indicator, target)}.")
    legend = [("value", "Figure")] + ([("marker", "Target")] if target is not None else [])
    return bar_chart(
        f"chart-indicator-{indicator.id}",
        indicator.title,
        " ".join(parts),
        rows,
        maximum=100.0 if indicator.unit == "percent" else None,
        legend=legend,
        unit="%" if indicator.unit == "percent" else "",
    )


def _reading_row(item: Progress, reading: Reading, target: float | None) -> Row:
    """One bar of an indicator's chart: a figure (or "not shown"), the target marked."""
    indicator = item.indicator
    label = short_label(reading.period)
    if reading is item.baseline:
        label += " (baseline)"
    return Row(
        label=label,
        segments=()
        if reading.value is None
        else (Segment("value", indicator.title, reading.value, ""),),
        total_text=figure(indicator, reading.value) if reading.value is not None else "not shown",
        marker=target,
        marker_label="Target",
    )


def indicators_section(ctx: ReportContext) -> tuple[IndicatorView, ...]:
    return tuple(indicator_view(ctx, p) for p in ctx.indicators.values())


def indicators_chart(indicators: Sequence[IndicatorView]) -> Chart | None:
    """The percentage indicators' latest figures side by side, each with its target."""
    shown = [
        (i, i.latest, i.latest.value)
        for i in indicators
        if i.unit == "percent" and i.latest and i.latest.value is not None
    ]
    if not shown:
        return None
    rows = [
        Row(
            label=i.title,
            segments=(Segment("value", "Latest figure", value, ""),),
            total_text=latest.text,
            marker=i.target.value if i.target else None,
            marker_label="Target",
        )
        for i, latest, value in shown
    ]
    description = " ".join(
        f"{i.title}: {latest.text} in {latest.period}"
        + (f", against a target of {i.target.text} by {i.target.period}." if i.target else ".")
        for i, latest, _ in shown
    )
    return bar_chart(
        "chart-indicators",
        "Indicators: latest figure against target",
        description,
        rows,
        maximum=100.0,
        legend=[("value", "Latest figure"), ("marker", "Target")],
        unit="%",
    )


def outcomes(ctx: ReportContext) -> tuple[OutcomeView, ...]:
    """Evidence of positive outcomes in the period: the objectives' own outcomes and
    the evidence records, by date, then what was done as a result of the period's
    consultation. ``attribution`` says where each comes from, for which groups and
    who vouches for it, in words ("" when nothing does)."""
    found: list[OutcomeView] = []
    for objective in ctx.repo.objectives:
        for outcome in objective.outcomes:
            if outcome.date in ctx.period and outcome.date <= ctx.as_of:
                found.append(_outcome(outcome.date, outcome.note, outcome.source, objective.title))
    titles = {o.id: o.title for o in ctx.repo.objectives}
    for e in ctx.repo.outcome_evidence:
        if e.date in ctx.period and e.date <= ctx.as_of:
            named = join_words([titles[o] for o in e.objectives if o in titles]) or None
            vouched = f"vouched for by {ctx.person(e.vouched_by)}, {day(e.vouched_on).text}"
            groups = join_words([ctx.label(g) for g in e.groups])
            found.append(_outcome(e.date, evidence_note(e), e.source, named, groups, vouched))
    found.sort(key=lambda o: o.date.iso)
    for activity in ctx.coverage.coverage.activities:
        found += [_outcome(activity.end, done, activity.title, None) for done in activity.done]
    return tuple(found)


def _outcome(
    when: date,
    note: str,
    source: str | None,
    objective: str | None,
    groups: str = "",
    vouched: str = "",
) -> OutcomeView:
    said = [
        source or "",
        f"objective: {objective}" if objective else "",
        f"for: {groups}" if groups else "",
        vouched,
    ]
    return OutcomeView(day(when), note, source, objective, "; ".join(s for s in said if s))
