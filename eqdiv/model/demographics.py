"""The area's population profile: the baseline consultation reach is judged against."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import optional_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record

# When each census's first results were published in England and Wales: a profile is
# current when it is from the latest census published by the day it is judged on.
CENSUS_RELEASES = ((2001, date(2002, 9, 30)), (2011, date(2012, 7, 16)), (2021, date(2022, 6, 28)))


def latest_census(on: date) -> tuple[int, date] | None:
    """The latest census whose first results were out by ``on``: its year and that day."""
    out = [(year, day) for year, day in CENSUS_RELEASES if day <= on]
    return out[-1] if out else None


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
