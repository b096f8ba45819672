"""A contract or commissioning decision: who buys what from which provider, how
relevant it is to equality (decided at the start), the EIA behind it, the equality
requirements, award criteria and clauses written in, and the monitoring returns the
provider owes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record

# Value bands, lowest first: how much scrutiny a contract of medium relevance needs
# grows with its value (see ``Contract.needs_equality_terms``).
VALUE_BANDS = ("under_25k", "25k_to_100k", "100k_to_500k", "over_500k")


@dataclass(frozen=True, slots=True)
class MonitoringReturn:
    due: date
    received: date | None
    note: str | None
    location: Location

    def overdue(self, as_of: date) -> bool:
        return self.received is None and self.due < as_of


@dataclass(frozen=True, slots=True)
class Contract:
    id: str
    title: str
    reference: str | None
    partner: str
    provider: str
    owner: str | None
    value_band: str | None
    relevance: str
    eia: str | None
    requirements: tuple[str, ...]
    award_criteria: tuple[str, ...]
    clauses: tuple[str, ...]
    start: date
    end: date | None
    review: date | None
    monitoring: tuple[MonitoringReturn, ...]
    location: Location

    def in_force(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)

    @property
    def needs_equality_terms(self) -> bool:
        """Proportionate to relevance and value: every contract of high relevance, and
        one of medium relevance worth over £100,000, needs an EIA and an equality
        clause."""
        if self.relevance == "high":
            return True
        big = self.value_band in VALUE_BANDS[2:]
        return self.relevance == "medium" and big

    @classmethod
    def from_record(cls, record: Record) -> Contract:
        d = record.data
        returns = tuple(
            MonitoringReturn(
                parse_day(m["due"]),
                parse_day(m["received"]) if "received" in m else None,
                m.get("note"),
                record.location(f"/monitoring/{i}"),
            )
            for i, m in enumerate(d.get("monitoring", []))
        )
        return cls(
            id=record.id,
            title=d["title"],
            reference=d.get("reference"),
            partner=d["partner"],
            provider=d["provider"],
            owner=d.get("owner"),
            value_band=d.get("value_band"),
            relevance=d["relevance"],
            eia=d.get("eia"),
            requirements=tuple(d.get("requirements", [])),
            award_criteria=tuple(d.get("award_criteria", [])),
            clauses=tuple(d.get("clauses", [])),
            start=parse_day(d["start"]),
            end=parse_day(d["end"]) if "end" in d else None,
            review=parse_day(d["review"]) if "review" in d else None,
            monitoring=returns,
            location=record.location(),
        )
