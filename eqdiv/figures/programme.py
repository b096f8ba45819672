"""The attacker's integer programme: one model, built once, many objectives.

``audit`` and ``protect`` describe a publication as whole-number unknowns (one column
per atom, one per published figure that is not itself a single atom) tied together by
rows (``figure = sum of its atoms``, and the published statements). What a reader
knows about each figure is the *domain* of its column: one value when it is shown,
1..9 when it reads "fewer than 10", 0 or 10 and more (a semi-integer column) when it
reads "hidden" beside such cells, anything when it is simply suppressed.

``Model.range(expression)`` is the least and greatest value of a linear expression
over the columns, over every whole-number solution. It is exact, and fast because
three cheaper facts settle most bounds before any integer programme is solved:

- Every whole-number solution found on the way is kept as a *witness* (the true
  counts, when ``protect`` has them; an LP optimum that happens to be whole; every
  MILP optimum). The least value is at most the least over the witnesses.
- A witness at the column's own bound (a 0 for a count) settles that side outright.
- The LP relaxation bounds the answer from outside: least >= ceil(LP least). When that
  meets the witnesses' least, the bound is settled. An unbounded relaxation of a
  feasible programme with whole-number data means the programme is unbounded too
  (Meyer's theorem). Before giving up on the LP, the "0 or 10 and more" columns whose
  relaxation already excludes 0 (or 10 and more) are tightened (``_probe``): the
  relaxation of such a column is otherwise weak.

Only what is left is solved as a MILP. The LP is a separate HiGHS instance with only
continuous columns, solved by the primal simplex: between two targets only the
objective changes, the last basis stays feasible, and a solve takes a few iterations.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

# Lazy imports: numpy and HiGHS (about 0.1 s) are bound here when the first programme
# is made (_load_solver, from quiet_highs), so that what needs only a Domain, a Row or
# the figures' types (`eqdiv validate`, the reports' views) does not load them.
if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from highspy import HighsModelStatus, HighsVarType, ObjSense
    from highspy._core import _Highs

# A count of people above this is outside any eqdiv publication. It bounds the columns
# that must have a finite upper bound (HiGHS needs one for a semi-integer column, and
# fails to solve with one above 100,000, its own limit), and a range reaching it is
# reported as having no upper bound.
CAP = 100_000

# How far from a whole number a solver value may be and still count as that number.
# Counts are far below 1/TOLERANCE, so this never merges two different counts.
TOLERANCE = 1e-6

# Witnesses kept: a few hundred settle nearly everything; more only cost time.
WITNESSES = 256

# HiGHS's simplex_strategy for the primal simplex, which keeps a warm start when only
# the objective changes (the dual simplex, the default, starts afresh then).
PRIMAL_SIMPLEX = 4

if TYPE_CHECKING:
    IntArray = npt.NDArray[np.int64]
# A linear expression over columns: (column, coefficient) pairs, columns ascending.
Expression = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Domain:
    """The values a column may take: ``{0}`` (when ``zero``) together with the whole
    numbers from ``low`` to ``high`` (``None`` = no limit that way)."""

    low: int | None = None
    high: int | None = None
    zero: bool = False

    def __and__(self, other: Domain) -> Domain:
        """The values both allow."""
        low = (
            other.low
            if self.low is None
            else self.low
            if other.low is None
            else max(self.low, other.low)
        )
        high = (
            other.high
            if self.high is None
            else self.high
            if other.high is None
            else min(self.high, other.high)
        )
        zero = (self.zero and (other.zero or other.holds_in_interval(0))) or (
            other.zero and self.holds_in_interval(0)
        )
        return Domain(low, high, zero).normal()

    def holds_in_interval(self, value: int) -> bool:
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)

    def holds(self, value: int) -> bool:
        return (self.zero and value == 0) or self.holds_in_interval(value)

    @property
    def empty(self) -> bool:
        return (
            not self.zero
            and self.low is not None
            and self.high is not None
            and self.low > self.high
        )

    def normal(self) -> Domain:
        """The same set written one way. A zero beside or inside the interval joins
        it; a zero beside an empty interval is ``{0}``. What is left with ``zero`` set
        is ``{0}`` and ``low..high`` with ``low >= 2``: a semi-integer column."""
        if not self.zero:
            return self
        if self.low is not None and self.high is not None and self.low > self.high:
            return Domain(0, 0)
        if self.holds_in_interval(0):
            return Domain(self.low, self.high)
        if self.low == 1:
            return Domain(0, self.high)
        if self.low is not None and self.low >= 2:
            return self
        # Zero beside values below zero: no published label says that of a count.
        raise ValueError("a domain of zero and negative values is not supported")


@dataclass(frozen=True, slots=True)
class Row:
    """``low <= sum(coefficient * column) <= high`` with whole-number coefficients."""

    terms: tuple[tuple[int, int], ...]
    low: int | None
    high: int | None


@dataclass(slots=True)
class Counters:
    """How much solving a model has done (for the benchmark and the notes)."""

    lp: int = 0
    milp: int = 0
    settled_by_witness: int = 0
    settled_by_lp: int = 0


class Infeasible(ValueError):
    """No whole numbers fit everything published: the figures contradict each other."""


def _load_solver() -> None:
    """Bind numpy and HiGHS in this module (see the imports), once."""
    global np, HighsModelStatus, HighsVarType, ObjSense, _Highs
    import numpy as np
    from highspy import HighsModelStatus, HighsVarType, ObjSense

    # highspy.Highs() prints a banner to standard output when it is made, before any
    # option can be set (still so in highspy 1.16), which would corrupt eqdiv's JSON
    # output. The extension class underneath it, ``highspy._core._Highs``, has the
    # same methods and typed stubs and prints nothing; eqdiv uses no callbacks, so it
    # uses that class directly, here only. tests/unit/test_disclosure_audit.py holds it.
    from highspy._core import _Highs


def quiet_highs() -> _Highs:
    """A HiGHS instance that prints nothing (see _load_solver). Every use of numpy or
    HiGHS in this module comes after one is made."""
    _load_solver()
    highs = _Highs()
    highs.setOptionValue("output_flag", False)
    return highs


class _Objective:
    """One HiGHS instance and the expression it currently optimises, so that moving
    to the next target changes only the costs that differ."""

    def __init__(self, highs: _Highs) -> None:
        self.highs = highs
        self.expression: Expression = ()

    def set(self, expression: Expression, *, minimise: bool) -> None:
        if expression != self.expression:
            for c, _ in self.expression:
                self.highs.changeColCost(c, 0.0)
            for c, v in expression:
                self.highs.changeColCost(c, float(v))
            self.expression = expression
        self.highs.changeObjectiveSense(ObjSense.kMinimize if minimise else ObjSense.kMaximize)


class Model:
    """The programme of a publication: columns with base domains (non-negative
    atoms, figure columns), and rows. ``set_domain`` says what is published of a
    column; ``range`` answers."""

    def __init__(self, bases: Sequence[Domain], rows: Sequence[Row]) -> None:
        self.columns = len(bases)
        self._bases = list(bases)
        self._domains = list(bases)
        self._rows = list(rows)
        self.counters = Counters()
        self._milp = _Objective(quiet_highs())
        # An exact optimum, not one within HiGHS's default 0.01% gap: with counts in
        # the thousands that gap is more than one person.
        self._milp.highs.setOptionValue("mip_rel_gap", 0.0)
        self._milp.highs.setOptionValue("mip_abs_gap", TOLERANCE)
        self._lp = _Objective(quiet_highs())
        self._lp.highs.setOptionValue("presolve", "off")
        self._lp.highs.setOptionValue("simplex_strategy", PRIMAL_SIMPLEX)
        self._types = [HighsVarType.kInteger] * self.columns
        self._build()
        # Whole-number solutions seen so far, one per row of the array.
        self._witnesses: IntArray = np.zeros((0, self.columns), dtype=np.int64)
        self._ranges: dict[Expression, tuple[int, int | None]] = {}
        # Columns whose solver bounds are tighter than their domain because every
        # solution lies there (see _probe); undone whenever a domain changes.
        self._implied: dict[int, Domain] = {}
        self._probed = False

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        inf = math.inf
        lows = np.array([_float(d.low, -inf) for d in self._bases], dtype=np.float64)
        highs = np.array([_float(d.high, inf) for d in self._bases], dtype=np.float64)
        for solver in (self._milp.highs, self._lp.highs):
            solver.addVars(self.columns, lows, highs)
            for row in self._rows:
                index = np.array([c for c, _ in row.terms], dtype=np.int32)
                value = np.array([v for _, v in row.terms], dtype=np.float64)
                solver.addRow(
                    _float(row.low, -inf), _float(row.high, inf), len(index), index, value
                )
        every = np.arange(self.columns, dtype=np.int32)
        integer = np.full(self.columns, int(HighsVarType.kInteger), dtype=np.uint8)
        self._milp.highs.changeColsIntegrality(self.columns, every, integer)
        # The rows again, in whole numbers, for checking witnesses exactly: every row's
        # terms end to end, and where each row starts.
        self._row_columns = np.array([c for row in self._rows for c, _ in row.terms], dtype=np.intp)
        self._row_coefficients = np.array(
            [v for row in self._rows for _, v in row.terms], dtype=np.int64
        )
        self._row_starts = np.cumsum(
            [0] + [len(row.terms) for row in self._rows[:-1]], dtype=np.intp
        )
        big = np.iinfo(np.int64).max
        self._row_low = np.array([-big if r.low is None else r.low for r in self._rows])
        self._row_high = np.array([big if r.high is None else r.high for r in self._rows])
        # Each column's domain as arrays, for checking witnesses in one go.
        self._low = np.full(self.columns, -big, dtype=np.int64)
        self._high = np.full(self.columns, big, dtype=np.int64)
        self._zero = np.zeros(self.columns, dtype=bool)
        for c, d in enumerate(self._bases):
            self._apply(c, d)

    def _apply(self, col: int, domain: Domain) -> None:
        """Make column ``col``'s domain ``domain``, in both solvers and our arrays."""
        if domain.empty:
            raise Infeasible(f"column {col} has no value left")
        big = np.iinfo(np.int64).max
        self._low[col] = -big if domain.low is None else domain.low
        self._high[col] = big if domain.high is None else domain.high
        self._zero[col] = domain.zero
        self._bounds(col, domain)

    def _bounds(self, col: int, domain: Domain) -> None:
        """Set the solvers' bounds (and the MILP's column type) from ``domain``."""
        if domain.zero:
            # {0} and low..high: a semi-integer column, which HiGHS wants bounded
            # above; its relaxation, in the LP, is 0..high.
            assert domain.low is not None
            high = float(CAP if domain.high is None else domain.high)
            self._type(col, HighsVarType.kSemiInteger)
            self._milp.highs.changeColBounds(col, float(domain.low), high)
            self._lp.highs.changeColBounds(col, 0.0, high)
        else:
            self._type(col, HighsVarType.kInteger)
            low, high = _float(domain.low, -math.inf), _float(domain.high, math.inf)
            self._milp.highs.changeColBounds(col, low, high)
            self._lp.highs.changeColBounds(col, low, high)

    def _type(self, col: int, kind: HighsVarType) -> None:
        # Only when it differs: a change of type makes HiGHS start its next solve
        # afresh.
        if self._types[col] != kind:
            self._types[col] = kind
            self._milp.highs.changeColIntegrality(col, kind)

    # -- domains ----------------------------------------------------------------------

    def domain(self, col: int) -> Domain:
        return self._domains[col]

    def set_domain(self, col: int, domain: Domain) -> None:
        """Make ``col``'s domain its base domain narrowed to ``domain``. Witnesses that
        no longer fit are dropped; cached ranges and implied bounds are forgotten."""
        narrowed = self._bases[col] & domain
        if narrowed == self._domains[col]:
            return
        self._domains[col] = narrowed
        for implied in self._implied:
            self._bounds(implied, self._domains[implied])
        self._implied.clear()
        self._probed = False
        self._apply(col, narrowed)
        self._ranges.clear()
        if len(self._witnesses):
            seen = self._witnesses[:, col]
            keep = ((seen >= self._low[col]) & (seen <= self._high[col])) | (
                self._zero[col] & (seen == 0)
            )
            self._witnesses = self._witnesses[keep]

    # -- witnesses --------------------------------------------------------------------

    def add_witness(self, values: Sequence[int] | IntArray) -> bool:
        """Keep ``values`` as a witness if it is a whole-number solution (checked
        exactly, in whole numbers). Returns whether it was one."""
        vector = np.asarray(values, dtype=np.int64)
        if vector.shape != (self.columns,):
            return False
        in_interval = (vector >= self._low) & (vector <= self._high)
        if not np.all(in_interval | (self._zero & (vector == 0))):
            return False
        if not self._rows:
            self._witnesses = np.vstack([self._witnesses[-(WITNESSES - 1) :], vector])
            return True
        products = self._row_coefficients * vector[self._row_columns]
        activity = np.add.reduceat(products, self._row_starts)
        if np.any(activity < self._row_low) or np.any(activity > self._row_high):
            return False
        self._witnesses = np.vstack([self._witnesses[-(WITNESSES - 1) :], vector])
        return True

    def _whole(self, solution: Sequence[float]) -> bool:
        """Keep a solver's solution as a witness when it is whole (within TOLERANCE)."""
        raw = np.asarray(solution, dtype=np.float64)
        rounded = np.rint(raw)
        if np.any(np.abs(raw - rounded) > TOLERANCE):
            return False
        return self.add_witness(rounded.astype(np.int64))

    def feasible(self) -> bool:
        """Whether any whole-number solution exists (finding one if need be)."""
        if len(self._witnesses):
            return True
        self._milp.set((), minimise=True)
        return self._solve_milp() is not None

    def seen(self, expression: Expression) -> IntArray:
        """The values of ``expression`` at the witnesses found so far (each value is
        possible)."""
        if not self.feasible():
            raise Infeasible("the published figures contradict each other")
        columns = [c for c, _ in expression]
        weights = np.array([v for _, v in expression], dtype=np.int64)
        result: IntArray = self._witnesses[:, columns] @ weights
        return result

    def _seen(self, expression: Expression, *, minimise: bool) -> int:
        values = self.seen(expression)
        return int(values.min() if minimise else values.max())

    # -- ranges -----------------------------------------------------------------------

    def range(self, expression: Expression) -> tuple[int, int | None]:
        """The least and greatest whole value of ``expression`` over every solution
        (``None``: no upper limit). Raises ``Infeasible`` when there is no solution."""
        if expression in self._ranges:
            return self._ranges[expression]
        if not self.feasible():
            raise Infeasible("the published figures contradict each other")
        low = self._bound(expression, minimise=True)
        high = self._bound(expression, minimise=False)
        if low is None:
            raise RuntimeError("an expression with no lower limit: counts are >= 0")
        answer = (low, None if high is None or high >= CAP else high)
        self._ranges[expression] = answer
        return answer

    def _bound(self, expression: Expression, *, minimise: bool) -> int | None:
        if len(expression) == 1 and expression[0][1] == 1:
            col = expression[0][0]
            d = self._implied.get(col, self._domains[col])
            own = (0 if d.zero else d.low) if minimise else d.high
            if own is not None and self._seen(expression, minimise=minimise) == own:
                self.counters.settled_by_witness += 1
                return own
        relaxed = self._relaxed(expression, minimise=minimise)
        if relaxed is None:
            self.counters.settled_by_lp += 1
            return None  # unbounded relaxation, feasible MILP: unbounded (Meyer)
        outer = math.ceil(relaxed - TOLERANCE) if minimise else math.floor(relaxed + TOLERANCE)
        # Solutions are whole, so the exact optimum lies between the witnesses' best
        # and the rounded LP bound; when they meet, that is the answer. (The LP
        # optimum itself, if whole, has just been added as a witness.)
        if self._seen(expression, minimise=minimise) == outer:
            self.counters.settled_by_lp += 1
            return outer
        if not self._probed:
            self._probe()
            return self._bound(expression, minimise=minimise)
        return self._exact(expression, minimise=minimise)

    def _relaxed(self, expression: Expression, *, minimise: bool) -> float | None:
        """The LP relaxation's optimum of ``expression`` (None when unbounded)."""
        self._lp.set(expression, minimise=minimise)
        self._lp.highs.run()
        self.counters.lp += 1
        status = self._lp.highs.getModelStatus()
        if status in (HighsModelStatus.kUnbounded, HighsModelStatus.kUnboundedOrInfeasible):
            return None  # feasible (we hold a witness), so unbounded
        if status != HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not solve the relaxation: {status}")
        self._whole(self._lp.highs.getSolution().col_value)
        return float(self._lp.highs.getInfo().objective_function_value)

    def _probe(self) -> None:
        """Tighten the relaxation of the "0 or at least t" columns where every
        solution is on one side of the gap: if the LP's least value is above 0, no
        solution has 0 and the column is ``t..high``; if its greatest is below ``t``,
        it is 0. Repeated while that tightens something (one change allows another).
        Costs LPs, saves MILPs."""
        self._probed = True
        for _ in range(5):
            changed = False
            for col, declared in enumerate(self._domains):
                if col in self._implied or not declared.zero:
                    continue
                assert declared.low is not None
                only = None
                low = self._relaxed(((col, 1),), minimise=True)
                if low is not None and low > TOLERANCE:
                    only = Domain(declared.low, declared.high)
                else:
                    high = self._relaxed(((col, 1),), minimise=False)
                    if high is not None and high < declared.low - TOLERANCE:
                        only = Domain(0, 0)
                if only is not None:
                    self._implied[col] = only
                    self._bounds(col, only)
                    changed = True
            if not changed:
                break

    def _exact(self, expression: Expression, *, minimise: bool) -> int:
        self._milp.set(expression, minimise=minimise)
        solution = self._solve_milp()
        if solution is None:
            raise RuntimeError("HiGHS found no solution where a witness exists")
        return sum(v * round(solution[c]) for c, v in expression)

    def _solve_milp(self) -> Sequence[float] | None:
        """Solve the MILP as it stands: its solution, kept as a witness, or None when
        there is none. Every solution is checked exactly before it is believed:
        HiGHS before 1.8 can report "optimal" for a solution that breaks a row
        (seen with highspy 1.7.2 after presolve). Such a run is repeated once
        without presolve, which then stays off for this model."""
        for _ in range(2):
            self._milp.highs.run()
            self.counters.milp += 1
            status = self._milp.highs.getModelStatus()
            if status == HighsModelStatus.kInfeasible:
                return None
            if status == HighsModelStatus.kModelEmpty:
                return []  # nothing published: the empty solution fits
            if status != HighsModelStatus.kOptimal:
                raise RuntimeError(f"HiGHS could not solve the integer programme: {status}")
            solution: Sequence[float] = self._milp.highs.getSolution().col_value
            if self._whole(solution):
                return solution
            self._milp.highs.setOptionValue("presolve", "off")
            self._milp.highs.clearSolver()
        raise RuntimeError("HiGHS returned a solution that does not fit the model")


def _float(value: int | None, default: float) -> float:
    return default if value is None else float(value)
