"""Scoring an EIA against a rubric: each criterion by its rule, then the weighted total,
the grade its percentage earns, the gates, and the shortest way to the next grade.

``score_eia`` is a pure function of the EIA, the repository around it (for the linked
actions and consultations, the configured strands and review cycle) and the rubric.
It does not depend on the date: the same records always score the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from eqdiv.eia.judging import FieldNote, RuleContext
from eqdiv.eia.rules import RULES
from eqdiv.model.eias import Eia
from eqdiv.model.rubric import MAX_POINTS, Criterion, Gate, Grade, Rubric, exact
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class CriterionScore:
    criterion: Criterion
    points: int  # 0, 1 or 2, before the weight
    reason: str
    advice: str | None  # what would earn more; None at full marks
    fields: tuple[FieldNote, ...]

    @property
    def weighted(self) -> float:
        return self.points * self.criterion.weight

    @property
    def level(self) -> str:
        """What the rubric says this many points means."""
        return self.criterion.levels[self.points]


@dataclass(frozen=True, slots=True)
class GateResult:
    """A gate that applies: its criterion scored at or below the gate's threshold."""

    gate: Gate
    criterion: Criterion
    cap: Grade
    lowered: bool  # True when the cap is below the grade the points earn


@dataclass(frozen=True, slots=True)
class Step:
    """One criterion to raise on the way to the next grade."""

    criterion: Criterion
    points: int
    to: int
    advice: str
    lifts_cap: bool  # raising it lifts a gate that holds the grade down


@dataclass(frozen=True, slots=True)
class NextGrade:
    grade: Grade  # the grade the steps reach: at least the next one up, perhaps higher
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class EiaScore:
    eia: Eia
    rubric: Rubric
    criteria: tuple[CriterionScore, ...]
    total: float
    maximum: float
    share: Fraction  # total / maximum, exactly: what the grade is decided on
    points_grade: Grade  # what the percentage earns, before any gate
    grade: Grade  # after the gates
    gates: tuple[GateResult, ...]
    next: NextGrade | None  # None at the top grade

    @property
    def screened_out(self) -> bool:
        return self.eia.screened_out

    @property
    def percentage(self) -> float:
        """For arithmetic; to show it, use ``percent``."""
        return float(100 * self.share)

    def percent(self, places: int = 1) -> float:
        """The percentage as every output shows it: rounded down to ``places``, so that
        a score just short of a grade band never reads as reaching it (64.99 shows as
        64.9 or 64, not 65.0 or 65, beside the grade below Good)."""
        scale: int = 10**places
        whole = math.floor(100 * self.share * scale)
        return whole / scale

    @property
    def percent_words(self) -> str:
        """``68%``: the whole percentage, rounded down."""
        return f"{int(self.percent(0))}%"

    @property
    def capped(self) -> bool:
        return self.grade.rank < self.points_grade.rank

    def criterion(self, criterion_id: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion.id == criterion_id)


@dataclass(frozen=True, slots=True)
class _Grading:
    total: float
    maximum: float
    share: Fraction
    points_grade: Grade
    grade: Grade
    gates: tuple[GateResult, ...]


def score_eia(eia: Eia, repo: Repository, rubric: Rubric) -> EiaScore:
    """Score ``eia`` (a valid EIA of ``repo``) against ``rubric`` (a usable one: see
    ``load_rubric``)."""
    grader = _grader(rubric)
    criteria = rubric.criteria_for(eia.screened_out)
    scored = tuple(_judge(criterion, eia, repo) for criterion in criteria)
    points = tuple(c.points for c in scored)
    grading = grader.grade(criteria, points)
    return EiaScore(
        eia=eia,
        rubric=rubric,
        criteria=scored,
        total=grading.total,
        maximum=grading.maximum,
        share=grading.share,
        points_grade=grading.points_grade,
        grade=grading.grade,
        gates=grading.gates,
        next=grader.next_grade(criteria, scored, grading.grade),
    )


def score_all(repo: Repository, rubric: Rubric) -> tuple[EiaScore, ...]:
    """Every valid EIA in ``repo``, scored, in file order."""
    return tuple(score_eia(eia, repo, rubric) for eia in repo.eias)


def _judge(criterion: Criterion, eia: Eia, repo: Repository) -> CriterionScore:
    judgement = RULES[criterion.rule].judge(RuleContext(eia, repo))
    return CriterionScore(
        criterion, judgement.points, judgement.reason, judgement.advice, judgement.fields
    )


# The graders of the rubrics in use, by identity. A rubric is immutable, so what is
# worked out from it once (its weights and bands as exact fractions, the grade each
# pattern of points earns) holds for every EIA scored against it: a repository of
# thousands of EIAs has only a few hundred distinct patterns of points.
_GRADERS: dict[int, tuple[Rubric, _Grader]] = {}
_KEEP = 8


def _grader(rubric: Rubric) -> _Grader:
    found = _GRADERS.get(id(rubric))
    if found is not None and found[0] is rubric:
        return found[1]
    if len(_GRADERS) >= _KEEP:
        _GRADERS.clear()
    grader = _Grader(rubric)
    _GRADERS[id(rubric)] = (rubric, grader)  # the rubric is held, so its id stays its own
    return grader


# A pattern of points: the criteria (by id, in rubric order) and the points of each.
_Pattern = tuple[tuple[str, ...], tuple[int, ...]]


class _Grader:
    """Grades patterns of points against one rubric, each pattern once."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self.weights = {cid: exact(c.weight) for cid, c in rubric.criteria.items()}
        self.bands = tuple((exact(g.minimum), g) for g in rubric.grades)
        self.caps = {gate.cap: _grade_named(rubric, gate.cap) for gate in rubric.gates}
        self._gradings: dict[_Pattern, _Grading] = {}
        self._raises: dict[tuple[_Pattern, int], tuple[int, ...] | None] = {}

    def grade(self, criteria: Sequence[Criterion], points: tuple[int, ...]) -> _Grading:
        key = (tuple(c.id for c in criteria), points)
        found = self._gradings.get(key)
        if found is None:
            found = self._gradings[key] = self._work_out(criteria, points)
        return found

    def _work_out(self, criteria: Sequence[Criterion], points: tuple[int, ...]) -> _Grading:
        weights = [self.weights[c.id] for c in criteria]
        total = sum((p * w for p, w in zip(points, weights, strict=True)), Fraction(0))
        maximum = sum((MAX_POINTS * w for w in weights), Fraction(0))
        share = Fraction(total, maximum)
        percentage = 100 * share
        reached = [g for minimum, g in self.bands if minimum <= percentage]
        by_points = max(reached, key=lambda g: g.rank) if reached else self.rubric.grades[0]
        grade = by_points
        gates: list[GateResult] = []
        by_id = {c.id: (c, p) for c, p in zip(criteria, points, strict=True)}
        for gate in self.rubric.gates:
            if gate.criterion not in by_id or not gate.fires(by_id[gate.criterion][1]):
                continue
            cap = self.caps[gate.cap]
            criterion = by_id[gate.criterion][0]
            gates.append(GateResult(gate, criterion, cap, cap.rank < by_points.rank))
            if cap.rank < grade.rank:
                grade = cap
        return _Grading(float(total), float(maximum), share, by_points, grade, tuple(gates))

    def next_grade(
        self, criteria: Sequence[Criterion], scored: Sequence[CriterionScore], current: Grade
    ) -> NextGrade | None:
        """The fewest criterion raises that reach the grade above ``current``: first
        those whose gate holds the grade below it, then the heaviest criteria, in rubric
        order. The grade given is the one those raises reach, which is higher when
        lifting a gate frees the grade the points already earn."""
        start = tuple(c.points for c in scored)
        pattern = (tuple(c.id for c in criteria), start)
        key = (pattern, current.rank)
        if key not in self._raises:
            self._raises[key] = self._raise(criteria, start, current)
        raised = self._raises[key]
        if raised is None:
            return None
        gates = self.rubric.gates
        steps = tuple(
            Step(
                criterion=c.criterion,
                points=c.points,
                to=to,
                advice=c.advice or "",
                lifts_cap=any(
                    gate.criterion == c.criterion.id and gate.fires(c.points) and not gate.fires(to)
                    for gate in gates
                ),
            )
            for c, to in zip(scored, raised, strict=True)
            if to > c.points
        )
        return NextGrade(self.grade(criteria, raised).grade, steps)

    def _raise(
        self, criteria: Sequence[Criterion], start: tuple[int, ...], current: Grade
    ) -> tuple[int, ...] | None:
        """The points after the raises (None at the top grade)."""
        rubric = self.rubric
        target = next((g for g in rubric.grades if g.rank == current.rank + 1), None)
        if target is None:
            return None
        order = [c.id for c in criteria]
        points = dict(zip(order, start, strict=True))

        def holds_down(cid: str) -> bool:
            return any(
                gate.criterion == cid
                and gate.fires(points[cid])
                and self.caps[gate.cap].rank < target.rank
                for gate in rubric.gates
            )

        weight = {c.id: c.weight for c in criteria}
        while self.grade(criteria, tuple(points[c] for c in order)).grade.rank < target.rank:
            open_ = [cid for cid in order if points[cid] < MAX_POINTS]
            if not open_:
                break
            pool = [cid for cid in open_ if holds_down(cid)] or open_
            pick = max(pool, key=lambda cid: (weight[cid], -order.index(cid)))
            points[pick] += 1
        return tuple(points[c] for c in order)


def _grade_named(rubric: Rubric, name: str) -> Grade:
    grade = rubric.grade_named(name)
    assert grade is not None, "load_rubric only returns rubrics whose gates name grades"
    return grade
