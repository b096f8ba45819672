"""EIA quality across a repository: where each EIA has got to, how the grades are
spread, and which EIAs fall below a grade (the partnership's minimum, or a CI gate's).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from eqdiv.eia.rubric_loader import LoadedRubric, load_rubric
from eqdiv.eia.scoring import EiaScore, score_all
from eqdiv.model import Eia
from eqdiv.model.rubric import Grade, Rubric
from eqdiv.records import Record
from eqdiv.repository import Repository


def stage(eia: Eia) -> str:
    """Where an EIA has got to, in words: ``draft``, or the steps it has passed
    (``signed off, quality-assured, published``), so a missing step shows."""
    steps = [
        word
        for word, done in (
            ("signed off", eia.signoff is not None),
            ("quality-assured", eia.qa is not None),
            ("published", eia.published is not None),
        )
        if done
    ]
    return ", ".join(steps) or "draft"


def review_overdue(eia: Eia, as_of: date) -> bool:
    return eia.review_date is not None and eia.review_date < as_of


def unscored(repo: Repository) -> tuple[Record, ...]:
    """EIA records with schema errors: they cannot be scored until they are fixed."""
    return tuple(r for r in repo.records if r.kind == "eia" and not r.valid)


def below(scores: Iterable[EiaScore], grade: Grade) -> tuple[EiaScore, ...]:
    """The EIAs whose grade is lower than ``grade``."""
    return tuple(s for s in scores if s.grade.rank < grade.rank)


@dataclass(frozen=True)
class QualitySummary:
    """For ``eqdiv status`` and reports: the grade spread and who is below the minimum.

    ``minimum`` is None when the configured minimum grade is not a grade of the rubric
    in use (``eqdiv validate`` reports that as ``grade-unknown``)."""

    loaded: LoadedRubric
    scores: tuple[EiaScore, ...]
    minimum: Grade | None
    unscored: tuple[Record, ...]

    @property
    def rubric(self) -> Rubric:
        return self.loaded.rubric

    @property
    def distribution(self) -> tuple[tuple[Grade, int], ...]:
        """Every grade of the rubric, lowest first, with how many EIAs have it."""
        return tuple(
            (grade, sum(1 for s in self.scores if s.grade.rank == grade.rank))
            for grade in self.rubric.grades
        )

    @property
    def below_minimum(self) -> tuple[EiaScore, ...]:
        return below(self.scores, self.minimum) if self.minimum is not None else ()


def summarise(
    loaded: LoadedRubric, scores: Sequence[EiaScore], minimum: str, broken: Sequence[Record]
) -> QualitySummary:
    return QualitySummary(loaded, tuple(scores), loaded.rubric.grade_named(minimum), tuple(broken))


def eia_quality(repo: Repository) -> QualitySummary:
    """Score every EIA in ``repo`` with its rubric, against its minimum grade."""
    loaded = load_rubric(repo)
    return summarise(
        loaded, score_all(repo, loaded.rubric), repo.config.eia_minimum_grade, unscored(repo)
    )
