"""``eqdiv consultation list``: the activities as a table, or JSON.

Only each activity's total is listed: how many came to an event says nothing about
anyone's characteristics. Profiles by category appear only in ``coverage``, which
suppresses small numbers."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from eqdiv.figures.activity_list import ActivityList
from eqdiv.figures.suppression import STAFF_ONLY
from eqdiv.model.consultations import Consultation
from eqdiv.output.console import make_console
from eqdiv.store.repository import Repository


def write_list_text(repo: Repository, listing: ActivityList, stream: IO[str]) -> None:
    activities, period = listing.activities, listing.period
    console = make_console(stream)
    where = f" in {period.label}" if period else ""
    if not activities:
        console.print(f"No consultation or involvement activities{escape(where)}.")
    else:
        # The participants are exact, however few: a working view, for staff.
        console.print(f"[warning]{escape(STAFF_ONLY)}[/]")
        table = _table(repo, activities, console.width)
        if table is None:
            _stacked(console, repo, activities)
        else:
            console.print(table)
        people = sum(a.participants for a in activities)
        count = len(activities)
        console.print()
        console.print(
            f"{count} {'activity' if count == 1 else 'activities'}{escape(where)}; "
            f"{people} people took part."
        )
    broken = listing.left_out
    if broken:
        console.print(
            f"Not listed, because of errors (run `eqdiv validate`): {escape(', '.join(broken))}."
        )


GAP = 2  # spaces between columns


def _table(repo: Repository, activities: Sequence[Consultation], width: int) -> Table | None:
    """One row per activity, or None when the table cannot fit ``width``. An id is
    what the reader types next, so its column is never narrower than the longest id:
    the titles and the groups wrap instead."""
    dates = [_dates(a, "\n") for a in activities]
    aimed = [_aimed_at(repo, a) or "-" for a in activities]
    id_width = max(len(a.id) for a in activities)
    dates_width = max(len(line) for text in [*dates, "Dates"] for line in text.splitlines())
    people_width = max(len("People"), *(len(str(a.participants)) for a in activities))
    # What is left for the groups once the other columns have their minimum.
    aimed_width = width - (dates_width + id_width + people_width + 3 * GAP)
    if aimed_width < max(len(word) for text in [*aimed, "Aimed at"] for word in text.split()):
        return None
    table = Table(box=None, pad_edge=False, padding=(0, GAP, 0, 0), show_edge=False)
    table.add_column("Dates", no_wrap=True, header_style="bold")
    table.add_column("Activity", ratio=1, min_width=id_width, header_style="bold")
    table.add_column("People", justify="right", no_wrap=True, header_style="bold")
    table.add_column("Aimed at", max_width=aimed_width, header_style="bold")
    for a, when, groups in zip(activities, dates, aimed, strict=True):
        table.add_row(
            when, f"[bold]{escape(a.id)}[/]\n{escape(a.title)}", str(a.participants), escape(groups)
        )
    return table


def _stacked(console: Console, repo: Repository, activities: Sequence[Consultation]) -> None:
    """For ids too long to share a line with the other columns: each id on a line of
    its own, whole, and the rest wrapped beneath it."""
    for number, a in enumerate(activities):
        if number:
            console.print()
        console.print(Text(a.id, style="bold"), soft_wrap=True)
        aimed = _aimed_at(repo, a)
        facts = f"{_dates(a, ' ')}; {a.participants} people" + (
            f"; aimed at {aimed}." if aimed else "."
        )
        for line in (a.title, facts):
            for part in textwrap.wrap(line, max(console.width - 2, 20)):
                console.print(Text("  " + part), soft_wrap=True)


def _dates(activity: Consultation, separator: str) -> str:
    start, end = activity.start, activity.end
    return start.isoformat() if start == end else f"{start}{separator}to {end}"


def _aimed_at(repo: Repository, activity: Consultation) -> str:
    return ", ".join(repo.config.label(g) for g in activity.targeted)


def write_list_json(listing: ActivityList, stream: IO[str]) -> None:
    json.dump(listing.to_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
