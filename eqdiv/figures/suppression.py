"""Small-number suppression: the one rule for every figure eqdiv may publish.

Equality data is personal and sensitive: "1 Sikh respondent" at a named event can
point at a person. So every output that may be published passes its counts through
``suppress`` (or ``suppress_table`` / ``suppress_counts`` for a table or a single
line of counts):

1. Primary suppression: a count from 1 to ``threshold - 1`` is hidden and shown as
   "fewer than 10" (for the default threshold). Zero is shown: "nobody" identifies no
   one, and saying a group was not reached at all is the point of monitoring.
2. Secondary suppression: the published sums (a line and its total; the people asked
   about a dimension and the activities that asked them) must not give a hidden count
   away. A reader who knows the rules knows that a small count is 1 to threshold - 1
   and that another hidden count is at least the threshold, and can combine the sums;
   eqdiv does the same, and while some hidden count could only be one value, it hides
   one more cell: the cheapest (by the caller's ``cost``, then parts before totals,
   then the smallest) that leaves it more than one value.
3. Withholding: a cell published only beside another (a category's count beside the
   base of its share: ``depends``) is withheld when that one is hidden, and a reader
   then knows nothing of it.
4. Percentages: ``share`` gives none for a hidden count or a denominator below the
   threshold.

What eqdiv checks: every published sum and every sum a reader can derive from them
(the reduced rows of the whole system, by exact elimination); starting from the ranges
the rules give each hidden cell, and any ``bounds`` the caller publishes about it (a
verdict saying a count is below 0.8 times its expected count, say), it narrows the
ranges by those sums in turn until nothing changes. That finds every value the sums
pin down exactly, and those the ranges pin down sum by sum; the full integer programme
statistical agencies solve for large cross-tables is beyond it. eqdiv's tables are
small, and a property test checks the result by brute force.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Generic, TypeVar


class Hidden(StrEnum):
    SMALL = "small"  # a count below the threshold
    SECONDARY = "secondary"  # hidden so that a small count cannot be worked out
    WITHHELD = "withheld"  # not published at all, as the count it depends on is hidden
    # Hidden by the protection of the whole grid (``eqdiv.figures.publication``): small,
    # hidden to protect one that is, or not in the grid. Every reason reads the same.
    PROTECTED = "protected"


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
        if self.hidden in (Hidden.SECONDARY, Hidden.PROTECTED):
            return "hidden"
        if self.hidden is Hidden.WITHHELD:
            return "withheld"
        return str(self.value)

    def exact(self) -> int | None:
        """The value, or None when hidden (for JSON)."""
        return self.value if self.hidden is None else None


# What every view that is not protected says of itself, word for word: exact counts
# (``--unsuppressed``, a staff export) and the working views of the records
# (``consultation list``, excerpts of record files in ``validate``).
STAFF_ONLY = "Staff only — unsuppressed: exact counts, however small. Do not publish or share."
STAFF_ONLY_EXCERPTS = (
    "Staff only — unsuppressed: the excerpts quote the records as they are. "
    "Do not publish or share."
)


def hidden_note(threshold: int) -> str:
    """What a reader is told of hidden counts, in every view that shows them."""
    return (
        f"Counts from 1 to {threshold - 1} are hidden, and so is any count that would let "
        "one be worked out from everything eqdiv publishes; a hidden count may be any "
        "number, 0 included."
    )


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Sum(Generic[K]):
    """A sum the output publishes, or that a reader can work out: ``total`` is the
    sum of ``parts``."""

    total: K
    parts: tuple[K, ...]


@dataclass(frozen=True, slots=True)
class Suppressed(Generic[K]):
    """Each cell as it may be shown. ``unbounded`` holds the cells whose bound
    alone would give their hidden value away: whatever published it (a verdict)
    must not be shown."""

    cells: Mapping[K, Shown]
    unbounded: frozenset[K]

    def __getitem__(self, key: K) -> Shown:
        return self.cells[key]


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


def suppress(
    values: Mapping[K, int],
    sums: Iterable[Sum[K]],
    threshold: int,
    *,
    cost: Mapping[K, int] | None = None,
    bounds: Mapping[K, tuple[int, int]] | None = None,
    depends: Mapping[K, K] | None = None,
) -> Suppressed[K]:
    """Suppress every cell of ``values`` (all of them published) tied together by
    ``sums``. ``cost`` ranks what to hide first when more must go (lower first; 0 by
    default); ``bounds`` are the lowest and highest value the output says a cell may
    have; ``depends`` maps a cell to the one it is published with (a category to the
    base of its shares): when that is hidden, the cell is withheld, and a reader knows
    nothing of it. A threshold of 1 or less hides nothing."""
    audit = _Audit(values, sums, threshold, cost or {}, bounds or {}, depends or {})
    audit.protect()
    return Suppressed(
        {key: audit.shown(i) for i, key in enumerate(audit.keys)},
        frozenset(audit.keys[i] for i in audit.dropped),
    )


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
    with both, the grand total)."""
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("every row of a table must have the same number of cells")
    if any(v < 0 for row in rows for v in row):
        raise ValueError("counts cannot be negative")
    r, c = len(rows), width
    values: dict[tuple[int, int], int] = {(i, j): rows[i][j] for i in range(r) for j in range(c)}
    sums: list[Sum[tuple[int, int]]] = []
    if row_totals:
        for i in range(r):
            values[i, c] = sum(rows[i])
            sums.append(Sum((i, c), tuple((i, j) for j in range(c))))
    if column_totals:
        for j in range(c):
            values[r, j] = sum(row[j] for row in rows)
            sums.append(Sum((r, j), tuple((i, j) for i in range(r))))
    if row_totals and column_totals:
        values[r, c] = sum(map(sum, rows))
        sums.append(Sum((r, c), tuple((r, j) for j in range(c))))
        sums.append(Sum((r, c), tuple((i, c) for i in range(r))))
    shown = suppress(values, sums, threshold)
    return SuppressedTable(
        cells=tuple(tuple(shown[i, j] for j in range(c)) for i in range(r)),
        row_totals=tuple(shown[i, c] for i in range(r)) if row_totals else None,
        column_totals=tuple(shown[r, j] for j in range(c)) if column_totals else None,
        grand_total=shown[r, c] if row_totals and column_totals else None,
    )


def share(part: Shown, whole: Shown | int, threshold: int) -> float | None:
    """``part`` as a fraction of ``whole``, or None when either is hidden or the
    denominator is below the threshold (a percentage of 3 people gives them away)."""
    denominator = whole if isinstance(whole, Shown) else Shown(whole)
    if not (part.visible and denominator.visible) or denominator.value < max(threshold, 1):
        return None
    return part.value / denominator.value


# A row of the system: coefficients of hidden cells, and what they add up to.
Row = tuple[dict[int, Fraction], Fraction]
Bound = tuple[Fraction | float, Fraction | float]  # float only for infinity
# Narrowing by sums in turn usually settles in two or three passes (the reduced rows
# have done the exact part); the cap only stops a slow zig-zag between two sums.
PASSES = 50


class _Audit(Generic[K]):
    """The published cells as a system of linear equations (each sum is
    ``parts - total = 0``), and what a reader can solve it for."""

    def __init__(
        self,
        values: Mapping[K, int],
        sums: Iterable[Sum[K]],
        threshold: int,
        cost: Mapping[K, int],
        bounds: Mapping[K, tuple[int, int]],
        depends: Mapping[K, K],
    ) -> None:
        if any(v < 0 for v in values.values()):
            raise ValueError("counts cannot be negative")
        self.keys = list(values)
        index = {key: i for i, key in enumerate(self.keys)}
        self.values = [values[key] for key in self.keys]
        self.threshold = threshold
        self.cost = [cost.get(key, 0) for key in self.keys]
        self.bounds = {index[key]: bound for key, bound in bounds.items() if key in index}
        self.lines: list[dict[int, int]] = []
        for line in sums:
            coefficients = dict.fromkeys((index[p] for p in line.parts), 1)
            coefficients[index[line.total]] = coefficients.get(index[line.total], 0) - 1
            self.lines.append(coefficients)
        self.dependents: dict[int, list[int]] = {}
        for key, on in depends.items():
            self.dependents.setdefault(index[on], []).append(index[key])
        self.hidden: dict[int, Hidden] = {}
        for i, v in enumerate(self.values):
            if 0 < v < threshold:
                self._hide(i, Hidden.SMALL)
        self.dropped: set[int] = set()
        self.stuck: set[int] = set()

    def shown(self, i: int) -> Shown:
        return Shown(self.values[i], self.hidden.get(i))

    def _hide(self, i: int, why: Hidden) -> None:
        if self.hidden.get(i) is not Hidden.WITHHELD:
            self.hidden[i] = why
        for dependent in self.dependents.get(i, ()):
            self.hidden[dependent] = Hidden.WITHHELD

    def protect(self) -> None:
        """Hide more cells until no hidden count can be worked out (each step hides one
        more cell or gives up on one, so this ends), then show again what turned out
        not to be needed."""
        while True:
            self._drop_revealing_bounds()
            exposed = self._exposed()
            if not exposed:
                break
            cell = min(exposed)
            more = self._next_to_hide(cell)
            if more is None:
                self.stuck.add(cell)  # only with a threshold of 2, where 'fewer than 2' is 1
            else:
                self._hide(more, Hidden.SECONDARY)
        self._release()

    def _release(self) -> None:
        """Show again, dearest first, each cell hidden on the way that the end result
        does not need: cells hidden one at a time can end up protecting nothing."""
        on_the_way = [i for i, why in self.hidden.items() if why is Hidden.SECONDARY]
        for i in sorted(on_the_way, key=lambda i: (-self.cost[i], -self.values[i], i)):
            before = dict(self.hidden)
            self._show(i)
            if self._exposed() or any(self._revealing(j) for j in self.bounds):
                self.hidden = before

    def _show(self, i: int) -> None:
        del self.hidden[i]
        for dependent in self.dependents.get(i, ()):
            if 0 < self.values[dependent] < self.threshold:
                self.hidden[dependent] = Hidden.SMALL
            else:
                self.hidden.pop(dependent, None)

    def _drop_revealing_bounds(self) -> None:
        for i in list(self.bounds):
            if self._revealing(i):
                del self.bounds[i]
                self.dropped.add(i)

    def _revealing(self, i: int) -> bool:
        """Whether cell ``i`` is hidden and its bound alone gives it away."""
        why = self.hidden.get(i)
        return why is not None and why is not Hidden.WITHHELD and _at_most_one(*self._range(i))

    def _range(self, i: int) -> Bound:
        """The values hidden cell ``i`` may take, as a reader who sees it hidden
        knows."""
        low: Fraction | float
        high: Fraction | float
        if self.hidden[i] is Hidden.WITHHELD:
            return Fraction(0), math.inf
        if self.hidden[i] is Hidden.SMALL:
            low, high = Fraction(1), Fraction(self.threshold - 1)
        else:
            low, high = Fraction(self.threshold), math.inf
        if i in self.bounds:
            bound_low, bound_high = self.bounds[i]
            low, high = max(low, Fraction(bound_low)), min(high, Fraction(bound_high))
        return low, high

    def _rows(self) -> list[Row]:
        """Every published sum in the hidden cells, then the reduced rows of them all
        (what a reader can derive by combining sums)."""
        rows: list[Row] = []
        for line in self.lines:
            coefficients = {i: Fraction(c) for i, c in line.items() if c and i in self.hidden}
            if coefficients:
                known = sum(c * self.values[i] for i, c in line.items() if i not in self.hidden)
                rows.append((coefficients, Fraction(-known)))
        return rows + _reduced(rows)

    def _exposed(self) -> set[int]:
        """The hidden cells a reader can narrow to one value (but for those nothing
        can protect)."""
        narrowed = self._narrowed().items()
        return {i for i, (low, high) in narrowed if _at_most_one(low, high)} - self.stuck

    def _narrowed(self) -> dict[int, Bound]:
        """Each hidden cell's range, narrowed by every sum in turn (each using the
        others' narrowed ranges) until nothing changes: what a patient reader gets."""
        ranges = {i: self._range(i) for i in self.hidden}
        rows = self._rows()
        for _ in range(PASSES):
            changed = False
            for row in rows:
                for i, bound in _narrow(row, ranges).items():
                    if bound != ranges[i]:
                        ranges[i] = bound
                        changed = True
            if not changed:
                break
        return ranges

    def _next_to_hide(self, cell: int) -> int | None:
        """The cheapest visible cell whose hiding leaves ``cell`` more than one value;
        when no single cell does, the cheapest in a sum with it (and more follow)."""
        lines = [line for line in self.lines if line.get(cell)]

        def key(i: int) -> tuple[int, bool, bool, int, int]:
            is_total = any(line.get(i, 0) < 0 for line in lines)
            return (self.cost[i], is_total, not self._crossed(i), self.values[i], i)

        visible = sorted(
            (i for i, v in enumerate(self.values) if i not in self.hidden and v > 0), key=key
        )
        for i in visible:
            before = dict(self.hidden)
            self._hide(i, Hidden.SECONDARY)
            still = cell in self.hidden and _at_most_one(*self._narrowed()[cell])
            self.hidden = before
            if not still:
                return i
        nearby = [i for i in visible if any(line.get(i) for line in lines)]
        return nearby[0] if nearby else None

    def _crossed(self, cell: int) -> bool:
        """Whether every sum through ``cell`` already has a hidden cell (so hiding
        it exposes no new sum)."""
        return all(any(i in self.hidden for i in line) for line in self.lines if line.get(cell))


def _narrow(row: Row, ranges: Mapping[int, Bound]) -> dict[int, Bound]:
    """Each hidden cell of ``row`` narrowed by it: the sum minus the others' ranges,
    rounded in to whole numbers."""
    coefficients, target = row
    spans = {i: _times(c, ranges[i]) for i, c in coefficients.items()}
    narrowed: dict[int, Bound] = {}
    for i, c in coefficients.items():
        low: Fraction | float = target
        high: Fraction | float = target
        for j, (span_low, span_high) in spans.items():
            if j != i:
                low, high = low - span_high, high - span_low
        # c * x lies in [low, high]: divide through, turning it round when c < 0.
        low, high = (low / c, high / c) if c > 0 else (high / c, low / c)
        own_low, own_high = ranges[i]
        low, high = max(low, own_low), min(high, own_high)
        narrowed[i] = (
            low if math.isinf(low) else Fraction(math.ceil(low)),
            high if math.isinf(high) else Fraction(math.floor(high)),
        )
    return narrowed


def _times(c: Fraction, bound: Bound) -> Bound:
    low, high = c * bound[0], c * bound[1]
    return (low, high) if c > 0 else (high, low)


def _at_most_one(low: Fraction | float, high: Fraction | float) -> bool:
    """Whether [low, high] holds at most one whole number."""
    if math.isinf(low) or math.isinf(high):
        return False
    return math.floor(high) - math.ceil(low) < 1


def _reduced(rows: Sequence[Row]) -> list[Row]:
    """``rows`` in reduced row echelon form (Gauss-Jordan over exact fractions): each
    row is a sum a reader can derive, with as few hidden cells as elimination gives."""
    matrix = [(dict(c), t) for c, t in rows]
    reduced: list[Row] = []
    columns = sorted({i for c, _ in matrix for i in c})
    for column in columns:
        pivot = next((r for r in matrix if r[0].get(column)), None)
        if pivot is None:
            continue
        matrix.remove(pivot)
        scale = pivot[0][column]
        pivot = ({i: c / scale for i, c in pivot[0].items()}, pivot[1] / scale)
        matrix = [_eliminate(r, pivot, column) for r in matrix]
        reduced = [_eliminate(r, pivot, column) for r in reduced]
        reduced.append(pivot)
    return [r for r in reduced if r[0]]


def _eliminate(row: Row, pivot: Row, column: int) -> Row:
    factor = row[0].get(column)
    if not factor:
        return row
    coefficients = dict(row[0])
    for i, c in pivot[0].items():
        value = coefficients.get(i, Fraction(0)) - factor * c
        if value:
            coefficients[i] = value
        else:
            coefficients.pop(i, None)
    return coefficients, row[1] - factor * pivot[1]
