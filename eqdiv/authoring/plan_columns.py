"""Finding a spreadsheet plan's header row and which column holds what.

Columns are recognised by their headings, as people write them: the seed's table has
"Equality Standard for Local Government", "ACTION REQUIRED", "By Whom" and "By When/
Update", with the element numbers in a column that has no heading at all. A user can
name any column instead, by its heading or by its letter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eqdiv.authoring.tables import Cell, Table, column_letter, column_number

HEADER_SEARCH_ROWS = 30

# Role -> words that mark its heading, most telling first. "By When/ Update" names the
# due column (the update rides along in the same cell), so "due" is tried before "update".
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "due": ("by when", "when", "due", "deadline", "target date", "timescale", "date"),
    "owner": ("by whom", "whom", "owner", "lead", "responsible", "who"),
    "action": ("action", "task", "activity", "what"),
    "status": ("status", "rag", "progress status"),
    "completed": ("completed", "date done", "done on"),
    "update": ("update", "progress", "comment", "notes"),
    "element": ("element", "standard", "framework", "module", "objective", "theme"),
    "number": ("no", "ref", "number", "#"),
}
ROLE_NAMES = {
    "number": "element number",
    "element": "element",
    "action": "actions",
    "owner": "owners (by whom)",
    "due": "due dates (by when)",
    "status": "status",
    "completed": "completion date",
    "update": "updates",
}
REQUIRED_ROLES = ("action", "owner", "due")
# The order roles claim columns in: a heading with "completed" is not a due date.
_CLAIM_ORDER = ("completed", "status", "action", "owner", "due", "update", "element", "number")


@dataclass(frozen=True)
class Columns:
    """Where the header is (its row number) and each role's column number."""

    header_row: int
    roles: Mapping[str, int]
    headings: Mapping[int, str]

    def heading(self, column: int) -> str | None:
        return self.headings.get(column) or None


def normalise(text: str) -> str:
    """A heading as words: lower case, punctuation gone ("By When/ Update" -> "by when
    update")."""
    return " ".join(re.sub(r"[^\w#]+", " ", text.lower()).split())


def find_columns(table: Table, named: Mapping[str, str]) -> Columns | None:
    """The header row and the columns, or None when no row looks like a header.
    ``named`` maps a role to the heading or letter the user gave for it."""
    for row in table.rows[:HEADER_SEARCH_ROWS]:
        roles = _match(row, named)
        if "action" in roles and ("owner" in roles or "due" in roles):
            headings = {cell.column: " ".join(cell.text.split()) for cell in row}
            return Columns(row[0].row if row else 0, roles, headings)
    return None


def named_column(row: Sequence[Cell], given: str) -> int | None:
    """The column a user named: a letter (``D``) or a heading, matched as words."""
    wanted = normalise(given)
    for cell in row:
        if not cell.blank and normalise(cell.text) == wanted:
            return cell.column
    number = column_number(given.strip())
    if number is not None and number <= max((c.column for c in row), default=0):
        return number
    return None


def _match(row: Sequence[Cell], named: Mapping[str, str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for role, given in named.items():
        column = named_column(row, given)
        if column is not None:
            roles[role] = column
    taken = set(roles.values())
    for role in _CLAIM_ORDER:
        if role in roles:
            continue
        for cell in row:
            if cell.column in taken or cell.blank:
                continue
            if _says(normalise(cell.text), role):
                roles[role] = cell.column
                taken.add(cell.column)
                break
    if "number" not in roles and row and row[0].blank and row[0].column not in taken:
        roles["number"] = row[0].column  # the seed numbers its elements under no heading
    return roles


def _says(heading: str, role: str) -> bool:
    words = f" {heading} "
    return any(f" {word} " in words for word in ROLE_WORDS[role])


def describe_columns(columns: Columns) -> str:
    """'actions in C (ACTION REQUIRED), owners (by whom) in D (By Whom), ...'."""
    parts = []
    for role in ROLE_NAMES:
        if role in columns.roles:
            column = columns.roles[role]
            heading = columns.heading(column)
            label = f"{column_letter(column)} ({heading})" if heading else column_letter(column)
            parts.append(f"{ROLE_NAMES[role]} in {label}")
    return ", ".join(parts)
