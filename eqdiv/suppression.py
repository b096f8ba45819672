"""Small-number suppression: the one rule for every figure eqdiv may publish.

Equality data is personal and sensitive: "1 Sikh respondent" at a named event can
point at a person. So every output that may be published passes its counts through
``suppress_table`` (or ``suppress_counts`` for a single line of counts):

1. Primary suppression: a count from 1 to ``threshold - 1`` is hidden and shown as
   "fewer than 10" (for the default threshold). Zero is shown: "nobody" identifies no
   one, and saying a group was not reached at all is the point of monitoring.
2. Secondary suppression: a published total minus the visible cells must not give a
   hidden count away. For each row and column with a published total, eqdiv works out
   the range each hidden cell could take (a small count is 1 to threshold - 1; a cell
   hidden to protect it is at least the threshold); while any hidden cell's range is a
   single value, it hides the smallest other non-zero cell of that line, and the
   line's total itself when there is none left ("hidden").
3. Percentages: ``share`` gives none for a hidden count or a denominator below the
   threshold.

Every row and every column is checked against its own total, which is the standard
method; combining several rows and columns at once (linear programming, as
statistical agencies' tools do) is beyond it. eqdiv's tables are one line of counts,
or small cross-tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Hidden(StrEnum):
    SMALL = "small"  # a count below the threshold
    SECONDARY = "secondary"  # hidden so that a small count cannot be worked out


@dataclass(frozen=True, slots=True)
class Shown:
    """One published count: its value, and whether (and why) it must be hidden."""

    value: int
    hidden: Hidden | None = None

    @property
    def visible(self) -> bool:
        return self.hidden is None

    def text(self, threshold: int) -> str:
        """How a report writes it: ``12``, ``fewer than 10`` or ``hidden``."""
        if self.hidden is Hidden.SMALL:
            return f"fewer than {threshold}"
        if self.hidden is Hidden.SECONDARY:
            return "hidden"
        return str(self.value)

    def exact(self) -> int | None:
        """The value, or None when hidden (for JSON)."""
        return self.value if self.hidden is None else None


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    """``cells[i][j]`` with the published totals (None when not published)."""

    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...] | None
    column_totals: tuple[Shown, ...] | None
    grand_total: Shown | None


@dataclass(frozen=True, slots=True)
class SuppressedCounts:
    """One line of counts and its total (None when the total is not published)."""

    cells: tuple[Shown, ...]
    total: Shown | None


def suppress_counts(
    counts: Sequence[int], threshold: int, *, total: bool = True
) -> SuppressedCounts:
    """Suppress one line of counts, published with its total unless ``total=False``."""
    table = suppress_table([counts], threshold, row_totals=total, column_totals=False)
    return SuppressedCounts(table.cells[0], table.row_totals[0] if table.row_totals else None)


def suppress_table(
    rows: Sequence[Sequence[int]],
    threshold: int,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
) -> SuppressedTable:
    """Suppress a table of counts published with its row and/or column totals (and,
    with both, the grand total). A threshold of 1 or less hides nothing."""
    grid = _Grid(rows, threshold, row_totals, column_totals)
    grid.protect()
    r, c = len(grid.rows), grid.width
    cells = tuple(tuple(grid.shown(i, j) for j in range(c)) for i in range(r))
    return SuppressedTable(
        cells=cells,
        row_totals=tuple(grid.shown(i, c) for i in range(r)) if row_totals else None,
        column_totals=tuple(grid.shown(r, j) for j in range(c)) if column_totals else None,
        grand_total=grid.shown(r, c) if row_totals and column_totals else None,
    )


def share(part: Shown, whole: Shown | int, threshold: int) -> float | None:
    """``part`` as a fraction of ``whole``, or None when either is hidden or the
    denominator is below the threshold (a percentage of 3 people gives them away)."""
    denominator = whole if isinstance(whole, Shown) else Shown(whole)
    if not (part.visible and denominator.visible) or denominator.value < max(threshold, 1):
        return None
    return part.value / denominator.value


Cell = tuple[int, int]
# A line is a published sum: +1 cells add up to the -1 cell (its total).
Line = tuple[tuple[Cell, int], ...]


class _Grid:
    """The table with its totals as an extra row and column, and the sums that tie
    them together."""

    def __init__(
        self, rows: Sequence[Sequence[int]], threshold: int, row_totals: bool, col_totals: bool
    ) -> None:
        self.rows = [list(row) for row in rows]
        self.width = len(self.rows[0]) if self.rows else 0
        if any(len(row) != self.width for row in self.rows):
            raise ValueError("every row of a table must have the same number of cells")
        if any(v < 0 for row in self.rows for v in row):
            raise ValueError("counts cannot be negative")
        self.threshold = threshold
        r, c = len(self.rows), self.width
        self.values: dict[Cell, int] = {(i, j): self.rows[i][j] for i in range(r) for j in range(c)}
        for i in range(r):
            self.values[i, c] = sum(self.rows[i])
        for j in range(c):
            self.values[r, j] = sum(row[j] for row in self.rows)
        self.values[r, c] = sum(self.values[i, c] for i in range(r))
        self.lines: list[Line] = []
        if row_totals:
            self.lines += [(*(((i, j), 1) for j in range(c)), ((i, c), -1)) for i in range(r)]
        if col_totals:
            self.lines += [(*(((i, j), 1) for i in range(r)), ((r, j), -1)) for j in range(c)]
        if row_totals and col_totals:
            self.lines.append((*(((r, j), 1) for j in range(c)), ((r, c), -1)))
            self.lines.append((*(((i, c), 1) for i in range(r)), ((r, c), -1)))
        published = {cell for line in self.lines for cell, _ in line}
        published.update((i, j) for i in range(r) for j in range(c))
        self.hidden: dict[Cell, Hidden] = {
            cell: Hidden.SMALL for cell in published if 0 < self.values[cell] < threshold
        }

    def shown(self, i: int, j: int) -> Shown:
        return Shown(self.values[i, j], self.hidden.get((i, j)))

    def protect(self) -> None:
        """Hide more cells until no line pins down a hidden one. Each step hides one
        more cell or gives up on a line with nothing left to hide, so this ends."""
        stuck: set[int] = set()
        while True:
            exposed = next(
                (n for n, line in enumerate(self.lines) if n not in stuck and self._exposed(line)),
                None,
            )
            if exposed is None:
                return
            cell = self._next_to_hide(self.lines[exposed])
            if cell is None:
                stuck.add(exposed)  # only with a threshold of 2, where 'fewer than 2' is 1
            else:
                self.hidden[cell] = Hidden.SECONDARY

    def _range(self, cell: Cell, sign: int) -> tuple[float, float]:
        """The values ``sign * cell`` may take, as a reader who sees it hidden knows."""
        if self.hidden[cell] is Hidden.SMALL:
            low, high = 1.0, self.threshold - 1.0
        else:
            low, high = float(self.threshold), math.inf
        return (low, high) if sign > 0 else (-high, -low)

    def _exposed(self, line: Line) -> bool:
        """True when the line's published sum narrows a hidden cell in it to one value."""
        hidden = [(cell, sign) for cell, sign in line if cell in self.hidden]
        # The signed hidden cells add up to minus the signed visible ones.
        target = -sum(sign * self.values[cell] for cell, sign in line if cell not in self.hidden)
        for cell, sign in hidden:
            others = [self._range(c, s) for c, s in hidden if c != cell]
            low = target - sum(high for _, high in others)
            high = target - sum(low for low, _ in others)
            own_low, own_high = self._range(cell, sign)
            if min(own_high, high) - max(own_low, low) < 1:
                return True
        return False

    def _next_to_hide(self, line: Line) -> Cell | None:
        """The cell to hide next in an exposed line: preferably one whose other lines
        already have a hidden cell (so hiding it does not expose a new line), then the
        smallest; the line's total only when no other cell is left."""
        candidates = [
            (sign < 0, not self._crossed(cell, line), self.values[cell], cell)
            for cell, sign in line
            if cell not in self.hidden and self.values[cell] > 0
        ]
        return min(candidates)[3] if candidates else None

    def _crossed(self, cell: Cell, line: Line) -> bool:
        """Whether every other line through ``cell`` already has a hidden cell."""
        return all(
            any(c in self.hidden for c, _ in other)
            for other in self.lines
            if other is not line and any(c == cell for c, _ in other)
        )
