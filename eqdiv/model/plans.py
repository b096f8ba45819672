"""Action plans and their actions, as typed values.

Due dates come in three forms (a day, a month meaning its last day, or ``ongoing`` with
a review cadence); ``Due`` keeps the form and the text as written, so nothing the author
wrote is lost when it is turned into a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from eqdiv.model.dates import (
    MONTH_NAMES,
    add_months,
    first_day,
    is_month,
    last_day,
    month_end,
    optional_day,
    parse_day,
    shift_months,
)
from eqdiv.model.findings import Location
from eqdiv.model.records import Record


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ONGOING = "ongoing"
    COMPLETE = "complete"
    DEFERRED = "deferred"
    CANCELLED = "cancelled"


# Statuses that end the chase: nothing about these actions is late or due.
CLOSED = frozenset({ActionStatus.COMPLETE, ActionStatus.CANCELLED, ActionStatus.DEFERRED})

ESLG_ELEMENTS = {
    1: "Engagement in impact/needs/requirement assessment",
    2: "Engagement in consultation with community, staff and stakeholder groups",
    3: "Development of information and monitoring systems",
    4: "Action plan for employment, pay and service delivery",
    5: "System of self-assessment, scrutiny and audit",
}
EFLG_MODULES = {
    "understanding_communities": "Understanding and working with your communities",
    "leadership_partnership": "Leadership, partnership and organisational commitment",
    "responsive_services": "Responsive services and customer care",
    "diverse_workforce": "Diverse and engaged workforce",
}


@dataclass(frozen=True, slots=True)
class Due:
    """When an action is due. ``deadline`` is the day it becomes late (a month's last
    day for a month); None for an ongoing action, which has reviews instead."""

    form: Literal["day", "month", "ongoing"]
    text: str
    deadline: date | None

    @classmethod
    def parse(cls, text: str) -> Due:
        if text == "ongoing":
            return cls("ongoing", text, None)
        return cls("month" if is_month(text) else "day", text, last_day(text))


# Months between reviews for each named cadence.
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "annually": 12}


@dataclass(frozen=True, slots=True)
class Review:
    """How an ongoing action is reviewed: a named cadence or a list of months.

    A cadence of months (the seed's team meetings in July, October and January) puts
    each review at the end of its month, as month-precision dates are everywhere else;
    a named cadence steps from ``next`` by whole months.
    """

    cadence: str | tuple[str, ...]
    next: date

    @property
    def cadence_text(self) -> str:
        if isinstance(self.cadence, str):
            return self.cadence
        return ", ".join(self.cadence)

    def following(self) -> date:
        """The review after ``next``: what ``next`` becomes once that review is held."""
        if isinstance(self.cadence, str):
            return shift_months(self.next, CADENCE_MONTHS[self.cadence])
        return self._named_month_end(self.next, first_step=1)

    def upcoming(self, day: date) -> date:
        """The first review in the cadence on or after ``day``: ``next`` while it is still
        ahead; for a missed review, the next one the cadence sets (the next team meeting)."""
        if day <= self.next:
            return self.next
        if isinstance(self.cadence, tuple):
            return self._named_month_end(day, first_step=0)
        step = CADENCE_MONTHS[self.cadence]
        # Count from ``next`` each time, so a 31st that became a 28th recovers; start
        # near the answer, so a review missed for years costs no more than one missed
        # last month.
        months = (day.year - self.next.year) * 12 + day.month - self.next.month
        k = max(1, months // step - 1)
        while (candidate := shift_months(self.next, k * step)) < day:
            k += 1
        return candidate

    def _named_month_end(self, day: date, first_step: int) -> date:
        for step in range(first_step, first_step + 12):
            year, month = add_months(day.year, day.month, step)
            if MONTH_NAMES[month - 1] in self.cadence:
                return month_end(year, month)
        raise ValueError(f"a review cadence names no month: {self.cadence!r}")


@dataclass(frozen=True, slots=True)
class Update:
    date: date
    by: str
    note: str
    location: Location


@dataclass(frozen=True, slots=True)
class Action:
    plan: str
    id: str
    element: int | str | None  # None: a flat plan's action, under no element
    text: str
    owners: tuple[str, ...]
    due: Due | None
    status: ActionStatus
    start: date | None
    review: Review | None
    completed: date | None
    updates: tuple[Update, ...]
    eias: tuple[str, ...]
    consultations: tuple[str, ...]
    due_text: str | None
    location: Location
    # When it was added to the plan, if after the plan was approved (last, with a
    # default, so code that builds actions by hand need not know of it).
    added: date | None = None

    @property
    def ref(self) -> str:
        """How other records point at this action: ``PLAN/ACTION``."""
        return f"{self.plan}/{self.id}"

    @property
    def is_open(self) -> bool:
        """Still to be done (not complete, cancelled or deferred): something to chase."""
        return self.status not in CLOSED

    @property
    def last_update(self) -> Update | None:
        return max(self.updates, key=lambda u: u.date) if self.updates else None


@dataclass(frozen=True, slots=True)
class ActionPlan:
    id: str
    title: str
    service: str | None
    organisation: str | None
    owner: str
    framework: str
    period_start: date | None
    period_end: date | None
    approved: date | None
    summary: str | None
    actions: tuple[Action, ...]
    location: Location

    @classmethod
    def from_record(cls, record: Record) -> ActionPlan:
        data = record.data
        period = data.get("period", {})
        return cls(
            id=record.id,
            title=data["title"],
            service=data.get("service"),
            organisation=data.get("organisation"),
            owner=data["owner"],
            framework=data["framework"],
            period_start=optional_day(period.get("start")),
            period_end=optional_day(period.get("end")),
            approved=optional_day(data.get("approved")),
            summary=data.get("summary"),
            actions=tuple(_action(record, i, item) for i, item in enumerate(data["actions"])),
            location=record.location(),
        )

    def element_title(self, element: int | str | None) -> str:
        if element is None:
            return "Not under a framework element"
        if self.framework == "eslg-2007" and isinstance(element, int):
            return ESLG_ELEMENTS.get(element, str(element))
        return EFLG_MODULES.get(str(element), str(element))


def _action(record: Record, index: int, data: dict[str, Any]) -> Action:
    pointer = f"/actions/{index}"
    review = data.get("review")
    links = data.get("links", {})
    cadence = review["cadence"] if review else None
    return Action(
        plan=record.id,
        id=data["id"],
        element=data.get("element"),
        text=data["text"],
        owners=tuple(data["owners"]),
        due=Due.parse(data["due"]) if "due" in data else None,
        status=ActionStatus(data["status"]),
        start=first_day(data["start"]) if "start" in data else None,
        added=optional_day(data.get("added")),
        review=Review(
            cadence=tuple(cadence) if isinstance(cadence, list) else cadence,
            next=parse_day(review["next"]),
        )
        if review and cadence is not None
        else None,
        completed=optional_day(data.get("completed")),
        updates=tuple(
            Update(
                date=parse_day(u["date"]),
                by=u["by"],
                note=u["note"],
                location=record.location(f"{pointer}/updates/{j}"),
            )
            for j, u in enumerate(data.get("updates", []))
        ),
        eias=tuple(links.get("eias", [])),
        consultations=tuple(links.get("consultations", [])),
        due_text=data.get("due_text"),
        location=record.location(pointer),
    )
