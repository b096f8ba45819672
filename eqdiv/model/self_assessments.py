"""A self-assessment against an equality framework: criterion by criterion, the claim,
the evidence for it (records by id, or documents), the gaps and the actions that close
them, and any peer or scrutiny view of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class Evidence:
    record: str | None
    document: str | None
    link: str | None
    note: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Claim:
    criterion: str
    claim: str
    evidence: tuple[Evidence, ...]
    gaps: tuple[str, ...]
    actions: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class View:
    by: str
    date: date
    agrees: bool | None
    summary: str


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    id: str
    framework: str
    date: date
    target: str | None
    assessor: str | None
    scope: tuple[str, ...]
    summary: str | None
    claims: tuple[Claim, ...]
    views: tuple[View, ...]
    location: Location

    def claim(self, criterion: str) -> Claim | None:
        return next((c for c in self.claims if c.criterion == criterion), None)

    @classmethod
    def from_record(cls, record: Record) -> SelfAssessment:
        d = record.data
        claims = tuple(
            Claim(
                criterion=c["criterion"],
                claim=c["claim"],
                evidence=tuple(
                    Evidence(
                        e.get("record"),
                        e.get("document"),
                        e.get("link"),
                        e.get("note"),
                        record.location(f"/criteria/{i}/evidence/{j}"),
                    )
                    for j, e in enumerate(c.get("evidence", []))
                ),
                gaps=tuple(c.get("gaps", [])),
                actions=tuple(c.get("actions", [])),
                location=record.location(f"/criteria/{i}"),
            )
            for i, c in enumerate(d["criteria"])
        )
        views = tuple(
            View(v["by"], parse_day(v["date"]), v.get("agrees"), v["summary"])
            for v in d.get("views", [])
        )
        return cls(
            id=record.id,
            framework=d["framework"],
            date=parse_day(d["date"]),
            target=d.get("target"),
            assessor=d.get("assessor"),
            scope=tuple(d.get("scope", [])),
            summary=d.get("summary"),
            claims=claims,
            views=views,
            location=record.location(),
        )
