"""What a change does to an action plan's actions: added and deleted actions, status
changes (a reopened action flagged), deadlines moved (how far, and whether an update
explains it), owners, reviews and progress updates.

Actions are matched by id, so moving an action within its plan is not a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.actions.listing import owners_of
from eqdiv.actions.words import owner_words
from eqdiv.model import codes
from eqdiv.model.blocks import join_words
from eqdiv.model.json_parts import iso
from eqdiv.model.people import Person
from eqdiv.model.plans import CLOSED, Action, ActionPlan, ActionStatus, Due, Review, Update
from eqdiv.model.records import Record
from eqdiv.model.update_notes import human_words
from eqdiv.review.changes import About, Notes, changed_keys, quoted, span_words

# Statuses an action is finished in: leaving one for an open status reopens it.
FINISHED = frozenset({ActionStatus.COMPLETE, ActionStatus.CANCELLED})
# Fields compared on their own below; any other field that changes is "edited".
_COMPARED = {"id", "status", "completed", "due", "due_text", "review", "owners", "updates"}


@dataclass(frozen=True)
class PlanSides:
    """A plan on both sides, with its records (for the raw fields and locations)."""

    before: ActionPlan
    after: ActionPlan
    before_record: Record
    after_record: Record
    people: Mapping[str, Person]


def compare_plans(sides: PlanSides, notes: Notes) -> None:
    old = {a.id: a for a in reversed(sides.before.actions)}  # the first of a duplicate id
    new = {a.id: a for a in reversed(sides.after.actions)}
    old_raw, new_raw = _raw(sides.before_record), _raw(sides.after_record)
    for action in sides.after.actions:
        if new.get(action.id) is not action:
            continue
        note = _Noter(notes.about(action.ref, action.plan), action, sides.after_record)
        earlier = old.get(action.id)
        if earlier is None:
            _added(action, sides, note)
            continue
        compare_actions(earlier, action, sides, note)
        before, after = old_raw.get(action.id, {}), new_raw.get(action.id, {})
        edited = changed_keys(before, after, _COMPARED)
        if edited:
            note(
                codes.ACTION_EDITED,
                f"its {join_words(edited)} changed.",
                f"{edited[0]} edited",
                pointer=f"/{edited[0]}",
                before={f: before.get(f) for f in edited},
                after={f: after.get(f) for f in edited},
            )
    for action in sides.before.actions:
        if action.id not in new and old.get(action.id) is action:
            notes.about(action.ref, action.plan)(
                codes.ACTION_REMOVED,
                f"Action {action.id} ({_text(action)}) was deleted from the plan.",
                sides.after_record.location("/actions", key=True),
                f"{action.id} deleted",
                hint="It should have been cancelled: put it back with `status: cancelled` and "
                "an update saying why, so that the plan keeps a record of it.",
                before=action_summary(action),
            )


def compare_actions(before: Action, after: Action, sides: PlanSides, note: _Noter) -> None:
    """Every difference between two versions of one action, in order of importance."""
    earlier = {_said(u) for u in before.updates}
    added = [u for u in after.updates if _said(u) not in earlier]
    _status(before, after, added, note)
    _deadline(before, after, added, note)
    _review(before, after, note)
    if set(before.owners) != set(after.owners):
        was = ", ".join(o.label for o in owners_of(before, sides.people))
        now = ", ".join(o.label for o in owners_of(after, sides.people))
        note(
            codes.OWNERS_CHANGED,
            f"owners {was} → {now}.",
            "owners changed",
            pointer="/owners",
            before=list(before.owners),
            after=list(after.owners),
        )
    _updates(before, after, added, note)


def action_summary(action: Action) -> dict[str, Any]:
    """An action's main facts, for the JSON of an added or deleted action."""
    return {
        "id": action.id,
        "text": action.text,
        "status": action.status.value,
        "due": action.due.text if action.due else None,
        "owners": list(action.owners),
    }


def _added(action: Action, sides: PlanSides, note: _Noter) -> None:
    owners = owner_words(owners_of(action, sides.people))
    due = _due_words(action.due, action.review)
    note.about(
        codes.ACTION_ADDED,
        f"New action {action.id}: {_text(action)}. Due {due}. {owners}",
        action.location,
        f"{action.id} added",
        after=action_summary(action),
    )


def _status(before: Action, after: Action, added: list[Update], note: _Noter) -> None:
    if before.status is after.status:
        return
    change = f"{_status_words(before)} → {_status_words(after)}"
    if before.status in FINISHED and after.status not in CLOSED:
        why = f" The update of {added[-1].date} says: {quoted(added[-1].note)}" if added else ""
        note(
            codes.ACTION_REOPENED,
            f"reopened: {change}.{why}",
            "reopened",
            hint=None if added else "Add an update saying why it was reopened.",
            before=before.status.value,
            after=after.status.value,
            pointer="/status",
        )
        return
    note(
        codes.ACTION_STATUS,
        f"status {change}.",
        f"now {after.status.value.replace('_', ' ')}",
        before=before.status.value,
        after=after.status.value,
        pointer="/status",
    )


def _deadline(before: Action, after: Action, added: list[Update], note: _Noter) -> None:
    old = before.due.deadline if before.due else None
    new = after.due.deadline if after.due else None
    if old == new:
        return
    values = {"before": iso(old), "after": iso(new)}
    if old is not None and new is not None:
        days = (new - old).days
        moved = f"due date moved from {old} to {new}"
        if days < 0:
            note(
                codes.DEADLINE_EARLIER,
                f"{moved}, {span_words(-days)} earlier.",
                "brought forward",
                pointer="/due",
                **values,
            )
        elif reasons := [(u, human_words(u.note)) for u in added if human_words(u.note)]:
            # eqdiv's own sentence ("Due date changed from ...") is never a reason.
            update, reason = reasons[-1]
            note(
                codes.DEADLINE_SLIPPED_EXPLAINED,
                f"{moved}, {span_words(days)} later. The update of {update.date} says: "
                f"{quoted(reason)}",
                f"slipped {days} days",
                pointer="/due",
                **values,
            )
        else:
            note(
                codes.DEADLINE_SLIPPED,
                f"{moved}, {span_words(days)} later, and no update explains why.",
                f"slipped {days} days, unexplained",
                pointer="/due",
                hint="Add an update (date, by, note) saying why it slipped, in the same change.",
                **values,
            )
    elif new is None:
        if not after.is_open:
            return  # a finished action needs no deadline
        now = _due_words(after.due, after.review)
        note(
            codes.DEADLINE_REMOVED,
            f"no longer has a deadline (was {old}): it is now {now}, with no date to miss.",
            "deadline removed",
            pointer="/due" if after.due else "",
            **values,
        )
    else:
        note(
            codes.DEADLINE_SET,
            f"now due {new} (was {_due_words(before.due, before.review)}).",
            f"due {new}",
            pointer="/due",
            **values,
        )


def _review(before: Action, after: Action, note: _Noter) -> None:
    old, new = before.review, after.review
    if old == new:
        return
    said = []
    if old is None or new is None or old.cadence_text != new.cadence_text:
        said.append(f"review cadence {_cadence(old)} → {_cadence(new)}")
    if old is not None and new is not None and old.next != new.next:
        said.append(f"next review {old.next} → {new.next}")
    note(
        codes.REVIEW_CHANGED,
        "; ".join(said) + ".",
        "review changed",
        pointer="/review",
        before=_review_data(old),
        after=_review_data(new),
    )


def _updates(before: Action, after: Action, added: list[Update], note: _Noter) -> None:
    now = {_said(u) for u in after.updates}
    gone = [u for u in before.updates if _said(u) not in now]  # edited or deleted since
    for update in gone:
        edited = any(u.date == update.date and u.by == update.by for u in added)
        note(
            codes.UPDATE_CHANGED,
            f"the update of {update.date} by {update.by} was {'edited' if edited else 'deleted'}.",
            "update edited" if edited else "update deleted",
            hint="Updates are the record of what happened: keep the old one and add a new one.",
            pointer="/updates" if after.updates else "",
            before={"date": update.date.isoformat(), "by": update.by, "note": update.note},
        )
    for update in added:
        if any(u.date == update.date and u.by == update.by for u in gone):
            continue  # an edit, reported above
        note.about(
            codes.UPDATE_ADDED,
            f"Action {after.id}: update of {update.date} by {update.by}: {quoted(update.note)}",
            update.location,
            f"{after.id} updated",
            after={"date": update.date.isoformat(), "by": update.by, "note": update.note},
        )


@dataclass(frozen=True)
class _Noter:
    """Notes a change to one action: ``Action 2b: ...``, at one of its fields in the
    newer file."""

    about: About
    action: Action
    record: Record

    def __call__(
        self,
        code: codes.Code,
        said: str,
        short: str,
        *,
        pointer: str = "",
        hint: str | None = None,
        before: Any = None,
        after: Any = None,
    ) -> None:
        action = self.action
        self.about(
            code,
            f"Action {action.id}: {said}",
            self.record.location(action.location.pointer + pointer),
            f"{action.id} {short}",
            hint=hint,
            before=before,
            after=after,
        )


def _said(update: Update) -> tuple[object, str, str]:
    """An update's content: its date, author and note (its place in the file aside)."""
    return (update.date, update.by, " ".join(update.note.split()))


def _raw(record: Record) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for item in record.data.get("actions", []):
        found.setdefault(item["id"], item)
    return found


def _text(action: Action, limit: int = 70) -> str:
    text = " ".join(action.text.split()).rstrip(".")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _status_words(action: Action) -> str:
    said = action.status.value.replace("_", " ")
    if action.status is ActionStatus.COMPLETE and action.completed:
        said += f" ({action.completed})"
    return said


def _due_words(due: Due | None, review: Review | None) -> str:
    if due is None:
        return "undated" if review is None else f"undated, reviewed {_cadence(review)}"
    if due.form == "ongoing":
        return "ongoing" + (f", reviewed {_cadence(review)}" if review else "")
    return iso(due.deadline) or "undated"


def _cadence(review: Review | None) -> str:
    return "none" if review is None else review.cadence_text


def _review_data(review: Review | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {"cadence": review.cadence_text, "next": review.next.isoformat()}
