"""Working days and each case's clock: weekends and bank holidays do not count, an
agreed extension moves the deadline, and a hand-off's time counts against the answer."""

from __future__ import annotations

from datetime import date

from eqdiv.figures.case_timing import Clock, time_case
from eqdiv.figures.working_days import Calendar
from eqdiv.model.cases import Case, Extension, Handoff
from eqdiv.model.config import CaseSettings, Timescale
from eqdiv.model.findings import Location

ENGLAND = Calendar("england_and_wales")
HERE = Location("cases.yaml")


def case(**changes: object) -> Case:
    fields: dict[str, object] = {
        "ref": "C-1",
        "log": "log",
        "partner": "council",
        "type": "complaint",
        "received": date(2007, 8, 20),
        "first_contact": "council",
        "channel": None,
        "handoffs": (),
        "asked": frozenset(),
        "provided": frozenset(),
        "about": ("service",),
        "strands": (),
        "stage": 1,
        "acknowledged": None,
        "responded": None,
        "closed": None,
        "extension": None,
        "outcome": None,
        "ombudsman": False,
        "note": None,
        "location": HERE,
    }
    fields.update(changes)
    return Case(**fields)  # type: ignore[arg-type]


def test_a_weekend_does_not_count() -> None:
    # Friday 2007-10-05: the first working day after it is Monday the 8th.
    assert ENGLAND.add(date(2007, 10, 5), 1) == date(2007, 10, 8)
    assert ENGLAND.between(date(2007, 10, 5), date(2007, 10, 8)) == 1
    assert ENGLAND.between(date(2007, 10, 5), date(2007, 10, 7)) == 0


def test_a_bank_holiday_does_not_count() -> None:
    # Monday 2007-08-27 is the Late Summer Bank Holiday in England and Wales.
    assert ENGLAND.holiday(date(2007, 8, 27)) == "Late Summer Bank Holiday"
    assert ENGLAND.add(date(2007, 8, 20), 10) == date(2007, 9, 4)
    assert ENGLAND.between(date(2007, 8, 20), date(2007, 9, 4)) == 10


def test_each_nation_has_its_own_bank_holidays() -> None:
    # Scotland's summer bank holiday is the first Monday of August, not the last.
    scotland = Calendar("scotland")
    assert scotland.is_working(date(2007, 8, 27))
    assert not scotland.is_working(date(2007, 8, 6))
    assert not Calendar("northern_ireland").is_working(date(2007, 7, 12))
    assert ENGLAND.is_working(date(2007, 7, 12))


def test_day_zero_is_the_day_received() -> None:
    assert ENGLAND.add(date(2007, 8, 20), 0) == date(2007, 8, 20)
    assert ENGLAND.between(date(2007, 8, 20), date(2007, 8, 20)) == 0


SETTINGS = CaseSettings()


def test_answered_on_the_tenth_working_day_across_a_bank_holiday_is_in_time() -> None:
    timing = time_case(
        case(acknowledged=date(2007, 8, 24), responded=date(2007, 9, 4)),
        SETTINGS,
        ENGLAND,
        date(2007, 10, 15),
    )
    assert (timing.acknowledge_by, timing.respond_by) == (date(2007, 8, 28), date(2007, 9, 4))
    assert (timing.acknowledge_days, timing.respond_days) == (4, 10)
    assert (timing.acknowledgement, timing.response) == (Clock.ON_TIME, Clock.ON_TIME)


def test_a_day_later_is_late() -> None:
    timing = time_case(case(responded=date(2007, 9, 5)), SETTINGS, ENGLAND, date(2007, 10, 15))
    assert timing.response is Clock.LATE
    assert timing.respond_days == 11


def test_an_agreed_extension_moves_the_deadline() -> None:
    timing = time_case(
        case(responded=date(2007, 9, 14), extension=Extension(10, date(2007, 8, 31))),
        SETTINGS,
        ENGLAND,
        date(2007, 10, 15),
    )
    assert timing.respond_by == date(2007, 9, 18)
    assert timing.response is Clock.ON_TIME


def test_an_open_case_past_its_deadline_is_overdue_by_working_days() -> None:
    timing = time_case(case(), SETTINGS, ENGLAND, date(2007, 9, 10))
    assert timing.response is Clock.OVERDUE
    assert timing.acknowledgement is Clock.OVERDUE
    assert timing.days_late == 4  # 5, 6, 7 and 10 September
    assert timing.late


def test_due_soon_counts_working_days() -> None:
    # Due Tuesday 4 September; on Thursday 30 August that is 3 working days away.
    timing = time_case(case(acknowledged=date(2007, 8, 21)), SETTINGS, ENGLAND, date(2007, 8, 30))
    assert timing.response is Clock.DUE_SOON
    assert timing.due_soon


def test_a_hand_off_counts_against_the_answer_and_the_owner_sets_the_standard() -> None:
    settings = CaseSettings(partners={"pct": {1: Timescale(3, 10, 10)}})
    handed = case(
        handoffs=(Handoff("pct", date(2007, 8, 23), date(2007, 8, 28), True, HERE),),
        acknowledged=date(2007, 8, 24),
    )
    timing = time_case(handed, settings, ENGLAND, date(2007, 8, 29))
    assert handed.owner == "pct"
    assert timing.acknowledge_by == date(2007, 8, 23)  # the PCT's 3 days, from the 20th
    assert timing.acknowledgement is Clock.LATE
    assert timing.to_owner_days == 5  # 21, 22, 23, 24 and 28 August
    assert timing.respond_by == date(2007, 9, 4)


def test_a_hand_off_not_accepted_in_time_is_stuck() -> None:
    waiting = case(handoffs=(Handoff("pct", date(2007, 10, 9), None, False, HERE),))
    assert time_case(waiting, SETTINGS, ENGLAND, date(2007, 10, 11)).stuck is None
    assert time_case(waiting, SETTINGS, ENGLAND, date(2007, 10, 12)).stuck is not None


def test_a_case_withdrawn_in_time_needs_no_answer() -> None:
    timing = time_case(
        case(outcome="withdrawn", closed=date(2007, 8, 24), acknowledged=date(2007, 8, 21)),
        SETTINGS,
        ENGLAND,
        date(2007, 10, 15),
    )
    assert timing.response is Clock.NOT_NEEDED


def test_the_calendars_edges_never_fail() -> None:
    from datetime import timedelta

    assert ENGLAND.add(date.max, 3) == date.max
    assert ENGLAND.add(date(9999, 12, 28), 5) == date.max
    assert ENGLAND.between(date.min, date(1, 1, 7)) == 4  # Tuesday to Friday
    # Outside 1900-2199 only weekends count: a week has 5 working days.
    start = date(2500, 1, 1)
    assert ENGLAND.between(start, start + timedelta(days=7)) == 5
    # Over a span of years the count equals weekdays less weekday bank holidays (8 a
    # year in England and Wales, none of them on a weekend once moved to a Monday).
    assert ENGLAND.between(date(2006, 12, 31), date(2007, 12, 31)) == 261 - 8
