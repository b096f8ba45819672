"""Evidence of a positive outcome: a short anonymised account of what changed (and,
where it was measured, the change), for which groups, what it evidences (objectives,
actions, indicators), and who vouches for it and when."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from eqdiv.model.dates import parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class MeasuredChange:
    measure: str
    before: float
    after: float
    unit: str | None

    def words(self) -> str:
        """``Fathers at home visits each month: from 2 to 9``."""
        suffix = {"percent": "%", "days": " days"}.get(self.unit or "", "")
        return f"{self.measure}: from {self.before:g}{suffix} to {self.after:g}{suffix}"


@dataclass(frozen=True, slots=True)
class OutcomeEvidence:
    id: str
    title: str
    date: datetime.date
    account: str
    change: MeasuredChange | None
    groups: tuple[str, ...]
    objectives: tuple[str, ...]
    actions: tuple[str, ...]
    indicators: tuple[str, ...]
    vouched_by: str
    vouched_on: datetime.date
    source: str | None
    location: Location
    # Free text that may be published, by JSON pointer: what the personal-data check reads.
    texts: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_record(cls, record: Record) -> OutcomeEvidence:
        d = record.data
        links = d["evidences"]
        change = d.get("change")
        texts = {f"/{k}": d[k] for k in ("title", "account", "source", "notes") if k in d}
        if change is not None:
            texts["/change/measure"] = change["measure"]
        return cls(
            id=record.id,
            title=d["title"],
            date=parse_day(d["date"]),
            account=d["account"],
            change=None
            if change is None
            else MeasuredChange(
                change["measure"], change["before"], change["after"], change.get("unit")
            ),
            groups=tuple(d.get("groups", [])),
            objectives=tuple(links.get("objectives", [])),
            actions=tuple(links.get("actions", [])),
            indicators=tuple(links.get("indicators", [])),
            vouched_by=d["vouched"]["by"],
            vouched_on=parse_day(d["vouched"]["date"]),
            source=d.get("source"),
            location=record.location(),
            texts=texts,
        )
