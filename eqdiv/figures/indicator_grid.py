"""Indicators in the grid: the counts of people an indicator's figures publish.

An indicator's figure for a period (a value, its baseline or its target) is over a
``base`` of people, and may be broken down by category, each with its own base. Each is
a count of people, and so is what a figure says of them:

- a figure in people (``unit: people``) is itself a count;
- a percentage of a base (``unit: percent``) gives away how many people it counts and
  how many it does not (89% of 19 is 17, and so 2 who are not): both are cells, and
  the percentage is published only when both are shown.

Each is an atom of its own (``ind|<indicator>|<figure>|...``); the people counted and
not counted add up to the base, and the categories' bases to the figure's base where
they do: statements beside the table, so the protection of the whole grid sees them.
Figures in other units (a score, a number of days) say nothing more of the people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eqdiv.figures.audit import Cell, Figure, Relation, Statement, Table
from eqdiv.figures.contribution import DETAIL, SUBTOTAL, TOTAL, Contribution, Layout
from eqdiv.model.indicators import Indicator, Measurement
from eqdiv.store.repository import Repository

KIND = "indicators"


@dataclass(frozen=True, slots=True)
class Part:
    """The people of one figure (or of one category of its breakdown): the base, the
    count (a figure in people), and those counted and not (a percentage)."""

    base: tuple[Figure, int] | None
    count: tuple[Figure, int] | None
    counted: tuple[Figure, int] | None
    not_counted: tuple[Figure, int] | None

    def cells(self) -> list[tuple[str, Figure, int]]:
        named = (
            ("people", self.base),
            ("count", self.count),
            ("counted", self.counted),
            ("not counted", self.not_counted),
        )
        return [(label, f, v) for label, found in named if found is not None for f, v in [found]]


@dataclass(frozen=True, slots=True)
class MeasurementFigures:
    total: Part
    by: Mapping[str, Part]


def role(indicator: Indicator, measurement: Measurement) -> str:
    """How a figure is named among its indicator's: ``baseline``, ``target`` or
    ``value<n>`` (its place among the values)."""
    if measurement is indicator.baseline:
        return "baseline"
    if measurement is indicator.target:
        return "target"
    for i, m in enumerate(indicator.values):
        if m is measurement:
            return f"value{i}"
    return f"value{indicator.values.index(measurement)}"


def _part(indicator: Indicator, prefix: str, value: float, base: int | None) -> Part:
    def made(name: str, n: int) -> tuple[Figure, int]:
        return Figure.sum(f"{prefix}|{name}"), n

    count = made("count", max(round(value), 0)) if indicator.counts_people else None
    counted = not_counted = None
    if indicator.unit == "percent" and base is not None:
        share = min(max(round(value * base / 100), 0), base)
        counted, not_counted = made("counted", share), made("not_counted", base - share)
    return Part(None if base is None else made("base", base), count, counted, not_counted)


def measurement_figures(indicator: Indicator, measurement: Measurement) -> MeasurementFigures:
    """The people of one of ``indicator``'s figures, as figures of the grid."""
    prefix = f"ind|{indicator.id}|{role(indicator, measurement)}"
    return MeasurementFigures(
        _part(indicator, prefix, measurement.value, measurement.base),
        {
            category: _part(indicator, f"{prefix}|by|{category}", f.value, f.base)
            for category, f in measurement.by.items()
        },
    )


def _adds_up(parts: Mapping[Figure, int], total: tuple[Figure, int], label: str) -> Statement:
    terms: dict[Figure, int] = {total[0]: 1}
    for figure in parts:
        terms[figure] = -1
    return Statement.of(terms, Relation.EQUAL, 0, label)


def _lay_out(layout: Layout, indicator: Indicator, measurement: Measurement) -> None:
    found = measurement_figures(indicator, measurement)
    name = f"indicator {indicator.id}, {role(indicator, measurement)} ({measurement.period})"
    cells: list[Cell] = []
    parts = [("", found.total, TOTAL), *((f"{c}: ", p, SUBTOTAL) for c, p in found.by.items())]
    for where, part, weight in parts:
        for label, figure, value in part.cells():
            layout.atom(figure.atoms[0], value)
            layout.weigh(figure, weight if label == "people" else DETAIL)
            cells.append(Cell(f"{where}{label}", figure))
        if part.base is not None and part.counted is not None and part.not_counted is not None:
            split = {part.counted[0]: 1, part.not_counted[0]: 1}
            layout.statements.append(_adds_up(split, part.base, f"{name}: {where}people"))
    # Where the categories' bases add up to the figure's, a reader takes it that what
    # they count does too (the figure is theirs together), where it does.
    for pick in ("base", "count", "counted", "not_counted"):
        total = getattr(found.total, pick)
        pieces = [getattr(p, pick) for p in found.by.values()]
        if total is None or not pieces or any(p is None for p in pieces):
            continue
        known = {p[0]: p[1] for p in pieces if p is not None}
        if sum(known.values()) == total[1]:
            layout.statements.append(_adds_up(known, total, f"{name}: categories add up"))
    if cells:
        layout.tables.append(Table(name, tuple(cells)))


def indicators_contribution(indicators: tuple[Indicator, ...] | list[Indicator]) -> Contribution:
    """The tables of ``indicators`` (computed ones count EIAs, not people: none)."""
    layout = Layout(KIND)
    for indicator in indicators:
        if indicator.computed is not None:
            continue
        for measurement in (indicator.baseline, indicator.target, *indicator.values):
            if measurement is not None:
                _lay_out(layout, indicator, measurement)
    return layout.done()


def contribution(repo: Repository) -> Contribution:
    return indicators_contribution(list(repo.indicators))
