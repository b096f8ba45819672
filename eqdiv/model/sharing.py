"""An information sharing agreement between partners: who shares, why, what, on what
lawful basis, for how long, who signed it for each party and when, and when it is next
reviewed (the seed's "information sharing protocols"; the ICO's Data Sharing Code of
Practice today)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from eqdiv.model.cases import Case
from eqdiv.model.consultations import Consultation
from eqdiv.model.dates import optional_day, parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class Exchange:
    """One piece of work passed between two partners, so information went with it: a
    case handed off, or a consultation run together."""

    pair: tuple[str, str]  # the two partner ids, in alphabetical order
    day: date
    what: str  # "case hand-off", "joint consultation"
    location: Location  # a consultation's is by pointer only: locate it to get its line
    record: str  # the case log's or the consultation's id


@dataclass(frozen=True, slots=True)
class JointWork:
    """What a consultation says about the partners that ran it: all that ``exchanges``
    reads of it (the facts kept for each file hold this, so the sharing check need not
    build every consultation)."""

    id: str
    organisation: str | None
    partners: tuple[str, ...]
    start: date
    location: Location
    # Where each partner is named, with its line (for work kept as facts, whose record
    # is not at hand to locate them); empty: located by pointer from ``location``.
    places: tuple[Location, ...] = ()

    @classmethod
    def of(cls, c: Consultation) -> JointWork:
        return cls(c.id, c.organisation, c.partners, c.start, c.location)


def exchanges(
    cases: Iterable[Case],
    consultations: Iterable[Consultation | JointWork],
    since: date,
    until: date,
) -> list[Exchange]:
    """Work passed between partners after ``since`` and up to ``until``."""
    found: list[Exchange] = []
    for case in cases:
        holder = case.first_contact
        for handoff in case.handoffs:
            if holder != handoff.to and since < handoff.date <= until:
                pair = (min(holder, handoff.to), max(holder, handoff.to))
                found.append(
                    Exchange(pair, handoff.date, "case hand-off", handoff.location, case.log)
                )
            holder = handoff.to
    for c in consultations:
        if c.organisation is None or not (since < c.start <= until):
            continue
        for i, partner in enumerate(c.partners):
            if partner != c.organisation:
                pair = (min(partner, c.organisation), max(partner, c.organisation))
                places = c.places if isinstance(c, JointWork) else ()
                at = places[i] if places else Location(c.location.path, pointer=f"/partners/{i}")
                found.append(Exchange(pair, c.start, "joint consultation", at, c.id))
    return found


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
