"""Turning a complaints system's export (CSV or .xlsx) into a case-log record.

Councils' complaints systems export one row per case, each with its own column names
("Date Logged", "Case No", "Service Area"). A column map says which heading holds which
field (``--map received="Date Logged"`` or ``cases: import_map:`` in eqdiv.yaml); the
usual names are recognised without one. Every cell eqdiv cannot read becomes a problem
naming its row and column, as in the plan import, and the row is left out rather than
guessed; a note that looks like personal data is never imported and never echoed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from eqdiv.authoring.plan_cells import ImportProblem
from eqdiv.authoring.plan_columns import named_column, normalise
from eqdiv.authoring.tables import Cell, Table
from eqdiv.model.cases import OUTCOMES
from eqdiv.model.findings import Severity
from eqdiv.model.personal_data import spans
from eqdiv.yamlio.writer import dump

# eqdiv's field -> headings it recognises without a map (as words, see ``normalise``).
FIELDS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "case ref", "case reference", "case no", "case number", "case id"),
    "received": ("received", "date received", "date logged", "logged", "opened", "date opened"),
    "type": ("type", "case type", "complaint or query"),
    "stage": ("stage", "complaint stage"),
    "channel": ("channel", "how received", "contact method", "method"),
    "first_contact": ("first contact", "first contacted", "received by"),
    "about": ("about", "category", "subject", "nature of complaint"),
    "strands": ("strands", "strand", "equality strand", "protected characteristic"),
    "handed_to": ("handed to", "referred to", "passed to", "transferred to"),
    "handed_on": ("handed on", "date referred", "referred on", "date transferred"),
    "accepted": ("accepted", "date accepted"),
    "acknowledged": ("acknowledged", "date acknowledged", "acknowledgement sent"),
    "responded": ("responded", "date responded", "response sent", "date of response"),
    "closed": ("closed", "date closed"),
    "extension_days": ("extension", "extension days", "extension working days"),
    "extension_agreed": ("extension agreed", "date extension agreed"),
    "outcome": ("outcome", "result", "decision"),
    "ombudsman": ("ombudsman", "went to ombudsman"),
    "support_asked": ("support asked", "support requested", "reasonable adjustment requested"),
    "support_provided": ("support provided", "reasonable adjustment provided"),
    "format": ("format", "format requested", "language"),
    "note": ("note", "notes", "summary", "comments"),
}
REQUIRED = ("ref", "received")
HEADER_SEARCH_ROWS = 10

_CHANNELS = {
    "phone": "phone", "telephone": "phone", "tel": "phone", "letter": "letter",
    "post": "letter", "email": "email", "e mail": "email", "web": "web", "online": "web",
    "website": "web", "web form": "web", "in person": "in_person",
    "face to face": "in_person", "visit": "in_person", "advocate": "advocate",
    "via an advocate": "advocate", "other": "other",
}  # fmt: skip
_TYPES = {"complaint": "complaint", "query": "query", "enquiry": "query", "inquiry": "query"}
_ABOUT = {
    "alleged discrimination": "alleged_discrimination", "discrimination": "alleged_discrimination",
    "access": "access", "accessibility": "access", "attitude": "attitude",
    "staff attitude": "attitude", "information": "information", "service": "service",
    "service delivery": "service", "policy": "policy", "other": "other",
}  # fmt: skip
_SUPPORT = {
    "alternative format": "alternative_format", "other format": "alternative_format",
    "large print": "alternative_format", "easy read": "alternative_format",
    "braille": "alternative_format", "audio": "alternative_format",
    "interpreter": "interpreter", "translation": "interpreter", "bsl": "interpreter",
    "advocate": "advocate", "advocacy": "advocate",
}  # fmt: skip
_OUTCOMES = {o.replace("_", " "): o for o in OUTCOMES} | {
    "partially upheld": "partly_upheld",
    "referred to the ombudsman": "referred_to_ombudsman",
    "referred to ombudsman": "referred_to_ombudsman",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y",
                 "%d-%b-%y", "%d-%b-%Y", "%d %b %y")  # fmt: skip
_SPLIT = re.compile(r"\s*[;,/]\s*|\s+and\s+")


@dataclass(frozen=True)
class CaseImportOptions:
    partner: str
    period: str
    log_id: str
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> heading or letter
    partners: frozenset[str] = frozenset()
    groups: Mapping[str, str] = field(default_factory=dict)  # words (id or label) -> id


@dataclass(frozen=True)
class CaseImport:
    source: str
    record: dict[str, Any] | None
    text: str
    problems: tuple[ImportProblem, ...]
    left_out: tuple[int, ...]  # rows not imported

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def cases(self) -> int:
        return len(self.record["cases"]) if self.record else 0


def parse_day(text: str) -> date | None:
    """A date as complaints systems write it: 2007-09-17, 17/09/2007 (day first, as in
    the UK), 17-Sep-07, 17 September 2007; None when it is none of these, or outside
    the years eqdiv accepts."""
    cleaned = " ".join(text.split())
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:[ T][\d:.]+)?", cleaned):
        try:
            parsed = date.fromisoformat(cleaned[:10])
        except ValueError:
            return None
        return parsed if 1900 <= parsed.year <= 2199 else None
    for form in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
        if 1900 <= parsed.year <= 2199:
            return parsed
    return None


def import_cases(table: Table, options: CaseImportOptions) -> CaseImport:
    """Read ``table`` as the cases of one partner's log."""
    return _Reader(table, options).run()


class _Reader:
    def __init__(self, table: Table, options: CaseImportOptions) -> None:
        self.table = table
        self.options = options
        self.problems: list[ImportProblem] = []
        self.headings: dict[int, str] = {}
        self.row_problem = False

    def problem(
        self, message: str, cell: Cell | None, hint: str | None = None, *, row: int | None = None
    ) -> None:
        self.row_problem = True
        self.problems.append(
            ImportProblem(
                message,
                Severity.ERROR,
                cell.row if cell else row,
                cell.column if cell else None,
                self.headings.get(cell.column) if cell else None,
                hint,
            )
        )

    def run(self) -> CaseImport:
        found = self._header()
        if found is None:
            return self._unreadable()
        header, columns = found
        cases: list[dict[str, Any]] = []
        left_out: list[int] = []
        for row in self.table.rows[header:]:
            if all(cell.blank for cell in row):
                continue
            self.row_problem = False
            case = self._case(row, columns)
            if case is None or self.row_problem:
                left_out.append(row[0].row)
            else:
                cases.append(case)
        if left_out:
            self.problems.append(
                ImportProblem(
                    f"{len(left_out)} row{'s' if len(left_out) != 1 else ''} left out: "
                    + ", ".join(str(r) for r in left_out)
                    + ".",
                    Severity.INFO,
                    hint="Fix the cells named above and import again, or use --allow-gaps "
                    "to write the rows that could be read.",
                )
            )
        o = self.options
        record: dict[str, Any] = {
            "kind": "case-log",
            "id": o.log_id,
            "partner": o.partner,
            "period": int(o.period) if o.period.isdigit() else o.period,
            "source": f"Imported from {self.table.source}",
            "cases": cases,
        }
        text = (
            "# Imported by eqdiv import cases. Roles and dates only: never personal details.\n"
            + dump(record)
        )
        return CaseImport(self.table.source, record, text, tuple(self.problems), tuple(left_out))

    def _unreadable(self) -> CaseImport:
        wanted = ", ".join(f"{f} ({FIELDS[f][1]!r})" for f in REQUIRED)
        self.problems.append(
            ImportProblem(
                f"No row looks like the headings of a case list: eqdiv needs at least {wanted}.",
                hint="Name the columns with --map, for example --map received='Date Logged' "
                "--map ref='Case No', or save the map under cases: import_map: in eqdiv.yaml.",
            )
        )
        return CaseImport(self.table.source, None, "", tuple(self.problems), ())

    def _header(self) -> tuple[int, dict[str, int]] | None:
        for index, row in enumerate(self.table.rows[:HEADER_SEARCH_ROWS]):
            columns: dict[str, int] = {}
            for name, given in self.options.columns.items():
                column = named_column(row, given)
                if column is not None:
                    columns[name] = column
            for cell in row:
                heading = normalise(cell.text)
                for name, words in FIELDS.items():
                    if name not in columns and heading in words:
                        columns[name] = cell.column
            if all(name in columns for name in REQUIRED):
                self.headings = {c.column: " ".join(c.text.split()) for c in row}
                return index + 1, columns
        return None

    def _case(self, row: Sequence[Cell], columns: Mapping[str, int]) -> dict[str, Any] | None:
        cells = {name: row[column - 1] for name, column in columns.items() if column <= len(row)}
        ref = self._ref(cells.get("ref"))
        if ref is None:
            return None
        case: dict[str, Any] = {"ref": ref}
        for part in (self._kind, self._about, self._support, self._handoff, self._answer):
            case.update(part(cells))
        return {k: v for k, v in case.items() if v is not None}

    def _ref(self, cell: Cell | None) -> str | None:
        ref = " ".join(cell.text.split()) if cell is not None else ""
        if not ref:
            self.problem("The case has no reference.", cell, "Give every case its reference.")
            return None
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9/._-]*", ref) or len(ref) > 40:
            self.problem(
                "The reference is not one eqdiv can keep (letters, digits, '/', '.', '_' "
                "or '-', up to 40).",
                cell,
                "Use the system's case number, never a person's name.",
            )
            return None
        return ref

    def _kind(self, cells: Mapping[str, Cell]) -> dict[str, Any]:
        """Type, stage, the day received, how it came in and who first had it."""
        found: dict[str, Any] = {}
        if _has(cells, "type"):
            found["type"] = self._word(cells["type"], _TYPES, "complaint or query")
        if _has(cells, "stage"):
            stage = re.sub(r"(?i)^stage\s*", "", cells["stage"].text.strip())
            if stage in ("1", "2"):
                found["stage"] = int(stage)
            else:
                self.problem("The stage is not 1 or 2.", cells["stage"])
        found["received"] = self._day(cells.get("received"), required=True)
        if _has(cells, "channel"):
            found["channel"] = self._word(
                cells["channel"],
                _CHANNELS,
                "phone, letter, email, web, in person, advocate or other",
            )
        if _has(cells, "first_contact"):
            found["first_contact"] = self._partner(cells["first_contact"])
        return found

    def _about(self, cells: Mapping[str, Cell]) -> dict[str, Any]:
        about = self._words(
            cells.get("about"),
            _ABOUT,
            "alleged discrimination, access, attitude, information, service, policy or other",
        )
        found: dict[str, Any] = {"about": about or ["other"]}
        strands = self._strands(cells.get("strands"))
        if strands:
            found["strands"] = strands
        return found

    def _support(self, cells: Mapping[str, Cell]) -> dict[str, Any]:
        choices = "alternative format, interpreter or advocate"
        asked = self._words(cells.get("support_asked"), _SUPPORT, choices)
        provided = self._words(cells.get("support_provided"), _SUPPORT, choices)
        if not (asked or provided or _has(cells, "format")):
            return {}
        support: dict[str, Any] = {"asked": asked, "provided": provided}
        if _has(cells, "format"):
            support["format"] = self._free_text(cells["format"])
        return {"support": support}

    def _handoff(self, cells: Mapping[str, Cell]) -> dict[str, Any]:
        if not _has(cells, "handed_to"):
            return {}
        handoff: dict[str, Any] = {"to": self._partner(cells["handed_to"])}
        handoff["date"] = self._day(cells.get("handed_on"), required=True)
        if _has(cells, "accepted"):
            handoff["accepted"] = self._day(cells["accepted"])
        return {"handoffs": [handoff]}

    def _answer(self, cells: Mapping[str, Cell]) -> dict[str, Any]:
        """The dates, extension, outcome, Ombudsman and note."""
        found: dict[str, Any] = {
            name: self._day(cells[name])
            for name in ("acknowledged", "responded", "closed")
            if _has(cells, name)
        }
        if _has(cells, "extension_days"):
            found["extension"] = self._extension(cells)
        if _has(cells, "outcome"):
            found["outcome"] = self._word(
                cells["outcome"],
                _OUTCOMES,
                "upheld, partly upheld, not upheld, resolved, withdrawn or referred to the "
                "Ombudsman",
            )
        if _has(cells, "ombudsman"):
            answer = cells["ombudsman"].text.strip().lower()
            if answer in _YES | _NO:
                found["ombudsman"] = answer in _YES
            else:
                self.problem(
                    "Write yes or no for whether it went to the Ombudsman.", cells["ombudsman"]
                )
        if _has(cells, "note"):
            found["note"] = self._free_text(cells["note"])
        return found

    def _extension(self, cells: Mapping[str, Cell]) -> dict[str, Any] | None:
        days = cells["extension_days"].text.strip()
        if not (days.isdigit() and 1 <= int(days) <= 60):
            self.problem(
                "The extension is not a number of working days (1 to 60).",
                cells["extension_days"],
            )
            return None
        extension: dict[str, Any] = {"days": int(days)}
        if _has(cells, "extension_agreed"):
            extension["agreed"] = self._day(cells["extension_agreed"])
        return extension

    def _day(self, cell: Cell | None, *, required: bool = False) -> str | None:
        if cell is None or cell.blank:
            if required:
                self.problem(
                    "A date is missing here.",
                    cell,
                    "Every case needs the day it was received, and every hand-off its date.",
                )
            return None
        if isinstance(cell.value, date):
            return cell.value.isoformat()
        day = parse_day(cell.text)
        if day is None:
            self.problem(
                "This is not a date eqdiv can read.",
                cell,
                "Write dates as 2007-09-17 or 17/09/2007 (day first).",
            )
            return None
        return day.isoformat()

    def _word(self, cell: Cell, words: Mapping[str, str], choices: str) -> str | None:
        found = words.get(normalise(cell.text))
        if found is None:
            self.problem("eqdiv does not know this value.", cell, f"Use one of: {choices}.")
        return found

    def _words(self, cell: Cell | None, words: Mapping[str, str], choices: str) -> list[str]:
        if cell is None or cell.blank:
            return []
        found: list[str] = []
        for part in _SPLIT.split(cell.text.strip()):
            if not part.strip():
                continue
            value = words.get(normalise(part))
            if value is None:
                self.problem(
                    f"eqdiv does not know the value in part {len(found) + 1} of this cell.",
                    cell,
                    f"Use any of: {choices}, separated by ';'.",
                )
            elif value not in found:
                found.append(value)
        return found

    def _strands(self, cell: Cell | None) -> list[str]:
        if cell is None or cell.blank:
            return []
        found: list[str] = []
        for part in _SPLIT.split(cell.text.strip()):
            if not part.strip():
                continue
            value = self.options.groups.get(normalise(part))
            if value is None:
                self.problem(
                    "This strand is not in the partnership's configuration.",
                    cell,
                    "Use the strand or local group names of eqdiv.yaml ("
                    + ", ".join(sorted(set(self.options.groups.values())))
                    + "), separated by ';'.",
                )
            elif value not in found:
                found.append(value)
        return found

    def _partner(self, cell: Cell) -> str | None:
        partner = cell.text.strip()
        if self.options.partners and partner not in self.options.partners:
            self.problem(
                "This is not a partner id in eqdiv.yaml.",
                cell,
                "Partners: " + ", ".join(sorted(self.options.partners)) + ".",
            )
            return None
        return partner

    def _free_text(self, cell: Cell) -> str | None:
        text = " ".join(cell.text.split())
        found = spans(text)
        if found:
            kinds = " and ".join(sorted({f.what for f in found}))
            self.problem(
                f"This cell looks like it holds {kinds} (not shown here); it was not imported.",
                cell,
                "Records never hold personal details: remove them from the export (or the "
                "column from the map) and import again.",
            )
            return None
        return text


def _has(cells: Mapping[str, Cell], name: str) -> bool:
    """Whether the row has something in the column that holds ``name``."""
    cell = cells.get(name)
    return cell is not None and not cell.blank
