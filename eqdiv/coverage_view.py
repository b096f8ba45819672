"""Coverage as it may be shown: small numbers suppressed, the plain summary, JSON.

``view`` applies ``eqdiv.suppression`` to a ``Coverage``: every output of ``eqdiv
consultation coverage`` (text, Markdown, JSON) and the status section render from the
same ``CoverageView``, so they all follow one rule. Per dimension:

- the category counts are one line, published with its total (the people who said):
  a count below the threshold is "fewer than 10", and more are hidden where the total
  would give one away; a hidden count has no share and no ratio (either would reveal
  it), but keeps its verdict, which only says on which side of a threshold it falls;
- when that total cannot be published safely (fewer than 10 people said, or hiding
  cannot protect a small count), the dimension's figures are withheld altogether;
- how many took part, did not say, or were not asked is shown: those numbers say
  nothing about anyone's characteristics, and the expected counts (which the
  comparison needs) would reveal them anyway;
- the chi-square value and exact p-value are shown only when no count is hidden (with
  the expected counts they could be solved for a hidden count); otherwise its band.

``view(coverage, unsuppressed=True)`` shows exact counts: for staff, never for reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.census import category_scheme
from eqdiv.coverage import (
    CategoryCoverage,
    Coverage,
    DimensionCoverage,
    Verdict,
    assess,
    broken_consultations,
    in_period,
    population_profile,
)
from eqdiv.periods import Period, previous_quarter
from eqdiv.repository import Repository
from eqdiv.serialize import envelope, period_to_dict
from eqdiv.stats import GoodnessOfFit
from eqdiv.suppression import Shown, share, suppress_counts

SIGNIFICANCE = 0.05


@dataclass(frozen=True, slots=True)
class CategoryView:
    """A category row as shown: ``None`` where a figure must not be published."""

    row: CategoryCoverage
    count: Shown
    share: float | None
    ratio: float | None
    expected: float | None
    verdict: Verdict | None


@dataclass(frozen=True, slots=True)
class DimensionView:
    dimension: DimensionCoverage
    withheld: bool
    categories: tuple[CategoryView, ...]
    not_known_rate: float | None
    exact_test: bool  # the chi-square value and p-value may be shown

    @property
    def test(self) -> GoodnessOfFit | None:
        return None if self.withheld else self.dimension.test


@dataclass(frozen=True, slots=True)
class Gaps:
    """Who the activities in a period missed, in words: what ``status`` and the
    summary line say. Phrases come from the categories' ``people`` ("Pakistani
    residents"); dimensions and groups by their labels."""

    period: Period
    activities: int
    compared: int = 0  # dimensions with figures shown against the population
    under_represented: tuple[str, ...] = ()
    not_reached: tuple[str, ...] = ()
    over_represented: tuple[str, ...] = ()
    not_asked: tuple[str, ...] = ()
    withheld: tuple[str, ...] = ()
    untargeted: tuple[str, ...] = ()  # local groups no activity was aimed at

    @property
    def found(self) -> bool:
        return bool(self.under_represented or self.not_reached or self.untargeted)

    def sentences(self) -> list[str]:
        """The plain summary, one sentence per line."""
        return self._sentences(everything=True)

    def attention(self) -> list[str]:
        """Only what someone should act on (for ``eqdiv status``): no over-represented
        groups, no withheld dimensions."""
        return self._sentences(everything=False)

    def _sentences(self, *, everything: bool) -> list[str]:
        if not self.activities:
            lines = [f"No consultation or involvement activity ran in {self.period.label}."]
            return lines + _listed("No activity aimed at", self.untargeted)
        gaps = "; ".join(
            f"{what}: {', '.join(who)}"
            for what, who in (
                ("Under-represented", self.under_represented),
                ("not reached" if self.under_represented else "Not reached", self.not_reached),
            )
            if who
        )
        if gaps:
            lines = [gaps + "."]
        elif self.compared:
            lines = ["No group was found under-represented or not reached."]
        else:
            lines = ["Nothing could be compared with the population."]
        if everything:
            lines += _listed("Over-represented", self.over_represented)
        lines += _listed("Not asked about in any activity", self.not_asked)
        if everything:
            lines += _listed("Too few answers to show", self.withheld)
        lines += _listed("No activity aimed at", self.untargeted)
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the gaps (``summary`` in coverage's JSON)."""
        return {
            "under_represented": list(self.under_represented),
            "not_reached": list(self.not_reached),
            "over_represented": list(self.over_represented),
            "not_asked": list(self.not_asked),
            "withheld": list(self.withheld),
            "no_targeted_activity": list(self.untargeted),
            "text": self.sentences(),
        }


def _listed(what: str, items: tuple[str, ...]) -> list[str]:
    return [f"{what}: {', '.join(items)}."] if items else []


@dataclass(frozen=True, slots=True)
class CoverageView:
    coverage: Coverage
    suppressed: bool
    threshold: int
    dimensions: tuple[DimensionView, ...]

    @property
    def gaps(self) -> Gaps:
        cov = self.coverage

        def who(verdict: Verdict) -> tuple[str, ...]:
            return tuple(
                c.row.people for d in self.dimensions for c in d.categories if c.verdict is verdict
            )

        return Gaps(
            period=cov.period,
            activities=len(cov.activities),
            compared=sum(1 for d in self.dimensions if d.dimension.baseline and not d.withheld),
            under_represented=who(Verdict.UNDER),
            not_reached=who(Verdict.NOT_REACHED),
            over_represented=who(Verdict.OVER),
            not_asked=tuple(label.lower() for _, label in cov.not_asked),
            withheld=tuple(d.dimension.label.lower() for d in self.dimensions if d.withheld),
            untargeted=tuple(t.label for t in cov.targeted if t.local and not t.activities),
        )

    def to_dict(self, root: str, as_of: date | None) -> dict[str, Any]:
        """The ``--format json`` shape (documented in the README)."""
        cov = self.coverage
        population = cov.population
        gaps = self.gaps
        return {
            **envelope("consultation coverage", root, as_of.isoformat() if as_of else None),
            "period": period_to_dict(cov.period),
            "consultation": cov.consultation,
            "suppressed": self.suppressed,
            "suppression_threshold": self.threshold,
            "thresholds": {
                "under_represented": cov.thresholds.under_represented,
                "over_represented": cov.thresholds.over_represented,
                "min_expected": cov.thresholds.min_expected,
            },
            "population": None
            if population is None
            else {
                "id": population.id,
                "area": population.area,
                "source": population.source,
                "path": population.location.path,
            },
            "participants": cov.participants,
            "activities": [
                {
                    "id": a.id,
                    "title": a.title,
                    "start": a.start.isoformat(),
                    "end": a.end.isoformat(),
                    "participants": a.participants,
                    "targeted": list(a.targeted),
                    "path": a.location.path,
                }
                for a in cov.activities
            ],
            "dimensions": [_dimension_dict(d, self.threshold) for d in self.dimensions],
            "not_asked": [{"id": i, "label": label} for i, label in cov.not_asked],
            "targeted": [
                {
                    "group": t.group,
                    "label": t.label,
                    "local": t.local,
                    "activities": list(t.activities),
                }
                for t in cov.targeted
            ],
            "summary": gaps.to_dict(),
            "left_out": list(cov.left_out),
            "unknown": list(cov.unknown),
        }


def view(
    cov: Coverage, *, unsuppressed: bool = False, threshold: int | None = None
) -> CoverageView:
    """``cov`` as it may be shown: suppressed at ``threshold`` (default: the
    configured one) unless ``unsuppressed``."""
    limit = cov.thresholds.suppression if threshold is None else threshold
    dims = tuple(_exact(d) if unsuppressed else _suppressed(d, limit) for d in cov.dimensions)
    return CoverageView(cov, not unsuppressed, limit, dims)


def _exact(dim: DimensionCoverage) -> DimensionView:
    rows = tuple(
        CategoryView(r, Shown(r.count), r.share, r.ratio, r.expected, r.verdict)
        for r in dim.categories
    )
    return DimensionView(dim, False, rows, dim.not_known_rate, True)


def _suppressed(dim: DimensionCoverage, threshold: int) -> DimensionView:
    line = suppress_counts([r.count for r in dim.categories], threshold)
    assert line.total is not None
    withheld = not line.total.visible
    rows = tuple(
        CategoryView(
            row,
            count,
            share(count, line.total, threshold),
            row.ratio if count.visible and not withheld else None,
            None if withheld else row.expected,
            None if withheld else row.verdict,
        )
        for row, count in zip(dim.categories, line.cells, strict=True)
    )
    rate = share(Shown(dim.not_known), Shown(dim.participants), threshold)
    exact = not withheld and all(c.count.visible for c in rows)
    return DimensionView(dim, withheld, rows, rate, exact)


def p_band(p_value: float) -> str:
    """A p-value as a band, for when the exact value may not be shown."""
    for limit in (0.001, 0.01, 0.05):
        if p_value < limit:
            return f"< {limit:g}"
    return ">= 0.05"


def _dimension_dict(d: DimensionView, threshold: int) -> dict[str, Any]:
    dim = d.dimension
    test = d.test
    return {
        "id": dim.id,
        "label": dim.label,
        "compared_by": "group" if dim.grouped else "category",
        "grouped_by": list(dim.grouped_by),
        "activities": list(dim.activities),
        "participants": dim.participants,
        "not_known": dim.not_known,
        "not_known_rate": _round(d.not_known_rate, 4),
        "not_recorded": dim.not_recorded,
        "baseline": dim.baseline,
        "withheld": d.withheld,
        "categories": [
            {
                "id": c.row.id,
                "label": c.row.label,
                "people": c.row.people,
                "count": None if d.withheld else c.count.exact(),
                "count_text": "withheld" if d.withheld else c.count.text(threshold),
                "suppressed": "withheld" if d.withheld else c.count.hidden,
                "share": _round(c.share, 4),
                "population_share": _round(c.row.population_share, 4),
                "ratio": _round(c.ratio, 3),
                "expected": _round(c.expected, 2),
                "verdict": c.verdict,
                "verdict_text": c.verdict.words if c.verdict else None,
            }
            for c in d.categories
        ],
        "chi_square": None
        if test is None
        else {
            "statistic": round(test.statistic, 3) if d.exact_test else None,
            "df": test.df,
            "p_value": float(f"{test.p_value:.4g}") if d.exact_test else None,
            "p_band": p_band(test.p_value),
            "significant": test.p_value < SIGNIFICANCE,
            "reliable": test.reliable,
            "small_expected": test.small_expected,
        },
    }


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def reach_gaps(repo: Repository, as_of: date, lead: str | None = None) -> Gaps:
    """For ``eqdiv status``: the gaps in the last complete quarter before ``as_of``
    (of the activities ``lead`` led, if given), from the suppressed view, since a
    status screen may be shown in a meeting."""
    period = previous_quarter(as_of, repo.config.year_start_month)
    activities = [c for c in in_period(repo.consultations, period) if lead in (None, c.lead)]
    compared = assess(
        activities,
        population_profile(repo),
        category_scheme(repo.config),
        repo.config,
        period,
        left_out=broken_consultations(repo),
    )
    return view(compared).gaps
