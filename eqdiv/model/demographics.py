"""The area's population profile: the baseline consultation reach is judged against."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import optional_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    label: str
    universe: str | None
    categories: Mapping[str, int]
    location: Location

    @property
    def total(self) -> int:
        return sum(self.categories.values())


@dataclass(frozen=True, slots=True)
class Demographics:
    id: str
    area: str
    source: str
    date: date | None
    note: str | None
    dimensions: Mapping[str, Dimension]
    location: Location

    @classmethod
    def from_record(cls, record: Record) -> Demographics:
        d = record.data
        return cls(
            id=record.id,
            area=d["area"],
            source=d["source"],
            date=optional_day(d.get("date")),
            note=d.get("note"),
            dimensions={
                key: Dimension(
                    id=key,
                    label=dim.get("label", key.replace("_", " ").capitalize()),
                    universe=dim.get("universe"),
                    categories=dict(dim["categories"]),
                    location=record.location(f"/dimensions/{key}"),
                )
                for key, dim in d["dimensions"].items()
            },
            location=record.location(),
        )
