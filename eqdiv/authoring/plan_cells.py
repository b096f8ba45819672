"""Reading the cells of a spreadsheet plan: owners, due dates, statuses and notes,
one row at a time, with every problem tied to the cell it is in.

``ImportOptions`` is what the user told the import; ``ImportProblem`` is what the
import says back, spreadsheet style ("row 4, column D (By Whom)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eqdiv.authoring.naming import is_id
from eqdiv.authoring.plan_columns import Columns, normalise
from eqdiv.authoring.tables import Cell, column_letter
from eqdiv.model.dates import first_day
from eqdiv.model.due_text import (
    Cadence,
    DueReading,
    Unreadable,
    first_review,
    read_date,
    read_due,
    split_due_cell,
)
from eqdiv.model.findings import Severity
from eqdiv.model.suggest import did_you_mean

_STATUS_WORDS = {
    "not started": "not_started",
    "not yet started": "not_started",
    "in progress": "in_progress",
    "started": "in_progress",
    "underway": "in_progress",
    "ongoing": "ongoing",
    "complete": "complete",
    "completed": "complete",
    "done": "complete",
    "deferred": "deferred",
    "on hold": "deferred",
    "postponed": "deferred",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "dropped": "cancelled",
}


@dataclass(frozen=True)
class ImportOptions:
    """What the user told the import. ``columns`` maps a role (``action``, ``owner``,
    ``due``, ``element``, ``number``, ``status``, ``completed``, ``update``) to a
    heading or column letter; ``names`` maps text in owner cells to people ids."""

    plan_id: str | None = None
    title: str | None = None
    owner: str | None = None
    framework: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    review: Cadence = "quarterly"
    people: frozenset[str] | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    year_start_month: int = 4
    taken: frozenset[str] = frozenset()  # ids a new plan must not take
    # Owners not in the people directory are added to it (as roles to fill in), rather
    # than stopping the import.
    add_people: bool = False


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Something in the spreadsheet eqdiv could not use (an error) or had to assume (a
    note), with the cell it is about, named as a spreadsheet user finds it."""

    message: str
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: int | None = None
    heading: str | None = None
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` shape of a problem."""
        return {
            "row": self.row,
            "column": column_letter(self.column) if self.column else None,
            "heading": self.heading,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }

    @property
    def where(self) -> str:
        """'row 4, column D (By When/ Update)', 'row 4', or ''."""
        if self.row is None:
            return ""
        if self.column is None:
            return f"row {self.row}"
        heading = f" ({self.heading})" if self.heading else ""
        return f"row {self.row}, column {column_letter(self.column)}{heading}"


class CellReader:
    """Turns cells into an action's fields, collecting problems as it goes."""

    def __init__(self, as_of: date, options: ImportOptions) -> None:
        self.as_of = as_of
        # What dates written without a year are read against: the file's own dates
        # when it has some (``_Importer.file_date``), else the import's date.
        self.reference = as_of
        self.options = options
        self.problems: list[ImportProblem] = []
        self.columns: Columns | None = None
        # Owners not in the people directory, each with the rows naming it: one
        # problem at the end for them all, not one per row.
        self.unknown_people: dict[str, list[Cell]] = {}

    # --- problems ------------------------------------------------------------------

    def problem(
        self,
        message: str,
        cell: Cell | None = None,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        heading = self.columns.heading(cell.column) if cell and self.columns else None
        self.problems.append(
            ImportProblem(
                message,
                severity,
                cell.row if cell else None,
                cell.column if cell else None,
                heading,
                hint,
            )
        )

    def note(self, message: str, cell: Cell | None = None) -> None:
        self.problem(message, cell, severity=Severity.INFO)

    # --- cells ---------------------------------------------------------------------

    def owners(self, cell: Cell | None, count: int) -> list[list[str]] | None:
        if cell is None or cell.blank:
            self.problem(
                "No one is named as owner.",
                cell,
                hint="Put the owner's people id (such as DH) in the cell.",
            )
            return None
        text = cell.text
        for name, person in self.options.names.items():
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", person, text, flags=re.I)
        lines = [_owner_tokens(line) for line in text.splitlines() if line.strip()]
        tokens = _owner_tokens(text)
        if count > 1 and len(lines) == count:
            per_action = lines
        elif len(tokens) == count:
            per_action = [[t] for t in tokens]
        elif count == 1:
            per_action = [tokens]
        elif len(tokens) == 1:
            per_action = [tokens] * count
        else:
            self.problem(
                f"The cell names {len(tokens)} owners for {count} actions: eqdiv cannot "
                "tell who owns which.",
                cell,
                hint="Give one owner per action, in order, or one owner for them all.",
            )
            return None
        if not self.people_known(text, tokens, count, cell):
            return None
        return [list(dict.fromkeys(o)) for o in per_action]

    def people_known(self, text: str, tokens: list[str], count: int, cell: Cell) -> bool:
        """Whether every owner named is a people id: text that is not (a name, such as
        'Service Manager') is a problem in its cell; ids the people directory does not
        list are noted for ``people_problem``."""
        known = self.options.people
        unknown = [
            t
            for t in dict.fromkeys(tokens)
            if not is_id(t) or (known is not None and t not in known)
        ]
        whole = " ".join(text.split())
        if count == 1 and len(unknown) > 1 and whole == " ".join(unknown):
            not_ids = [whole]  # 'Service Manager' is one person, not two people ids
        else:
            not_ids = [t for t in unknown if not is_id(t)]
        for token in not_ids:
            self.problem(
                f"'{token}' is not a people id.",
                cell,
                hint=did_you_mean(token, known or ())
                + "Owners are people ids (such as DH) from people.yaml: read this "
                f"text as one with --person '{token}=ID'.",
            )
        if not_ids:
            return False
        for token in unknown:
            self.unknown_people.setdefault(token, []).append(cell)
        return True

    def people_problem(self) -> None:
        """One problem for every owner the people directory does not list (unless
        ``add_people``): which, in how many rows, and the one way on."""
        unknown = self.unknown_people
        if not unknown or self.options.add_people:
            return
        given = {person: name for name, person in self.options.names.items()}
        named = [
            f"{t} ("
            + (f"from --person {given[t]}={t}; " if t in given else "")
            + f"{_rows(cells)})"
            for t, cells in unknown.items()
        ]
        many = len(unknown) > 1
        first = next(iter(unknown.values()))[0]
        self.problem(
            f"{len(unknown)} owner{'s are' if many else ' is'} not in the people directory: "
            + ", ".join(named)
            + ".",
            first,
            hint="Add them with --add-people (each as a role to fill in people.yaml), list "
            "them in people.yaml, or read a cell's text as someone listed with "
            "--person 'TEXT=ID'.",
        )

    def dues(self, cell: Cell | None, count: int) -> list[DueReading | Unreadable] | None:
        if cell is None or cell.blank:
            self.problem(
                "There is no due date.",
                cell,
                hint="Write a month (Sep-07), a day (30/09/2007) or 'Ongoing'.",
            )
            return None
        if cell.precision is not None:  # an Excel date: the value is exact already
            return [DueReading(text="", due=cell.text)] * count
        entries = [cell.text] if count == 1 else split_due_cell(cell.text, count)
        if entries is None:
            self.problem(
                f"eqdiv cannot split this cell into {count} due dates, one per action.",
                cell,
                hint="Put each action's due date on its own line in the cell, in order.",
            )
            return None
        reference, start_month = self.reference, self.options.year_start_month
        return [read_due(entry, reference, start_month) for entry in entries]

    def per_action(self, cell: Cell | None, count: int, what: str) -> list[str] | None:
        if cell is None or cell.blank:
            return None
        if count == 1:
            return [cell.text]
        lines = [line.strip() for line in cell.text.splitlines() if line.strip()]
        if len(lines) == count:
            return lines
        self.problem(
            f"This cell holds {len(lines)} lines for {count} actions: eqdiv cannot "
            f"tell which of the {what} belongs to which action.",
            cell,
            hint="Put one line per action in the cell, in order.",
        )
        return None

    def due_fields(
        self,
        action: dict[str, Any],
        reading: DueReading | Unreadable | None,
        cell: Cell | None,
        notes: list[str],
    ) -> bool:
        if reading is None:
            action["due"] = None
            return False
        if isinstance(reading, Unreadable):
            self.problem(
                f"{reading.reason} (in '{short(reading.text)}')"
                if reading.text not in reading.reason
                else reading.reason,
                cell,
                hint="Write the due date as a month (Sep-07), a day (30/09/2007), or "
                "'Ongoing' (with a cadence such as 'Ongoing - quarterly').",
            )
            action["due"] = None
            action["due_text"] = " ".join(reading.text.split())
            return False
        for assumption in reading.assumptions:
            self.note(f"{assumption}. Check it.", cell)
        action["due"] = reading.due
        if reading.text:
            action["due_text"] = " ".join(reading.text.split())
        if reading.start:
            action["start"] = reading.start
        if reading.ongoing:
            cadence = reading.cadence or self.options.review
            begins = max(self.as_of, first_day(reading.start)) if reading.start else self.as_of
            action["review"] = {
                "cadence": list(cadence) if isinstance(cadence, tuple) else cadence,
                "next": (reading.next_review or first_review(cadence, begins)).isoformat(),
            }
        if reading.note:
            notes.append(reading.note)
        return True

    def status_fields(
        self,
        action: dict[str, Any],
        written: str | None,
        cell: Cell | None,
        completed: str | None,
        completed_cell: Cell | None,
    ) -> bool:
        if written is None:
            start = action.get("start")
            # No status column: an ongoing action under way is 'ongoing'; anything
            # else has not been reported on yet, so eqdiv claims no progress for it.
            later = start is not None and first_day(start) > self.as_of
            ongoing = action["due"] == "ongoing" and not later
            action["status"] = "ongoing" if ongoing else "not_started"
            return True
        key = " ".join(normalise(written).replace("_", " ").split())
        status = _STATUS_WORDS.get(key)
        if status is None:
            rag = key in ("red", "amber", "green", "r", "a", "g")
            self.problem(
                f"'{short(written)}' is not a status eqdiv knows.",
                cell,
                hint="eqdiv works out red, amber and green from the dates; give the status itself."
                if rag
                else "Statuses: not started, in progress, ongoing, complete, deferred, cancelled.",
            )
            action["status"] = None
            return False
        action["status"] = status
        if status != "complete":
            return True

        day = read_date(completed, self.reference) if completed else None
        if day is None or day.precision != "day":
            self.problem(
                "The action is complete, but there is no completion date (a day) for it.",
                completed_cell or cell,
                hint="Add the day it was completed, in a column headed 'Completed' "
                "(or name it with --completed-column).",
            )
            return True
        action["completed"] = day.value
        return True


def _owner_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,;/&+]+|\band\b", text) if t]


def status_word(text: str) -> str | None:
    """The status ``text`` names ("In progress" -> in_progress), or None."""
    return _STATUS_WORDS.get(" ".join(normalise(text).replace("_", " ").split()))


def _rows(cells: list[Cell]) -> str:
    rows = sorted({c.row for c in cells})
    return f"row {rows[0]}" if len(rows) == 1 else f"{len(rows)} rows, from row {rows[0]}"


def short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
