"""Consultation and involvement activity in the last quarter.

"The last quarter" is the last complete quarter before ``as_of``, in the partnership's
year (``year_start_month``; April for local government): the quarter a team meeting at
the start of a quarter looks back on, and the one quarterly reports cover. Activity in
the current quarter so far is counted too, so nothing recent is hidden. An activity
belongs to every quarter it runs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.blocks import Block, Entry, capped, join_words, plural
from eqdiv.coverage import in_period
from eqdiv.model.consultations import Consultation
from eqdiv.periods import Period, between, previous_quarter, quarter_of
from eqdiv.serialize import iso, period_to_dict
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class ConsultationActivity(Section):
    key: ClassVar[str] = "consultation"
    period: Period
    activities: tuple[Consultation, ...]
    so_far: Period  # the current quarter up to as_of
    recent: tuple[Consultation, ...]
    labels: dict[str, str]  # group id -> how reports name it

    @property
    def targeted(self) -> list[str]:
        """The groups last quarter's activities aimed at, in configuration order."""
        aimed = {g for c in self.activities for g in c.targeted}
        return [g for g in self.labels if g in aimed] + sorted(aimed - set(self.labels))

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": period_to_dict(self.period),
            "count": len(self.activities),
            "participants": sum(c.participants for c in self.activities),
            "targeted": self.targeted,
            "activities": [_activity(c) for c in self.activities],
            "this_quarter": {
                "period": period_to_dict(self.so_far),
                "count": len(self.recent),
                "participants": sum(c.participants for c in self.recent),
            },
        }

    def block(self) -> Block:
        lines = [f"{self.period.label}: {_tally(self.activities)}."]
        if self.targeted:
            lines.append(
                "Aimed at: " + join_words([self.labels.get(g, g) for g in self.targeted]) + "."
            )
        entries, more = capped(
            [
                Entry(
                    key=c.start.isoformat(),
                    tag=plural(c.participants, "participant"),
                    headline=c.title,
                )
                for c in self.activities
            ],
            "`eqdiv status --format json`",
        )
        return Block(
            "Consultation last quarter",
            tuple(lines),
            entries,
            (*more, f"This quarter so far ({self.so_far.label}): {_tally(self.recent)}."),
        )


def _tally(activities: tuple[Consultation, ...]) -> str:
    if not activities:
        return "no activity recorded"
    people = sum(c.participants for c in activities)
    return f"{plural(len(activities), 'activity', 'activities')}, {plural(people, 'participant')}"


def _activity(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "start": iso(c.start),
        "end": iso(c.end),
        "participants": c.participants,
        "targeted": list(c.targeted),
        "methods": list(c.methods),
        "path": c.location.path,
    }


def consultation_activity(ctx: StatusContext) -> ConsultationActivity:
    config = ctx.repo.config
    in_view = [c for c in ctx.repo.consultations if ctx.owns(c.lead)]
    last = previous_quarter(ctx.as_of, config.year_start_month)
    current = quarter_of(ctx.as_of, config.year_start_month)
    so_far = between(current.start, ctx.as_of)
    return ConsultationActivity(
        period=last,
        activities=tuple(in_period(in_view, last)),
        so_far=so_far,
        recent=tuple(in_period(in_view, so_far)),
        labels={g.id: g.label for g in config.groups},
    )
