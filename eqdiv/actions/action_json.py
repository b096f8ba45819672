"""Actions as plain JSON-ready data: the shape ``eqdiv actions --format json`` and
the status screen's action sections share (documented in the README)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eqdiv.actions.listing import ActionListing, Owner
from eqdiv.actions.state import ActionState, count_by_state
from eqdiv.model.json_parts import envelope, iso


def action_to_dict(item: ActionState, owners: Sequence[Owner]) -> dict[str, Any]:
    """One action and its derived state: the shape ``actions`` and ``status`` share."""
    action, due, review = item.action, item.action.due, item.action.review
    return {
        "plan": action.plan,
        "id": action.id,
        "ref": action.ref,
        "element": action.element,
        "text": action.text,
        "owners": [{"id": o.id, "role": o.role} for o in owners],
        "status": action.status.value,
        "due": None
        if due is None
        else {"form": due.form, "value": due.text, "deadline": iso(due.deadline)},
        "due_text": action.due_text,
        "start": iso(action.start),
        "review": None
        if review is None
        else {
            "cadence": review.cadence if isinstance(review.cadence, str) else list(review.cadence),
            "next": iso(review.next),
            "following": iso(review.following()),
            "upcoming": iso(item.upcoming_review),
        },
        "completed": iso(action.completed),
        "state": item.state.value,
        "date": iso(item.day),
        "days_late": item.days_late,
        "days_left": item.days_left,
        "path": action.location.path,
        "line": action.location.line,
    }


def listing_to_dict(listing: ActionListing, root: str) -> dict[str, Any]:
    chosen = listing.selection
    return {
        **envelope("actions", root, listing.as_of.isoformat()),
        "filters": {
            "overdue": chosen.overdue,
            "due_within": chosen.due_within,
            "owner": chosen.owner,
            "plan": chosen.plan,
            "element": chosen.element,
            "status": list(chosen.statuses),
            "all": chosen.include_closed,
        },
        "summary": {
            "listed": len(listing.items),
            "considered": listing.considered,
            "by_state": {s.value: n for s, n in count_by_state(listing.items).items()},
        },
        "actions": [action_to_dict(i, listing.owners_of(i)) for i in listing.items],
        "left_out": list(listing.left_out),
    }
