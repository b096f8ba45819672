"""Coverage as it may be shown: small numbers suppressed, the plain summary, JSON.

``view`` applies ``eqdiv.figures.suppression`` to a ``Coverage``: every output of ``eqdiv
consultation coverage`` (text, Markdown, JSON), the status section and the reports
render from the same ``CoverageView``, so they all follow one rule. Every count of
people it publishes is one cell of one system of sums, suppressed together:

- how many took part in each activity, and in all of them;
- per dimension, each category's count and their total, the people who said (the base
  of the shares); those who did not say; and the people asked, which is both the sum of
  those two and the sum of the activities that asked (a reader can subtract one
  dimension's from another's, so they are one system, not separate lines).

A count below the threshold is "fewer than 10"; more are hidden where the sums would
give one away, activity totals first (they say least), the base of a dimension's
shares almost never (hiding it withholds the whole dimension). A hidden count has no
share or ratio; it keeps its verdict unless the verdict itself would give it away
(``verdict_bounds``: "over-represented" against 7.1 expected means more than 8.9).
Expected counts are shown: they are the published base times the area's published
shares, so they reveal nothing. The chi-square value and exact p-value are shown only
when no count of the dimension is hidden; otherwise its band.

``view(coverage, unsuppressed=True)`` shows exact counts: for staff, never for reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.figures.census import category_scheme
from eqdiv.figures.coverage import (
    CategoryCoverage,
    Coverage,
    DimensionCoverage,
    NotCounted,
    Verdict,
    assess,
    broken_consultations,
    in_period,
    population_profile,
    verdict_bounds,
)
from eqdiv.figures.stats import GoodnessOfFit
from eqdiv.figures.suppression import Hidden, Shown, Sum, Suppressed, share, suppress
from eqdiv.model.blocks import plural
from eqdiv.model.json_parts import envelope, period_to_dict
from eqdiv.model.periods import Period, previous_quarter
from eqdiv.store.repository import Repository

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
            if self.not_known_rate and self.not_known.visible
            else ""
        )
        lines.append(
            f"{_capital(number(self.said, threshold))} said, the base for the shares; "
            f"{number(self.not_known, threshold)} did not say{rate}."
        )
        if self.not_asked.value:
            lines.append(
                f"{_capital(people(self.not_asked, threshold))} took part in activities "
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
        if self.said.hidden is Hidden.SMALL:
            return (
                f"Figures withheld: fewer than {threshold} people said, too few to show "
                "without risking identifying someone."
            )
        return (
            "Figures withheld: with them, the totals would give away a count of fewer "
            f"than {threshold}."
        )


def number(count: Shown, threshold: int) -> str:
    """A count in a sentence: ``576``, ``fewer than 10`` or ``a hidden number``."""
    if count.visible or count.hidden is Hidden.SMALL:
        return count.text(threshold)
    return "a hidden number"


def people(count: Shown, threshold: int) -> str:
    """``598 people``, ``1 person``, ``fewer than 10 people``, ``a hidden number of
    people``."""
    if not (count.visible or count.hidden is Hidden.SMALL):
        return "a hidden number of people"
    return f"{count.text(threshold)} {'person' if count.value == 1 and count.visible else 'people'}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    not_counted: tuple[str, ...] = ()  # sentences: figures left out as they do not add up

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
        return self._gap_sentences(everything=everything) + list(self.not_counted)

    def _gap_sentences(self, *, everything: bool) -> list[str]:
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
            lines += _listed("Withheld to protect small numbers", self.withheld)
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
            "not_counted": list(self.not_counted),
            "text": self.sentences(),
        }


def _listed(what: str, items: tuple[str, ...]) -> list[str]:
    return [f"{what}: {', '.join(items)}."] if items else []


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
            withheld=tuple(d.dimension.label.lower() for d in self.dimensions if d.withheld),
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
        small = 0 < n.counted < self.threshold
        if total.visible and (not small or not self.suppressed):
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


def view(
    cov: Coverage, *, unsuppressed: bool = False, threshold: int | None = None
) -> CoverageView:
    """``cov`` as it may be shown: suppressed at ``threshold`` (default: the
    configured one) unless ``unsuppressed``."""
    limit = cov.thresholds.suppression if threshold is None else threshold
    figures = _Figures(cov)
    shown = (
        Suppressed({key: Shown(v) for key, v in figures.values.items()}, frozenset())
        if unsuppressed
        else suppress(
            figures.values,
            figures.sums,
            limit,
            cost=figures.cost,
            bounds=figures.bounds,
            depends=figures.depends,
        )
    )
    activities = tuple(shown["activity", i] for i in range(len(cov.activities)))
    dims = tuple(
        _dimension(n, d, cov, shown, activities, limit) for n, d in enumerate(cov.dimensions)
    )
    return CoverageView(cov, not unsuppressed, limit, dims, activities, shown["people",])


Key = tuple[str | int, ...]
# What to hide first when a small count needs protecting (lowest first): a category's
# count, then how many came to an activity (which says least about anyone), then who
# did not say; the base of the shares almost never, as that withholds the dimension.
COST = {"category": 0, "activity": 1, "not_known": 2, "asked": 3, "said": 4, "people": 5}


class _Figures:
    """Every count of people coverage publishes, and the sums that tie them. A
    category's count is published only with the base of its share: when that is
    hidden, the dimension is withheld."""

    def __init__(self, cov: Coverage) -> None:
        self.values: dict[Key, int] = {("people",): cov.participants}
        self.sums: list[Sum[Key]] = []
        self.bounds: dict[Key, tuple[int, int]] = {}
        self.depends: dict[Key, Key] = {}
        index = {a.id: i for i, a in enumerate(cov.activities)}
        for i, a in enumerate(cov.activities):
            self.values["activity", i] = a.participants
        self.sums.append(Sum(("people",), tuple(("activity", i) for i in index.values())))
        for n, dim in enumerate(cov.dimensions):
            cells = tuple(("category", n, j) for j in range(len(dim.categories)))
            for cell, row in zip(cells, dim.categories, strict=True):
                self.values[cell] = row.count
                self.depends[cell] = ("said", n)
                bounds = verdict_bounds(row, dim.known, cov.thresholds)
                if bounds is not None:
                    self.bounds[cell] = bounds
            self.sums.append(Sum(("said", n), cells))
            self.values["said", n] = dim.known
            self.values["not_known", n] = dim.not_known
            self.values["asked", n] = dim.participants
            self.sums += [
                Sum(("asked", n), (("said", n), ("not_known", n))),
                Sum(("asked", n), tuple(("activity", index[a]) for a in dim.activities)),
            ]
        self.cost = {key: COST[str(key[0])] for key in self.values}


def _dimension(
    n: int,
    dim: DimensionCoverage,
    cov: Coverage,
    shown: Suppressed[Key],
    activities: tuple[Shown, ...],
    threshold: int,
) -> DimensionView:
    said = shown["said", n]
    withheld = not said.visible
    rows = []
    for j, row in enumerate(dim.categories):
        key = ("category", n, j)
        count = shown[key]
        rows.append(
            CategoryView(
                row,
                count,
                None if withheld else share(count, said, threshold),
                row.ratio if count.visible and not withheld else None,
                None if withheld else row.expected,
                None if withheld or key in shown.unbounded else row.verdict,
            )
        )
    not_known = shown["not_known", n]
    asked = shown["asked", n]
    # Those not asked are everyone less those asked and those not counted: shown when
    # the published figures give it anyway, hidden when they do not.
    left_out = {x.activity for x in dim.not_counted}
    terms = [shown["people",], asked] + [
        c for a, c in zip(cov.activities, activities, strict=True) if a.id in left_out
    ]
    not_asked = Shown(dim.not_recorded, None if all(c.visible for c in terms) else Hidden.SECONDARY)
    return DimensionView(
        dim,
        withheld,
        tuple(rows),
        said,
        not_known,
        asked,
        not_asked,
        share(not_known, asked, threshold),
        not withheld and all(c.count.visible for c in rows),
    )


def p_band(p_value: float) -> str:
    """A p-value as a band, for when the exact value may not be shown."""
    for limit in (0.001, 0.01, 0.05):
        if p_value < limit:
            return f"< {limit:g}"
    return ">= 0.05"


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
            "p_band": p_band(test.p_value),
            "significant": test.p_value < SIGNIFICANCE,
            "reliable": test.reliable,
            "small_expected": test.small_expected,
        },
    }


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def period_view(repo: Repository, period: Period, lead: str | None = None) -> CoverageView:
    """For ``eqdiv status``: coverage of ``period`` (of the activities ``lead`` led, if
    given) as it may be shown, suppressed, since a status screen may be shown in a
    meeting or pasted into its minutes."""
    activities = [c for c in in_period(repo.consultations, period) if lead in (None, c.lead)]
    compared = assess(
        activities,
        population_profile(repo),
        category_scheme(repo.config),
        repo.config,
        period,
        left_out=broken_consultations(repo),
    )
    return view(compared)


def reach_gaps(repo: Repository, as_of: date, lead: str | None = None) -> Gaps:
    """For ``eqdiv status``: the gaps in the last complete quarter before ``as_of``."""
    return period_view(repo, previous_quarter(as_of, repo.config.year_start_month), lead).gaps
