"""Turning a spreadsheet action plan into an action-plan record.

The seed's own table is the model: an element column (numbered under no heading), a
cell holding several lettered actions ("a. ... b. ..."), a "By Whom" cell with one owner
per action ("DH DH DH DH"), and a "By When/Update" cell whose entries are read by
``eqdiv.model.due_text``. Every cell eqdiv cannot understand becomes a problem naming its row
and column, never a guess; what it had to assume (a year, the title) becomes a note.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.authoring.naming import SMALL_WORDS, fresh_id, slug
from eqdiv.authoring.plan_cells import (
    CellReader,
    ImportOptions,
    ImportProblem,
    short,
    status_word,
)
from eqdiv.authoring.plan_columns import (
    REQUIRED_ROLES,
    ROLE_NAMES,
    describe_columns,
    find_columns,
    normalise,
)
from eqdiv.authoring.tables import Cell, Table, column_letter
from eqdiv.model.dates import first_day
from eqdiv.model.due_text import DueReading, read_due
from eqdiv.model.duties import framework_on
from eqdiv.model.findings import Severity
from eqdiv.model.plans import EFLG_MODULES, ESLG_ELEMENTS
from eqdiv.yamlio.writer import dump

__all__ = ["ImportOptions", "ImportProblem", "PlanImport", "import_plan", "split_lettered"]

# A plan's dates this far from the import's date mean a missing --as-of.
FAR_DAYS = 366
_LETTER = re.compile(r"(?:^|(?<=\s))\(?([a-zA-Z])[.)]\s+")
_NUMBER = re.compile(r"\s*(\d{1,2})\.?(?:\s+|$)")


@dataclass(frozen=True)
class PlanImport:
    """The record (None when the table could not be read at all), its YAML text, and
    every problem and note, in the order of the spreadsheet."""

    source: str
    record: dict[str, Any] | None
    text: str
    problems: tuple[ImportProblem, ...]
    # Owners not in the people directory, to add to it (with ``add_people``).
    new_people: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def actions(self) -> int:
        return len(self.record["actions"]) if self.record else 0


def import_plan(table: Table, as_of: date, options: ImportOptions) -> PlanImport:
    """Read ``table`` as an action plan dated ``as_of`` (the date that dates written
    without a year are read against, that first reviews count from, and that update
    notes found in the due column carry)."""
    return _Importer(table, as_of, options).run()


class _Importer(CellReader):
    """The whole table: its header, its rows, and the plan they make."""

    def __init__(self, table: Table, as_of: date, options: ImportOptions) -> None:
        super().__init__(as_of, options)
        self.table = table
        self.problems += [ImportProblem(note, Severity.INFO) for note in table.notes]
        self.comments: dict[str, str] = {}
        self.letters: dict[int, set[str]] = {}  # letters used so far, per element
        self.flat = False  # no element column: actions numbered 1, 2, 3 under no element
        self.count = 0  # actions so far (a flat plan's numbers)

    # --- the whole table -----------------------------------------------------------

    def run(self) -> PlanImport:
        columns = find_columns(self.table, self.options.columns)
        if columns is None:
            self.problem(
                "eqdiv could not find the table's header row: a row with headings for "
                "the actions, who does them and by when.",
                hint="Name the columns: --action-column, --owner-column, --due-column "
                "(a heading, or a column letter such as C).",
            )
            return self.result(None)
        self.columns = columns
        missing = [role for role in REQUIRED_ROLES if role not in columns.roles]
        for role, given in self.options.columns.items():
            if role not in columns.roles:
                self.problem(
                    f"There is no column '{given}' in the header row (row {columns.header_row})."
                )
        if missing:
            self.problem(
                f"The header row (row {columns.header_row}) has no column for "
                f"{' or '.join(ROLE_NAMES[r] for r in missing)}.",
                hint="Name it with "
                + ", ".join(f"--{r}-column" for r in missing)
                + " (a heading, or a column letter).",
            )
            return self.result(None)
        self.flat = "element" not in columns.roles and "number" not in columns.roles
        if self.flat:
            self.note(
                f"The header row (row {columns.header_row}) has no column for the framework "
                "element each action serves: imported as a flat plan, its actions numbered "
                "1, 2, 3 ... under no element. Name an element column with "
                "--element-column to organise them."
            )
        self.note(f"Columns: {describe_columns(columns)}.")
        self.reference = self.file_date()
        if abs((self.as_of - self.reference).days) > FAR_DAYS:
            # A plan of 2007 imported in 2026 without --as-of: whatever the import dates
            # (notes found beside due dates, first reviews) would take today's date.
            self.problem(
                f"The plan's dates are around {self.reference:%B %Y}, but the import is dated "
                f"{self.as_of.isoformat()}: notes found beside due dates, and first reviews, "
                "take that date.",
                severity=Severity.WARNING,
                hint="If the plan was written then, give its date with --as-of (such as "
                f"--as-of {self.reference.isoformat()}).",
            )
        framework = self.framework()
        actions = self.actions(framework)
        self.people_problem()
        if not actions:
            self.problem("No actions were found below the header row.")
            return self.result(None)
        title = self.title()
        record: dict[str, Any] = {
            "kind": "action-plan",
            "id": self.options.plan_id or self.fresh_id(title),
            "title": title,
            "owner": self.plan_owner(actions),
            "framework": framework,
            "actions": actions,
        }
        self.comments[""] = (
            f"Imported by eqdiv from {self.table.source} on {self.as_of.isoformat()}.\n"
            "Each action's due date is kept as written in `due_text`; notes found with "
            "it are under `updates`."
        )
        return self.result(record)

    def result(self, record: dict[str, Any] | None) -> PlanImport:
        text = dump(record, comments=self.comments) if record else ""
        ordered = sorted(
            self.problems, key=lambda p: (p.row or 0, p.column or 0)
        )  # the order the spreadsheet is read in
        new = tuple(self.unknown_people) if self.options.add_people and record else ()
        return PlanImport(self.table.source, record, text, tuple(ordered), new)

    def fresh_id(self, title: str) -> str:
        """'parent-partnership-equality-diversity-action-plan-2007': a plan is for a
        year, and the year keeps next year's import from clashing with this one."""
        return fresh_id(f"{slug(title) or 'plan'}-{self.reference.year}", self.options.taken)

    def title(self) -> str:
        if self.options.title:
            return self.options.title
        assert self.columns is not None
        for row in self.table.rows[: self.columns.header_row - 1]:
            cell = next((c for c in row if not c.blank), None)
            if cell is not None:
                title = _title_case(" ".join(cell.text.split()))
                self.note(
                    f"The plan's title is taken from this cell: '{title}'. Give "
                    "another with --title.",
                    cell,
                )
                return title
        title = re.sub(r"[_-]+", " ", self.table.source.split(" (sheet")[0].rsplit(".", 1)[0])
        self.note(f"The plan's title is the file's name: '{title}'. Give one with --title.")
        return title

    def plan_owner(self, actions: list[dict[str, Any]]) -> str | None:
        if self.options.owner:
            return self.options.owner
        owners: set[str] = {o for a in actions for o in a.get("owners") or []}
        if len(owners) > 1 and not self.options.add_people:
            owners -= set(self.unknown_people)  # already a problem of their own
        if len(owners) == 1:
            only = owners.pop()
            self.note(
                f"The plan's owner is {only}, who owns every action. Give another with --owner."
            )
            return only
        self.problem(
            "eqdiv cannot tell who owns the plan: its actions have several owners.",
            hint="Name the plan's owner (a people id) with --owner.",
        )
        return None

    def framework(self) -> str:
        if self.options.framework:
            return self.options.framework
        assert self.columns is not None
        element = self.columns.roles.get("element")
        heading = normalise(self.columns.heading(element) or "") if element else ""
        cells = [self.cell(row, "element") for row in self.body()]
        texts = [c.text for c in cells if c is not None and not c.blank]
        eflg = "equality framework" in heading or any(_module(t) for t in texts)
        chosen = "eflg-2021" if eflg else "eslg-2007"
        if self.flat:  # no elements to tell by: the framework of the plan's date
            chosen = framework_on(self.reference)
        names = {
            "eslg-2007": "the Equality Standard for Local Government (2007)",
            "eflg-2021": "the Equality Framework for Local Government (2021)",
        }
        self.note(
            f"Read as a plan under {names[chosen]}, framework {chosen}. Choose with --framework."
        )
        return chosen

    # --- rows ----------------------------------------------------------------------

    def file_date(self) -> date:
        """The date that dates written without a year are read against: the middle one
        of the due dates the file writes with a year ("July 31st" in a 2007 plan is
        2007's), or the import's date when it writes none."""
        found: list[date] = []
        for row in self.body():
            cell = self.cell(row, "due")
            if cell is None or cell.blank:
                continue
            entries = [cell.text[:10]] if cell.precision is not None else cell.text.splitlines()
            for entry in entries:
                reading = read_due(entry, None, self.options.year_start_month)
                if isinstance(reading, DueReading) and reading.due not in (None, "ongoing"):
                    found.append(first_day(reading.due))
        if not found:
            return self.as_of
        found.sort()
        return found[len(found) // 2]

    def body(self) -> Sequence[Sequence[Cell]]:
        assert self.columns is not None
        return self.table.rows[self.columns.header_row :]

    def cell(self, row: Sequence[Cell], role: str) -> Cell | None:
        assert self.columns is not None
        column = self.columns.roles.get(role)
        return row[column - 1] if column is not None and column <= len(row) else None

    def action_cell(self, row: Sequence[Cell], header: list[str]) -> Cell | None:
        """The row's action cell; None for a row to skip: blank, the header repeated
        (a page heading), or with no action (noted)."""
        if all(c.blank for c in row) or [normalise(c.text) for c in row] == header:
            return None
        cell = self.cell(row, "action")
        if cell is None or cell.blank:
            filled = next(c for c in row if not c.blank)
            self.note(f"Skipped: the row has no action ('{short(filled.text)}').", filled)
            return None
        return cell

    def actions(self, framework: str) -> list[dict[str, Any]]:
        assert self.columns is not None
        header = [normalise(c.text) for c in self.table.rows[self.columns.header_row - 1]]
        actions: list[dict[str, Any]] = []
        first_row: dict[str, int] = {}
        current: tuple[int | str | None, int] | None = None
        heading: str | None = None
        for row in self.body():
            action_cell = self.action_cell(row, header)
            if action_cell is None:
                continue
            if self.flat:
                current = (None, 0)
            elif (found := self.element(row, framework)) is not None:
                current, heading = found[:2], found[2]
            if current is None:
                self.problem(
                    "eqdiv cannot tell which element this action belongs to.",
                    self.cell(row, "element") or action_cell,
                    hint="Put the element's number in the first row of each element.",
                )
                continue
            for action, gaps in self.row_actions(row, *current):
                if action["id"] in first_row:
                    self.problem(
                        f"Two actions would both be {action['id']} (rows "
                        f"{first_row[action['id']]} and {action_cell.row}).",
                        action_cell,
                        hint="Check the letters (a., b., ...) that start the actions.",
                    )
                    continue
                first_row[action["id"]] = action_cell.row
                pointer = f"/actions/{len(actions)}"
                if heading:
                    self.comments[pointer] = heading
                    heading = None
                for key, comment in gaps.items():
                    self.comments[f"{pointer}/{key}"] = comment
                actions.append(action)
        return actions

    def element(self, row: Sequence[Cell], framework: str) -> tuple[int | str, int, str] | None:
        """(element, its number for action ids, a heading comment) from this row's
        number or element cell; None when both are blank (the row continues the
        element above) or cannot be read (a problem says so)."""
        number_cell, element_cell = self.cell(row, "number"), self.cell(row, "element")
        number = _leading_number(number_cell.text) if number_cell else None
        text = " ".join(element_cell.text.split()) if element_cell else ""
        if number is None and text:
            number = _leading_number(text)
        if number is None and not text:
            return None
        where = element_cell if text else number_cell
        if framework == "eflg-2021":
            module = _module(text) if text else None
            if module is None and number is not None and 1 <= number <= len(EFLG_MODULES):
                module = list(EFLG_MODULES)[number - 1]
            if module is None:
                self.problem(
                    f"'{short(text or str(number))}' is not a module of the Equality Framework.",
                    where,
                    hint="Modules: " + "; ".join(EFLG_MODULES.values()) + ".",
                )
                return None
            index = list(EFLG_MODULES).index(module) + 1
            return module, number or index, f"Module: {text or EFLG_MODULES[module]}"
        if number is None:
            number = _eslg_element(text)
            if number is None:
                self.problem(
                    f"'{short(text)}' is not an element of the Equality Standard.",
                    where,
                    hint="Put the element's number (1 to 5) beside it.",
                )
                return None
        if not 1 <= number <= 5:
            self.problem(
                f"There is no element {number}: the Equality Standard has elements 1 to 5.",
                where,
            )
            return None
        return number, number, f"Element {number}: {text or ESLG_ELEMENTS[number]}"

    def row_actions(
        self, row: Sequence[Cell], element: int | str | None, number: int
    ) -> list[tuple[dict[str, Any], dict[str, str]]]:
        """The actions in one row, each with comments for the fields left blank."""
        action_cell = self.cell(row, "action")
        assert action_cell is not None
        items = split_lettered(action_cell.text)
        count = len(items)
        owner_cell, due_cell = self.cell(row, "owner"), self.cell(row, "due")
        status_cell, done_cell = self.cell(row, "status"), self.cell(row, "completed")
        owners = self.owners(owner_cell, count)
        dues = self.dues(due_cell, count)
        statuses = self.per_action(status_cell, count, "statuses")
        done = self.per_action(done_cell, count, "dates")
        notes = self.per_action(self.cell(row, "update"), count, "updates")
        assert self.columns is not None
        if statuses is None and notes and "status" not in self.columns.roles:
            # A tracker's Progress column that holds statuses ("In progress") is read as
            # the status; other progress notes stay notes.
            said = [status_word(n) for n in notes]
            if all(said):
                statuses, notes = notes, None
                status_cell = self.cell(row, "update")
        used = self.letters.setdefault(number, set())
        results: list[tuple[dict[str, Any], dict[str, str]]] = []
        for i, (letter, text) in enumerate(items):
            self.count += 1
            if element is None:  # a flat plan: numbered in order
                action: dict[str, Any] = {"id": str(self.count)}
            else:
                letter = letter or next(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in used)
                used.add(letter)
                action = {"id": f"{number}{letter}", "element": element}
            action |= {"text": text, "owners": owners[i] if owners else None}
            gaps: dict[str, str] = {}
            if owners is None:
                gaps["owners"] = _gap(owner_cell or action_cell)
            update_notes: list[str] = []
            reading = dues[i] if dues else None
            if not self.due_fields(action, reading, due_cell, update_notes):
                gaps["due"] = _gap(due_cell or action_cell)
            if not self.status_fields(
                action,
                statuses[i] if statuses else None,
                status_cell,
                done[i] if done else None,
                done_cell,
            ):
                gaps["status"] = _gap(status_cell or action_cell)
            if notes and notes[i]:
                update_notes.append(" ".join(notes[i].split()))
            if update_notes:
                by = (action["owners"] or [None])[0]
                action["updates"] = [
                    {"date": self.as_of.isoformat(), "by": by, "note": note}
                    for note in update_notes
                ]
            results.append((action, gaps))
        return results


def split_lettered(text: str) -> list[tuple[str | None, str]]:
    """'a. Do this b. Do that' -> [('a', 'Do this'), ('b', 'Do that')]. Only letters in
    sequence from the first count, so 'e.g. ' or a stray 'x. ' stays in the text."""
    flat = " ".join(text.split())
    first = _LETTER.match(flat)
    if first is None:
        return [(None, flat)]
    markers = [first]
    expected = chr(ord(first[1]) + 1)
    for match in _LETTER.finditer(flat, first.end()):
        if match[1] == expected:
            markers.append(match)
            expected = chr(ord(expected) + 1)
    items: list[tuple[str | None, str]] = []
    for i, marker in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(flat)
        items.append((marker[1].lower(), flat[marker.end() : end].strip()))
    return items


def _leading_number(text: str) -> int | None:
    match = _NUMBER.match(text)
    return int(match[1]) if match else None


def _eslg_element(text: str) -> int | None:
    words = normalise(text)
    scores = {
        number: difflib.SequenceMatcher(None, words, normalise(title)).ratio()
        for number, title in ESLG_ELEMENTS.items()
    }
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] >= 0.6 else None


def _module(text: str) -> str | None:
    words = normalise(text).replace(" ", "_")
    if words in EFLG_MODULES:
        return words
    for module, title in EFLG_MODULES.items():
        if difflib.SequenceMatcher(None, normalise(text), normalise(title)).ratio() >= 0.75:
            return module
    return None


def _title_case(text: str) -> str:
    """'PARENT PARTNERSHIP EQUALITY AND DIVERSITY ACTION PLAN' -> 'Parent Partnership
    Equality and Diversity Action Plan'; text in mixed case is left as written."""
    if text != text.upper():
        return text
    words = text.lower().split()
    return " ".join(
        w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _gap(cell: Cell) -> str:
    return (
        f"eqdiv could not read row {cell.row}, column {column_letter(cell.column)}: fill this in."
    )
