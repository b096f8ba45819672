"""Each case's clock: when it was due to be acknowledged and answered, in working days
by its owning partner's standard for its stage, and whether that happened in time.

The clock runs from the day any partner first received the case ("no wrong door": the
person asked once, whichever partner they contacted), so time lost passing it between
partners counts against the answer. An agreed extension moves the answer's deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from eqdiv.figures.working_days import Calendar
from eqdiv.model.cases import Case, Handoff
from eqdiv.model.config import CaseSettings, Timescale


class Clock(StrEnum):
    ON_TIME = "on_time"  # done within the timescale
    LATE = "late"  # done, after it
    OVERDUE = "overdue"  # not done, and past it
    DUE_SOON = "due_soon"  # not done, due within the next few working days
    PENDING = "pending"  # not done, not due yet
    NOT_RECORDED = "not_recorded"  # a closed case that does not say when
    NOT_NEEDED = "not_needed"  # withdrawn before an answer was due

    @property
    def words(self) -> str:
        return _WORDS[self]

    @property
    def decided(self) -> bool:
        """Whether it counts in a share answered in time: done, or already late."""
        return self in (Clock.ON_TIME, Clock.LATE, Clock.OVERDUE)


_WORDS = {
    Clock.ON_TIME: "in time",
    Clock.LATE: "late",
    Clock.OVERDUE: "overdue",
    Clock.DUE_SOON: "due soon",
    Clock.PENDING: "not due yet",
    Clock.NOT_RECORDED: "date not recorded",
    Clock.NOT_NEEDED: "not needed",
}


@dataclass(frozen=True, slots=True)
class Timing:
    case: Case
    standard: Timescale
    acknowledge_by: date
    respond_by: date
    acknowledge_days: int | None  # working days it took, when done
    respond_days: int | None
    to_owner_days: int | None  # working days from received to the owning partner
    acknowledgement: Clock
    response: Clock
    stuck: Handoff | None  # a hand-off waiting too long to be accepted
    days_late: int  # working days past the deadline an open case has missed, on as_of

    @property
    def late(self) -> bool:
        return Clock.OVERDUE in (self.acknowledgement, self.response)

    @property
    def due_soon(self) -> bool:
        return not self.late and Clock.DUE_SOON in (self.acknowledgement, self.response)


def time_case(case: Case, settings: CaseSettings, calendar: Calendar, as_of: date) -> Timing:
    """``case``'s clock on ``as_of``."""
    standard = settings.timescale(case.owner, case.stage)
    extra = case.extension.days if case.extension else 0
    acknowledge_by = calendar.add(case.received, standard.acknowledge)
    respond_by = calendar.add(case.received, standard.respond + extra)
    withdrawn = case.outcome == "withdrawn"
    stuck = None
    if case.is_open and case.handoffs and case.handoffs[-1].accepted is None:
        last = case.handoffs[-1]
        if calendar.between(last.date, as_of) > settings.handoff_days:
            stuck = last
    owner_day = case.with_owner
    acknowledgement = _clock(
        case.acknowledged, acknowledge_by, case, calendar, settings, as_of, withdrawn
    )
    response = _clock(case.responded, respond_by, case, calendar, settings, as_of, withdrawn)
    missed = respond_by if response is Clock.OVERDUE else acknowledge_by
    late = Clock.OVERDUE in (acknowledgement, response)
    return Timing(
        case=case,
        standard=standard,
        acknowledge_by=acknowledge_by,
        respond_by=respond_by,
        acknowledge_days=_taken(calendar, case.received, case.acknowledged),
        respond_days=_taken(calendar, case.received, case.responded),
        to_owner_days=None
        if owner_day is None or not case.handoffs
        else calendar.between(case.received, owner_day),
        acknowledgement=acknowledgement,
        response=response,
        stuck=stuck,
        days_late=calendar.between(missed, as_of) if late else 0,
    )


def _taken(calendar: Calendar, start: date, done: date | None) -> int | None:
    return None if done is None else calendar.between(start, done)


def _clock(
    done: date | None,
    due: date,
    case: Case,
    calendar: Calendar,
    settings: CaseSettings,
    as_of: date,
    withdrawn: bool,
) -> Clock:
    if done is not None and done <= as_of:
        return Clock.ON_TIME if done <= due else Clock.LATE
    if withdrawn:
        ended = case.closed or as_of
        return Clock.NOT_NEEDED if ended <= due else Clock.LATE
    if not case.is_open:
        return Clock.NOT_RECORDED
    if as_of > due:
        return Clock.OVERDUE
    if calendar.between(as_of, due) <= settings.due_soon_days:
        return Clock.DUE_SOON
    return Clock.PENDING


def time_cases(cases: Iterable[Case], settings: CaseSettings, as_of: date) -> tuple[Timing, ...]:
    calendar = Calendar(settings.nation)
    return tuple(time_case(case, settings, calendar, as_of) for case in cases)
