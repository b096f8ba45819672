"""``eqdiv actions`` for people (a list), for scripts (JSON) and for spreadsheets (CSV).
``WRITERS`` maps ``--format`` to a writer."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from eqdiv.actions.action_json import listing_to_dict
from eqdiv.actions.listing import ActionListing
from eqdiv.actions.state import count_by_state
from eqdiv.actions.words import action_entry, count_words, state_words
from eqdiv.model.blocks import Block, plural
from eqdiv.model.escaping import csv_cell
from eqdiv.model.json_parts import iso
from eqdiv.output.blocks import render_block
from eqdiv.output.console import make_console

Writer = Callable[[ActionListing, Path, IO[str]], None]


def summary_words(listing: ActionListing) -> str:
    """``3 of 19 actions on 2007-10-15: 2 overdue, 1 review overdue.``"""
    listed = len(listing.items)
    head = plural(listed, "action")
    if listed != listing.considered:
        head = f"{listed} of {plural(listing.considered, 'action')}"
    counts = count_words(count_by_state(listing.items))
    return f"{head} on {listing.as_of.isoformat()}" + (f": {counts}" if counts else "")


def write_text(listing: ActionListing, root: Path, stream: IO[str]) -> None:
    several_plans = len(listing.plans) > 1
    entries = tuple(
        action_entry(
            item,
            listing.owners_of(item),
            item.action.ref if several_plans else item.action.id,
            state_words(item),
        )
        for item in listing.items
    )
    lines = () if several_plans or not entries else (f"Plan {listing.plans[0]}.",)
    render_block(
        make_console(stream),
        Block(summary_words(listing), left_out_words(listing) + lines, entries),
        root,
    )


def left_out_words(listing: ActionListing) -> tuple[str, ...]:
    """What a listing cannot show: the actions of plans that have errors."""
    if not listing.left_out:
        return ()
    files = ", ".join(listing.left_out)
    whose = "its" if len(listing.left_out) == 1 else "their"
    plans = plural(len(listing.left_out), "plan")
    return (
        f"Left out: {plans} with errors ({files}); {whose} actions are not listed. "
        "`eqdiv validate` shows what to fix.",
    )


def write_json(listing: ActionListing, root: Path, stream: IO[str]) -> None:
    json.dump(listing_to_dict(listing, str(root)), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


CSV_COLUMNS = (
    "plan",
    "action",
    "element",
    "text",
    "owners",
    "owner_roles",
    "status",
    "due",
    "deadline",
    "due_text",
    "review_cadence",
    "review_next",
    "state",
    "date",
    "days_late",
    "days_left",
)


def write_csv(listing: ActionListing, root: Path, stream: IO[str]) -> None:
    """One row per action, the columns of ``CSV_COLUMNS``; several owners are joined
    with "; " so the file stays one row per action for a spreadsheet's filters."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in listing.items:
        action = item.action
        owners = listing.owners_of(item)
        review = action.review
        row = [
            action.plan,
            action.id,
            action.element,
            action.text,
            "; ".join(o.id for o in owners),
            "; ".join(o.role or "" for o in owners),
            action.status.value,
            action.due.text if action.due else "",
            iso(action.due.deadline if action.due else None) or "",
            action.due_text or "",
            review.cadence_text if review else "",
            iso(review.next if review else None) or "",
            item.state.value,
            iso(item.day) or "",
            "" if item.days_late is None else item.days_late,
            "" if item.days_left is None else item.days_left,
        ]
        # Every cell through the CSV family's escaping: no formula, no control.
        writer.writerow([csv_cell(value) for value in row])


WRITERS: dict[str, Writer] = {"text": write_text, "json": write_json, "csv": write_csv}
