"""EIA quality: how the grades are spread, and which EIAs fall below the partnership's
minimum grade (``eia_minimum_grade`` in eqdiv.yaml), with the step that would lift each.

Scores come from ``eqdiv.eia`` (the rubric, its rules and gates); this section only
says them on the status screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from eqdiv.eia import CONFIG_UNREAD, EiaResult, eia_quality
from eqdiv.eia.scoring import EiaScore
from eqdiv.model.blocks import Block, Entry, Tone, capped_map, join_words, plural
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class EiaQuality(Section):
    key: ClassVar[str] = "eia_quality"
    result: EiaResult

    def to_dict(self) -> dict[str, Any]:
        result = self.result
        return {
            "rubric": result.rubric.title,
            "rubric_fallback": result.loaded.fallback,
            "config_read": result.config_read,
            "scored": len(result.scores),
            "unscored": [r.id for r in result.unscored],
            "distribution": {grade.name: count for grade, count in result.distribution},
            "minimum": None if result.minimum is None else result.minimum.name,
            "below_minimum": [_below(s) for s in result.below_minimum],
        }

    def block(self) -> Block | None:
        result = self.result
        if not result.scores and not result.unscored:
            return None
        spread = [f"{n} {grade.name}" for grade, n in reversed(result.distribution) if n]
        lines = [f"{plural(len(result.scores), 'EIA')} scored: {join_words(spread) or 'none'}."]
        if result.unscored:
            lines.append(
                f"Not scored until their errors are fixed: "
                f"{join_words([r.id for r in result.unscored])}."
            )
        if not result.config_read:
            lines.append(CONFIG_UNREAD)
        if result.minimum is None:
            return Block("EIA quality", tuple(lines))
        below = result.below_minimum
        minimum = result.minimum.name
        if not below:
            lines.append(f"All are at or above the minimum grade ({minimum}).")
            return Block("EIA quality", tuple(lines))
        lines.append(f"Below the minimum grade ({minimum}):")
        entries, more = capped_map(below, _entry, "`eqdiv eia list`")
        return Block("EIA quality", tuple(lines), entries, more)


def _tag(score: EiaScore) -> str:
    tag = f"{score.grade.name}, {score.percent_words}"
    return tag + ", capped" if score.capped else tag


def _below(score: EiaScore) -> dict[str, Any]:
    return {
        "id": score.eia.id,
        "title": score.eia.title,
        "path": score.eia.location.path,
        "grade": score.grade.name,
        "percentage": score.percent(1),
        "capped_by": [g.criterion.id for g in score.gates if g.lowered],
    }


def _entry(score: EiaScore) -> Entry:
    details: list[str] = []
    for gate in score.gates:
        if gate.lowered:
            details.append(
                f"{gate.criterion.id} {gate.criterion.title} scored "
                f"{score.criterion(gate.criterion.id).points}, which caps the grade at "
                f"{gate.cap.name}."
            )
    if score.next is not None and score.next.steps:
        first = score.next.steps[0]
        details.append(f"Next: {first.criterion.id} {first.criterion.title}: {first.advice}")
    return Entry(
        key=score.eia.id,
        tag=_tag(score),
        tone=Tone.BAD,
        headline=score.eia.title,
        details=tuple(details),
    )


def eia_quality_section(ctx: StatusContext) -> EiaQuality:
    in_view = [e.id for e in ctx.repo.eias if ctx.owns(e.author, e.review_owner)]
    if ctx.owner is None:
        return EiaQuality(eia_quality(ctx.repo))
    return EiaQuality(eia_quality(ctx.repo, in_view) if in_view else _none(ctx))


def _none(ctx: StatusContext) -> EiaResult:
    """Nobody's EIAs in view: an empty result, not 'every EIA' (ids=[] means all)."""
    return replace(eia_quality(ctx.repo), scores=(), unscored=())
