"""An information sharing agreement between partners: who shares, why, what, on what
lawful basis, for how long, who signed it for each party and when, and when it is next
reviewed (the seed's "information sharing protocols"; the ICO's Data Sharing Code of
Practice today)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import optional_day, parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class Signature:
    partner: str
    role: str
    date: date
    location: Location


@dataclass(frozen=True, slots=True)
class SharingAgreement:
    id: str
    title: str
    reference: str | None
    parties: tuple[str, ...]
    purpose: str
    data: tuple[str, ...]
    lawful_basis: str
    retention: str
    owner: str | None
    signatures: tuple[Signature, ...]
    review: date
    end: date | None
    location: Location

    def covers(self, first: str, second: str) -> bool:
        return first in self.parties and second in self.parties

    def ended(self, on: date) -> bool:
        return self.end is not None and self.end < on

    def unsigned(self) -> tuple[str, ...]:
        """The parties with no signature."""
        signed = {s.partner for s in self.signatures}
        return tuple(p for p in self.parties if p not in signed)

    @classmethod
    def from_record(cls, record: Record) -> SharingAgreement:
        d = record.data
        return cls(
            id=record.id,
            title=d["title"],
            reference=d.get("reference"),
            parties=tuple(d["parties"]),
            purpose=d["purpose"],
            data=tuple(d["data"]),
            lawful_basis=d["lawful_basis"],
            retention=d["retention"],
            owner=d.get("owner"),
            signatures=tuple(
                Signature(
                    s["partner"], s["role"], parse_day(s["date"]), record.location(f"/signed/{i}")
                )
                for i, s in enumerate(d.get("signed", []))
            ),
            review=parse_day(d["review"]),
            end=optional_day(d.get("end")),
            location=record.location(),
        )
