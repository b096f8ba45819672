"""Indicators: the measures a partnership judges its success by (National Indicators,
local targets), with a baseline, a target and values by period.

Periods stay as written (``2007-Q2``, ``2007/08``): what days they cover depends on
the partnership's year start, which ``eqdiv.model.periods`` applies where they are used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from eqdiv.model.findings import Location
from eqdiv.model.records import Record

Unit = Literal["percent", "people", "number", "score", "days"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One category's figure in a breakdown: its value and the people it is over."""

    value: float
    base: int | None


@dataclass(frozen=True, slots=True)
class Measurement:
    """A figure for a period: a value, a baseline or a target. ``base`` is how many
    people the figure is about; ``by`` breaks it down by category."""

    period: str
    value: float
    base: int | None
    note: str | None
    location: Location
    by: Mapping[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Computed:
    """A figure eqdiv works out from the records: ``eia_grade`` is the share of EIAs
    signed off in a period whose grade is at least ``at_least``."""

    measure: str
    at_least: str
    location: Location


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    title: str
    reference: str | None
    description: str | None
    source: str
    owner: str | None
    unit: Unit
    better: Literal["higher", "lower"]
    breakdown: str | None
    baseline: Measurement | None
    target: Measurement | None
    values: tuple[Measurement, ...]
    computed: Computed | None
    location: Location

    @property
    def counts_people(self) -> bool:
        """Whether a value is a number of people, so small ones are suppressed."""
        return self.unit == "people"

    @classmethod
    def from_record(cls, record: Record) -> Indicator:
        d = record.data
        computed = d.get("computed")
        return cls(
            id=record.id,
            title=d["title"],
            reference=d.get("reference"),
            description=d.get("description"),
            source=d["source"],
            owner=d.get("owner"),
            unit=d["unit"],
            better=d["better"],
            breakdown=d.get("breakdown"),
            baseline=_measurement(record, "/baseline", d.get("baseline")),
            target=_measurement(record, "/target", d.get("target")),
            values=tuple(
                _value(record, f"/values/{i}", v) for i, v in enumerate(d.get("values", []))
            ),
            computed=None
            if computed is None
            else Computed(computed["measure"], computed["at_least"], record.location("/computed")),
            location=record.location(),
        )


def _measurement(
    record: Record, pointer: str, data: Mapping[str, Any] | None
) -> Measurement | None:
    return None if data is None else _value(record, pointer, data)


def _value(record: Record, pointer: str, data: Mapping[str, Any]) -> Measurement:
    return Measurement(
        period=str(data["period"]),  # a year may be written as a bare number
        value=data["value"],
        base=data.get("base"),
        note=data.get("note"),
        location=record.location(pointer),
        by={k: Figure(v["value"], v.get("base")) for k, v in data.get("by", {}).items()},
    )
