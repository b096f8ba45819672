"""What one record kind adds to the grid of publishable tables.

Every count of people eqdiv may publish is a cell of one grid, protected as a whole
(``eqdiv.figures.publication``). Each record kind that publishes people-counts
(consultations, complaints and queries, workforce returns, indicators) lays its figures
out as a ``Contribution``: its tables over its own atoms, the true count of every atom,
what a reader knows besides the tables (``statements``: a total that is the sum of its
parts, say) and how dear each figure is to hide. The kinds are listed once, in
``eqdiv.figures.grid_kinds.KINDS``; a new kind of published figure adds its contributor
there and reads its figures back with ``publication(repo).shown(figure, value)``.

Atoms are named ``<kind>|...`` so that no two kinds share one by accident; two kinds
that do count the same people must build the same atoms on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from eqdiv.figures.audit import Figure, Statement, Table
from eqdiv.model.periods import Period, quarter_of, year, year_of
from eqdiv.store.repository import Repository

# How dear a figure is to hide, per person in it: a detail cell costs 1; the totals
# above it more, so the protector hides detail before the totals people read first.
DETAIL = 1
SUBTOTAL = 2
TOTAL = 4


@dataclass(frozen=True, slots=True)
class Contribution:
    """One record kind's tables of the grid (see the module's docstring)."""

    kind: str
    tables: tuple[Table, ...] = ()
    values: Mapping[str, int] = field(default_factory=dict)
    statements: tuple[Statement, ...] = ()
    weights: Mapping[Figure, int] = field(default_factory=dict)

    def weight(self, figure: Figure) -> int:
        return self.weights.get(figure, DETAIL)


# A record kind's contributor: the repository's records of that kind, laid out.
Contributor = Callable[[Repository], Contribution]


class Layout:
    """A contribution being built: cells added table by table, atoms with their
    counts, and the sums a reader knows."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.tables: list[Table] = []
        self.values: dict[str, int] = {}
        self.statements: list[Statement] = []
        self.weights: dict[Figure, int] = {}

    def atom(self, name: str, value: int) -> str:
        self.values[name] = value
        return name

    def weigh(self, figure: Figure | None, weight: int) -> Figure | None:
        if figure is not None:
            self.weights[figure] = max(self.weights.get(figure, 0), weight)
        return figure

    def done(self) -> Contribution:
        return Contribution(
            self.kind,
            tuple(self.tables),
            dict(self.values),
            tuple(self.statements),
            dict(self.weights),
        )


def sum_of(atoms: Iterable[str]) -> Figure | None:
    """The figure of ``atoms`` (each once); None when there are none: a count no one
    can be in is 0, and reads 0 in every view."""
    listed = tuple(dict.fromkeys(atoms))
    return Figure.sum(*listed) if listed else None


def calendar_periods(first: date, last: date, start_month: int) -> tuple[Period, ...]:
    """Every quarter, then every year, of the partnership's calendar from the one
    holding ``first`` to the one holding ``last``: the periods the grid publishes."""
    periods: list[Period] = []
    q = quarter_of(first, start_month)
    while q.start <= last:
        periods.append(q)
        if q.end >= last:
            break
        q = quarter_of(date.fromordinal(q.end.toordinal() + 1), start_month)
    for number in range(year_of(first, start_month), year_of(last, start_month) + 1):
        # A year ending after 9999 cannot be written as a date: not a table then.
        if number + (start_month + 10) // 12 <= date.max.year:
            periods.append(year(number, start_month))
    return tuple(periods)
