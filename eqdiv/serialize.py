"""Findings and results as plain JSON-ready data: the stable ``--format json`` shape.

Paths are relative to the records repository (``repository`` gives its absolute path),
so the JSON does not change with the folder eqdiv was run from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from eqdiv import __version__
from eqdiv.action_list import ActionListing, Owner
from eqdiv.action_state import ActionState, count_by_state
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.periods import Period

if TYPE_CHECKING:  # a type only: importing validation here would make a cycle via checks
    from eqdiv.validation import ValidationResult

FORMAT_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "severity": finding.severity.value,
        "code": finding.code,
        "message": finding.message,
        "hint": finding.hint,
        "pointer": loc.pointer,
        "record": finding.record,
    }


def envelope(command: str, root: str, as_of: str | None) -> dict[str, Any]:
    """The fields every JSON output starts with."""
    return {
        "eqdiv": __version__,
        "format": FORMAT_VERSION,
        "command": command,
        "repository": root,
        "as_of": as_of,
    }


def validation_to_dict(result: ValidationResult) -> dict[str, Any]:
    tally = result.counts
    return {
        **envelope("validate", str(result.repo.root), result.as_of.isoformat()),
        "summary": {
            "files": len(result.files),
            "files_with_findings": len(result.files_with_findings),
            "errors": tally[Severity.ERROR],
            "warnings": tally[Severity.WARNING],
            "info": tally[Severity.INFO],
        },
        "findings": [finding_to_dict(f) for f in result.findings],
    }


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def period_to_dict(period: Period) -> dict[str, Any]:
    """A reporting period: its name and its first and last days."""
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}


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
