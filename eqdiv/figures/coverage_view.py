"""Coverage as it may be shown: the view models every format of coverage renders.

``eqdiv.figures.coverage_publish.view`` builds a ``CoverageView`` from a ``Coverage``,
taking every count of people from the repository's one ``Publication``
(``eqdiv.figures.publication``), so the text, Markdown and JSON of ``eqdiv consultation
coverage``, the status screen and the reports show the same figure the same way. A
hidden count has no share or ratio, and keeps a verdict only where the publication
allows it. Expected counts are shown: they are the published base times the area's
published shares, so they reveal nothing. The chi-square test (its value, p-value, band
and verdict) is shown only when no count of the dimension is hidden: beside a hidden
count even a band narrows it, so it is withheld. This module
also writes the JSON (``to_dict``); the words are in ``coverage_words``, the plain
summary in ``gaps``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.figures.coverage import (
    CategoryCoverage,
    Coverage,
    DimensionCoverage,
    NotCounted,
    Verdict,
)
from eqdiv.figures.coverage_words import capital, number, p_band, people
from eqdiv.figures.gaps import Gaps
from eqdiv.figures.stats import GoodnessOfFit
from eqdiv.figures.suppression import Shown
from eqdiv.model.blocks import plural
from eqdiv.model.json_parts import envelope, period_to_dict

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
    """A dimension as shown. ``said`` is the base of the shares; ``asked`` is
    ``said`` plus ``not_known``, and ``not_known_rate`` is of ``asked``;
    ``not_asked`` took part in activities that did not ask."""

    dimension: DimensionCoverage
    withheld: bool
    categories: tuple[CategoryView, ...]
    said: Shown
    not_known: Shown
    asked: Shown
    not_asked: Shown
    not_known_rate: float | None
    exact_test: bool  # the chi-square value and p-value may be shown
    counted: tuple[Shown, ...] = ()  # what each activity left out counted, as shown

    @property
    def test(self) -> GoodnessOfFit | None:
        return None if self.withheld else self.dimension.test

    def answers(self, threshold: int) -> list[str]:
        """Who the figures are of, in numbers a reader can check the shares against:
        asked = said + did not say, and each share is of those who said."""
        dim = self.dimension
        lines = [
            f"Asked in {plural(len(dim.activities), 'activity', 'activities')}: "
            f"{people(self.asked, threshold)}."
        ]
        rate = (
            f" ({self.not_known_rate * 100:.1f}% of {self.asked.value})"
            if self.not_known_rate and self.not_known.visible and self.asked.visible
            else ""
        )
        lines.append(
            f"{capital(number(self.said, threshold))} said, the base for the shares; "
            f"{number(self.not_known, threshold)} did not say{rate}."
        )
        # Said whenever it is hidden too: leaving the line out would say it is 0.
        if self.not_asked.value or not self.not_asked.visible:
            lines.append(
                f"{capital(people(self.not_asked, threshold))} took part in activities "
                "that did not ask."
            )
        lines += [
            f"Not counted: {n.activity}, whose figures do not add up." for n in dim.not_counted
        ]
        return lines

    def withheld_reason(self, threshold: int) -> str | None:
        """Why the categories are not shown, or None when they are."""
        if not self.withheld:
            return None
        return (
            "Figures withheld to protect small numbers: the number who said is hidden, "
            f"as it is below {threshold} or would let a hidden count be worked out."
        )


@dataclass(frozen=True, slots=True)
class CoverageView:
    """``activities`` are how many took part in each of ``coverage.activities``, and
    ``people`` in all of them, as they may be shown."""

    coverage: Coverage
    suppressed: bool
    threshold: int
    dimensions: tuple[DimensionView, ...]
    activities: tuple[Shown, ...]
    people: Shown

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
            withheld=tuple(d.dimension.label.lower() for d in self.dimensions if d.withheld)
            + tuple(
                # A verdict withheld to protect a hidden count: said so, never left
                # out as if there were nothing to say.
                c.row.people
                for d in self.dimensions
                if not d.withheld
                for c in d.categories
                if c.verdict is None
                and c.row.verdict not in (Verdict.TOO_SMALL, Verdict.NO_BASELINE)
            ),
            untargeted=tuple(t.label for t in cov.targeted if t.local and not t.activities),
            not_counted=tuple(
                f"Not counted: {self.not_counted_words(n)}." for n in cov.not_counted
            ),
        )

    def taking_part(self, activity_id: str) -> Shown:
        """How many took part in that activity, as it may be shown."""
        ids = [a.id for a in self.coverage.activities]
        return self.activities[ids.index(activity_id)]

    def not_counted_words(self, n: NotCounted, *, its: bool = False) -> str:
        """``the ethnic group figures of ID add up to 31, not 35 (path:line)``; the
        numbers only where they may be shown."""
        label = n.label.lower()
        figures = f"its {label} figures" if its else f"the {label} figures of {n.activity}"
        where = f"({n.location.path}:{n.location.line})"
        total = self.taking_part(n.activity)
        dim = next(d for d in self.dimensions if d.dimension.id == n.dimension)
        counted = dict(zip(dim.dimension.not_counted, dim.counted, strict=True)).get(n)
        if total.visible and (counted is None or counted.visible):
            return f"{figures} add up to {n.counted}, not {total.value} {where}"
        return f"{figures} do not add up to the number who took part {where}"

    def to_dict(self, root: str, as_of: date | None) -> dict[str, Any]:
        """The ``--format json`` shape (documented in the README)."""
        cov = self.coverage
        population = cov.population
        gaps = self.gaps
        t = self.threshold
        return {
            **envelope("consultation coverage", root, as_of.isoformat() if as_of else None),
            "period": period_to_dict(cov.period),
            "consultation": cov.consultation,
            "suppressed": self.suppressed,
            "suppression_threshold": t,
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
            **_count_dict("participants", self.people, t),
            "activities": [
                {
                    "id": a.id,
                    "title": a.title,
                    "start": a.start.isoformat(),
                    "end": a.end.isoformat(),
                    **_count_dict("participants", count, t),
                    "targeted": list(a.targeted),
                    "path": a.location.path,
                }
                for a, count in zip(cov.activities, self.activities, strict=True)
            ],
            "dimensions": [_dimension_dict(d, self) for d in self.dimensions],
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


def _count_dict(name: str, count: Shown, threshold: int) -> dict[str, Any]:
    """``name`` (null when hidden) and ``name_text``, as the text shows it."""
    return {name: count.exact(), f"{name}_text": count.text(threshold)}


def _dimension_dict(d: DimensionView, v: CoverageView) -> dict[str, Any]:
    dim = d.dimension
    test = d.test
    threshold = v.threshold
    return {
        "id": dim.id,
        "label": dim.label,
        "compared_by": "group" if dim.grouped else "category",
        "grouped_by": list(dim.grouped_by),
        "activities": list(dim.activities),
        **_count_dict("asked", d.asked, threshold),
        **_count_dict("said", d.said, threshold),
        **_count_dict("not_known", d.not_known, threshold),
        "not_known_rate": _round(d.not_known_rate, 4),
        **_count_dict("not_asked", d.not_asked, threshold),
        "not_counted": [
            {
                "activity": n.activity,
                "path": n.location.path,
                "line": n.location.line,
                "text": v.not_counted_words(n),
            }
            for n in dim.not_counted
        ],
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
            # No band or verdict of the test beside a hidden count: it narrows them.
            "p_band": p_band(test.p_value) if d.exact_test else None,
            "significant": test.p_value < SIGNIFICANCE if d.exact_test else None,
            "withheld": not d.exact_test,
            "reliable": test.reliable,
            "small_expected": test.small_expected,
        },
    }


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)
