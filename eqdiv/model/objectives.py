"""Equality objectives: what a partnership publishes it will achieve over a cycle of up
to four years, the aims of the equality duty each serves, and what measures it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import optional_day, parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record

# The three aims of the Public Sector Equality Duty (Equality Act 2010, s.149), in the
# order the Act gives them, with the words reports use for each.
PSED_AIMS = {
    "eliminate_discrimination": "Eliminating discrimination, harassment and victimisation",
    "advance_equality": "Advancing equality of opportunity",
    "good_relations": "Fostering good relations",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """Evidence of a positive outcome for people or communities."""

    date: date
    note: str
    source: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    title: str
    statement: str
    psed_aims: tuple[str, ...]
    groups: tuple[str, ...]
    owner: str | None
    start: date
    end: date
    published: date | None
    measures: tuple[str, ...]
    indicators: tuple[str, ...]
    actions: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    location: Location

    @classmethod
    def from_record(cls, record: Record) -> Objective:
        d = record.data
        return cls(
            id=record.id,
            title=d["title"],
            statement=d["statement"],
            psed_aims=tuple(d["psed_aims"]),
            groups=tuple(d.get("groups", [])),
            owner=d.get("owner"),
            start=parse_day(d["period"]["start"]),
            end=parse_day(d["period"]["end"]),
            published=optional_day(d.get("published")),
            measures=tuple(d.get("measures", [])),
            indicators=tuple(d.get("indicators", [])),
            actions=tuple(d.get("actions", [])),
            outcomes=tuple(
                Outcome(
                    parse_day(o["date"]),
                    o["note"],
                    o.get("source"),
                    record.location(f"/outcomes/{i}"),
                )
                for i, o in enumerate(d.get("outcomes", []))
            ),
            location=record.location(),
        )
