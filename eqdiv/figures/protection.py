"""Consistent secondary suppression over a whole grid of publishable tables.

``protect`` decides, once, whether each distinct figure of the grid is shown or hidden
(the same figure, the same atoms, has the same status in every table it appears in),
so that ``audit`` over every table at once finds no disclosure:

1. Primary suppression: a figure from 1 to threshold-1 is hidden.
2. What a reader then knows of each hidden figure is set in the attacker's model,
   according to how hidden figures are labelled (``Labels``).
3. Every protected figure and unpublished atom is checked. For each disclosure, in
   the grid's order, the protector (``_Mover``) finds the cheapest change of the true
   counts that keeps every shown figure but the ones it pays for, keeps every hidden
   one inside its label and every statement true, and shifts the disclosed count (out
   of 1..threshold-1 when it is small). The shown figures that change are hidden. The
   changed counts are a whole-number solution of the new publication in which the
   count has another value: the proof that it is now protected.

Hiding a figure only ever widens what a reader allows (its true value stays possible),
so a count found safe stays safe as more is hidden (the one exception is handled in
``_Run.protect``). That makes one pass, plus a confirming one, enough. The pattern is
greedy, one count at a time, not the least-cost pattern for the whole grid (a far
larger integer programme, as in tau-Argus's optimal method), but deterministic: the
same grid, values and cost give the same pattern.

``verdict_allowed`` answers the other half of the issue: may a yes/no finding that is
true of the data ("men were under-represented") be published beside the protected
figures without letting a reader work out a protected count?
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from highspy import HighsModelStatus, HighsVarType

from eqdiv.figures.audit import (
    Attack,
    Between,
    Disclosure,
    Exact,
    Figure,
    Hidden,
    Published,
    PublishedCell,
    PublishedTable,
    Range,
    Statement,
    Table,
    ZeroOr,
    audit,
    domain,
)
from eqdiv.figures.programme import CAP, TOLERANCE, quiet_highs

# Costs are made at least this, so that hiding a figure of cost 0 (an empty cell,
# by the default cost) is not free and the protector hides no more of them than needed.
MINIMUM_COST = 0.01

# How far the protector searches for the cheapest move for one count.
MOVE_NODES = 200
LIMITS = (
    HighsModelStatus.kSolutionLimit,
    HighsModelStatus.kIterationLimit,
    HighsModelStatus.kTimeLimit,
)


class Labels(StrEnum):
    """How hidden figures read, which is what a reader learns from the label."""

    # Primary cells read "fewer than 10"; the others read "hidden", which a reader who
    # knows the rule takes to mean 0 or at least 10. eqdiv's current wording.
    SMALL = "small"
    # Every hidden figure reads the same: a reader learns nothing from the label.
    UNIFORM = "uniform"


class Why(StrEnum):
    PRIMARY = "primary"  # a count from 1 to threshold-1
    SECONDARY = "secondary"  # hidden so that no protected count can be worked out


# The cost of hiding a figure with a given true value (its weight in the protector's
# objective, per unit it has to move; at least MINIMUM_COST). To prefer detail rows
# over totals beyond what their counts already say, weigh totals up here.
Cost = Callable[[Figure, int], float]


def people(figure: Figure, value: int) -> float:
    """The default cost: hide as few people as possible, and then as few cells (each
    counts as one more person), so detail goes before the totals above it."""
    return float(value + 1)


@dataclass(frozen=True, slots=True)
class Protection:
    """One decision for the whole grid. ``published`` says how every distinct figure
    reads (``Exact`` when shown); ``hidden`` says why each hidden one is. Every view
    eqdiv publishes must take its figures from one ``Protection``. ``unresolved``
    lists what no hiding could protect (a published statement pins it); it is empty
    unless statements were passed."""

    threshold: int
    labels: Labels
    figures: tuple[Figure, ...]
    published: Mapping[Figure, Published]
    hidden: Mapping[Figure, Why]
    unresolved: tuple[Disclosure, ...]
    # Counts other than the true ones that fit everything published (one per count
    # protected: the proof that it is): they let a later check settle most ranges
    # without solving anything.
    witnesses: tuple[Mapping[str, int], ...] = ()

    def publish(self, tables: Sequence[Table]) -> tuple[PublishedTable, ...]:
        """``tables`` as a reader sees them. Every figure must be one of the grid's."""
        return tuple(
            PublishedTable(
                t.name,
                tuple(PublishedCell(c.label, c.figure, self.published[c.figure]) for c in t.cells),
            )
            for t in tables
        )


def label(why: Why, threshold: int, labels: Labels) -> Published:
    """What a hidden figure reads as, and so what a reader knows of it."""
    if labels is Labels.UNIFORM:
        return Hidden()
    if why is Why.PRIMARY:
        return Between(1, threshold - 1)
    return ZeroOr(threshold)


def protect(
    tables: Sequence[Table],
    values: Mapping[str, int],
    threshold: int = 10,
    *,
    cost: Cost = people,
    labels: Labels = Labels.UNIFORM,
    statements: Sequence[Statement] = (),
    upper_bounds: Mapping[str, int] | None = None,
    primary: Collection[Figure] | None = None,
    exempt: Collection[Figure] = (),
) -> Protection:
    """Decide what to hide in every table of the grid at once. ``values`` holds the
    true count of every atom; ``statements`` are facts published beside the tables
    (each must be true of ``values``); ``upper_bounds`` are limits on atoms a reader
    knows. A threshold of 1 or less hides nothing.

    For a block of a larger grid (``eqdiv.figures.components``): ``primary``, when
    given, is the figures hidden first, instead of those from 1 to threshold-1 (a
    figure standing for the block's share of a total is small when the total is);
    ``exempt`` figures (and atoms, as one-atom figures) are not checked as counts to
    protect (they are protected elsewhere, or are no count at all)."""
    run = _Run(tables, values, threshold, cost, labels, statements, upper_bounds)
    run.exempt = frozenset(exempt)
    if primary is not None:
        run.primary = frozenset(primary)
    run.protect()
    return Protection(
        threshold,
        labels,
        tuple(run.figures),
        {f: run.published(f) for f in run.figures},
        {f: run.hidden[f] for f in run.figures if f in run.hidden},
        tuple(run.unresolved),
        tuple(run.witnesses),
    )


class _Run:
    """The state of one ``protect`` call: the attacker's model (``Attack``) and the
    protector's (``_Mover``), kept in step as figures are hidden."""

    def __init__(
        self,
        tables: Sequence[Table],
        values: Mapping[str, int],
        threshold: int,
        cost: Cost,
        labels: Labels,
        statements: Sequence[Statement],
        upper_bounds: Mapping[str, int] | None,
    ) -> None:
        if any(v < 0 for v in values.values()):
            raise ValueError("counts cannot be negative")
        for statement in statements:
            if not statement.holds(values):
                raise ValueError(f"statement {statement.label or statement} is not true")
        self.threshold = threshold
        self.labels = labels
        self.figures: list[Figure] = list(
            dict.fromkeys(cell.figure for t in tables for cell in t.cells)
        )
        self.value = {f: f.value(values) for f in self.figures}
        self.attack = Attack(self.figures, statements=statements, upper_bounds=upper_bounds)
        self.attack.witness(values)
        for f in self.figures:
            self.attack.publish(f, domain(Exact(self.value[f])))
        weights = [max(cost(f, self.value[f]), MINIMUM_COST) for f in self.figures]
        self.mover = _Mover(
            self.attack.atoms,
            values,
            self.figures,
            weights,
            statements,
            upper_bounds or {},
            threshold if labels is Labels.SMALL else None,
        )
        for i, f in enumerate(self.figures):
            self.mover.shown(i, self.may_move(f, Why.SECONDARY))
        self.hidden: dict[Figure, Why] = {}
        self.unresolved: list[Disclosure] = []
        self.witnesses: list[dict[str, int]] = []
        self.exempt: frozenset[Figure] = frozenset()
        self.primary: frozenset[Figure] | None = None
        self.index = {f: i for i, f in enumerate(self.figures)}

    def published(self, figure: Figure) -> Published:
        why = self.hidden.get(figure)
        if why is None:
            return Exact(self.value[figure])
        return label(why, self.threshold, self.labels)

    def may_move(self, figure: Figure, why: Why) -> _Limits:
        """How ``figure`` may move from its true value and still fit its label once
        hidden for ``why``. A "0 or 10 and more" figure at 0 may only jump up to 10
        or more; above the gap it stays above it or drops to 0."""
        v = self.value[figure]
        d = domain(label(why, self.threshold, self.labels))
        if d.zero:
            assert d.low is not None
            if v == 0:
                return _Limits(0, None, jump=d.low)
            return _Limits(v - d.low, None, drop=True)
        return _Limits(None if d.low is None else v - d.low, None if d.high is None else d.high - v)

    def hide(self, figure: Figure, why: Why) -> None:
        self.hidden[figure] = why
        self.attack.publish(figure, domain(self.published(figure)))
        self.mover.hidden(self.index[figure], self.may_move(figure, why))

    def stated(self) -> list[Figure]:
        """Figures whose label says they are within 1..threshold-1."""
        if self.labels is Labels.UNIFORM:
            return []
        return [f for f, why in self.hidden.items() if why is Why.PRIMARY]

    def targets(self) -> list[Figure]:
        """Every hidden figure and every atom no figure shows exactly."""
        shown_atoms = {f.single for f in self.figures if f not in self.hidden}
        hidden = [f for f in self.figures if f in self.hidden]
        atoms = [Figure.sum(a) for a in self.attack.atoms if a not in shown_atoms]
        return [f for f in dict.fromkeys(hidden + atoms) if f not in self.exempt]

    def disclosure(self, target: Figure) -> Disclosure | None:
        published = target in self.hidden
        low, high, reason = self.attack.judge(
            target, self.threshold, published=published, stated=self.stated(), exact=False
        )
        if reason is None:
            return None
        assert low is not None and high is not None
        return Disclosure(target, low, high, reason, ())

    def protect(self) -> None:
        if self.threshold <= 1:
            return
        for f in self.figures:
            small = 1 <= self.value[f] <= self.threshold - 1
            if small if self.primary is None else f in self.primary:
                self.hide(f, Why.PRIMARY)
        # Hiding only widens what a reader allows, so a count found safe stays safe,
        # with one exception: a small count excused as counting the same people as a
        # "fewer than 10" cell may stop being provably the same. Hence a last full
        # pass, repeated while it finds anything (each round hides more, so it ends).
        given_up: set[Figure] = set()
        while True:
            pending = [
                t for t in self.targets() if t not in given_up and self.disclosure(t) is not None
            ]
            if not pending:
                break
            for target in pending:
                found = self.disclosure(target)  # hiding for an earlier one may have done
                if found is not None and not self.fix(target):
                    self.unresolved.append(found)
                    given_up.add(target)

    def fix(self, target: Figure) -> bool:
        """Hide the cheapest set of shown figures that lets ``target`` take another
        value (outside 1..threshold-1 when it is small and its label does not say
        so). False when no set of figures can."""
        v = target.value(self.mover.values)
        leave_small = 1 <= v <= self.threshold - 1 and target not in self.stated()
        moves = (self.threshold - v, -v) if leave_small else (1, -1)
        index = self.index.get(target)
        best: tuple[float, list[int], list[int]] | None = None
        for move in moves:
            found = self.mover.move(index, target.single, move)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is None:
            return False
        _, to_hide, witness = best
        for i in to_hide:
            self.hide(self.figures[i], Why.SECONDARY)
        # The move is a whole-number solution of what is now published, in which the
        # count has another value: the attacker's model must accept it.
        moved = dict(zip(self.attack.atoms, witness, strict=True))
        if not self.attack.witness(moved):
            raise RuntimeError("the protector's move does not fit the publication")
        self.witnesses.append(moved)
        return True


@dataclass(frozen=True, slots=True)
class _Limits:
    """How far a figure may move down and up (None: no limit); with ``jump``, that
    an upward move must be 0 or at least ``jump``; with ``drop``, that it may also
    drop all the way to 0."""

    down: int | None
    up: int | None
    jump: int | None = None
    drop: bool = False


class _Mover:
    """The protector's integer programme. Its unknowns are how far each atom moves
    (``d``) from its true count; each figure's move is split into up (``p``) and
    down (``n``) parts. A move that keeps every shown figure fixed, every hidden one
    inside its label and every statement true is one a reader cannot rule out. To
    protect a count, ``move`` asks for the cheapest move that shifts it: the shown
    figures that have to move are the ones to hide, at a cost of their weight per
    unit moved (a move of one is enough, so that is about the weight of each).

    With the move found, the shifted counts are a whole-number solution of the
    publication with those figures hidden, in which the count has another value: a
    proof that it is protected, with no need to ask the attacker's model again."""

    def __init__(
        self,
        atoms: Sequence[str],
        values: Mapping[str, int],
        figures: Sequence[Figure],
        weights: Sequence[float],
        statements: Sequence[Statement],
        upper_bounds: Mapping[str, int],
        gap: int | None,
    ) -> None:
        self.values = dict(values)
        self.atoms = list(atoms)
        self.weights = list(weights)
        self.atom_column = {a: i for i, a in enumerate(atoms)}
        n_atoms, n_figures = len(atoms), len(figures)
        # Columns: each atom's move; each figure's move up and down; and a switch per
        # figure that lets a "0 or 10 and more" figure drop to 0 (closed unless open).
        self.columns = n_atoms + 3 * n_figures
        lows = [-float(values[a]) for a in atoms] + [0.0] * (3 * n_figures)
        highs = (
            [float(upper_bounds[a] - values[a]) if a in upper_bounds else math.inf for a in atoms]
            + [math.inf] * (2 * n_figures)
            + [0.0] * n_figures
        )
        self.highs = quiet_highs()
        # Any move protects; the cheapest is only better. A move still unproved
        # optimal after this many branch-and-bound nodes is taken as it stands (a
        # node limit, unlike a time limit, gives the same answer on any machine).
        self.highs.setOptionValue("mip_max_nodes", MOVE_NODES)
        self.highs.addVars(self.columns, np.array(lows), np.array(highs))
        every = np.arange(self.columns, dtype=np.int32)
        integer = np.full(self.columns, int(HighsVarType.kInteger), dtype=np.uint8)
        self.highs.changeColsIntegrality(self.columns, every, integer)
        for i, f in enumerate(figures):
            terms = [(self.atom_column[a], float(c)) for a, c in f.terms]
            terms += [(self.up(i), -1.0), (self.down(i), 1.0)]
            self._row(terms, 0.0, 0.0)
            v = f.value(values)
            if gap is not None and v >= gap:
                # With the switch off, down <= v - gap (it stays 10 or more); on,
                # down == v (it drops to 0).
                self._row([(self.down(i), 1.0), (self.switch(i), -float(v))], 0.0, math.inf)
                self._row(
                    [(self.down(i), 1.0), (self.switch(i), -float(gap))], -math.inf, float(v - gap)
                )
                # And it does not go up as well: at 0 it is 0.
                self._row([(self.up(i), 1.0), (self.switch(i), float(CAP))], -math.inf, float(CAP))
        for s in statements:
            row = s.row(self.atom_column)
            at_truth = sum(c * values[atoms[col]] for col, c in row.terms)
            low = -math.inf if row.low is None else float(row.low - at_truth)
            high = math.inf if row.high is None else float(row.high - at_truth)
            self._row([(col, float(c)) for col, c in row.terms], low, high)
        self.bounds = dict(enumerate(zip(lows, highs, strict=True)))
        self.cost = [0.0] * n_figures
        self.semi: set[int] = set()
        self.switches: set[int] = set()

    def switch(self, figure: int) -> int:
        return len(self.atoms) + 2 * len(self.weights) + figure

    def up(self, figure: int) -> int:
        return len(self.atoms) + 2 * figure

    def down(self, figure: int) -> int:
        return len(self.atoms) + 2 * figure + 1

    def _row(self, terms: Sequence[tuple[int, float]], low: float, high: float) -> None:
        index = np.array([c for c, _ in terms], dtype=np.int32)
        value = np.array([v for _, v in terms], dtype=np.float64)
        self.highs.addRow(low, high, len(index), index, value)

    def _set(self, figure: int, cost: float, limits: _Limits) -> None:
        self.cost[figure] = cost
        self.highs.changeColCost(self.up(figure), cost)
        self.highs.changeColCost(self.down(figure), cost)
        up = math.inf if limits.up is None else float(limits.up)
        # With ``drop``, the switch's rows bound the move down, not the column.
        down = math.inf if limits.down is None or limits.drop else float(limits.down)
        if limits.jump is not None:
            # 0 or jump.. : a semi-integer column, which HiGHS wants bounded above.
            self.semi.add(self.up(figure))
            self.highs.changeColIntegrality(self.up(figure), HighsVarType.kSemiInteger)
            self._bound(self.up(figure), float(limits.jump), min(up, float(CAP)))
        else:
            self.semi.discard(self.up(figure))
            self.highs.changeColIntegrality(self.up(figure), HighsVarType.kInteger)
            self._bound(self.up(figure), 0.0, up)
        self._bound(self.down(figure), 0.0, down)
        if limits.drop:
            self.switches.add(self.switch(figure))
            self._bound(self.switch(figure), 0.0, 1.0)
        else:
            self.switches.discard(self.switch(figure))
            self._bound(self.switch(figure), 0.0, 0.0)

    def _bound(self, column: int, low: float, high: float) -> None:
        self.bounds[column] = (low, high)
        self.highs.changeColBounds(column, low, high)

    def shown(self, figure: int, limits: _Limits) -> None:
        """A shown figure may move (``limits``: how far down, up, once hidden) at its
        weight per unit: moving it means hiding it."""
        self._set(figure, self.weights[figure], limits)

    def hidden(self, figure: int, limits: _Limits) -> None:
        """A hidden figure moves freely within its label."""
        self._set(figure, 0.0, limits)

    def _solve(
        self, changes: Mapping[int, tuple[float, float]], held: Sequence[int]
    ) -> tuple[float, npt.NDArray[np.float64]] | None:
        """Solve with ``changes`` to some bounds and the ``held`` columns at 0, then
        put every bound back. The cost and the (rounded) solution, or None."""
        touched = {**{c: (0.0, 0.0) for c in held}, **changes}
        for column, (low, high) in touched.items():
            if column in self.semi and column in changes:
                # Asked to move, it must: 0 is no longer one of its values.
                self.highs.changeColIntegrality(column, HighsVarType.kInteger)
            self.highs.changeColBounds(column, low, high)
        try:
            # The LP relaxation first: when its optimum is whole (it usually is: the
            # sums make a near-network), it is the integer optimum too.
            self.highs.setOptionValue("solve_relaxation", True)
            self.highs.run()
            if self.highs.getModelStatus() != HighsModelStatus.kOptimal:
                return None  # no move even with fractions
            solution = np.asarray(self.highs.getSolution().col_value)
            semi = list(self.semi)
            if np.all(np.abs(solution - np.rint(solution)) <= TOLERANCE) and not any(
                0 < solution[c] < self.bounds[c][0] - TOLERANCE for c in semi
            ):
                return float(self.highs.getInfo().objective_function_value), np.rint(solution)
            self.highs.setOptionValue("solve_relaxation", False)
            self.highs.run()
            status = self.highs.getModelStatus()
            if status != HighsModelStatus.kOptimal and not (
                status in LIMITS and self.highs.getSolution().value_valid
            ):
                return None
            solution = np.rint(np.asarray(self.highs.getSolution().col_value))
            return float(self.highs.getInfo().objective_function_value), solution
        finally:
            for column in touched:
                if column in self.semi and column in changes:
                    self.highs.changeColIntegrality(column, HighsVarType.kSemiInteger)
                low, high = self.bounds[column]
                self.highs.changeColBounds(column, low, high)

    def move(
        self, figure: int | None, atom: str | None, by: int
    ) -> tuple[float, list[int], list[int]] | None:
        """The cheapest move shifting the target (figure number ``figure``, or else
        the atom ``atom``) by at least ``by`` (at most, when negative): its cost, the
        shown figures it moves, and the shifted atom counts. None when none exists."""
        if figure is not None:
            # The figure's net move is up - down: ask for one part and forbid the
            # other (else a free hidden figure would go up and down by the same).
            wanted, other = (self.up, self.down) if by > 0 else (self.down, self.up)
            low, high = self.bounds[wanted(figure)]
            changes = {
                wanted(figure): (max(float(abs(by)), low), high),
                other(figure): (0.0, 0.0),
            }
        else:
            assert atom is not None
            column = self.atom_column[atom]
            low, high = self.bounds[column]
            changes = {column: (float(by), high) if by > 0 else (low, float(by))}
        if any(low > high for low, high in changes.values()):
            return None  # the label allows no such move
        # First with every "0 or 10 and more" figure held on its side of the gap:
        # nearly always enough, and far quicker than letting HiGHS weigh each jump.
        held = [c for c in sorted(self.semi | self.switches) if c not in changes]
        solved = self._solve(changes, held) if held else None
        if solved is None:
            solved = self._solve(changes, [])
        if solved is None:
            return None
        objective, solution = solved
        moved = [
            i
            for i in range(len(self.weights))
            if self.cost[i] > 0 and solution[self.up(i)] + solution[self.down(i)] > 0
        ]
        shifted = [self.values[a] + int(solution[k]) for k, a in enumerate(self.atoms)]
        return objective, moved, shifted


@dataclass(frozen=True, slots=True)
class VerdictCheck:
    """Whether a statement may be published: ``disclosures`` it would create, and the
    protected counts whose range it narrows (allowed, unless ``strict``)."""

    allowed: bool
    disclosures: tuple[Disclosure, ...]
    narrowed: tuple[Range, ...]


def verdict_allowed(
    protection: Protection,
    tables: Sequence[Table],
    statement: Statement | Sequence[Statement],
    values: Mapping[str, int],
    *,
    published: Sequence[Statement] = (),
    upper_bounds: Mapping[str, int] | None = None,
    strict: bool = False,
) -> VerdictCheck:
    """May ``statement`` (one, or several that say one verdict together) be
    published beside ``protection``'s tables and the ``published`` statements? It
    must be true of ``values``. Allowed when it creates no disclosure; with
    ``strict``, only when it narrows no protected count at all."""
    new = [statement] if isinstance(statement, Statement) else list(statement)
    for s in new:
        if not s.holds(values):
            raise ValueError(f"statement {s.label or s} is not true, so it is never published")
    shown = protection.publish(tables)
    t = protection.threshold
    before = audit(shown, t, statements=published, upper_bounds=upper_bounds)
    after = audit(shown, t, statements=[*published, *new], upper_bounds=upper_bounds)
    already = {d.cell for d in before.disclosures}
    disclosures = tuple(d for d in after.disclosures if d.cell not in already)
    was = {r.cell: (r.low, r.high) for r in before.ranges}
    narrowed = tuple(r for r in after.ranges if was.get(r.cell) != (r.low, r.high))
    allowed = not disclosures and not (strict and narrowed)
    return VerdictCheck(allowed, disclosures, narrowed)
