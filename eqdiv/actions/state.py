"""Where each action stands on a given day: derived from its dates and status, never
stored in the records.

A dated action is late the day after its deadline (a month's last day for a month). An
ongoing action is chased through its reviews: late the day after its next review. An
open action with neither a due date nor a review is undated: nobody can chase it.
Complete, cancelled and deferred actions are never late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from eqdiv.model.plans import Action, ActionStatus


class State(StrEnum):
    """Derived states, most urgent first (the order lists are sorted in)."""

    OVERDUE = "overdue"
    REVIEW_OVERDUE = "review_overdue"
    DUE_SOON = "due_soon"
    REVIEW_DUE_SOON = "review_due_soon"
    UNDATED = "undated"
    ON_TRACK = "on_track"
    DEFERRED = "deferred"
    COMPLETE = "complete"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """How people read it: ``review overdue``."""
        return self.value.replace("_", " ")

    @property
    def urgency(self) -> int:
        """0 is the most urgent."""
        return _ORDER.index(self)

    @property
    def late(self) -> bool:
        return self in (State.OVERDUE, State.REVIEW_OVERDUE)

    @property
    def soon(self) -> bool:
        return self in (State.DUE_SOON, State.REVIEW_DUE_SOON)


_ORDER = list(State)
_CLOSED = {
    ActionStatus.COMPLETE: State.COMPLETE,
    ActionStatus.CANCELLED: State.CANCELLED,
    ActionStatus.DEFERRED: State.DEFERRED,
}


@dataclass(frozen=True, slots=True)
class ActionState:
    """An action's state on ``as_of``. ``day`` is the day the state is about: the
    deadline or review date it is late for or due on (the next of them when on track),
    the completion date of a complete action, None otherwise."""

    action: Action
    state: State
    as_of: date
    day: date | None

    @property
    def days_late(self) -> int | None:
        """Days past ``day``, for a late state."""
        if self.state.late and self.day is not None:
            return (self.as_of - self.day).days
        return None

    @property
    def days_left(self) -> int | None:
        """Days until ``day`` (0 on the day itself), for an open action not yet late."""
        if self.day is not None and (self.state.soon or self.state is State.ON_TRACK):
            return (self.day - self.as_of).days
        return None

    @property
    def upcoming_review(self) -> date | None:
        """The first review on or after ``as_of``: for a missed review, the next
        meeting its cadence sets."""
        review = self.action.review
        return review.upcoming(self.as_of) if review is not None else None

    def due_within(self, days: int) -> bool:
        """Whether its deadline or next review falls in the ``days`` from ``as_of``."""
        if not self.action.is_open:
            return False
        return any(0 <= (day - self.as_of).days <= days for day in _dates(self.action))

    def sort_key(self) -> tuple[int, int, int, str, str]:
        """Most urgent first: late (most days late first, a missed deadline and a missed
        review alike), then due soon (fewest days left first), then the rest by state."""
        urgency = self.state.urgency
        if self.days_late is not None:
            key = (0, -self.days_late, urgency)
        elif self.state.soon:
            key = (1, self.days_left or 0, urgency)
        else:
            key = (2 + urgency, self.days_left or 0, 0)
        return (*key, self.action.plan, self.action.id)


def _dates(action: Action) -> list[date]:
    found = [action.due.deadline] if action.due and action.due.deadline else []
    if action.review is not None:
        found.append(action.review.next)
    return found


def derive_state(action: Action, as_of: date, due_soon_days: int = 30) -> ActionState:
    """The state of ``action`` on ``as_of``; ``due_soon_days`` is the window in which
    a deadline or review counts as due soon (``timescales.due_soon_days``)."""
    closed = _CLOSED.get(action.status)
    if closed is not None:
        return ActionState(action, closed, as_of, action.completed)
    deadline = action.due.deadline if action.due else None
    review = action.review.next if action.review else None
    if deadline is None and review is None:
        return ActionState(action, State.UNDATED, as_of, None)
    # The deadline outranks the review: a late action is late, whatever its reviews.
    if deadline is not None and as_of > deadline:
        return ActionState(action, State.OVERDUE, as_of, deadline)
    if review is not None and as_of > review:
        return ActionState(action, State.REVIEW_OVERDUE, as_of, review)
    if deadline is not None and (deadline - as_of).days <= due_soon_days:
        return ActionState(action, State.DUE_SOON, as_of, deadline)
    if review is not None and (review - as_of).days <= due_soon_days:
        return ActionState(action, State.REVIEW_DUE_SOON, as_of, review)
    return ActionState(action, State.ON_TRACK, as_of, min(_dates(action)))


def by_urgency(states: Iterable[ActionState]) -> list[ActionState]:
    return sorted(states, key=ActionState.sort_key)


def derive_states(
    actions: Iterable[Action], as_of: date, due_soon_days: int = 30
) -> list[ActionState]:
    """Every action's state, most urgent first."""
    return by_urgency(derive_state(a, as_of, due_soon_days) for a in actions)


def count_by_state(states: Iterable[ActionState]) -> dict[State, int]:
    """How many actions are in each state (every state present, zero or not)."""
    tally = dict.fromkeys(State, 0)
    for item in states:
        tally[item.state] += 1
    return tally
