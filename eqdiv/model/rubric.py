"""The EIA quality rubric as a typed value: criteria, grades, gates, and which criteria
each kind of EIA is judged on.

The rubric is data (eqdiv ships one; a partnership may replace it), but how each
criterion reads an EIA is code: a criterion names one of eqdiv's rules. Whether the
parts refer to each other correctly (a gate naming a real criterion, grades rising) is
checked by ``eqdiv.eia.rubric_problems``, not here: this only mirrors the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from eqdiv.model.findings import Location
from eqdiv.model.records import Record

MAX_POINTS = 2  # every criterion scores 0, 1 or 2; its weight scales that
FULL = "full_assessment"
SCREENED_OUT = "screened_out"


@lru_cache(maxsize=256)  # a rubric has a dozen weights and bands, read for every EIA
def exact(value: float) -> Fraction:
    """A weight or a band's percentage as the decimal the rubric wrote: 0.1 is one tenth,
    not the binary float nearest to it, so points are added and bands compared exactly."""
    return Fraction(repr(value))


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    title: str
    rule: str
    reads: tuple[str, ...] | None
    weight: float
    question: str | None
    levels: tuple[str, str, str]  # what 0, 1 and 2 points mean
    location: Location

    @property
    def maximum(self) -> float:
        return MAX_POINTS * self.weight


@dataclass(frozen=True, slots=True)
class Grade:
    """A grade band: ``rank`` 0 is the lowest."""

    name: str
    rank: int
    minimum: float  # the lowest percentage that earns it
    meaning: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Gate:
    criterion: str
    at_most: int
    cap: str
    why: str | None
    location: Location

    def fires(self, points: int) -> bool:
        return points <= self.at_most


@dataclass(frozen=True, slots=True)
class Rubric:
    id: str
    title: str
    description: str | None
    based_on: tuple[str, ...]
    criteria: Mapping[str, Criterion]  # in the order the file gives them
    grades: tuple[Grade, ...]  # in the order the file gives them (lowest first)
    gates: tuple[Gate, ...]
    scored_on: Mapping[str, tuple[str, ...]]  # screening decision -> criterion ids
    location: Location
    shipped: bool = False  # eqdiv's own, rather than the partnership's

    @classmethod
    def from_record(cls, record: Record) -> Rubric:
        data = record.data
        at = record.location
        criteria = {
            cid: _criterion(cid, item, at(f"/criteria/{cid}"))
            for cid, item in data["criteria"].items()
        }
        grades = tuple(
            Grade(g["name"], rank, float(g["from"]), g.get("meaning"), at(f"/grades/{rank}"))
            for rank, g in enumerate(data["grades"])
        )
        gates = tuple(
            Gate(g["criterion"], g.get("at_most", 0), g["cap"], g.get("why"), at(f"/gates/{i}"))
            for i, g in enumerate(data.get("gates", []))
        )
        scored_on = {part: tuple(ids) for part, ids in data["scored_on"].items()}
        return cls(
            id=record.id,
            title=data["title"],
            description=data.get("description"),
            based_on=tuple(data.get("based_on", [])),
            criteria=criteria,
            grades=grades,
            gates=gates,
            scored_on=scored_on,
            location=record.location(),
        )

    def grade_named(self, name: str) -> Grade | None:
        """The grade called ``name``, whatever its capitals."""
        folded = name.strip().casefold()
        return next((g for g in self.grades if g.name.casefold() == folded), None)

    def grade_for(self, percentage: Fraction | float) -> Grade:
        """The highest grade whose band starts at or below ``percentage``. Pass the exact
        fraction (see ``exact``): a float sum of weights such as 0.1 can fall a hair
        short of a band it reaches."""
        reached = [g for g in self.grades if exact(g.minimum) <= percentage]
        return max(reached, key=lambda g: g.rank) if reached else self.grades[0]

    def criteria_for(self, screened_out: bool) -> tuple[Criterion, ...]:
        """The criteria an EIA is judged on: the short list if it was screened out."""
        ids = self.scored_on[SCREENED_OUT if screened_out else FULL]
        return tuple(self.criteria[cid] for cid in ids)


def _criterion(cid: str, data: Mapping[str, Any], location: Location) -> Criterion:
    levels = data["levels"]
    reads = data.get("reads")
    return Criterion(
        id=cid,
        title=data["title"],
        rule=data["rule"],
        reads=tuple(reads) if reads is not None else None,
        weight=float(data.get("weight", 1)),
        question=data.get("question"),
        levels=(levels["0"], levels["1"], levels["2"]),
        location=location,
    )
