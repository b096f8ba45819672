"""Consultation and involvement in a report: the activities in the period, who took
part compared with the area's population, and the gaps, all from the suppressed view
of ``eqdiv consultation coverage`` (``eqdiv.figures.coverage_view``).

How many took part in each activity is suppressed with everything else coverage
publishes (``eqdiv.figures.coverage_view``): a small group (the seven fathers of a focus group)
is "fewer than 10", and another count is hidden if the totals would give it away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.figures.coverage import Coverage
from eqdiv.figures.coverage_view import DimensionView
from eqdiv.figures.coverage_words import people
from eqdiv.figures.gaps import Gaps
from eqdiv.figures.suppression import Shown
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.consultations import Consultation
from eqdiv.report.charts import Chart, Row, Segment, bar_chart
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import Count, Day, day, day_text, shown
from eqdiv.report.view_model import ViewModel

FORMATS = {
    "large_print": "large print",
    "easy_read": "Easy Read",
    "braille": "Braille",
    "audio": "audio",
    "bsl": "British Sign Language",
    "translation": "translation",
    "interpreter": "interpreters",
    "plain_text": "plain text",
    "online_accessible": "accessible online form",
}


@dataclass(frozen=True, slots=True)
class ActivityView(ViewModel):
    id: str
    title: str
    dates: str
    start: Day
    end: Day
    organisation: str | None
    lead: str | None
    methods: str
    about_impacts: bool
    participants: Count
    targeted: tuple[str, ...]
    formats: tuple[str, ...]
    said: tuple[str, ...]
    done: tuple[str, ...]
    location: str


@dataclass(frozen=True, slots=True)
class Population(ViewModel):
    area: str
    source: str


@dataclass(frozen=True, slots=True)
class GapsView(ViewModel):
    sentences: tuple[str, ...]
    found: bool
    under_represented: tuple[str, ...]
    not_reached: tuple[str, ...]
    over_represented: tuple[str, ...]
    not_asked: tuple[str, ...]
    no_targeted_activity: tuple[str, ...]
    not_counted: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryRow(ViewModel):
    label: str
    people: str
    count: Count
    share: str | None
    population_share: str | None
    verdict: str | None
    verdict_key: str | None


@dataclass(frozen=True, slots=True)
class DimensionSection(ViewModel):
    id: str
    label: str
    compared_by: str
    answered: int | None
    answers: str  # asked, said (the base of the shares) and did not say
    not_known_rate: str | None
    withheld: bool
    withheld_reason: str | None
    baseline: bool
    categories: tuple[CategoryRow, ...]
    chart: Chart | None


@dataclass(frozen=True, slots=True)
class TargetedView(ViewModel):
    label: str
    local: bool
    activities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReachThresholds(ViewModel):
    under_represented: float
    over_represented: float
    min_expected: float


@dataclass(frozen=True, slots=True)
class ConsultationSection(ViewModel):
    count: int
    participants: Count
    any_hidden: bool
    summary: str
    activities: tuple[ActivityView, ...]
    population: Population | None
    gaps: GapsView
    dimensions: tuple[DimensionSection, ...]
    targeted: tuple[TargetedView, ...]
    thresholds: ReachThresholds
    left_out: tuple[str, ...]


WITHHELD = Count(None, "withheld", "withheld")


def days_span(start: date, end: date) -> str:
    """``14 August 2007``; ``3 to 28 September 2007``; ``1 June to 13 July 2007``."""
    if start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {day_text(end)}"
    if start.year == end.year:
        return f"{day_text(start).rsplit(' ', 1)[0]} to {day_text(end)}"
    return f"{day_text(start)} to {day_text(end)}"


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{100 * value:.1f}%"


def activity_view(ctx: ReportContext, activity: Consultation, count: Shown) -> ActivityView:
    partners = {p.id: p.name for p in ctx.repo.config.partners}
    return ActivityView(
        id=activity.id,
        title=activity.title,
        dates=days_span(activity.start, activity.end),
        start=day(activity.start),
        end=day(activity.end),
        organisation=partners.get(activity.organisation or "", activity.organisation),
        lead=ctx.person(activity.lead),
        methods=join_words([m.replace("_", " ") for m in activity.methods]),
        about_impacts=activity.about_impacts,
        participants=shown(count, ctx.threshold),
        targeted=tuple(ctx.label(g) for g in activity.targeted),
        formats=tuple(FORMATS.get(f, f.replace("_", " ")) for f in activity.accessible_formats),
        said=activity.said,
        done=activity.done,
        location=f"{activity.location.path}:{activity.location.line}",
    )


def consultation_section(ctx: ReportContext) -> ConsultationSection:
    v = ctx.coverage
    cov = v.coverage
    total = v.people
    activities = tuple(
        activity_view(ctx, a, c) for a, c in zip(cov.activities, v.activities, strict=True)
    )
    population = cov.population
    return ConsultationSection(
        count=len(activities),
        participants=shown(total, ctx.threshold),
        any_hidden=any(not c.visible for c in v.activities),
        summary=f"{plural(len(activities), 'activity', 'activities')}; "
        f"{people(total, ctx.threshold)} took part."
        if activities
        else "No consultation or involvement activity was recorded in this period.",
        activities=activities,
        population=None if population is None else Population(population.area, population.source),
        gaps=_gaps(v.gaps),
        dimensions=tuple(_dimension(d, ctx.threshold) for d in v.dimensions),
        targeted=_targeted(cov),
        thresholds=ReachThresholds(
            cov.thresholds.under_represented,
            cov.thresholds.over_represented,
            cov.thresholds.min_expected,
        ),
        left_out=cov.left_out,
    )


def _gaps(gaps: Gaps) -> GapsView:
    return GapsView(
        sentences=tuple(gaps.sentences()),
        found=gaps.found,
        under_represented=gaps.under_represented,
        not_reached=gaps.not_reached,
        over_represented=gaps.over_represented,
        not_asked=gaps.not_asked,
        no_targeted_activity=gaps.untargeted,
        not_counted=gaps.not_counted,
    )


def _targeted(cov: Coverage) -> tuple[TargetedView, ...]:
    return tuple(
        TargetedView(
            t.label, t.local, tuple(a.title for a in cov.activities if a.id in t.activities)
        )
        for t in cov.targeted
    )


def _dimension(d: DimensionView, threshold: int) -> DimensionSection:
    dim = d.dimension
    categories = tuple(
        CategoryRow(
            label=c.row.label,
            people=c.row.people,
            count=WITHHELD if d.withheld else shown(c.count, threshold),
            share=_percent(c.share),
            population_share=_percent(c.row.population_share),
            verdict=c.verdict.words if c.verdict else None,
            verdict_key=c.verdict.value if c.verdict else None,
        )
        for c in d.categories
    )
    return DimensionSection(
        id=dim.id,
        label=dim.label,
        compared_by="broad group" if dim.grouped else "category",
        answered=dim.known if not d.withheld else None,
        answers=" ".join(d.answers(threshold)),
        not_known_rate=_percent(d.not_known_rate),
        withheld=d.withheld,
        withheld_reason=d.withheld_reason(threshold),
        baseline=dim.baseline,
        categories=categories,
        chart=_reach_chart(d, categories) if dim.baseline and not d.withheld else None,
    )


def _reach_chart(d: DimensionView, categories: tuple[CategoryRow, ...]) -> Chart:
    """Each category's share of those who took part, with the area's share marked."""
    dim = d.dimension
    rows = [
        Row(
            label=c.row.label,
            segments=()
            if c.share is None
            else (Segment("share", "Share of those who took part", 100 * c.share, ""),),
            total_text=_percent(c.share) or "not shown",
            marker=None if c.row.population_share is None else 100 * c.row.population_share,
            marker_label="Share of the area's population",
        )
        for c in d.categories
    ]
    description = " ".join(
        f"{c.label}: {c.share or 'not shown'} of those who took part, "
        f"{c.population_share or 'no figure'} of the area"
        + (f", {c.verdict}." if c.verdict else ".")
        for c in categories
    )
    return bar_chart(
        f"chart-reach-{dim.id}",
        f"{dim.label}: who took part, against the area's population",
        description,
        rows,
        maximum=100.0,
        legend=[("share", "Share of those who took part"), ("marker", "Share of the area")],
        unit="%",
    )
