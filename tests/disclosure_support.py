"""Small builders shared by the tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eqdiv.figures.audit import (
    Cell,
    Figure,
    Published,
    PublishedCell,
    PublishedTable,
    Table,
)
from eqdiv.figures.protection import Labels, protect


def table(name: str, cells: Mapping[str, Figure]) -> Table:
    return Table(name, tuple(Cell(label, figure) for label, figure in cells.items()))


def shown(name: str, cells: Sequence[tuple[str, Figure, Published]]) -> PublishedTable:
    return PublishedTable(name, tuple(PublishedCell(*cell) for cell in cells))


def per_table(
    tables: Sequence[Table], values: Mapping[str, int], labels: Labels
) -> tuple[PublishedTable, ...]:
    """The old method: each output protected on its own, blind to the others (what
    eqdiv's per-output suppression does today), then all published side by side."""
    return tuple(protect([t], values, labels=labels).publish([t])[0] for t in tables)
