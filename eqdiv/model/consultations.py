"""Consultation and involvement logs as typed values: counts, never names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from eqdiv.model.categories import NOT_KNOWN
from eqdiv.model.dates import optional_day, parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record

__all__ = ["NOT_KNOWN", "Consultation"]


@dataclass(frozen=True, slots=True)
class Consultation:
    id: str
    title: str
    organisation: str | None
    partners: tuple[str, ...]  # other partners that ran it jointly
    lead: str | None
    start: date
    end: date
    methods: tuple[str, ...]
    purpose: str | None
    about_impacts: bool
    targeted: tuple[str, ...]
    participants: int
    profile: Mapping[str, Mapping[str, int]]
    accessible_formats: tuple[str, ...]
    said: tuple[str, ...]
    done: tuple[str, ...]
    eias: tuple[str, ...]
    actions: tuple[str, ...]
    location: Location
    # Where each dimension of the profile is, for messages about its figures.
    profile_locations: Mapping[str, Location]

    @classmethod
    def from_record(cls, record: Record) -> Consultation:
        d = record.data
        start = parse_day(d["start"])
        links = d.get("links", {})
        participants = d["participants"]
        return cls(
            id=record.id,
            title=d["title"],
            organisation=d.get("organisation"),
            partners=tuple(d.get("partners", [])),
            lead=d.get("lead"),
            start=start,
            end=optional_day(d.get("end")) or start,
            methods=tuple(d["methods"]),
            purpose=d.get("purpose"),
            about_impacts=bool(d.get("about_impacts", False)),
            targeted=tuple(d.get("targeted", [])),
            participants=participants["total"],
            profile={dim: dict(counts) for dim, counts in participants.get("profile", {}).items()},
            accessible_formats=tuple(d.get("accessible_formats", [])),
            said=tuple(d.get("said", [])),
            done=tuple(d.get("done", [])),
            eias=tuple(links.get("eias", [])),
            actions=tuple(links.get("actions", [])),
            location=record.location(),
            profile_locations={
                dim: record.location(f"/participants/profile/{dim}", key=True)
                for dim in participants.get("profile", {})
            },
        )

    def counted(self, dimension: str) -> int:
        """How many people the profile counts for ``dimension`` (``not_known`` too)."""
        return sum(self.profile[dimension].values())

    def adds_up(self, dimension: str) -> bool:
        """Whether the ``dimension`` profile counts everyone who took part, no more."""
        return self.counted(dimension) == self.participants

    def active_on(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the activity ran at any time from ``first`` to ``last`` inclusive."""
        return self.start <= last and self.end >= first
