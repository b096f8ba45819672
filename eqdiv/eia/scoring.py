"""Scoring an EIA against a rubric: each criterion by its rule, then the weighted total,
the grade its percentage earns, the gates, and the shortest way to the next grade.

``score_eia`` is a pure function of the EIA, the repository around it (for the linked
actions and consultations, the configured strands and review cycle) and the rubric.
It does not depend on the date: the same records always score the same.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
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
    criteria = rubric.criteria_for(eia.screened_out)
    scored = tuple(_judge(criterion, eia, repo) for criterion in criteria)
    grading = _grade(rubric, criteria, {c.criterion.id: c.points for c in scored})
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
        next=_next_grade(rubric, scored, grading.grade),
    )


def score_all(repo: Repository, rubric: Rubric) -> tuple[EiaScore, ...]:
    """Every valid EIA in ``repo``, scored, in file order."""
    return tuple(score_eia(eia, repo, rubric) for eia in repo.eias)


def _judge(criterion: Criterion, eia: Eia, repo: Repository) -> CriterionScore:
    judgement = RULES[criterion.rule].judge(RuleContext(eia, repo))
    return CriterionScore(
        criterion, judgement.points, judgement.reason, judgement.advice, judgement.fields
    )


def _grade(rubric: Rubric, criteria: Sequence[Criterion], points: Mapping[str, int]) -> _Grading:
    total = sum(points[c.id] * exact(c.weight) for c in criteria)
    maximum = sum(MAX_POINTS * exact(c.weight) for c in criteria)
    share = Fraction(total, maximum)
    by_points = rubric.grade_for(100 * share)
    grade = by_points
    gates: list[GateResult] = []
    by_id = {c.id: c for c in criteria}
    for gate in rubric.gates:
        if gate.criterion not in points or not gate.fires(points[gate.criterion]):
            continue
        cap = _grade_named(rubric, gate.cap)
        gates.append(GateResult(gate, by_id[gate.criterion], cap, cap.rank < by_points.rank))
        if cap.rank < grade.rank:
            grade = cap
    return _Grading(float(total), float(maximum), share, by_points, grade, tuple(gates))


def _grade_named(rubric: Rubric, name: str) -> Grade:
    grade = rubric.grade_named(name)
    assert grade is not None, "load_rubric only returns rubrics whose gates name grades"
    return grade


def _next_grade(
    rubric: Rubric, scored: Sequence[CriterionScore], current: Grade
) -> NextGrade | None:
    """The fewest criterion raises that reach the grade above ``current``: first those
    whose gate holds the grade below it, then the heaviest criteria, in rubric order.
    The grade given is the one those raises reach, which is higher when lifting a gate
    frees the grade the points already earn."""
    target = next((g for g in rubric.grades if g.rank == current.rank + 1), None)
    if target is None:
        return None
    criteria = [c.criterion for c in scored]
    start = {c.criterion.id: c.points for c in scored}
    points = dict(start)
    order = [c.id for c in criteria]

    def holds_down(cid: str) -> bool:
        return any(
            gate.criterion == cid
            and gate.fires(points[cid])
            and _grade_named(rubric, gate.cap).rank < target.rank
            for gate in rubric.gates
        )

    weight = {c.id: c.weight for c in criteria}
    while _grade(rubric, criteria, points).grade.rank < target.rank:
        open_ = [cid for cid in order if points[cid] < MAX_POINTS]
        if not open_:
            break
        pool = [cid for cid in open_ if holds_down(cid)] or open_
        pick = max(pool, key=lambda cid: (weight[cid], -order.index(cid)))
        points[pick] += 1
    steps = tuple(
        Step(
            criterion=c.criterion,
            points=c.points,
            to=points[c.criterion.id],
            advice=c.advice or "",
            lifts_cap=any(
                gate.criterion == c.criterion.id
                and gate.fires(c.points)
                and not gate.fires(points[c.criterion.id])
                for gate in rubric.gates
            ),
        )
        for c in scored
        if points[c.criterion.id] > c.points
    )
    return NextGrade(_grade(rubric, criteria, points).grade, steps)
