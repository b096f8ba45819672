"""The grid: every table of people eqdiv may publish about a records repository.

Protection against differencing (``eqdiv.figures.protection``) works on a fixed set of
tables decided in advance, so that one decision covers them all. For consultation
coverage that set is coverage of each activity on its own, of each quarter of the
partnership's year and of each whole year that has activity. Status, the reports and
``eqdiv consultation coverage`` publish nothing else: a view of any other set of
activities (a span given with ``--since``/``--until``, one lead's activities, the quarter
so far) shows what the grid publishes of its figures and hides the rest.

Every figure is a sum of *atoms*, the finest counts eqdiv holds, which are never
published as such: how many took part in one activity (``<id>|people``), and how many of
them gave one answer about one dimension (``<id>|<dimension>|<answer>``, ``not_known``
among the answers). Written as sums, the same people counted in two views are the same
figure (women in the third quarter and women at its only activity), so they are shown
or hidden alike in every view. A reader also knows that an activity's answers about a
dimension add up to the people who took part (where they do: those that do not are left
out, and said so): the grid states it, so the protection allows for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from eqdiv.figures.audit import Cell, Figure, Relation, Statement, Table
from eqdiv.figures.contribution import calendar_periods
from eqdiv.figures.coverage import (
    Coverage,
    DimensionCoverage,
    activity_period,
    assess,
    in_period,
)
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme, DimensionScheme
from eqdiv.model.config import Config
from eqdiv.model.consultations import Consultation
from eqdiv.model.demographics import Demographics
from eqdiv.model.periods import Period

# What to hide first when a count needs protecting, as a multiple of the people in it:
# a category's count, then who did not say, then how many came and were asked; the
# base of a dimension's shares almost never (hiding it withholds the whole dimension,
# its verdicts too).
WEIGHTS = {
    "category": 1,
    "not_known": 2,
    "not_counted": 2,
    "activity": 3,
    "asked": 3,
    "people": 4,
    "said": 10,
}
TOTAL_WEIGHT = 4


@dataclass(frozen=True, slots=True)
class DimensionFigures:
    """One dimension's figures; ``None`` where no one can be in the figure (it is 0,
    and says so in every view)."""

    categories: tuple[Figure | None, ...]
    said: Figure | None
    not_known: Figure | None
    asked: Figure | None
    not_asked: Figure | None
    not_counted: tuple[Figure | None, ...]  # what each left-out activity's answers add up to


@dataclass(frozen=True, slots=True)
class CoverageFigures:
    """Every count of people a coverage view publishes, as figures."""

    people: Figure | None
    activities: tuple[Figure | None, ...]
    dimensions: tuple[DimensionFigures, ...]


def people_atom(activity: str) -> str:
    return f"{activity}|people"


def answer_atom(activity: str, dimension: str, answer: str) -> str:
    return f"{activity}|{dimension}|{answer}"


def _sum(atoms: Iterable[str]) -> Figure | None:
    listed = tuple(atoms)
    return Figure.sum(*listed) if listed else None


def coverage_figures(cov: Coverage, scheme: CategoryScheme) -> CoverageFigures:
    """The figures of ``cov``, as sums of atoms."""
    by_id = {a.id: a for a in cov.activities}
    dimensions = tuple(
        _dimension_figures(dim, [by_id[i] for i in dim.activities], cov, scheme)
        for dim in cov.dimensions
    )
    return CoverageFigures(
        _sum(people_atom(a.id) for a in cov.activities),
        tuple(Figure.sum(people_atom(a.id)) for a in cov.activities),
        dimensions,
    )


def _dimension_figures(
    dim: DimensionCoverage,
    counted: Sequence[Consultation],
    cov: Coverage,
    scheme: CategoryScheme,
) -> DimensionFigures:
    own = scheme.dimensions.get(dim.id) or DimensionScheme(dim.id, dim.label, {})

    def level(answer: str) -> str:
        return own.group_of(answer) if dim.grouped else answer

    def answers(keep: Iterable[str] | None = None) -> list[str]:
        wanted = None if keep is None else set(keep)
        return [
            answer_atom(a.id, dim.id, k)
            for a in counted
            for k in a.profile[dim.id]
            if k != NOT_KNOWN and (wanted is None or level(k) in wanted)
        ]

    categories = tuple(_sum(answers([row.id])) for row in dim.categories)
    not_known = [
        answer_atom(a.id, dim.id, NOT_KNOWN) for a in counted if NOT_KNOWN in a.profile[dim.id]
    ]
    left_out = {n.activity for n in dim.not_counted}
    asked_ids = {a.id for a in counted}
    by_id = {a.id: a for a in cov.activities}
    return DimensionFigures(
        categories,
        _sum(answers()),
        _sum(not_known),
        _sum([*answers(), *not_known]),
        _sum(
            people_atom(a.id)
            for a in cov.activities
            if a.id not in asked_ids and a.id not in left_out
        ),
        tuple(
            _sum(answer_atom(n.activity, dim.id, k) for k in by_id[n.activity].profile[dim.id])
            for n in dim.not_counted
        ),
    )


def coverage_table(name: str, cov: Coverage, figures: CoverageFigures) -> Table:
    """``cov``'s figures as one table of the grid, each cell named as a reader finds it."""
    cells: list[Cell] = []

    def add(label: str, figure: Figure | None) -> None:
        if figure is not None:
            cells.append(Cell(label, figure))

    add("people who took part", figures.people)
    for a, figure in zip(cov.activities, figures.activities, strict=True):
        add(f"took part in {a.id}", figure)
    for dim, fig in zip(cov.dimensions, figures.dimensions, strict=True):
        for row, figure in zip(dim.categories, fig.categories, strict=True):
            add(f"{dim.label}: {row.label}", figure)
        add(f"{dim.label}: said", fig.said)
        add(f"{dim.label}: did not say", fig.not_known)
        add(f"{dim.label}: asked", fig.asked)
        add(f"{dim.label}: not asked", fig.not_asked)
        for n, figure in zip(dim.not_counted, fig.not_counted, strict=True):
            add(f"{dim.label}: counted at {n.activity}", figure)
    return Table(name, tuple(cells))


def weights(figures: CoverageFigures) -> dict[Figure, int]:
    """How dear each figure is to hide, per person in it (see ``WEIGHTS``)."""
    out: dict[Figure, int] = {}

    def add(figure: Figure | None, kind: str) -> None:
        if figure is not None:
            out[figure] = max(out.get(figure, 0), WEIGHTS.get(kind, TOTAL_WEIGHT))

    add(figures.people, "people")
    for figure in figures.activities:
        add(figure, "activity")
    for dim in figures.dimensions:
        for figure in dim.categories:
            add(figure, "category")
        add(dim.said, "said")
        add(dim.not_known, "not_known")
        add(dim.asked, "asked")
        add(dim.not_asked, "activity")
        for figure in dim.not_counted:
            add(figure, "not_counted")
    return out


def values(activities: Iterable[Consultation]) -> dict[str, int]:
    """The true count of every atom of ``activities``."""
    out: dict[str, int] = {}
    for a in activities:
        out[people_atom(a.id)] = a.participants
        for dim, counts in a.profile.items():
            for answer, n in counts.items():
                out[answer_atom(a.id, dim, answer)] = n
    return out


def adding_up(activities: Iterable[Consultation]) -> tuple[Statement, ...]:
    """What a reader knows without a table: an activity's answers about a dimension
    add up to the people who took part (where they do)."""
    out: list[Statement] = []
    for a in activities:
        for dim in a.profile:
            if not a.adds_up(dim) or not a.profile[dim]:
                continue
            terms: dict[Figure, int | Fraction] = {Figure.sum(people_atom(a.id)): 1}
            for answer in a.profile[dim]:
                terms[Figure.sum(answer_atom(a.id, dim, answer))] = -1
            out.append(Statement.of(terms, Relation.EQUAL, 0, f"{a.id}: {dim} adds up"))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class View:
    """One view of the grid: its name and the coverage it shows."""

    name: str
    coverage: Coverage


def grid_periods(activities: Sequence[Consultation], start_month: int) -> tuple[Period, ...]:
    """Every quarter and every year of the partnership's calendar with activity."""
    if not activities:
        return ()
    first = min(a.start for a in activities)
    last = max(a.end for a in activities)
    return calendar_periods(first, last, start_month)


def grid_views(
    activities: Sequence[Consultation],
    population: Demographics | None,
    scheme: CategoryScheme,
    config: Config,
) -> tuple[View, ...]:
    """Every view of the grid: each activity over its own dates, then each quarter and
    year with activity (see the module's docstring)."""
    ordered = sorted(activities, key=lambda a: (a.start, a.id))
    views = [
        View(
            a.id,
            assess([a], population, scheme, config, activity_period(a), consultation=a.id),
        )
        for a in ordered
    ]
    for period in grid_periods(ordered, config.year_start_month):
        chosen = in_period(ordered, period)
        views.append(View(period.label, assess(chosen, population, scheme, config, period)))
    return tuple(views)
