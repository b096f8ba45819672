"""Consultation and involvement activity in the last quarter.

"The last quarter" is the last complete quarter before ``as_of``, in the partnership's
year (``year_start_month``; April for local government): the quarter a team meeting at
the start of a quarter looks back on, and the one quarterly reports cover. Activity in
the current quarter so far is counted too, so nothing recent is hidden. An activity
belongs to every quarter it runs in. How many took part is shown as coverage shows it:
small numbers suppressed, and whatever would give them away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.figures.coverage_publish import period_view
from eqdiv.figures.coverage_view import CoverageView
from eqdiv.figures.suppression import Hidden, Shown
from eqdiv.model.blocks import Block, Entry, capped, join_words, plural
from eqdiv.model.consultations import Consultation
from eqdiv.model.json_parts import iso, period_to_dict
from eqdiv.model.periods import Period, between, previous_quarter, quarter_of
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class ConsultationActivity(Section):
    key: ClassVar[str] = "consultation"
    period: Period
    activities: tuple[Consultation, ...]
    so_far: Period  # the current quarter up to as_of
    recent: tuple[Consultation, ...]
    labels: dict[str, str]  # group id -> how reports name it
    shown: CoverageView  # last quarter's counts of people, as they may be shown
    shown_so_far: CoverageView

    @property
    def targeted(self) -> list[str]:
        """The groups last quarter's activities aimed at, in configuration order."""
        aimed = {g for c in self.activities for g in c.targeted}
        return [g for g in self.labels if g in aimed] + sorted(aimed - set(self.labels))

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": period_to_dict(self.period),
            "count": len(self.activities),
            **_people_dict(self.shown.people, self.shown.threshold),
            "targeted": self.targeted,
            "activities": [_activity(c, self.shown) for c in self.activities],
            "this_quarter": {
                "period": period_to_dict(self.so_far),
                "count": len(self.recent),
                **_people_dict(self.shown_so_far.people, self.shown_so_far.threshold),
            },
        }

    def block(self) -> Block:
        lines = [f"{self.period.label}: {_tally(self.activities, self.shown)}."]
        if self.targeted:
            lines.append(
                "Aimed at: " + join_words([self.labels.get(g, g) for g in self.targeted]) + "."
            )
        entries, more = capped(
            [
                Entry(
                    key=c.start.isoformat(),
                    tag=_took_part(self.shown.taking_part(c.id), self.shown.threshold),
                    headline=c.title,
                )
                for c in self.activities
            ],
            "`eqdiv status --format json`",
        )
        so_far = _tally(self.recent, self.shown_so_far)
        return Block(
            "Consultation last quarter",
            tuple(lines),
            entries,
            (*more, f"This quarter so far ({self.so_far.label}): {so_far}."),
        )


def _took_part(count: Shown, threshold: int) -> str:
    """``148 participants``, ``fewer than 10 participants``, ``participants hidden``."""
    if count.visible:
        return plural(count.value, "participant")
    if count.hidden is Hidden.SMALL:
        return f"{count.text(threshold)} participants"
    return "participants hidden"


def _tally(activities: tuple[Consultation, ...], shown: CoverageView) -> str:
    if not activities:
        return "no activity recorded"
    count = plural(len(activities), "activity", "activities")
    return f"{count}, {_took_part(shown.people, shown.threshold)}"


def _people_dict(count: Shown, threshold: int) -> dict[str, Any]:
    return {"participants": count.exact(), "participants_text": count.text(threshold)}


def _activity(c: Consultation, shown: CoverageView) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "start": iso(c.start),
        "end": iso(c.end),
        **_people_dict(shown.taking_part(c.id), shown.threshold),
        "targeted": list(c.targeted),
        "methods": list(c.methods),
        "path": c.location.path,
    }


def consultation_activity(ctx: StatusContext) -> ConsultationActivity:
    config = ctx.repo.config
    last = previous_quarter(ctx.as_of, config.year_start_month)
    current = quarter_of(ctx.as_of, config.year_start_month)
    so_far = between(current.start, ctx.as_of)
    shown = period_view(ctx.repo, last, ctx.owner)
    shown_so_far = period_view(ctx.repo, so_far, ctx.owner)
    return ConsultationActivity(
        period=last,
        activities=shown.coverage.activities,
        so_far=so_far,
        recent=shown_so_far.coverage.activities,
        labels={g.id: g.label for g in config.groups},
        shown=shown,
        shown_so_far=shown_so_far,
    )
