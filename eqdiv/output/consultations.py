"""``eqdiv consultation list``: the activities as a table, or JSON.

Only each activity's total is listed: how many came to an event says nothing about
anyone's characteristics. Profiles by category appear only in ``coverage``, which
suppresses small numbers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import IO, Any

from rich.markup import escape
from rich.table import Table

from eqdiv.coverage import broken_consultations
from eqdiv.model.consultations import Consultation
from eqdiv.output.console import make_console
from eqdiv.periods import Period
from eqdiv.repository import Repository
from eqdiv.serialize import envelope, period_to_dict


def write_list_text(
    repo: Repository, activities: Sequence[Consultation], period: Period | None, stream: IO[str]
) -> None:
    console = make_console(stream)
    where = f" in {period.label}" if period else ""
    if not activities:
        console.print(f"No consultation or involvement activities{escape(where)}.")
    else:
        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), show_edge=False)
        table.add_column("Dates", no_wrap=True, header_style="bold")
        table.add_column("Activity", ratio=1, header_style="bold")
        table.add_column("People", justify="right", no_wrap=True, header_style="bold")
        table.add_column("Aimed at", header_style="bold")
        for a in activities:
            dates = a.start.isoformat() if a.start == a.end else f"{a.start}\nto {a.end}"
            table.add_row(
                dates,
                f"[bold]{escape(a.id)}[/]\n{escape(a.title)}",
                str(a.participants),
                escape(", ".join(repo.config.label(g) for g in a.targeted)) or "-",
            )
        console.print(table)
        people = sum(a.participants for a in activities)
        count = len(activities)
        console.print()
        console.print(
            f"{count} {'activity' if count == 1 else 'activities'}{escape(where)}; "
            f"{people} people took part."
        )
    broken = broken_consultations(repo)
    if broken:
        console.print(
            f"Not listed, because of errors (run `eqdiv validate`): {escape(', '.join(broken))}."
        )


def write_list_json(
    repo: Repository,
    activities: Sequence[Consultation],
    period: Period | None,
    stream: IO[str],
    as_of: date | None,
) -> None:
    data: dict[str, Any] = {
        **envelope("consultation list", str(repo.root), as_of.isoformat() if as_of else None),
        "period": None if period is None else period_to_dict(period),
        "activities": [_activity(a) for a in activities],
        "left_out": list(broken_consultations(repo)),
    }
    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _activity(a: Consultation) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "organisation": a.organisation,
        "lead": a.lead,
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "methods": list(a.methods),
        "about_impacts": a.about_impacts,
        "targeted": list(a.targeted),
        "participants": a.participants,
        "profile": list(a.profile),
        "accessible_formats": list(a.accessible_formats),
        "eias": list(a.eias),
        "actions": list(a.actions),
        "path": a.location.path,
        "line": a.location.line,
    }
