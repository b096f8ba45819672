"""An exported table: named, typed columns and rows of plain values.

The columns are a contract with whoever reads the export (a DuckDB query, a warehouse
load): names and types are stable, and each column says what it holds, so the data
dictionary (``tables.json``) is written from the same place the rows are built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from eqdiv.figures.suppression import STAFF_ONLY

ColumnType = Literal["text", "integer", "number", "date", "boolean"]
Value = str | int | float | date | bool | None


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True, slots=True)
class ExportTable:
    """One table: what it is, its columns, its rows (each a tuple in column order)."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]

    def __post_init__(self) -> None:
        width = len(self.columns)
        if any(len(row) != width for row in self.rows):
            raise ValueError(f"every row of {self.name} must have {width} values")

    def dictionary(self) -> dict[str, object]:
        """What ``tables.json`` says about the table."""
        return {
            "name": self.name,
            "description": self.description,
            "rows": len(self.rows),
            "columns": [
                {"name": c.name, "type": c.type, "description": c.description} for c in self.columns
            ],
        }


# Every table starts with these, so many partnerships' exports can be read together.
PARTNERSHIP = Column("partnership_id", "text", "The partnership's id (`id` in eqdiv.yaml).")


def columns(*specs: tuple[str, ColumnType, str]) -> tuple[Column, ...]:
    """``PARTNERSHIP`` and then the given columns."""
    return (PARTNERSHIP, *(Column(*spec) for spec in specs))


def joined(values: Sequence[str]) -> str | None:
    """Several ids in one cell, separated by ``;`` (None when there are none)."""
    return ";".join(values) if values else None


FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Export:
    partnership: str
    as_of: date
    published: bool
    tables: tuple[ExportTable, ...]

    def table(self, name: str) -> ExportTable:
        return next(t for t in self.tables if t.name == name)

    def dictionary(self) -> dict[str, Any]:
        """``tables.json``: what was exported, and what each column holds."""
        return {
            "format": FORMAT_VERSION,
            "partnership_id": self.partnership,
            "as_of": self.as_of.isoformat(),
            "published": self.published,
            "audience": "public: only protected figures" if self.published else STAFF_ONLY,
            "tables": [t.dictionary() for t in self.tables],
        }
