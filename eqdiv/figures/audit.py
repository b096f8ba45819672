"""The attacker's view of everything published, as a library.

A publication is a set of tables over one common set of *atoms*: the smallest counts
eqdiv holds (people of one category at one activity, say), never published as such. A
published figure is a linear combination of atoms, normally a sum (women across the
activities of a quarter); a table shows each of its figures as an exact value, or
hidden, or as an interval ("fewer than 10"; "0 or 10 or more", which is what a hidden
cell means when the small ones are the ones reading "fewer than 10"). Published
statements (a verdict "under-represented" means the count is below 0.8 times its
expected count) are linear inequalities over figures.

``audit`` puts all of it into one integer programme, as a reader who knows the rules
would: the atoms are whole numbers from 0 (to a known upper bound, where there is
one); every figure is its combination of atoms and lies in what was published of it,
in every table at once. For every *protected* figure (hidden in some table) and every
atom not itself published exactly it finds the least and greatest value over all
whole-number solutions (HiGHS through ``highspy``), and reports a disclosure when

- a protected figure has one possible value (``Reason.EXACT``): "hidden" must mean
  hidden, even for a 31 or a 0 (the cell hides nothing if it can be worked out, and
  often something small is worked out with it);
- a protected figure or an atom is known to lie within 1..threshold-1
  (``Reason.SMALL``), beyond what the publication states outright: a cell published as
  "fewer than 10" says so itself, and so does an atom that provably counts the same
  people as one.

An atom that can be worked out to 0 or to threshold or more is not a disclosure: the
same count could have been published. A sum of atoms that no table publishes is not
checked: the atoms are the finest groups, and the tables define the groups that mean
something.

The core never prints; it returns frozen dataclasses.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

# Lazy imports: numpy is loaded with the first programme (see programme), so that the
# figures' types here cost nothing to import.
from eqdiv.figures.programme import Counters, Domain, Expression, Infeasible, Model, Row

__all__ = [
    "Audit",
    "Between",
    "Cell",
    "Disclosure",
    "Exact",
    "Figure",
    "Hidden",
    "Infeasible",
    "Published",
    "PublishedCell",
    "PublishedTable",
    "Range",
    "Reason",
    "Relation",
    "Statement",
    "Table",
    "ZeroOr",
    "audit",
]


# -- figures -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """A linear combination of atoms, ``sum(coefficient * atom)``. Written in one
    normal form (atoms sorted, repeats merged, zeros dropped), so the same figure
    compares and hashes equal wherever a table builds it."""

    terms: tuple[tuple[str, int], ...]
    # Figures are dictionary keys everywhere: hash the terms once, not at every look-up.
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        merged: dict[str, int] = {}
        for atom, coefficient in self.terms:
            merged[atom] = merged.get(atom, 0) + coefficient
        normal = tuple(sorted((a, c) for a, c in merged.items() if c))
        if not normal:
            raise ValueError("a figure needs at least one atom")
        object.__setattr__(self, "terms", normal)
        object.__setattr__(self, "_hash", hash(normal))

    def __hash__(self) -> int:
        return self._hash

    @classmethod
    def sum(cls, *atoms: str) -> Figure:
        """The sum of ``atoms`` (each once)."""
        return cls(tuple((atom, 1) for atom in atoms))

    @classmethod
    def of(cls, terms: Mapping[str, int]) -> Figure:
        return cls(tuple(terms.items()))

    @property
    def atoms(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.terms)

    @property
    def single(self) -> str | None:
        """The atom, when this figure is exactly one atom."""
        if len(self.terms) == 1 and self.terms[0][1] == 1:
            return self.terms[0][0]
        return None

    def value(self, values: Mapping[str, int]) -> int:
        return sum(c * values[a] for a, c in self.terms)

    def __str__(self) -> str:
        parts = (a if c == 1 else f"{c}*{a}" for a, c in self.terms)
        return " + ".join(parts)


# -- what a table says of a figure ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Exact:
    """Shown: the value itself."""

    value: int


@dataclass(frozen=True, slots=True)
class Hidden:
    """Suppressed, saying nothing of the value."""


@dataclass(frozen=True, slots=True)
class Between:
    """Shown as a range: ``Between(1, 9)`` is "fewer than 10" (in eqdiv, where zero
    is always shown); ``high=None`` is "``low`` or more"."""

    low: int
    high: int | None = None


@dataclass(frozen=True, slots=True)
class ZeroOr:
    """Hidden where the reader knows it is 0 or at least ``at_least``: what "hidden"
    means beside cells that read "fewer than 10"."""

    at_least: int


Published = Exact | Hidden | Between | ZeroOr


def domain(published: Published) -> Domain:
    """The values a reader allows a figure from what a table shows of it."""
    match published:
        case Exact(value):
            return Domain(value, value)
        case Hidden():
            return Domain()
        case Between(low, high):
            return Domain(low, high)
        case ZeroOr(at_least):
            return Domain(at_least, None, zero=True).normal()


@dataclass(frozen=True, slots=True)
class Cell:
    """One line of a table as laid out: where it is and which figure it shows."""

    label: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class Table:
    """A table eqdiv may publish, before any value is filled in."""

    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class PublishedCell:
    label: str
    figure: Figure
    published: Published


@dataclass(frozen=True, slots=True)
class PublishedTable:
    """A table as a reader sees it."""

    name: str
    cells: tuple[PublishedCell, ...]


# -- statements ----------------------------------------------------------------------


class Relation(StrEnum):
    AT_MOST = "<="
    BELOW = "<"
    AT_LEAST = ">="
    ABOVE = ">"
    EQUAL = "=="


@dataclass(frozen=True, slots=True)
class Statement:
    """A published fact ``sum(coefficient * figure) <relation> bound``, with exact
    rational coefficients (use ``Fraction("0.8")``, never a float). "Men were
    under-represented" with 46.2% of the area's people men is
    ``men - 0.8 * 0.462 * said < 0``, ``said`` being the base of the shares."""

    terms: tuple[tuple[Figure, Fraction], ...]
    relation: Relation
    bound: Fraction
    label: str = ""

    @classmethod
    def of(
        cls,
        terms: Mapping[Figure, int | Fraction],
        relation: Relation | str,
        bound: int | Fraction = 0,
        label: str = "",
    ) -> Statement:
        return cls(
            tuple((f, Fraction(c)) for f, c in terms.items()),
            Relation(relation),
            Fraction(bound),
            label,
        )

    def atom_terms(self) -> dict[str, Fraction]:
        """The left-hand side over atoms, in first-mention order."""
        out: dict[str, Fraction] = {}
        for figure, coefficient in self.terms:
            for atom, c in figure.terms:
                out[atom] = out.get(atom, Fraction(0)) + coefficient * c
        return {a: c for a, c in out.items() if c}

    def holds(self, values: Mapping[str, int]) -> bool:
        """Whether the statement is true of ``values``."""
        lhs = sum((c * values[a] for a, c in self.atom_terms().items()), Fraction(0))
        match self.relation:
            case Relation.AT_MOST:
                return lhs <= self.bound
            case Relation.BELOW:
                return lhs < self.bound
            case Relation.AT_LEAST:
                return lhs >= self.bound
            case Relation.ABOVE:
                return lhs > self.bound
            case Relation.EQUAL:
                return lhs == self.bound

    def row(self, column: Mapping[str, int]) -> Row:
        """The statement as a whole-number row over atom columns. Multiplying through
        by the denominators keeps it exact; on whole numbers a strict inequality is
        then the non-strict one a step further in, and a rational bound rounds in."""
        terms = self.atom_terms()
        scale = math.lcm(*(c.denominator for c in terms.values()), self.bound.denominator)
        row_terms = tuple(sorted((column[a], int(c * scale)) for a, c in terms.items()))
        bound = self.bound * scale
        low: int | None = None
        high: int | None = None
        match self.relation:
            case Relation.AT_MOST:
                high = math.floor(bound)
            case Relation.BELOW:
                high = math.ceil(bound) - 1
            case Relation.AT_LEAST:
                low = math.ceil(bound)
            case Relation.ABOVE:
                low = math.floor(bound) + 1
            case Relation.EQUAL:
                if bound.denominator != 1:
                    low, high = 1, 0  # no whole numbers make it true
                else:
                    low = high = int(bound)
        return Row(row_terms, low, high)


# -- results -------------------------------------------------------------------------


class Reason(StrEnum):
    EXACT = "exact"  # a hidden figure can be worked out to one value
    SMALL = "small"  # a count is known to lie within 1..threshold-1


@dataclass(frozen=True, slots=True)
class Range:
    """What a reader can tell of one protected figure or unpublished atom. ``where``
    lists the table cells that hide it ("table: label"); empty for an atom no table
    publishes on its own."""

    cell: Figure
    low: int
    high: int | None
    where: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A count a reader can work out: to one value, or to within 1..threshold-1."""

    cell: Figure
    low: int
    high: int
    reason: Reason
    where: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Audit:
    threshold: int
    ranges: tuple[Range, ...]
    disclosures: tuple[Disclosure, ...]
    counters: Counters

    @property
    def ok(self) -> bool:
        return not self.disclosures


# -- the attack ----------------------------------------------------------------------


class Attack:
    """Every figure of a publication (and its statements) as one ``Model``: a column
    per atom, and one per figure that is not a single atom, defined by a row
    ``sum(coefficient * atom) - figure = 0``. What is published of a figure is set
    with ``publish``; ``protect`` changes it there and asks again, so the model is
    built once."""

    def __init__(
        self,
        figures: Sequence[Figure],
        *,
        statements: Sequence[Statement] = (),
        upper_bounds: Mapping[str, int] | None = None,
    ) -> None:
        bounds = upper_bounds or {}
        atoms: dict[str, int] = {}
        mentioned = [f.atoms for f in figures] + [tuple(s.atom_terms()) for s in statements]
        for names in mentioned:
            for atom in names:
                atoms.setdefault(atom, len(atoms))
        self.atoms = tuple(atoms)
        self._atom_column = atoms
        bases = [Domain(0, bounds.get(atom)) for atom in self.atoms]
        rows: list[Row] = []
        self._column: dict[Figure, int] = {}
        for figure in figures:
            if figure in self._column:
                continue
            single = figure.single
            if single is not None:
                self._column[figure] = atoms[single]
                continue
            column = len(bases)
            non_negative = all(c > 0 for _, c in figure.terms)
            bases.append(Domain(0, None) if non_negative else Domain())
            self._column[figure] = column
            terms = sorted((atoms[a], c) for a, c in figure.terms)
            rows.append(Row((*terms, (column, -1)), 0, 0))
        rows.extend(s.row(atoms) for s in statements)
        self.model = Model(bases, rows)

    def column(self, figure: Figure) -> int:
        return self._column[figure]

    def expression(self, figure: Figure) -> Expression:
        """``figure`` over columns: its own column when it has one."""
        if figure in self._column:
            return ((self._column[figure], 1),)
        return tuple(sorted((self._atom_column[a], c) for a, c in figure.terms))

    def publish(self, figure: Figure, what: Domain) -> None:
        self.model.set_domain(self._column[figure], what)

    def range(self, figure: Figure) -> tuple[int, int | None]:
        return self.model.range(self.expression(figure))

    def same(self, a: Figure, b: Figure) -> bool:
        """Whether ``a`` and ``b`` provably count the same people (a - b is 0 in
        every solution)."""
        terms: dict[int, int] = {}
        for column, c in self.expression(a):
            terms[column] = terms.get(column, 0) + c
        for column, c in self.expression(b):
            terms[column] = terms.get(column, 0) - c
        expression = tuple(sorted((k, v) for k, v in terms.items() if v))
        return not expression or self.model.range(expression) == (0, 0)

    def witness(self, values: Mapping[str, int]) -> bool:
        """Offer counts (the true ones, which ``protect`` has) as a known solution.
        Returns whether they fit everything published."""
        vector = [0] * self.model.columns
        for atom, column in self._atom_column.items():
            vector[column] = values[atom]
        for figure, column in self._column.items():
            vector[column] = figure.value(values)
        return self.model.add_witness(vector)

    def judge(
        self,
        target: Figure,
        threshold: int,
        *,
        published: bool,
        stated: Sequence[Figure] = (),
        exact: bool = True,
    ) -> tuple[int | None, int | None, Reason | None]:
        """``target``'s range and, when it is a disclosure, why. ``published``: a
        table hides it (so one value is a disclosure); ``stated``: figures published
        as within 1..threshold-1, which excuse a target provably equal to one. With
        ``exact=False`` the range is not worked out (``None, None``) when the solutions
        already found show there is no disclosure: all ``protect`` needs to know."""
        is_stated = target in stated
        if not exact:
            import numpy as np  # loaded with the model (see programme); not for the types

            seen = self.model.seen(self.expression(target))
            outside = bool(np.any((seen < 1) | (seen > threshold - 1)))
            several = len(np.unique(seen)) > 1
            if (not published or several) and (outside or (published and is_stated)):
                return None, None, None
        low, high = self.range(target)
        if published and low == high:
            return low, high, Reason.EXACT
        small = high is not None and low >= 1 and high <= threshold - 1
        if not small or is_stated:
            return low, high, None
        overlapping = (s for s in stated if set(s.atoms) & set(target.atoms))
        if any(self.same(target, s) for s in overlapping):
            return low, high, None
        return low, high, Reason.EXACT if low == high else Reason.SMALL


def audit(
    tables: Sequence[PublishedTable],
    threshold: int = 10,
    *,
    statements: Sequence[Statement] = (),
    upper_bounds: Mapping[str, int] | None = None,
) -> Audit:
    """Solve everything ``tables`` and ``statements`` publish together and report
    every disclosure (see the module's docstring). Raises ``Infeasible`` when the
    published figures contradict each other."""
    attack, targets, stated = _attack(tables, threshold, statements, upper_bounds)
    ranges: list[Range] = []
    disclosures: list[Disclosure] = []
    for target, places in targets:
        low, high, reason = attack.judge(target, threshold, published=bool(places), stated=stated)
        assert low is not None
        ranges.append(Range(target, low, high, places))
        if reason is not None:
            assert high is not None
            disclosures.append(Disclosure(target, low, high, reason, places))
    return Audit(threshold, tuple(ranges), tuple(disclosures), attack.model.counters)


def first_disclosure(
    tables: Sequence[PublishedTable],
    threshold: int,
    *,
    statements: Sequence[Statement] = (),
    witnesses: Sequence[Mapping[str, int]] = (),
    upper_bounds: Mapping[str, int] | None = None,
    exempt: Collection[Figure] = (),
) -> Disclosure | None:
    """The first disclosure ``audit`` would report, or None: quicker, as it stops at
    the first, and works out a range only where the ``witnesses`` (counts known to fit
    everything published, such as the true ones) do not already show two values, one
    of them outside 1..threshold-1. ``exempt`` figures (atoms as one-atom figures) are
    not judged: they are no count of people (see ``eqdiv.figures.components``)."""
    attack, targets, stated = _attack(tables, threshold, statements, upper_bounds)
    for values in witnesses:
        attack.witness(values)
    for target, places in targets:
        if target in exempt:
            continue
        low, high, reason = attack.judge(
            target, threshold, published=bool(places), stated=stated, exact=False
        )
        if reason is not None:
            assert low is not None and high is not None
            return Disclosure(target, low, high, reason, places)
    return None


def _attack(
    tables: Sequence[PublishedTable],
    threshold: int,
    statements: Sequence[Statement],
    upper_bounds: Mapping[str, int] | None,
) -> tuple[Attack, list[tuple[Figure, tuple[str, ...]]], list[Figure]]:
    """The attacker's model of ``tables`` and ``statements``; the targets to judge
    (each protected figure with the cells that hide it, then each atom not shown
    exactly, once); and the figures stated to be small."""
    figures, knowledge, where = _gather(tables)
    attack = Attack(figures, statements=statements, upper_bounds=upper_bounds)
    for figure in figures:
        attack.publish(figure, knowledge[figure])
    if not attack.model.feasible():
        raise Infeasible("no counts fit every published figure: they contradict each other")
    stated = [f for f in figures if _states_small(knowledge[f], threshold)]
    targets: list[tuple[Figure, tuple[str, ...]]] = [
        (f, tuple(where[f])) for f in figures if where[f]
    ]
    shown_exactly = {f.single for f in figures if _exact(knowledge[f])}
    targets += [(Figure.sum(atom), ()) for atom in attack.atoms if atom not in shown_exactly]
    # An atom already judged as a published figure is judged once.
    once = dict(reversed(targets))
    return attack, [(f, once[f]) for f in dict.fromkeys(f for f, _ in targets)], stated


def _gather(
    tables: Iterable[PublishedTable],
) -> tuple[list[Figure], dict[Figure, Domain], dict[Figure, list[str]]]:
    """The distinct figures in first-appearance order, what all tables together say
    of each, and the cells that hide each."""
    figures: list[Figure] = []
    knowledge: dict[Figure, Domain] = {}
    where: dict[Figure, list[str]] = {}
    for table in tables:
        for cell in table.cells:
            if cell.figure not in knowledge:
                figures.append(cell.figure)
                knowledge[cell.figure] = Domain()
                where[cell.figure] = []
            narrowed = knowledge[cell.figure] & domain(cell.published)
            if narrowed.empty:
                raise Infeasible(f"{table.name}: {cell.label} contradicts another table")
            knowledge[cell.figure] = narrowed
            if not isinstance(cell.published, Exact):
                where[cell.figure].append(f"{table.name}: {cell.label}")
    return figures, knowledge, where


def _exact(d: Domain) -> bool:
    return not d.zero and d.low is not None and d.low == d.high


def _states_small(d: Domain, threshold: int) -> bool:
    """Whether the publication itself says the figure is within 1..threshold-1."""
    return (
        not d.zero
        and d.low is not None
        and d.low >= 1
        and d.high is not None
        and d.high <= threshold - 1
    )
