"""Scores and rubrics as plain JSON-ready data: the stable shapes of ``eqdiv eia ...
--format json`` (documented in the README), for other tools and features to reuse."""

from __future__ import annotations

from datetime import date
from typing import Any

from eqdiv.eia.judging import FieldNote
from eqdiv.eia.review_dates import ReviewDue
from eqdiv.eia.rubric_loader import LoadedRubric
from eqdiv.eia.scoring import CriterionScore, EiaScore, NextGrade
from eqdiv.eia.summary import EiaResult, stage
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.rubric import Rubric


def number(value: float) -> int | float:
    """Whole numbers as integers (19, not 19.0); others to two places."""
    return int(value) if float(value).is_integer() else round(value, 2)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def rubric_to_dict(loaded: LoadedRubric, *, full: bool = False) -> dict[str, Any]:
    """Which rubric was used and why; with ``full``, everything in it."""
    rubric = loaded.rubric
    data: dict[str, Any] = {
        "id": rubric.id,
        "title": rubric.title,
        "shipped": rubric.shipped,
        "path": None if rubric.shipped else rubric.location.path,
        "fallback": loaded.fallback,
        "findings": [finding_to_dict(f) for f in loaded.findings],
    }
    if full:
        data.update(_rubric_contents(rubric))
    return data


def _rubric_contents(rubric: Rubric) -> dict[str, Any]:
    return {
        "description": rubric.description,
        "based_on": list(rubric.based_on),
        "criteria": [
            {
                "id": c.id,
                "title": c.title,
                "question": c.question,
                "rule": c.rule,
                "reads": list(c.reads) if c.reads is not None else None,
                "weight": number(c.weight),
                "levels": {str(points): text for points, text in enumerate(c.levels)},
            }
            for c in rubric.criteria.values()
        ],
        "grades": [
            {"name": g.name, "from": number(g.minimum), "meaning": g.meaning} for g in rubric.grades
        ],
        "gates": [
            {"criterion": g.criterion, "at_most": g.at_most, "cap": g.cap, "why": g.why}
            for g in rubric.gates
        ],
        "scored_on": {part: list(ids) for part, ids in rubric.scored_on.items()},
    }


def summary_row(
    score: EiaScore, as_of: date | None = None, review: ReviewDue | None = None
) -> dict[str, Any]:
    """One EIA's line in ``eqdiv eia list``: where it has got to and its grade.
    ``review`` is when it is next due for review (``EiaResult.next_review``)."""
    eia = score.eia
    return {
        "id": eia.id,
        "title": eia.title,
        "path": eia.location.path,
        "screened_out": eia.screened_out,
        "status": stage(eia),
        "decision_date": _day(eia.decision_date),
        "review_date": _day(review.date) if review is not None else None,
        "review_derived_from": _derived(review),
        "review_overdue": None if as_of is None else (review is not None and review.overdue(as_of)),
        "points": number(score.total),
        "maximum": number(score.maximum),
        "percentage": score.percent(1),
        "grade": score.grade.name,
        "points_grade": score.points_grade.name,
        "capped": score.capped,
    }


def _derived(review: ReviewDue | None) -> dict[str, Any] | None:
    if review is None or not review.derived:
        return None
    return {"event": review.basis.value, "date": _day(review.since), "months": review.months}


def score_to_dict(
    score: EiaScore, as_of: date | None = None, review: ReviewDue | None = None
) -> dict[str, Any]:
    """One EIA's full score: every criterion with its reason and fields, the gates,
    and what would raise the grade next."""
    return {
        **summary_row(score, as_of, review),
        "criteria": [_criterion(c) for c in score.criteria],
        "gates": [
            {
                "criterion": g.criterion.id,
                "at_most": g.gate.at_most,
                "cap": g.cap.name,
                "why": g.gate.why,
                "lowered": g.lowered,
            }
            for g in score.gates
        ],
        "next": _next(score.next),
    }


def _criterion(scored: CriterionScore) -> dict[str, Any]:
    criterion = scored.criterion
    return {
        "id": criterion.id,
        "title": criterion.title,
        "weight": number(criterion.weight),
        "points": scored.points,
        "weighted": number(scored.weighted),
        "reason": scored.reason,
        "level": scored.level,
        "advice": scored.advice,
        "fields": [_field(note) for note in scored.fields],
    }


def _field(note: FieldNote) -> dict[str, Any]:
    loc = note.location
    return {
        "field": note.field,
        "effect": note.effect.value,
        "note": note.note,
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "pointer": loc.pointer,
    }


def _next(next_grade: NextGrade | None) -> dict[str, Any] | None:
    if next_grade is None:
        return None
    return {
        "grade": next_grade.grade.name,
        "steps": [
            {
                "criterion": step.criterion.id,
                "title": step.criterion.title,
                "points": step.points,
                "to": step.to,
                "advice": step.advice,
                "lifts_cap": step.lifts_cap,
            }
            for step in next_grade.steps
        ],
    }


def result_to_dict(result: EiaResult, command: str, *, full: bool) -> dict[str, Any]:
    """The whole of ``eqdiv eia list`` (``full=False``) or ``eqdiv eia score``."""
    as_of = result.as_of
    row = score_to_dict if full else summary_row
    return {
        **envelope(command, str(result.root), _day(as_of)),
        "rubric": rubric_to_dict(result.loaded),
        "summary": {
            "scored": len(result.scores),
            "unscored": len(result.unscored),
            "config_read": result.config_read,
            "grades": {grade.name: count for grade, count in result.distribution},
            "minimum_grade": result.minimum.name if result.minimum is not None else None,
            "below_minimum": [s.eia.id for s in result.below_minimum],
            "fail_under": result.fail_under.name if result.fail_under is not None else None,
            "failing": [s.eia.id for s in result.failing],
        },
        "eias": [
            {
                **row(score, as_of, result.next_review(score.eia)),
                "changed_since_signoff": result.changed_since_signoff.get(score.eia.id),
            }
            for score in result.scores
        ],
        "unscored": [{"id": r.id, "path": r.path} for r in result.unscored],
    }
