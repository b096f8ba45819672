"""Employees and volunteers: what needs attention in each partner's latest workforce
return. Monitoring below its target, equality refreshers overdue, and a relative
likelihood of entering a formal process outside the band (published ones only: the
figures come from the same protected view as ``eqdiv workforce``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from eqdiv.figures.workforce_view import WorkforceView, workforce_view
from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class WorkforceAttention(Section):
    key: ClassVar[str] = "workforce"
    shown: WorkforceView

    def _items(self) -> list[tuple[str, Entry]]:
        found: list[tuple[str, Entry]] = []
        for r in self.shown.returns:
            for c in r.gaps:
                found.append(
                    (
                        "monitoring",
                        Entry(
                            r.partner,
                            "monitoring gap",
                            Tone.WARN,
                            details=(
                                f"{c.who.capitalize()} {c.label.lower()}: "
                                + (
                                    f"{c.rate * 100:.1f}% recorded"
                                    if c.rate is not None
                                    else "the share recorded is not published"
                                )
                                + f", against a target of {c.target:g}% ({r.id}).",
                            ),
                        ),
                    )
                )
            for t in r.overdue:
                assert t.refresher_due is not None
                found.append(
                    (
                        "training",
                        Entry(
                            r.partner,
                            "refresher overdue",
                            Tone.BAD,
                            details=(
                                f"{t.course} refresher for {t.team} fell due on "
                                f"{t.refresher_due.isoformat()} ({r.id}).",
                            ),
                        ),
                    )
                )
            for v in r.concerns:
                found.append(
                    (
                        "likelihood",
                        Entry(r.partner, v.verdict_words, Tone.BAD, details=(v.sentence(),)),
                    )
                )
        return found

    def to_dict(self) -> dict[str, Any]:
        items = self._items()
        return {
            "returns": [r.id for r in self.shown.returns],
            "monitoring_gaps": [
                {"return": r.id, "partner": r.partner, **c.to_dict()}
                for r in self.shown.returns
                for c in r.gaps
            ],
            "training_overdue": [
                {
                    "return": r.id,
                    "partner": r.partner,
                    "team": t.team,
                    "course": t.course,
                    "refresher_due": t.refresher_due.isoformat() if t.refresher_due else None,
                }
                for r in self.shown.returns
                for t in r.overdue
            ],
            "likelihood_concerns": [
                {
                    "return": r.id,
                    "partner": r.partner,
                    "process": v.process,
                    "group": v.group,
                    "comparison": v.comparison,
                    "ratio": None if v.ratio is None else round(v.ratio, 2),
                    "verdict": None if v.verdict is None else v.verdict.value,
                }
                for r in self.shown.returns
                for v in r.concerns
            ],
            "count": len(items),
        }

    def block(self) -> Block | None:
        """Left off the screen when no return needs attention (or there are none)."""
        items = self._items()
        if not items:
            return None
        return Block(
            "Employees and volunteers",
            (f"In each partner's latest workforce return, on {self.shown.as_of.isoformat()}:",),
            tuple(entry for _, entry in items),
            after=("`eqdiv workforce` shows every figure.",),
        )


def workforce_attention(ctx: StatusContext) -> WorkforceAttention:
    """With ``--owner``, only the returns they prepared."""
    shown = workforce_view(ctx.repo, ctx.as_of)
    if ctx.owner is not None:
        theirs = {w.id for w in ctx.repo.workforce if ctx.owns(w.prepared_by)}
        shown = replace(shown, returns=tuple(r for r in shown.returns if r.id in theirs))
    return WorkforceAttention(shown)
