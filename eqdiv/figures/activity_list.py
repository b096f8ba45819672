"""``eqdiv consultation list`` as a value: the activities that ran in a period (or all
of them, oldest first), and the files left out because of their errors.

Each activity's number of participants is its exact count, not passed through the
protection of published figures (an activity aimed at one small group can make a
small total say something about people), so the value is for staff only and its JSON
says so; ``eqdiv consultation coverage`` and the reports give the publishable
figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.figures.coverage import broken_consultations, in_period
from eqdiv.figures.suppression import STAFF_ONLY
from eqdiv.model.consultations import Consultation
from eqdiv.model.json_parts import envelope, period_to_dict
from eqdiv.model.periods import Period
from eqdiv.store.repository import Repository

AUDIENCE = STAFF_ONLY


@dataclass(frozen=True, slots=True)
class ActivityList:
    """The activities listed; ``as_of`` is the day given (None when it was not)."""

    root: Path
    as_of: date | None
    period: Period | None
    activities: tuple[Consultation, ...]
    left_out: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv consultation list --format json``."""
        return {
            **envelope(
                "consultation list", str(self.root), self.as_of.isoformat() if self.as_of else None
            ),
            "audience": AUDIENCE,
            "period": None if self.period is None else period_to_dict(self.period),
            "activities": [_activity(a) for a in self.activities],
            "left_out": list(self.left_out),
        }


def activity_list(repo: Repository, period: Period | None, as_of: date | None) -> ActivityList:
    """The activities that ran at any time in ``period`` (every one when it is None), in
    date order, and the consultation files left out because of their errors."""
    activities = (
        in_period(repo.consultations, period)
        if period
        else tuple(sorted(repo.consultations, key=lambda c: (c.start, c.id)))
    )
    return ActivityList(repo.root, as_of, period, activities, broken_consultations(repo))


def _activity(a: Consultation) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "organisation": a.organisation,
        "lead": a.lead,
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "methods": list(a.methods),
        "about_impacts": a.about_impacts,
        "targeted": list(a.targeted),
        "participants": a.participants,
        "profile": list(a.profile),
        "accessible_formats": list(a.accessible_formats),
        "eias": list(a.eias),
        "actions": list(a.actions),
        "path": a.location.path,
        "line": a.location.line,
    }
