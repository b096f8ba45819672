"""Equality Impact Assessments as typed values: every field the quality rubric reads.

Most fields are optional: a draft or a thin EIA is still a valid record. How complete it
is, is for the rubric (``eqdiv.eia``) to judge, not the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.model.dates import optional_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class Evidence:
    source: str
    type: str
    date: str | None
    summary: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Gap:
    gap: str
    action: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Engagement:
    consultation: str | None
    groups: tuple[str, ...]
    about_impacts: bool
    summary: str
    location: Location


@dataclass(frozen=True, slots=True)
class Impact:
    group: str
    rating: str
    rationale: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Mitigation:
    group: str
    measure: str | None
    action: str | None
    justification: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class SignOff:
    """A dated act by someone: sign-off, quality assurance, a review."""

    by: str
    date: date
    note: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Eia:
    id: str
    title: str
    service: str | None
    organisation: str | None
    author: str
    proposal: str
    aims: str | None
    affected: tuple[str, ...]
    decision_maker: str | None
    decision_date: date | None
    started: date | None
    screening: str | None
    screening_rationale: str | None
    screening_date: date | None
    evidence: tuple[Evidence, ...]
    gaps: tuple[Gap, ...]
    engagement: tuple[Engagement, ...]
    engagement_none_reason: str | None
    impacts: tuple[Impact, ...]
    psed: dict[str, str]
    intersectional: str | None
    cumulative_note: str | None
    related: tuple[str, ...]
    mitigation: tuple[Mitigation, ...]
    outcome: str | None
    outcome_justification: str | None
    monitoring_measures: tuple[str, ...]
    review_date: date | None
    review_owner: str | None
    signoff: SignOff | None
    qa: SignOff | None
    published: date | None
    published_where: str | None
    reviews: tuple[SignOff, ...]
    location: Location

    @property
    def screened_out(self) -> bool:
        return self.screening == "screened_out"

    def impact(self, group: str) -> Impact | None:
        return next((i for i in self.impacts if i.group == group), None)

    @property
    def negative_groups(self) -> tuple[str, ...]:
        return tuple(i.group for i in self.impacts if i.rating == "negative")

    @classmethod
    def from_record(cls, record: Record) -> Eia:
        d = record.data
        at = record.location
        decision = d.get("decision", {})
        screening = d.get("screening", {})
        engagement = d.get("engagement", {})
        cumulative = d.get("cumulative", {})
        outcome = d.get("outcome", {})
        monitoring = d.get("monitoring", {})
        published = d.get("published", {})
        return cls(
            id=record.id,
            title=d["title"],
            service=d.get("service"),
            organisation=d.get("organisation"),
            author=d["author"],
            proposal=d["proposal"],
            aims=d.get("aims"),
            affected=tuple(d.get("affected", [])),
            decision_maker=decision.get("maker"),
            decision_date=optional_day(decision.get("date")),
            started=optional_day(d.get("started")),
            screening=screening.get("decision"),
            screening_rationale=screening.get("rationale"),
            screening_date=optional_day(screening.get("date")),
            evidence=tuple(
                Evidence(
                    e["source"],
                    e["type"],
                    str(e["date"]) if "date" in e else None,
                    e.get("summary"),
                    at(f"/evidence/{i}"),
                )
                for i, e in enumerate(d.get("evidence", []))
            ),
            gaps=tuple(
                Gap(g["gap"], g.get("action"), at(f"/gaps/{i}"))
                for i, g in enumerate(d.get("gaps", []))
            ),
            engagement=tuple(
                Engagement(
                    consultation=a.get("consultation"),
                    groups=tuple(a.get("groups", [])),
                    about_impacts=bool(a.get("about_impacts", False)),
                    summary=a["summary"],
                    location=at(f"/engagement/activities/{i}"),
                )
                for i, a in enumerate(engagement.get("activities", []))
            ),
            engagement_none_reason=engagement.get("none_reason"),
            impacts=tuple(
                Impact(group, i["rating"], i.get("rationale"), at(f"/impacts/{group}"))
                for group, i in d.get("impacts", {}).items()
            ),
            psed=dict(d.get("psed", {})),
            intersectional=d.get("intersectional"),
            cumulative_note=cumulative.get("note"),
            related=tuple(cumulative.get("related", [])),
            mitigation=tuple(
                Mitigation(
                    m["strand"],
                    m.get("measure"),
                    m.get("action"),
                    m.get("justification"),
                    at(f"/mitigation/{i}"),
                )
                for i, m in enumerate(d.get("mitigation", []))
            ),
            outcome=outcome.get("decision"),
            outcome_justification=outcome.get("justification"),
            monitoring_measures=tuple(monitoring.get("measures", [])),
            review_date=optional_day(monitoring.get("review_date")),
            review_owner=monitoring.get("review_owner"),
            signoff=_signed(record, "/signoff", d.get("signoff")),
            qa=_signed(record, "/qa", d.get("qa"), "notes"),
            published=optional_day(published.get("date")),
            published_where=published.get("where"),
            reviews=tuple(
                SignOff(r["by"], date.fromisoformat(r["date"]), r["note"], at(f"/reviews/{i}"))
                for i, r in enumerate(d.get("reviews", []))
            ),
            location=record.location(),
        )


def _signed(
    record: Record, pointer: str, data: dict[str, Any] | None, note: str = "note"
) -> SignOff | None:
    if not data:
        return None
    return SignOff(
        data["by"], date.fromisoformat(data["date"]), data.get(note), record.location(pointer)
    )
