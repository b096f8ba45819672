"""``eqdiv history`` as text (a block per commit, oldest first) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO

from rich.text import Text

from eqdiv.model import codes
from eqdiv.model.blocks import Block, plural
from eqdiv.model.findings import Severity
from eqdiv.output.blocks import render_blocks, wrapped
from eqdiv.output.console import display_path, make_console
from eqdiv.review.eia_changes import grade_words
from eqdiv.review.history import History, HistoryEntry, history_to_dict

Writer = Callable[[History, IO[str]], None]
# Changes whose words already give the grade.
GRADED = frozenset(c.id for c in (codes.RECORD_ADDED, codes.EIA_GRADE, codes.EIA_GRADE_FELL))
PREFIX = {Severity.ERROR: "Error: ", Severity.WARNING: "Warning: ", Severity.INFO: ""}


def write_text(found: History, stream: IO[str]) -> None:
    console = make_console(stream)
    what = "action" if found.kind == "action" else "record"
    title = f": {found.title}" if found.title else ""
    wrapped(console, Text(f"History of {what} {found.subject}{title}", style="bold"))
    wrapped(console, Text(display_path(found.root, found.path)))
    count = plural(len(found.entries), "commit")
    wrapped(console, Text(f"{count} changed it, oldest first."))
    console.print()
    if found.entries:
        render_blocks(console, [entry_block(e) for e in found.entries], found.root)
        console.print()
    for line in notes(found):
        wrapped(console, Text(line))


def entry_block(entry: HistoryEntry) -> Block:
    commit = entry.commit
    lines = [f"“{commit.subject}”", *(PREFIX[c.severity] + c.message for c in entry.changes)]
    graded = any(c.code in GRADED for c in entry.changes)
    if entry.score is not None and not graded:
        lines.append(f"Grade: {grade_words(entry.score)}.")
    heading = f"{commit.date.date().isoformat()}  {commit.short}  {commit.author}"
    return Block(heading, lines=tuple(lines))


def notes(found: History) -> list[str]:
    """What the reader should know about what is not shown."""
    said = []
    where = display_path(found.root, found.path)
    if found.removed and found.uncommitted:
        said.append(f"The working tree removes it (from {where}): that is not committed yet.")
    elif found.removed:
        said.append(f"It is no longer in the records: {where} is where it was last.")
    elif not found.entries:
        said.append("No commit records a change to it yet: commit it, and its history starts.")
    if found.uncommitted and not found.removed:
        said.append("The working tree changes it, and that change is not committed yet.")
    if found.shallow:
        said.append(
            "This is a shallow clone, so the history stops where the clone does: fetch "
            "the full history (git fetch --unshallow) to see all of it."
        )
    return said


def write_json(found: History, stream: IO[str]) -> None:
    json.dump(history_to_dict(found), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


WRITERS: dict[str, Writer] = {"text": write_text, "json": write_json}
