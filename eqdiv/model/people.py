"""The people directory: owners by short id, with roles (never personal details)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import optional_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    role: str
    team: str | None
    organisation: str | None
    left: date | None
    location: Location

    @property
    def label(self) -> str:
        """How outputs name someone: their role, with the short id to look it up."""
        return f"{self.role} ({self.id})"


@dataclass(frozen=True, slots=True)
class PeopleDirectory:
    id: str
    people: tuple[Person, ...]
    location: Location

    @classmethod
    def from_record(cls, record: Record) -> PeopleDirectory:
        return cls(
            id=record.id,
            people=tuple(
                Person(
                    id=p["id"],
                    role=p["role"],
                    team=p.get("team"),
                    organisation=p.get("organisation"),
                    left=optional_day(p.get("left")),
                    location=record.location(f"/people/{i}"),
                )
                for i, p in enumerate(record.data["people"])
            ),
            location=record.location(),
        )
