"""What the meeting has to decide: the late items and the unowned ones, each group
with the question to settle. Everything here is read from the other sections' core
values (action states, EIA attention, coverage gaps, indicator verdicts); nothing is
judged anew.

"Unowned" means nobody in post is answerable for it: an action whose owners are all
missing from the people directory or have left, an EIA's negative impact with no
mitigation, an EIA with no one to review it, a group consultation did not reach, an
indicator or objective with no owner.

Each group is a ``Question``: its key, heading and what to ask, and a function that
finds its entries in a ``Sections`` (the other sections, as the report shows them).
A new group is one more function and one more line in ``QUESTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eqdiv.figures.indicator_progress import Verdict
from eqdiv.model.blocks import join_words
from eqdiv.model.plans import Action
from eqdiv.report.action_plan import LateAndDue, not_started_on_time
from eqdiv.report.assessments import EiaSection
from eqdiv.report.consultation import ConsultationSection
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import day_text
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class Entry(ViewModel):
    name: str  # the action's or record's name ("" for a group of people)
    title: str
    detail: str


@dataclass(frozen=True, slots=True)
class DecisionGroup(ViewModel):
    key: str
    heading: str
    ask: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Sections:
    """What the decisions are read from: the context and the sections built from it."""

    ctx: ReportContext
    late_and_due: LateAndDue
    eias: EiaSection
    reach: ConsultationSection


Entries = tuple[Entry, ...]


def _overdue(s: Sections) -> Entries:
    return tuple(
        Entry(a.name, a.text, f"{a.state.words.capitalize()}. {a.when}")
        for a in s.late_and_due.overdue
    )


def _reviews_missed(s: Sections) -> Entries:
    return tuple(
        Entry(a.name, a.text, f"{a.state.words.capitalize()}.")
        for a in s.late_and_due.reviews_missed
    )


def _not_started(s: Sections) -> Entries:
    ctx = s.ctx
    return tuple(
        Entry(
            ctx.status.name(i.action),
            i.action.text,
            f"Due to start {day_text(i.action.start)}; not started."
            if i.action.start
            else "Not started.",
        )
        for i in ctx.states
        if not_started_on_time(i)
    )


def _in_post(ctx: ReportContext, action: Action) -> bool:
    people = ctx.repo.people
    for owner in action.owners:
        person = people.get(owner)
        if person is not None and (person.left is None or person.left > ctx.as_of):
            return True
    return False


def _unowned_actions(s: Sections) -> Entries:
    ctx = s.ctx
    return tuple(
        Entry(
            ctx.status.name(i.action), i.action.text, "Owners: " + ", ".join(i.action.owners) + "."
        )
        for i in ctx.states
        if i.action.is_open and not _in_post(ctx, i.action)
    )


def _unmitigated(s: Sections) -> Entries:
    return tuple(
        Entry(e.id, e.title, f"Negative for {join_words(list(e.unmitigated))}.")
        for e in s.eias.unmitigated
    )


def _eia_steps(s: Sections) -> Entries:
    return tuple(
        Entry(e.id, e.title, "Awaiting sign-off.") for e in s.eias.awaiting_signoff
    ) + tuple(
        Entry(e.id, e.title, "Signed off; awaiting quality assurance.") for e in s.eias.awaiting_qa
    )


def _eia_reviews(s: Sections) -> Entries:
    return tuple(
        Entry(e.id, e.title, f"Review due {e.review.due.text}.")
        for e in s.eias.reviews
        if e.review.owner is None and e.review.due is not None
    )


def _reach(s: Sections) -> Entries:
    gaps = s.reach.gaps
    missed = [
        *(f"not reached: {p}" for p in gaps.not_reached),
        *(f"no activity aimed at {g}" for g in gaps.no_targeted_activity),
    ]
    return tuple(Entry("", text[0].upper() + text[1:], "") for text in missed)


def _indicators(s: Sections) -> Entries:
    return tuple(
        Entry(p.indicator.id, p.indicator.title, p.verdict.words.capitalize() + ".")
        for p in s.ctx.indicators.values()
        if p.verdict in (Verdict.NOT_IMPROVING, Verdict.MISSED)
    )


def _unowned_measures(s: Sections) -> Entries:
    repo = s.ctx.repo
    return tuple(
        Entry(i.id, i.title, "No owner.")
        for i in repo.indicators
        if i.owner is None or i.owner not in repo.people
    ) + tuple(
        Entry(o.id, o.title, "No owner.")
        for o in repo.objectives
        if o.owner is None or o.owner not in repo.people
    )


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    heading: str
    ask: str
    entries: Callable[[Sections], Entries]


# The groups, in the order the report shows them.
QUESTIONS = (
    Question(
        "overdue",
        "Overdue actions",
        "For each: agree a new date, get it help, or close it (defer or cancel, saying why).",
        _overdue,
    ),
    Question(
        "reviews",
        "Reviews missed",
        "Review each at this meeting, record an update, and set the next review date.",
        _reviews_missed,
    ),
    Question(
        "not_started", "Not started on time", "Confirm a start, or change the plan.", _not_started
    ),
    Question(
        "unowned_actions",
        "Actions with no owner in post",
        "Give each an owner who is in post.",
        _unowned_actions,
    ),
    Question(
        "unmitigated",
        "Negative impacts with no response",
        "Agree an action (with an owner and a due date) for each, or record why the "
        "proposal goes ahead.",
        _unmitigated,
    ),
    Question(
        "eia_steps",
        "EIAs waiting for sign-off or quality assurance",
        "Name who signs off or quality-assures each, and by when.",
        _eia_steps,
    ),
    Question(
        "eia_reviews", "EIA reviews with no one to do them", "Name a review owner.", _eia_reviews
    ),
    Question(
        "reach",
        "Groups consultation did not reach",
        "Agree who will reach them next quarter, and how.",
        _reach,
    ),
    Question(
        "indicators",
        "Indicators off course",
        "Agree what will change, and who will make it happen.",
        _indicators,
    ),
    Question(
        "unowned_measures",
        "Indicators and objectives with no owner",
        "Name an owner for each.",
        _unowned_measures,
    ),
)


def decisions(
    ctx: ReportContext, late_and_due: LateAndDue, eias: EiaSection, reach: ConsultationSection
) -> tuple[DecisionGroup, ...]:
    """Each group of ``QUESTIONS`` that has entries, in order."""
    sections = Sections(ctx, late_and_due, eias, reach)
    found = ((q, q.entries(sections)) for q in QUESTIONS)
    return tuple(DecisionGroup(q.key, q.heading, q.ask, entries) for q, entries in found if entries)
