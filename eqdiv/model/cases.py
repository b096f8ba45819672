"""Complaints and queries ("no wrong door") as typed values: a partner's log of cases,
each with its dates, hand-offs and outcome. Roles and dates only, never people.

A case is logged once, by the partner the person contacted first, so that no case is
counted twice across the partnership; each hand-off names the partner it went to, and
the last one owns the answer. The clock runs from the day any partner first received
it: the person asked once, whichever door they knocked on.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from eqdiv.model.dates import optional_day, parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


class Support(StrEnum):
    ALTERNATIVE_FORMAT = "alternative_format"
    INTERPRETER = "interpreter"
    ADVOCATE = "advocate"

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")


# The outcomes the Ombudsman's code names, in the order reports list them.
OUTCOMES = (
    "upheld",
    "partly_upheld",
    "not_upheld",
    "resolved",
    "withdrawn",
    "referred_to_ombudsman",
)
DISCRIMINATION = "alleged_discrimination"


@dataclass(frozen=True, slots=True)
class Handoff:
    to: str
    date: datetime.date  # the module's name: the field's shadows the type here
    accepted: datetime.date | None
    told: bool | None
    location: Location


@dataclass(frozen=True, slots=True)
class Extension:
    days: int
    agreed: date | None


@dataclass(frozen=True, slots=True)
class Case:
    ref: str
    log: str  # the id of the log it is in
    partner: str  # the partner that keeps the log
    type: str
    received: date
    first_contact: str
    channel: str | None
    handoffs: tuple[Handoff, ...]
    asked: frozenset[Support]
    provided: frozenset[Support]
    about: tuple[str, ...]
    strands: tuple[str, ...]
    stage: int
    acknowledged: date | None
    responded: date | None
    closed: date | None
    extension: Extension | None
    outcome: str | None
    ombudsman: bool
    note: str | None
    location: Location
    # Free text that may be published or printed, by JSON pointer inside the record:
    # what the personal-data check reads.
    texts: Mapping[str, str] = field(default_factory=dict)

    @property
    def owner(self) -> str:
        """The partner that owns the answer: the last hand-off's, else the first."""
        return self.handoffs[-1].to if self.handoffs else self.first_contact

    @property
    def with_owner(self) -> date | None:
        """The day the owning partner had it: the day received when the case was never
        handed off; else the day the last hand-off was accepted (for a closed case that
        does not say, the hand-off's own day). None while an open case's last hand-off
        waits to be accepted."""
        if not self.handoffs:
            return self.received
        last = self.handoffs[-1]
        if last.accepted is not None:
            return last.accepted
        return None if self.is_open else last.date

    @property
    def is_open(self) -> bool:
        return self.closed is None and self.outcome is None

    @property
    def alleges_discrimination(self) -> bool:
        return DISCRIMINATION in self.about

    def pointer(self, suffix: str = "") -> str:
        return self.location.pointer + suffix


@dataclass(frozen=True, slots=True)
class CaseLog:
    id: str
    partner: str
    period: str
    source: str | None
    cases: tuple[Case, ...]
    location: Location

    @classmethod
    def from_record(cls, record: Record) -> CaseLog:
        d = record.data
        partner = d["partner"]
        return cls(
            id=record.id,
            partner=partner,
            period=str(d["period"]),
            source=d.get("source"),
            cases=tuple(
                _case(record, i, item, partner) for i, item in enumerate(d.get("cases", []))
            ),
            location=record.location(),
        )


def _case(record: Record, index: int, d: Mapping[str, Any], partner: str) -> Case:
    at = f"/cases/{index}"
    support = d.get("support", {})
    extension = d.get("extension")
    texts = {f"{at}/note": d["note"]} if d.get("note") else {}
    if support.get("format"):
        texts[f"{at}/support/format"] = support["format"]
    return Case(
        ref=str(d["ref"]),
        log=record.id,
        partner=partner,
        type=d.get("type", "complaint"),
        received=parse_day(d["received"]),
        first_contact=d.get("first_contact", partner),
        channel=d.get("channel"),
        handoffs=tuple(
            Handoff(
                to=h["to"],
                date=parse_day(h["date"]),
                accepted=optional_day(h.get("accepted")),
                told=h.get("told"),
                location=record.location(f"{at}/handoffs/{j}"),
            )
            for j, h in enumerate(d.get("handoffs", []))
        ),
        asked=frozenset(Support(s) for s in support.get("asked", [])),
        provided=frozenset(Support(s) for s in support.get("provided", [])),
        about=tuple(d["about"]),
        strands=tuple(d.get("strands", [])),
        stage=int(d.get("stage", 1)),
        acknowledged=optional_day(d.get("acknowledged")),
        responded=optional_day(d.get("responded")),
        closed=optional_day(d.get("closed")),
        extension=None
        if extension is None
        else Extension(extension["days"], optional_day(extension.get("agreed"))),
        outcome=d.get("outcome"),
        ombudsman=bool(d.get("ombudsman", False)),
        note=d.get("note"),
        location=record.location(at),
        texts=texts,
    )
