"""Deriving an action's state from its dates and status on a given day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.actions.state import State, by_urgency, count_by_state, derive_state
from eqdiv.model.findings import Location
from eqdiv.model.plans import Action, ActionStatus, Due, Review

AS_OF = date(2007, 10, 15)
TEAM_MEETINGS = ("July", "October", "January")


def action(
    due: str | None = "2007-09",
    status: str = "not_started",
    review: Review | None = None,
    action_id: str = "1a",
    completed: date | None = None,
) -> Action:
    return Action(
        plan="p",
        id=action_id,
        element=1,
        text="Do it",
        owners=("DH",),
        due=Due.parse(due) if due is not None else None,
        status=ActionStatus(status),
        start=None,
        review=review,
        completed=completed,
        updates=(),
        eias=(),
        consultations=(),
        due_text=None,
        location=Location("plan.yaml"),
    )


def test_a_month_is_due_on_its_last_day() -> None:
    september = action("2007-09")
    on_the_day = derive_state(september, date(2007, 9, 30))
    assert (on_the_day.state, on_the_day.days_left, on_the_day.days_late) == (
        State.DUE_SOON,
        0,
        None,
    )
    next_day = derive_state(september, date(2007, 10, 1))
    assert (next_day.state, next_day.days_late, next_day.day) == (
        State.OVERDUE,
        1,
        date(2007, 9, 30),
    )
    late = derive_state(september, AS_OF)
    assert (late.state, late.days_late) == (State.OVERDUE, 15)


def test_a_day_is_due_on_that_day() -> None:
    assert derive_state(action("2007-10-15"), AS_OF).state is State.DUE_SOON
    assert derive_state(action("2007-10-14"), AS_OF).days_late == 1


@pytest.mark.parametrize(
    ("days_ahead", "window", "expected"),
    [
        (30, 30, State.DUE_SOON),
        (31, 30, State.ON_TRACK),
        (0, 0, State.DUE_SOON),
        (1, 0, State.ON_TRACK),
        (60, 90, State.DUE_SOON),
    ],
)
def test_due_soon_follows_the_configured_window(
    days_ahead: int, window: int, expected: State
) -> None:
    due = (AS_OF + timedelta(days=days_ahead)).isoformat()
    item = derive_state(action(due), AS_OF, due_soon_days=window)
    assert item.state is expected
    assert item.days_left == days_ahead


def test_ongoing_actions_are_chased_through_their_reviews() -> None:
    missed = action("ongoing", "ongoing", Review(TEAM_MEETINGS, date(2007, 7, 31)))
    item = derive_state(missed, AS_OF)
    assert (item.state, item.days_late, item.day) == (
        State.REVIEW_OVERDUE,
        76,
        date(2007, 7, 31),
    )
    assert item.upcoming_review == date(2007, 10, 31)
    soon = derive_state(
        action("ongoing", "ongoing", Review(TEAM_MEETINGS, date(2007, 10, 31))), AS_OF
    )
    assert (soon.state, soon.days_left) == (State.REVIEW_DUE_SOON, 16)
    later = derive_state(action("ongoing", "ongoing", Review("annually", date(2008, 7, 31))), AS_OF)
    assert (later.state, later.days_left, later.day) == (State.ON_TRACK, 290, date(2008, 7, 31))


def test_a_missed_deadline_outranks_a_review() -> None:
    both = action("2007-09", "in_progress", Review("quarterly", date(2007, 8, 31)))
    assert derive_state(both, AS_OF).state is State.OVERDUE
    review_late = action("2008-09", "in_progress", Review("quarterly", date(2007, 8, 31)))
    assert derive_state(review_late, AS_OF).state is State.REVIEW_OVERDUE
    # Due soon by its deadline, whatever the review says.
    review_sooner = action("2007-10", "in_progress", Review("quarterly", date(2007, 10, 20)))
    item = derive_state(review_sooner, AS_OF)
    assert (item.state, item.day) == (State.DUE_SOON, date(2007, 10, 31))


def test_undated_actions() -> None:
    assert derive_state(action(None), AS_OF).state is State.UNDATED
    assert derive_state(action("ongoing", "ongoing"), AS_OF).state is State.UNDATED
    # No due date, but a review: it can be chased.
    reviewed = action(None, "in_progress", Review("monthly", date(2007, 11, 30)))
    assert derive_state(reviewed, AS_OF).state is State.ON_TRACK


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("complete", State.COMPLETE),
        ("cancelled", State.CANCELLED),
        ("deferred", State.DEFERRED),
    ],
)
def test_closed_actions_are_never_late(status: str, expected: State) -> None:
    item = derive_state(action("2007-01", status, completed=date(2007, 2, 1)), AS_OF)
    assert item.state is expected
    assert item.days_late is None and item.days_left is None
    assert not item.due_within(1000)


def test_urgency_orders_late_by_days_then_soon_then_the_rest() -> None:
    items = [
        derive_state(a, AS_OF)
        for a in (
            action("2008-06", action_id="on-track"),
            action("2007-01", "complete", action_id="done", completed=date(2007, 1, 5)),
            action("2007-09", action_id="late-15"),
            action(None, action_id="undated"),
            action("ongoing", "ongoing", Review("monthly", date(2007, 7, 31)), "review-76"),
            action("2007-07", "in_progress", action_id="late-76"),
            action("2007-10-20", action_id="soon-5"),
            action("ongoing", "ongoing", Review("monthly", date(2007, 10, 20)), "review-5"),
            action("2007-10-16", action_id="soon-1"),
            action("2007-09", "deferred", action_id="deferred"),
            action("2007-09", "cancelled", action_id="cancelled"),
        )
    ]
    assert [i.action.id for i in by_urgency(items)] == [
        "late-76",  # a missed deadline before a missed review of the same age
        "review-76",
        "late-15",
        "soon-1",
        "soon-5",
        "review-5",
        "undated",
        "on-track",
        "deferred",
        "done",
        "cancelled",
    ]
    tally = count_by_state(items)
    assert tally[State.OVERDUE] == 2 and tally[State.UNDATED] == 1
    assert sum(tally.values()) == len(items) and set(tally) == set(State)


@given(
    due=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    as_of=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    window=st.integers(min_value=0, max_value=366),
)
def test_a_dated_action_is_late_exactly_after_its_deadline(
    due: date, as_of: date, window: int
) -> None:
    item = derive_state(action(due.isoformat(), "in_progress"), as_of, window)
    if as_of > due:
        assert item.state is State.OVERDUE and item.days_late == (as_of - due).days
    elif (due - as_of).days <= window:
        assert item.state is State.DUE_SOON and item.days_left == (due - as_of).days
    else:
        assert item.state is State.ON_TRACK
    assert item.due_within((due - as_of).days) is (as_of <= due)
