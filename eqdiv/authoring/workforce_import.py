"""``eqdiv import workforce``: a workforce return from the spreadsheet HR already keeps.

HR systems export aggregate figures as a long table, one figure a row. eqdiv reads
four columns (found by their headings, or named with ``--column ROLE=HEADING``):

- ``what``: what the row counts: ``staff``, ``volunteers``, a formal process
  (``grievance``, ``disciplinary``, ``capability``, ``harassment or bullying``,
  ``discrimination``) or ``training``;
- ``measure``: for staff and volunteers, ``total`` or a dimension (``ethnicity``,
  ``Ethnic group``, ``disability`` ...); for a process, ``started``, ``closed``,
  ``closed in time``, ``outcome`` or a dimension (the people who entered it); for
  training, ``due``, ``completed`` or ``refresher due``;
- ``category``: the category of a dimension (an id such as ``white_british`` or a label
  such as "White British"; "not known" and "prefer not to say" too), an outcome, or
  for training the team;
- ``count``: a whole number (for ``refresher due``, a date).

Labels are matched without regard to case, spaces, hyphens or punctuation. Every cell
eqdiv cannot use is reported by row and column, with the nearest known word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eqdiv.authoring.plan_cells import ImportProblem
from eqdiv.authoring.tables import Cell, Table
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme
from eqdiv.model.dates import parse_day
from eqdiv.model.findings import Severity
from eqdiv.model.suggest import did_you_mean
from eqdiv.model.workforce import DEFAULT_COURSE, OUTCOMES, PREFER_NOT, PROCESSES
from eqdiv.yamlio.writer import dump

ROLES = ("what", "measure", "category", "count")
HEADINGS: dict[str, tuple[str, ...]] = {
    "what": ("what", "section", "group", "area"),
    "measure": ("measure", "item", "field", "breakdown"),
    "category": ("category", "value", "label", "team"),
    "count": ("count", "number", "headcount", "figure", "n"),
}

_PEOPLE = {"staff": "staff", "employees": "staff", "volunteers": "volunteers"}
_PROCESS_WORDS = {
    **{key: key for key in PROCESSES},
    **{_k: v for v, label in PROCESSES.items() for _k in (label,)},
    "harassment": "harassment_bullying",
    "bullying": "harassment_bullying",
    "harassment or bullying": "harassment_bullying",
    "harassment and bullying": "harassment_bullying",
    "discrimination": "discrimination",
}
_PROCESS_MEASURES = {
    "started": "started",
    "opened": "started",
    "entered": "started",
    "closed": "closed",
    "closed in time": "closed_in_time",
    "closed within timescale": "closed_in_time",
    "closed within the timescale": "closed_in_time",
    "in time": "closed_in_time",
    "outcome": "outcomes",
    "outcomes": "outcomes",
}
_TRAINING_MEASURES = {
    "due": "due",
    "completed": "completed",
    "refresher due": "refresher_due",
    "refresher": "refresher_due",
}
_UNDECLARED = {
    "not known": NOT_KNOWN,
    "unknown": NOT_KNOWN,
    "not stated": NOT_KNOWN,
    "blank": NOT_KNOWN,
    "prefer not to say": PREFER_NOT,
    "declined": PREFER_NOT,
    "prefer not to answer": PREFER_NOT,
}


def key(text: str) -> str:
    """Text as a label to match: lower case, words joined by single spaces, no
    punctuation (``White - British`` and ``white_british`` both read ``white british``)."""
    return " ".join(re.sub(r"[^0-9a-z+]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class WorkforceImportOptions:
    record_id: str
    organisation: str
    start: date
    end: date
    scheme: CategoryScheme
    columns: Mapping[str, str] = field(default_factory=dict)  # role -> heading
    prepared_by: str | None = None


@dataclass(frozen=True)
class WorkforceImport:
    source: str
    record: dict[str, Any] | None
    text: str
    problems: tuple[ImportProblem, ...]
    figures: int  # rows read

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


class _Reader:
    def __init__(self, table: Table, options: WorkforceImportOptions) -> None:
        self.table = table
        self.options = options
        self.problems: list[ImportProblem] = []
        self.headings: dict[int, str] = {}
        # Where each figure came from, so a second one for the same thing is named.
        self.seen: dict[tuple[str, ...], int] = {}

    def problem(self, cell: Cell, message: str, hint: str | None = None) -> None:
        self.problems.append(
            ImportProblem(
                message, Severity.ERROR, cell.row, cell.column, self.headings.get(cell.column), hint
            )
        )

    def columns(self) -> tuple[int, dict[str, int]] | None:
        """The heading row and each role's column: the first row naming them all."""
        wanted = {role: key(self.options.columns.get(role, "")) for role in ROLES}
        for number, row in enumerate(self.table.rows[:20]):
            found: dict[str, int] = {}
            for cell in row:
                text = key(cell.text)
                for role in ROLES:
                    names = (wanted[role],) if wanted[role] else HEADINGS[role]
                    if text in names and role not in found:
                        found[role] = cell.column
            if len(found) == len(ROLES):
                self.headings = {c.column: c.text.strip() for c in row}
                return number, found
        missing = ", ".join(
            f"'{self.options.columns[r]}'" if r in self.options.columns else r for r in ROLES
        )
        self.problems.append(
            ImportProblem(
                f"No row of {self.table.source} heads the columns eqdiv needs ({missing}).",
                hint='Name them with --column, e.g. --column what="Report section"; each '
                "row is one figure: what it counts, the measure, the category and the count.",
            )
        )
        return None

    def read(self) -> tuple[dict[str, Any], int]:
        data: dict[str, Any] = {}
        found = self.columns()
        if found is None:
            return data, 0
        start, roles = found
        figures = 0
        for row in self.table.rows[start + 1 :]:
            cells = {role: row[roles[role] - 1] for role in ROLES}
            if all(c.blank for c in cells.values()):
                continue
            figures += 1
            self.row(cells, data)
        return data, figures

    def row(self, cells: Mapping[str, Cell], data: dict[str, Any]) -> None:
        what = key(cells["what"].text)
        measure = key(cells["measure"].text)
        if what in _PEOPLE:
            self.people(_PEOPLE[what], measure, cells, data)
        elif what in _PROCESS_WORDS:
            self.process(_PROCESS_WORDS[what], measure, cells, data)
        elif what == "training":
            self.training(measure, cells, data)
        else:
            choices = [*_PEOPLE, *PROCESSES, "training"]
            self.problem(
                cells["what"],
                f"'{cells['what'].text.strip()}' is not something a workforce return counts.",
                did_you_mean(what, choices) + f"Use one of: {', '.join(choices)}.",
            )

    def count(self, cell: Cell) -> int | None:
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        text = cell.text.strip().replace(",", "")
        if re.fullmatch(r"\d{1,9}", text):
            return int(text)
        self.problem(cell, f"'{cell.text.strip()}' is not a count (a whole number, 0 or more).")
        return None

    def once(self, path: tuple[str, ...], cell: Cell) -> bool:
        if path in self.seen:
            self.problem(
                cell,
                f"A second figure for {' / '.join(path)} (the first is on row {self.seen[path]}).",
                "Each figure once: remove one of the rows.",
            )
            return False
        self.seen[path] = cell.row
        return True

    def dimension(self, cell: Cell) -> str | None:
        text = key(cell.text)
        for dim in self.options.scheme.dimensions.values():
            if text in (key(dim.id), key(dim.label)):
                return dim.id
        if text in ("ethnic origin", "race"):
            return "ethnicity"
        return None

    def category(self, dim: str, cell: Cell) -> str | None:
        text = key(cell.text)
        if text in _UNDECLARED:
            return _UNDECLARED[text]
        if text in (key(NOT_KNOWN), key(PREFER_NOT)):
            return NOT_KNOWN if text == key(NOT_KNOWN) else PREFER_NOT
        scheme = self.options.scheme.dimensions[dim]
        for cat in (*scheme.categories.values(), *scheme.groups.values()):
            if text in (key(cat.id), key(cat.label)):
                return cat.id
        choices = [*scheme.categories, NOT_KNOWN, PREFER_NOT]
        self.problem(
            cell,
            f"'{cell.text.strip()}' is not a category of {scheme.label.lower()} ({dim}).",
            did_you_mean(text.replace(" ", "_"), choices)
            + "Use a census category's id or label, 'not known' or 'prefer not to say'.",
        )
        return None

    def breakdown(
        self, target: dict[str, Any], path: tuple[str, ...], cells: Mapping[str, Cell]
    ) -> bool:
        """A dimension's category count into ``target`` (its ``profile`` or
        ``by_strand``); False when ``measure`` names no dimension."""
        dim = self.dimension(cells["measure"])
        if dim is None:
            return False
        category = self.category(dim, cells["category"])
        n = self.count(cells["count"])
        if (
            category is not None
            and n is not None
            and self.once((*path, dim, category), cells["count"])
        ):
            target.setdefault(dim, {})[category] = n
        return True

    def people(
        self, who: str, measure: str, cells: Mapping[str, Cell], data: dict[str, Any]
    ) -> None:
        group = data.setdefault(who, {})
        if measure in ("total", "headcount", "all"):
            n = self.count(cells["count"])
            if n is not None and self.once((who, "total"), cells["count"]):
                group["total"] = n
            return
        if not self.breakdown(group.setdefault("profile", {}), (who,), cells):
            dims = list(self.options.scheme.dimensions)
            self.problem(
                cells["measure"],
                f"'{cells['measure'].text.strip()}' is not 'total' or a dimension.",
                did_you_mean(measure.replace(" ", "_"), dims) + f"Dimensions: {', '.join(dims)}.",
            )

    def process(
        self, process: str, measure: str, cells: Mapping[str, Cell], data: dict[str, Any]
    ) -> None:
        entry = data.setdefault("casework", {}).setdefault(process, {})
        field_name = _PROCESS_MEASURES.get(measure)
        if field_name == "outcomes":
            outcome = next(
                (
                    o
                    for o, label in OUTCOMES.items()
                    if key(cells["category"].text) in (key(o), key(label))
                ),
                None,
            )
            if outcome is None:
                self.problem(
                    cells["category"],
                    f"'{cells['category'].text.strip()}' is not an outcome eqdiv knows.",
                    did_you_mean(key(cells["category"].text).replace(" ", "_"), OUTCOMES)
                    + f"Outcomes: {', '.join(OUTCOMES)}.",
                )
                return
            n = self.count(cells["count"])
            if n is not None and self.once((process, "outcome", outcome), cells["count"]):
                entry.setdefault("outcomes", {})[outcome] = n
            return
        if field_name is not None:
            n = self.count(cells["count"])
            if n is not None and self.once((process, field_name), cells["count"]):
                entry[field_name] = n
            return
        if not self.breakdown(entry.setdefault("by_strand", {}), (process,), cells):
            self.problem(
                cells["measure"],
                f"'{cells['measure'].text.strip()}' is not a measure of {process}.",
                "Use started, closed, closed in time, outcome, or a dimension such as "
                "ethnicity for the people who entered the process.",
            )

    def training(self, measure: str, cells: Mapping[str, Cell], data: dict[str, Any]) -> None:
        team = " ".join(cells["category"].text.split())
        if not team:
            self.problem(cells["category"], "A training row with no team.", "Name the team.")
            return
        teams = data.setdefault("training", [])
        line = next((t for t in teams if key(t["team"]) == key(team)), None)
        if line is None:
            line = {"team": team}
            teams.append(line)
        field_name = _TRAINING_MEASURES.get(measure)
        if field_name is None:
            self.problem(
                cells["measure"],
                f"'{cells['measure'].text.strip()}' is not a training measure.",
                "Use due, completed or refresher due.",
            )
            return
        if not self.once(("training", key(team), field_name), cells["count"]):
            return
        if field_name == "refresher_due":
            value = cells["count"].value
            if isinstance(value, date):
                line[field_name] = value.isoformat()[:10]
                return
            try:
                line[field_name] = parse_day(cells["count"].text.strip()).isoformat()
            except ValueError:
                self.problem(
                    cells["count"],
                    f"'{cells['count'].text.strip()}' is not a date.",
                    "Write it as YYYY-MM-DD.",
                )
            return
        n = self.count(cells["count"])
        if n is not None:
            line[field_name] = n


def import_workforce(table: Table, options: WorkforceImportOptions) -> WorkforceImport:
    """The return ``table`` holds, as a record and its YAML, with every problem."""
    reader = _Reader(table, options)
    data, figures = reader.read()
    problems = list(reader.problems)
    if figures and "total" not in data.get("staff", {}):
        problems.append(
            ImportProblem(
                f"{table.source} gives no staff total (a row: staff, total, , COUNT).",
                hint="Add it: every other staff figure is read against it.",
            )
        )
    for t in data.get("training", []):
        for needed in ("due", "completed"):
            if needed not in t:
                problems.append(
                    ImportProblem(
                        f"The training of {t['team']} has no '{needed}' figure.",
                        hint=f"Add a row: training, {needed}, {t['team']}, COUNT.",
                    )
                )
        t.setdefault("course", DEFAULT_COURSE)
    if not figures:
        return WorkforceImport(table.source, None, "", tuple(problems), 0)
    record: dict[str, Any] = {
        "kind": "workforce",
        "id": options.record_id,
        "organisation": options.organisation,
        "start": options.start.isoformat(),
        "end": options.end.isoformat(),
    }
    if options.prepared_by:
        record["prepared_by"] = options.prepared_by
    record["staff"] = _people(data.get("staff", {}))
    if "volunteers" in data:
        record["volunteers"] = _people(data["volunteers"])
    if data.get("casework"):
        record["casework"] = {
            p: _process(data["casework"][p]) for p in PROCESSES if p in data["casework"]
        }
    if data.get("training"):
        record["training"] = [
            {k: t[k] for k in ("team", "course", "due", "completed", "refresher_due") if k in t}
            for t in data["training"]
        ]
    text = dump(record, comments={"": f"Imported from {table.source}: aggregate figures only."})
    return WorkforceImport(table.source, record, text, tuple(problems), figures)


def _people(group: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"total": group.get("total")}
    if group.get("profile"):
        found["profile"] = group["profile"]
    return found


def _process(entry: Mapping[str, Any]) -> dict[str, Any]:
    order = ("started", "closed", "closed_in_time", "outcomes", "by_strand")
    found = {k: entry[k] for k in order if k in entry and entry[k] != {}}
    found.setdefault("started", 0)
    return {k: found[k] for k in order if k in found}
