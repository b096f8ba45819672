"""The small pieces every report section is made of, as typed views (``ViewModel``):
days, periods, counts of people (always suppressed), red/amber/green ratings and
actions.

Reports are rendered from these values by templates, which only display them: each
figure a template shows is here, already in words where words are needed, so every
format says the same thing and a partnership's own template can too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypedDict

from eqdiv.actions.listing import Owner
from eqdiv.actions.state import ActionState
from eqdiv.actions.words import due_words, state_words
from eqdiv.figures.suppression import Shown
from eqdiv.model.blocks import join_words
from eqdiv.model.dates import MONTH_NAMES
from eqdiv.model.periods import Period
from eqdiv.model.plans import ActionPlan
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class Day(ViewModel):
    iso: str  # 2007-10-15
    text: str  # 15 October 2007


@dataclass(frozen=True, slots=True)
class PeriodView(ViewModel):
    label: str
    long: str
    short: str
    months: str
    start: Day
    end: Day
    complete: bool
    so_far: Day | None


@dataclass(frozen=True, slots=True)
class Count(ViewModel):
    """A published count of people: ``value`` is None when it is hidden."""

    value: int | None
    text: str
    hidden: str | None


@dataclass(frozen=True, slots=True)
class RagView(ViewModel):
    key: str
    word: str
    reason: str


def day_text(day: date) -> str:
    """``15 October 2007``: how a published document writes a date."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def day(value: date) -> Day:
    """A date as ``{"iso": "2007-10-15", "text": "15 October 2007"}``."""
    return Day(value.isoformat(), day_text(value))


def maybe_day(value: date | None) -> Day | None:
    """``day``, or None for no date."""
    return None if value is None else Day(value.isoformat(), day_text(value))


def month_span(start: date, end: date) -> str:
    """``July to September 2007``; ``April 2007 to March 2008``."""
    first, last = MONTH_NAMES[start.month - 1], MONTH_NAMES[end.month - 1]
    if start.year == end.year:
        return first if start.month == end.month else f"{first} to {last} {end.year}"
    return f"{first} {start.year} to {last} {end.year}"


def short_label(period: Period) -> str:
    """``2007/08 Q2``: a period's name without its months."""
    return period.label.split(" (")[0]


def period_view(period: Period, as_of: date) -> PeriodView:
    """A reporting period: ``label`` as eqdiv names it everywhere (``2007/08 Q2 (July
    to September 2007)``, ``2007/08``), ``long`` (the label with its months, for a year
    too), ``short`` (``2007/08 Q2``), ``months`` (``July to September 2007``), its first
    and last days, and whether it is ``complete`` on ``as_of`` (when it is not,
    ``so_far`` says up to when the report sees)."""
    complete = period.end <= as_of
    months = month_span(period.start, period.end)
    return PeriodView(
        label=period.label,
        long=period.label if "(" in period.label else f"{period.label} ({months})",
        short=short_label(period),
        months=months,
        start=day(period.start),
        end=day(period.end),
        complete=complete,
        so_far=None if complete else day(as_of),
    )


def shown(count: Shown, threshold: int) -> Count:
    """A published count of people: ``value`` is None when it is hidden, ``text`` is
    what to print (``610``, ``fewer than 10``, ``hidden``)."""
    return Count(
        count.exact(),
        count.text(threshold),
        None if count.hidden is None else count.hidden.value,
    )


class Rag(StrEnum):
    """Red, amber, green: always written in words as well as shown in colour."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NONE = "none"


_RAG_WORDS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green", Rag.NONE: "Not rated"}
_RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NONE]


def rag(key: Rag, reason: str) -> RagView:
    """``{"key": "red", "word": "Red", "reason": "1 action late: 2b."}``."""
    return RagView(key.value, _RAG_WORDS[key], reason)


def worst(*ratings: Rag) -> Rag:
    """The most urgent rating (red before amber before green); NONE if nothing."""
    return min(ratings, key=_RAG_ORDER.index, default=Rag.NONE)


@dataclass(frozen=True, slots=True)
class ElementRef(ViewModel):
    id: int | str | None  # None: a flat plan's action, under no element
    title: str


@dataclass(frozen=True, slots=True)
class StateView(ViewModel):
    key: str
    label: str
    words: str  # overdue, 76 days late
    group: str  # the report group (context.GROUPS)


class ActionFields(TypedDict):
    """An ``ActionView``'s fields, for views that add to it (``SlippedAction``)."""

    ref: str
    plan: str
    id: str
    name: str
    element: ElementRef
    text: str
    owners: str
    status: str
    state: StateView
    when: str
    date: Day | None
    days_late: int | None
    days_left: int | None
    location: str


@dataclass(frozen=True, slots=True)
class ActionView(ViewModel):
    """An action as reports show it (the fields of ``ActionFields``)."""

    ref: str
    plan: str
    id: str
    name: str
    element: ElementRef
    text: str
    owners: str
    status: str
    state: StateView
    when: str
    date: Day | None
    days_late: int | None
    days_left: int | None
    location: str


def action_fields(
    item: ActionState,
    owners: tuple[Owner, ...],
    name: str,
    plans: Mapping[str, ActionPlan],
    group: str,
) -> ActionFields:
    """An action as reports show it: its state in words (``overdue, 76 days late``),
    when it is due in a sentence, who owns it, and where it is in the records."""
    action = item.action
    plan = plans.get(action.plan)
    return ActionFields(
        ref=action.ref,
        plan=action.plan,
        id=action.id,
        name=name,
        element=ElementRef(
            action.element,
            plan.element_title(action.element) if plan else str(action.element),
        ),
        text=action.text,
        owners=join_words([o.label for o in owners]),
        status=action.status.value.replace("_", " "),
        state=StateView(item.state.value, item.state.label, state_words(item), group),
        when=due_words(item, day_text),
        date=maybe_day(item.day),
        days_late=item.days_late,
        days_left=item.days_left,
        location=f"{action.location.path}:{action.location.line}",
    )
