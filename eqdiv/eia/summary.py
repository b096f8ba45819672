"""EIA quality across a repository: where each EIA has got to, how the grades are
spread, and which EIAs fall below a grade (the partnership's minimum, or a CI gate's).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eqdiv.eia.review_dates import ReviewDue, next_review
from eqdiv.eia.rubric_loader import LoadedRubric, load_rubric
from eqdiv.eia.scoring import EiaScore, score_eia
from eqdiv.model.eia_signature import change_words, unreviewed_change
from eqdiv.model.eias import Eia
from eqdiv.model.errors import UsageError
from eqdiv.model.records import Record
from eqdiv.model.rubric import Grade, Rubric
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.repository import Repository

# What every view of the scores says when eqdiv.yaml cannot be read (see EiaResult).
CONFIG_UNREAD = (
    "eqdiv.yaml has errors, so EIAs are scored without the partnership's strand set (C3) "
    "and review cycle (C10), and its minimum grade is not known."
)


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


def unscored(repo: Repository) -> tuple[Record, ...]:
    """EIA records with schema errors: they cannot be scored until they are fixed."""
    return tuple(r for r in repo.records if r.kind == "eia" and not r.valid)


def below(scores: Iterable[EiaScore], grade: Grade) -> tuple[EiaScore, ...]:
    """The EIAs whose grade is lower than ``grade``."""
    return tuple(s for s in scores if s.grade.rank < grade.rank)


def distribution(scores: Iterable[EiaScore], rubric: Rubric) -> tuple[tuple[Grade, int], ...]:
    """Every grade of ``rubric``, lowest first, with how many of ``scores`` have it."""
    ranks = [s.grade.rank for s in scores]
    return tuple((grade, ranks.count(grade.rank)) for grade in rubric.grades)


@dataclass(frozen=True)
class EiaResult:
    """The scores of a repository's EIAs (or those asked for), for ``eqdiv eia``,
    ``eqdiv status`` and reports: the grade spread, the EIAs below the partnership's
    minimum grade, and, for a CI gate, those below ``fail_under``.

    ``minimum`` is None when the configured minimum is not a grade of the rubric in use
    (``eqdiv validate`` reports that as ``grade-unknown``), or when eqdiv.yaml cannot be
    read (``config_read`` is False): then the scores are judged without the
    partnership's strand set and review cycle (C3 and C10 say so), and its minimum grade
    is not known either."""

    root: Path
    loaded: LoadedRubric
    scores: tuple[EiaScore, ...]
    unscored: tuple[Record, ...]  # EIA records with errors
    minimum: Grade | None
    as_of: date | None = None
    fail_under: Grade | None = None
    config_read: bool = True
    # The partnership's timescales, for when each EIA is next due for review.
    review_months: int = 36
    due_soon_days: int = 30
    # EIA id -> what changed since it was signed off, with no review recorded (words):
    # a softened rating that raised a score is shown beside the score.
    changed_since_signoff: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def rubric(self) -> Rubric:
        return self.loaded.rubric

    def next_review(self, eia: Eia) -> ReviewDue | None:
        """When ``eia`` is next due for review: the answer ``eqdiv status`` gives too."""
        due = next_review(eia, self.review_months, self.due_soon_days)
        if due is not None and due.derived and not self.config_read:
            return dataclasses.replace(due, assumed=True)
        return due

    @property
    def distribution(self) -> tuple[tuple[Grade, int], ...]:
        return distribution(self.scores, self.rubric)

    @property
    def below_minimum(self) -> tuple[EiaScore, ...]:
        return below(self.scores, self.minimum) if self.minimum is not None else ()

    @property
    def failing(self) -> tuple[EiaScore, ...]:
        return below(self.scores, self.fail_under) if self.fail_under is not None else ()

    def fails(self) -> bool:
        """With ``fail_under``: True if any EIA is below it, or could not be scored."""
        return self.fail_under is not None and bool(self.failing or self.unscored)


def eia_quality(
    repo: Repository,
    ids: Sequence[str] | None = None,
    *,
    as_of: date | None = None,
    fail_under: str | None = None,
) -> EiaResult:
    """Score the EIAs of ``repo`` called ``ids`` (default: all) with its rubric.

    An id that names no EIA, or a ``fail_under`` that is not a grade of the rubric, is
    a ``UsageError``: the person asked for something that is not there."""
    loaded = load_rubric(repo)
    rubric = loaded.rubric
    broken = unscored(repo)
    eias = repo.eias
    if ids:
        known = [e.id for e in eias] + [r.id for r in broken]
        unreadable = {
            found: path
            for path, (kind, found) in repo.unreadable.items()
            if kind == "eia" and found is not None
        }
        for eia_id in ids:
            if eia_id in unreadable and eia_id not in known:
                raise UsageError(
                    f"The EIA '{eia_id}' ({unreadable[eia_id]}) cannot be read, so it "
                    "cannot be scored.",
                    "`eqdiv validate` says what is wrong with the file.",
                )
            if eia_id not in known:
                raise UsageError(
                    f"There is no EIA called '{eia_id}' in {repo.root}.",
                    did_you_mean(eia_id, known)
                    + "`eqdiv eia list` lists the EIAs"
                    + (f": {', '.join(known)}." if known else "; there are none yet."),
                )
        eias = tuple(e for e in eias if e.id in ids)
        broken = tuple(r for r in broken if r.id in ids)
    gate = None
    if fail_under is not None:
        gate = rubric.grade_named(fail_under)
        if gate is None:
            raise UsageError(
                f"'{fail_under}' is not a grade of the rubric in use ({rubric.title}).",
                did_you_mean(fail_under, [g.name for g in rubric.grades])
                + f"Grades, lowest first: {', '.join(g.name for g in rubric.grades)}.",
            )
    return EiaResult(
        root=repo.root,
        loaded=loaded,
        scores=tuple(score_eia(eia, repo, rubric) for eia in eias),
        unscored=broken,
        minimum=rubric.grade_named(repo.config.eia_minimum_grade) if repo.config_read else None,
        as_of=as_of,
        fail_under=gate,
        config_read=repo.config_read,
        review_months=repo.config.eia_review_months,
        due_soon_days=repo.config.due_soon_days,
        changed_since_signoff=_changed(repo, eias),
    )


def _changed(repo: Repository, eias: Sequence[Eia]) -> dict[str, str]:
    records = {r.path: r for r in repo.records if r.kind == "eia"}
    found = {}
    for eia in eias:
        record = records.get(eia.location.path)
        change = unreviewed_change(record.data, eia) if record is not None else None
        if change is not None:
            found[eia.id] = change_words(change, repo.config.label)
    return found
