"""Equality objectives and their progress: each objective's indicators against their
targets, its actions' states, and the evidence of positive outcomes recorded for it.

An objective's rating is the worst of its actions' rating (as for a plan's element)
and its indicators' (green when met, amber when improving or not yet met, red when
not improving or missed), with the reasons for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from eqdiv.model.blocks import join_words
from eqdiv.model.objectives import PSED_AIMS, Objective
from eqdiv.registers.evidence import objective_evidence
from eqdiv.report.action_plan import GroupCount, counts, rating
from eqdiv.report.context import ReportContext
from eqdiv.report.measures import IndicatorView, indicator_view
from eqdiv.report.parts import (
    ActionView,
    Day,
    Rag,
    RagView,
    day,
    maybe_day,
    month_span,
    rag,
    worst,
)
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class AimRef(ViewModel):
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class ObjectiveActions(ViewModel):
    total: int
    counts: tuple[GroupCount, ...]
    rag: RagView
    list: tuple[ActionView, ...]


@dataclass(frozen=True, slots=True)
class ObjectiveOutcome(ViewModel):
    date: Day
    note: str
    source: str | None


@dataclass(frozen=True, slots=True)
class ObjectiveView(ViewModel):
    id: str
    title: str
    statement: str
    aims: tuple[AimRef, ...]
    groups: tuple[str, ...]
    groups_text: str
    owner: str | None
    period: str
    published: Day | None
    measures: tuple[str, ...]
    indicators: tuple[IndicatorView, ...]
    actions: ObjectiveActions
    outcomes: tuple[ObjectiveOutcome, ...]
    rag: RagView
    location: str


@dataclass(frozen=True, slots=True)
class AimAssessment(ViewModel):
    """What an EIA said about one aim of the duty."""

    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class AimView(ViewModel):
    key: str
    label: str
    objectives: tuple[ObjectiveView, ...]
    assessments: tuple[AimAssessment, ...]


def objective_view(ctx: ReportContext, objective: Objective) -> ObjectiveView:
    items = [ctx.by_ref[r] for r in objective.actions if r in ctx.by_ref]
    action_rag, action_reason = rating(ctx, items)
    indicators = tuple(
        indicator_view(ctx, ctx.indicators[i]) for i in objective.indicators if i in ctx.indicators
    )
    ratings = [(action_rag, f"Actions: {action_reason}")] if items else []
    ratings += [(Rag(v.rag.key), f"{v.title}: {v.verdict.words}.") for v in indicators]
    overall = worst(*(r for r, _ in ratings))
    reasons = [why for r, why in ratings if r is overall] if overall is not Rag.NONE else []
    return ObjectiveView(
        id=objective.id,
        title=objective.title,
        statement=objective.statement,
        aims=tuple(AimRef(a, PSED_AIMS[a]) for a in objective.psed_aims),
        groups=tuple(ctx.label(g) for g in objective.groups),
        groups_text=join_words([ctx.label(g) for g in objective.groups]) or "Everyone",
        owner=ctx.person(objective.owner),
        period=month_span(objective.start, objective.end),
        published=maybe_day(objective.published),
        measures=tuple(objective.measures),
        indicators=indicators,
        actions=ObjectiveActions(
            total=len(items),
            counts=counts(items),
            rag=rag(action_rag, action_reason),
            list=tuple(ctx.action(i) for i in items),
        ),
        outcomes=tuple(
            ObjectiveOutcome(day(e.date), e.note, e.source)
            for e in objective_evidence(ctx.repo, objective, ctx.as_of)
        ),
        rag=rag(overall, " ".join(reasons) or "Nothing to rate yet."),
        location=f"{objective.location.path}:{objective.location.line}",
    )


def objectives_section(ctx: ReportContext) -> tuple[ObjectiveView, ...]:
    """Objectives whose cycle overlaps the period, in the order of the records."""
    return tuple(
        objective_view(ctx, o) for o in ctx.repo.objectives if ctx.period.overlaps(o.start, o.end)
    )


def by_aim(
    objectives: Sequence[ObjectiveView],
    assessments: Callable[[str], tuple[AimAssessment, ...]],
    labels: Mapping[str, str] | None = None,
) -> tuple[AimView, ...]:
    """The three aims of the duty, each with the objectives that serve it and what
    ``assessments`` (given an aim's key) found about it; ``labels`` names the aims in
    the words of the duty in force (default: the PSED's)."""
    return tuple(
        AimView(
            key=key,
            label=(labels or {}).get(key, label),
            objectives=tuple(o for o in objectives if any(a.key == key for a in o.aims)),
            assessments=assessments(key),
        )
        for key, label in PSED_AIMS.items()
    )
