"""Workforce returns as typed values: one partner's aggregate figures for one period.

A return holds counts (staff and volunteers by strand, formal casework by process,
equality training by team), never a case file or a person. ``WorkforceSettings`` is how
``eqdiv.yaml`` says they are judged (``workforce:``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eqdiv.model.categories import NOT_KNOWN
from eqdiv.model.dates import optional_day, parse_day
from eqdiv.model.findings import Location
from eqdiv.model.records import Record

# "Prefer not to say" is an answer: the person was asked and chose not to say. It is
# counted apart from `not_known` (nobody asked, or the record is blank), because only
# the second is a gap in the monitoring a partner can close.
PREFER_NOT = "prefer_not_to_say"
UNDECLARED = frozenset({NOT_KNOWN, PREFER_NOT})

# The formal processes, in the order the seed names them, and how reports name them.
PROCESSES: dict[str, str] = {
    "grievance": "Grievance",
    "disciplinary": "Disciplinary",
    "capability": "Capability",
    "harassment_bullying": "Harassment or bullying complaint",
    "discrimination": "Discrimination complaint",
}

OUTCOMES: dict[str, str] = {
    "upheld": "Upheld",
    "partly_upheld": "Partly upheld",
    "not_upheld": "Not upheld",
    "resolved": "Resolved",
    "withdrawn": "Withdrawn",
    "no_case_to_answer": "No case to answer",
    "informal_action": "Informal action",
    "warning": "Warning",
    "final_warning": "Final warning",
    "dismissal": "Dismissal",
    "other": "Other",
}

DEFAULT_COURSE = "Equality and diversity"


@dataclass(frozen=True, slots=True)
class Headcount:
    """Staff (or volunteers) at the period's end, and their profile by dimension."""

    total: int
    profile: Mapping[str, Mapping[str, int]]
    location: Location
    profile_locations: Mapping[str, Location]

    def counted(self, dimension: str) -> int:
        return sum(self.profile[dimension].values())

    def adds_up(self, dimension: str) -> bool:
        return self.counted(dimension) == self.total


@dataclass(frozen=True, slots=True)
class Process:
    """One formal process (grievance, disciplinary ...) in the period."""

    id: str
    started: int
    closed: int | None
    closed_in_time: int | None
    outcomes: Mapping[str, int]
    by_strand: Mapping[str, Mapping[str, int]]
    location: Location
    strand_locations: Mapping[str, Location]

    @property
    def label(self) -> str:
        return PROCESSES[self.id]

    def adds_up(self, dimension: str) -> bool:
        return sum(self.by_strand[dimension].values()) == self.started


@dataclass(frozen=True, slots=True)
class Training:
    """One team's equality training: how many were due, how many completed."""

    team: str
    course: str
    due: int
    completed: int
    refresher_due: date | None
    location: Location

    def refresher_overdue(self, as_of: date) -> bool:
        return self.refresher_due is not None and self.refresher_due < as_of


@dataclass(frozen=True, slots=True)
class WorkforceReturn:
    id: str
    organisation: str
    start: date
    end: date
    submitted: date | None
    prepared_by: str | None
    staff: Headcount
    volunteers: Headcount | None
    timescale: str | None
    processes: tuple[Process, ...]
    training: tuple[Training, ...]
    actions: tuple[str, ...]
    notes: str | None
    location: Location
    # Where each free-text field is, for the personal-data check (which never echoes it).
    texts: Mapping[str, tuple[str, Location]] = field(default_factory=dict)

    @classmethod
    def from_record(cls, record: Record) -> WorkforceReturn:
        d = record.data
        casework = d.get("casework", {})
        texts: dict[str, tuple[str, Location]] = {}
        for pointer, text in _texts(d):
            texts[pointer] = (text, record.location(pointer))
        return cls(
            id=record.id,
            organisation=d["organisation"],
            start=parse_day(d["start"]),
            end=parse_day(d["end"]),
            submitted=optional_day(d.get("submitted")),
            prepared_by=d.get("prepared_by"),
            staff=_headcount(record, "staff"),
            volunteers=_headcount(record, "volunteers") if "volunteers" in d else None,
            timescale=casework.get("timescale"),
            processes=tuple(
                _process(record, key, casework[key]) for key in PROCESSES if key in casework
            ),
            training=tuple(
                Training(
                    team=t["team"],
                    course=t.get("course", DEFAULT_COURSE),
                    due=t["due"],
                    completed=t["completed"],
                    refresher_due=optional_day(t.get("refresher_due")),
                    location=record.location(f"/training/{i}"),
                )
                for i, t in enumerate(d.get("training", []))
            ),
            actions=tuple(d.get("links", {}).get("actions", [])),
            notes=d.get("notes"),
            location=record.location(),
            texts=texts,
        )

    def process(self, process_id: str) -> Process | None:
        return next((p for p in self.processes if p.id == process_id), None)

    @property
    def people(self) -> int:
        """Staff and volunteers together."""
        return self.staff.total + (self.volunteers.total if self.volunteers else 0)

    def received(self, as_of: date) -> bool:
        """Whether the return is in on ``as_of``: sent by then, or (when the day it was
        sent is not recorded) its period over."""
        return (self.submitted or self.end) <= as_of

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and self.end >= first


def _headcount(record: Record, key: str) -> Headcount:
    data = record.data[key]
    profile = data.get("profile", {})
    return Headcount(
        total=data["total"],
        profile={dim: dict(counts) for dim, counts in profile.items()},
        location=record.location(f"/{key}"),
        profile_locations={
            dim: record.location(f"/{key}/profile/{dim}", key=True) for dim in profile
        },
    )


def _process(record: Record, key: str, data: Mapping[str, Any]) -> Process:
    strands = data.get("by_strand", {})
    return Process(
        id=key,
        started=data["started"],
        closed=data.get("closed"),
        closed_in_time=data.get("closed_in_time"),
        outcomes=dict(data.get("outcomes", {})),
        by_strand={dim: dict(counts) for dim, counts in strands.items()},
        location=record.location(f"/casework/{key}", key=True),
        strand_locations={
            dim: record.location(f"/casework/{key}/by_strand/{dim}", key=True) for dim in strands
        },
    )


def _texts(d: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every free-text field of a return, as (JSON pointer, text)."""
    found: list[tuple[str, str]] = []
    if "notes" in d:
        found.append(("/notes", d["notes"]))
    timescale = d.get("casework", {}).get("timescale")
    if timescale is not None:
        found.append(("/casework/timescale", timescale))
    for i, t in enumerate(d.get("training", [])):
        found.append((f"/training/{i}/team", t["team"]))
        if "course" in t:
            found.append((f"/training/{i}/course", t["course"]))
    return found


@dataclass(frozen=True, slots=True)
class WorkforceSettings:
    """``eqdiv.yaml``'s ``workforce:`` settings (defaults from domain.md)."""

    monitoring_target: float = 100.0
    monitoring_targets: Mapping[str, float] = field(default_factory=dict)
    training_target: float = 100.0
    casework_target: float = 100.0
    band: tuple[float, float] = (0.8, 1.25)
    min_group: int = 10
    min_cases: int = 5
    reference: Mapping[str, str] = field(
        default_factory=lambda: {"ethnicity": "white", "disability": "not_disabled"}
    )
    return_due_days: int = 60
    publish_staff: int = 150

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> WorkforceSettings:
        defaults = cls()
        band = data.get("likelihood_band")
        return cls(
            monitoring_target=data.get("monitoring_target", defaults.monitoring_target),
            monitoring_targets=dict(data.get("monitoring_targets", {})),
            training_target=data.get("training_target", defaults.training_target),
            casework_target=data.get("casework_target", defaults.casework_target),
            band=(band[0], band[1]) if band else defaults.band,
            min_group=data.get("min_group", defaults.min_group),
            min_cases=data.get("min_cases", defaults.min_cases),
            reference=dict(data.get("reference", defaults.reference)),
            return_due_days=data.get("return_due_days", defaults.return_due_days),
            publish_staff=data.get("publish_staff", defaults.publish_staff),
        )

    def target(self, dimension: str) -> float:
        """The monitoring target for ``dimension``, in percent."""
        return self.monitoring_targets.get(dimension, self.monitoring_target)
