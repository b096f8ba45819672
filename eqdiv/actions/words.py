"""Actions in words, the same on every screen: an action's state with its days, when
it is due, who owns it. ``eqdiv actions`` and the status screen both use these."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from eqdiv.actions.listing import Owner
from eqdiv.actions.state import ActionState, State
from eqdiv.model.blocks import Entry, Tone, join_words, plural
from eqdiv.model.plans import Action, ActionStatus

TONES = {
    State.OVERDUE: Tone.BAD,
    State.REVIEW_OVERDUE: Tone.BAD,
    State.DUE_SOON: Tone.WARN,
    State.REVIEW_DUE_SOON: Tone.WARN,
    State.UNDATED: Tone.WARN,
    State.ON_TRACK: Tone.GOOD,
}


def days(n: int) -> str:
    return plural(n, "day")


def count_words(by_state: Mapping[State, int]) -> str:
    """``2 overdue, 1 review overdue``: the states with any actions, in urgency order."""
    return ", ".join(f"{n} {state.label}" for state, n in by_state.items() if n)


def state_words(item: ActionState) -> str:
    """The state in words with its days: ``overdue, 76 days late``, ``due soon, in 16
    days``, ``on track, next date in 290 days``."""
    label = item.state.label
    if item.days_late is not None:
        return f"{label}, {days(item.days_late)} late"
    if item.days_left is not None:
        when = "today" if item.days_left == 0 else f"in {days(item.days_left)}"
        return f"{label}, {when}" if item.state.soon else f"{label}, next date {when}"
    return label


def cadence_words(action: Action) -> str:
    review = action.review
    if review is None:
        return "with no review"
    if isinstance(review.cadence, str):
        return f"reviewed {review.cadence}"
    return f"reviewed in {join_words(list(review.cadence))}"


def due_words(item: ActionState, show: Callable[[date], str] = date.isoformat) -> str:
    """When it is due, in a sentence, with its status where that adds something:
    ``Due 2007-09-30 (Sep-07). Not started.``; ``Ongoing, reviewed in July, October
    and January; review was due 2007-07-31, the next is 2007-10-31.`` Dates are ISO, as
    on every screen, unless ``show`` writes them otherwise (a report writes them out)."""
    action = item.action
    due = action.due
    status = action.status.value.replace("_", " ").capitalize() + "."
    if due is None or due.form == "ongoing":
        review = action.review
        said = "Ongoing" if due else "No due date"
        if review is None:
            return f"{said}, with no review. {status}"
        said = f"{said}, {cadence_words(action)}"
        if item.state is State.REVIEW_OVERDUE and item.upcoming_review is not None:
            said += (
                f"; review was due {show(review.next)}, the next is {show(item.upcoming_review)}."
            )
        else:
            said += f"; next review {show(review.next)}."
        return said if action.status is ActionStatus.ONGOING else f"{said} {status}"
    assert due.deadline is not None
    written = f" ({action.due_text})" if action.due_text and action.due_text != due.text else ""
    return f"Due {show(due.deadline)}{written}. {status}"


def owner_words(owners: Sequence[Owner]) -> str:
    label = "Owner" if len(owners) == 1 else "Owners"
    return f"{label}: {', '.join(o.label for o in owners)}."


def action_entry(item: ActionState, owners: Sequence[Owner], name: str, tag: str) -> Entry:
    """An action: ``name`` and ``tag`` (its state in words), its text on one line, then
    its due date and status, and who owns it."""
    action = item.action
    return Entry(
        key=name,
        tag=tag,
        tone=TONES.get(item.state, Tone.PLAIN),
        headline=action.text,
        details=(due_words(item), owner_words(owners)),
    )
