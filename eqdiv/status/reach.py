"""Who consultation missed last quarter: the groups not reached or under-represented,
the equality questions no activity asked, and the local groups no activity was aimed
at. The figures behind it are ``eqdiv consultation coverage``; this is the part a team
should act on, from the same suppressed view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.figures.coverage_publish import reach_gaps
from eqdiv.figures.gaps import Gaps
from eqdiv.model.blocks import Block
from eqdiv.model.json_parts import period_to_dict
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class ConsultationReach(Section):
    key: ClassVar[str] = "reach"
    gaps: Gaps

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": period_to_dict(self.gaps.period),
            "activities": self.gaps.activities,
            **self.gaps.to_dict(),
        }

    def block(self) -> Block | None:
        """Left off the screen when there were no activities and no local groups to
        aim at: the consultation section already says nothing ran."""
        lines = self.gaps.attention()
        if not self.gaps.activities:
            lines = lines[1:]
        if not lines:
            return None
        return Block(
            "Consultation reach last quarter",
            tuple(lines),
            after=("`eqdiv consultation coverage` shows the figures.",),
        )


def consultation_reach(ctx: StatusContext) -> ConsultationReach:
    return ConsultationReach(reach_gaps(ctx.repo, ctx.as_of, ctx.owner))
