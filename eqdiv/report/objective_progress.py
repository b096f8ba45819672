"""Equality objectives and their progress: each objective's indicators against their
targets, its actions' states, and the evidence of positive outcomes recorded for it.

An objective's rating is the worst of its actions' rating (as for a plan's element)
and its indicators' (green when met, amber when improving or not yet met, red when
not improving or missed), with the reasons for it.
"""

from __future__ import annotations

from eqdiv.model.blocks import join_words
from eqdiv.model.objectives import PSED_AIMS, Objective
from eqdiv.report.action_plan import counts, rating
from eqdiv.report.context import ReportContext
from eqdiv.report.measures import indicator_view
from eqdiv.report.parts import Rag, View, day, month_span, rag, worst


def objective_view(ctx: ReportContext, objective: Objective) -> View:
    items = [ctx.by_ref[r] for r in objective.actions if r in ctx.by_ref]
    action_rag, action_reason = rating(ctx, items)
    indicators = [
        indicator_view(ctx, ctx.indicators[i]) for i in objective.indicators if i in ctx.indicators
    ]
    ratings = [(action_rag, f"Actions: {action_reason}")] if items else []
    ratings += [
        (Rag(v["rag"]["key"]), f"{v['title']}: {v['verdict']['words']}.") for v in indicators
    ]
    overall = worst(*(r for r, _ in ratings))
    reasons = [why for r, why in ratings if r is overall] if overall is not Rag.NONE else []
    return {
        "id": objective.id,
        "title": objective.title,
        "statement": objective.statement,
        "aims": [{"key": a, "label": PSED_AIMS[a]} for a in objective.psed_aims],
        "groups": [ctx.label(g) for g in objective.groups],
        "groups_text": join_words([ctx.label(g) for g in objective.groups]) or "Everyone",
        "owner": ctx.person(objective.owner),
        "period": month_span(objective.start, objective.end),
        "published": day(objective.published),
        "measures": list(objective.measures),
        "indicators": indicators,
        "actions": {
            "total": len(items),
            "counts": counts(items),
            "rag": rag(action_rag, action_reason),
            "list": [ctx.action(i) for i in items],
        },
        "outcomes": [
            {"date": day(o.date), "note": o.note, "source": o.source}
            for o in objective.outcomes
            if o.date <= ctx.as_of
        ],
        "rag": rag(overall, " ".join(reasons) or "Nothing to rate yet."),
        "location": f"{objective.location.path}:{objective.location.line}",
    }


def objectives_section(ctx: ReportContext) -> list[View]:
    """Objectives whose cycle overlaps the period, in the order of the records."""
    return [
        objective_view(ctx, o) for o in ctx.repo.objectives if ctx.period.overlaps(o.start, o.end)
    ]


def by_aim(objectives: list[View]) -> list[View]:
    """The three aims of the duty, each with the objectives that serve it."""
    return [
        {
            "key": key,
            "label": label,
            "objectives": [o for o in objectives if any(a["key"] == key for a in o["aims"])],
        }
        for key, label in PSED_AIMS.items()
    ]
