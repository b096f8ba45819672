"""The action plan in a report: progress by element with a red/amber/green rating,
what changed in the period, and the late and due actions (from the status screen's
own sections).

Ratings, for an element, a plan or an objective's actions, from the actions' states
on the day the report is run:

- Red: at least one action is late (past its due date, or its review missed);
- Amber: none late, but one is due soon, has no date (nobody can chase it), or has
  passed its start date without being started;
- Green: every open action is on track (reviews due at the next meeting included);
- Not rated: no action to rate.

What changed in the period is read from the records' own dates and, for due dates,
from git history (``eqdiv.actions.due_history``):

- completed: a ``completed`` date in the period;
- started: a ``start`` date in the period, and the action under way or done;
- slipped: a due date the action had in the period passed with the action unfinished
  (or finished late), even if the date was moved later after it passed; a review date
  in the period passed and the record still names it as the next review; or a start
  date in the period passed with the action not started. Where git history does not
  reach back over the period, the due date is the record's as it is now, and the report
  says so;
- added: an action whose ``added`` date is in the period, or a plan approved in the
  period (its actions without an ``added`` date of their own came with it);
- updated: an update note dated in the period.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from eqdiv.actions.state import ActionState, State
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.plans import Action, ActionPlan, ActionStatus
from eqdiv.report.charts import Chart, Row, Segment, bar_chart
from eqdiv.report.context import GROUP_OF, GROUPS, ReportContext
from eqdiv.report.parts import (
    ActionView,
    Day,
    Rag,
    RagView,
    day,
    day_text,
    maybe_day,
    rag,
    worst,
)
from eqdiv.report.view_model import ViewModel
from eqdiv.status.action_sections import due_soon, overdue_actions, reviews_due

FRAMEWORKS = {
    "eslg-2007": "Equality Standard for Local Government (2007)",
    "eflg-2021": "Equality Framework for Local Government (2021)",
}
UNDER_WAY = frozenset({ActionStatus.IN_PROGRESS, ActionStatus.ONGOING, ActionStatus.COMPLETE})


@dataclass(frozen=True, slots=True)
class GroupCount(ViewModel):
    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ElementProgress(ViewModel):
    id: int | str | None  # None: a flat plan's actions, under no element
    title: str
    short: str  # "Element 1", or an EFLG module's title
    label: str  # "Element 1, Engagement in ...", or the module's title
    prefix: str  # "1. " before an ESLG element's title in a table; else ""
    total: int
    total_text: str  # "1 action", "4 actions"
    counts: tuple[GroupCount, ...]
    rag: RagView


@dataclass(frozen=True, slots=True)
class PlanProgress(ViewModel):
    id: str
    title: str
    service: str | None
    framework: str
    approved: Day | None
    total: int
    total_text: str
    counts: tuple[GroupCount, ...]
    rag: RagView
    elements: tuple[ElementProgress, ...]
    chart: Chart


@dataclass(frozen=True, slots=True)
class SlippedAction(ActionView):
    why: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UpdateNote(ViewModel):
    date: Day
    by: str | None
    note: str


@dataclass(frozen=True, slots=True)
class UpdatedAction(ActionView):
    updates: tuple[UpdateNote, ...]


@dataclass(frozen=True, slots=True)
class ApprovedPlan(ViewModel):
    id: str
    title: str
    approved: Day | None
    actions: int  # how many of its actions came with it


@dataclass(frozen=True, slots=True)
class Added(ViewModel):
    plans: tuple[ApprovedPlan, ...]
    actions: tuple[ActionView, ...]


@dataclass(frozen=True, slots=True)
class Changes(ViewModel):
    # Why git history could not be used for some or all plans, in words (None: it
    # could): a report says so rather than silently using today's records.
    history: str | None
    completed: tuple[ActionView, ...]
    started: tuple[ActionView, ...]
    slipped: tuple[SlippedAction, ...]
    added: Added
    updated: tuple[UpdatedAction, ...]


@dataclass(frozen=True, slots=True)
class MeetingReviews(ViewModel):
    date: Day
    actions: tuple[ActionView, ...]
    names: str


@dataclass(frozen=True, slots=True)
class LateAndDue(ViewModel):
    overdue: tuple[ActionView, ...]
    due_soon: tuple[ActionView, ...]
    due_soon_days: int
    reviews_missed: tuple[ActionView, ...]
    reviews_due: tuple[MeetingReviews, ...]


def not_started_on_time(item: ActionState) -> bool:
    """Past its start date and still not started."""
    action = item.action
    return (
        action.status is ActionStatus.NOT_STARTED
        and action.start is not None
        and action.start <= item.as_of
    )


def rating(ctx: ReportContext, items: Sequence[ActionState]) -> tuple[Rag, str]:
    """The rating of ``items`` and why, in words."""

    def names(found: Iterable[ActionState]) -> list[str]:
        return [ctx.status.name(i.action) for i in found]

    late = names(i for i in items if i.state.late)
    if late:
        return Rag.RED, f"{plural(len(late), 'action')} late: {join_words(late)}."
    reasons = [
        f"{label}: {join_words(found)}"
        for label, found in (
            ("due soon", names(i for i in items if i.state is State.DUE_SOON)),
            ("no date", names(i for i in items if i.state is State.UNDATED)),
            ("not started on time", names(i for i in items if not_started_on_time(i))),
        )
        if found
    ]
    if reasons:
        said = "; ".join(reasons)
        return Rag.AMBER, said[0].upper() + said[1:] + "."
    if any(i.action.is_open or i.state is State.COMPLETE for i in items):
        return Rag.GREEN, "Every action is on track or complete."
    return Rag.NONE, "No open action."


def counts(items: Sequence[ActionState]) -> tuple[GroupCount, ...]:
    """How many of ``items`` are in each report group, zeros included."""
    return tuple(
        GroupCount(key, label, sum(1 for i in items if GROUP_OF[i.state] == key))
        for key, label, _ in GROUPS
    )


def plan_progress(ctx: ReportContext) -> tuple[PlanProgress, ...]:
    """Each plan: counts by group and a rating for every element and the whole plan,
    and a chart of the elements."""
    by_plan: dict[str, list[ActionState]] = {}
    for state in ctx.states:  # grouped once: an archive has thousands of plans
        by_plan.setdefault(state.action.plan, []).append(state)
    return tuple(_plan(ctx, plan, by_plan.get(plan.id, [])) for plan in ctx.repo.plans)


def _plan(ctx: ReportContext, plan: ActionPlan, items: list[ActionState]) -> PlanProgress:
    elements: dict[int | str | None, list[ActionState]] = {}
    for action in plan.actions:
        elements.setdefault(action.element, [])
    for item in items:
        elements[item.action.element].append(item)
    views = tuple(_element(ctx, plan, element, members) for element, members in elements.items())
    overall = worst(*(Rag(e.rag.key) for e in views))
    return PlanProgress(
        id=plan.id,
        title=plan.title,
        service=plan.service,
        framework=FRAMEWORKS.get(plan.framework, plan.framework),
        approved=maybe_day(plan.approved),
        total=len(items),
        total_text=plural(len(items), "action"),
        counts=counts(items),
        rag=rag(overall, _plan_reason(overall, views)),
        elements=views,
        chart=_chart(plan.id, plan.title, views),
    )


def _element(
    ctx: ReportContext, plan: ActionPlan, element: int | str | None, members: list[ActionState]
) -> ElementProgress:
    key, reason = rating(ctx, members)
    title = plan.element_title(element)
    # An ESLG element is known by its number; an EFLG module by its title, never by its
    # id (understanding_communities); a flat plan's actions are under no element.
    numbered = isinstance(element, int)
    return ElementProgress(
        id=element,
        title=title,
        short=f"Element {element}" if numbered else title,
        label=f"Element {element}, {title}" if numbered else title,
        prefix=f"{element}. " if numbered else "",
        total=len(members),
        total_text=plural(len(members), "action"),
        counts=counts(members),
        rag=rag(key, reason),
    )


def _plan_reason(overall: Rag, elements: Sequence[ElementProgress]) -> str:
    chosen = [e for e in elements if e.rag.key == overall.value]
    if all(e.id is None for e in chosen):  # a flat plan
        where = "the plan"
    elif all(isinstance(e.id, int) for e in chosen):
        several = len(chosen) > 1
        where = f"element{'s' if several else ''} " + join_words([str(e.id) for e in chosen])
    else:
        where = join_words([e.short for e in chosen])
    if overall is Rag.RED:
        return f"An action is late in {where}."
    if overall is Rag.AMBER:
        return f"Actions need attention in {where}: due soon, undated or not started on time."
    if overall is Rag.GREEN:
        return "Every element is green."
    return "No open action."


def _chart(plan_id: str, title: str, elements: Sequence[ElementProgress]) -> Chart:
    rows = [
        Row(
            label=e.short,
            segments=tuple(
                Segment(c.key, c.label, c.count, str(c.count)) for c in e.counts if c.count
            ),
            total_text=str(e.total),
        )
        for e in elements
    ]
    description = " ".join(
        f"{e.short}, {plural(e.total, 'action')}: "
        + ", ".join(f"{c.count} {c.label.lower()}" for c in e.counts if c.count)
        + "."
        for e in elements
    )
    used = {c.key for e in elements for c in e.counts if c.count}
    return bar_chart(
        f"chart-{plan_id}",
        f"Actions by element and progress: {title}",
        description,
        rows,
        legend=[(key, label) for key, label, _ in GROUPS if key in used],
        whole=True,
    )


def _in(day_: date | None, ctx: ReportContext) -> bool:
    return day_ is not None and day_ in ctx.period and day_ <= ctx.as_of


def changes(ctx: ReportContext) -> Changes:
    """What the records say happened in the period (see the module's notes)."""
    completed, started, slipped, added, updated = [], [], [], [], []
    for item in ctx.states:
        action = item.action
        if _in(action.completed, ctx):
            completed.append(ctx.action(item))
        if _in(action.start, ctx) and action.status in UNDER_WAY:
            started.append(ctx.action(item))
        why = _slipped(item, ctx)
        if why:
            slipped.append(SlippedAction(**ctx.action_fields(item), why=tuple(why)))
        if _in(action.added, ctx):
            added.append(ctx.action(item))
        notes = [u for u in action.updates if _in(u.date, ctx)]
        if notes:
            updates = tuple(
                UpdateNote(day(u.date), ctx.person(u.by), u.note)
                for u in sorted(notes, key=lambda u: u.date)
            )
            updated.append(UpdatedAction(**ctx.action_fields(item), updates=updates))
    return Changes(
        history=ctx.due_history.gap,
        completed=tuple(completed),
        started=tuple(started),
        slipped=tuple(slipped),
        added=Added(_approved_plans(ctx), tuple(added)),
        updated=tuple(updated),
    )


def _approved_plans(ctx: ReportContext) -> tuple[ApprovedPlan, ...]:
    """Plans approved in the period, with how many actions came with each."""
    return tuple(
        ApprovedPlan(
            plan.id,
            plan.title,
            maybe_day(plan.approved),
            sum(1 for a in plan.actions if a.added is None),
        )
        for plan in ctx.repo.plans
        if _in(plan.approved, ctx)
    )


def _slipped(item: ActionState, ctx: ReportContext) -> list[str]:
    action = item.action
    why = []
    deadline = action.due.deadline if action.due else None
    if action.plan in ctx.due_history.covered:
        why += _deadlines_missed(action, ctx)
    elif (
        deadline is not None
        and _in(deadline, ctx)
        and deadline < ctx.as_of
        and (action.is_open or (action.completed is not None and action.completed > deadline))
    ):
        if action.completed is not None:
            why.append(f"Due {day_text(deadline)}; completed {day_text(action.completed)}.")
        else:
            why.append(f"Due {day_text(deadline)}; not finished.")
    review = action.review
    if review is not None and action.is_open and _in(review.next, ctx) and review.next < ctx.as_of:
        why.append(f"Review due {day_text(review.next)}; not recorded.")
    if action.start is not None and _in(action.start, ctx) and not_started_on_time(item):
        why.append(f"Due to start {day_text(action.start)}; not started.")
    return why


def _deadlines_missed(action: Action, ctx: ReportContext) -> list[str]:
    """The due dates the action had in the period that passed unmet, read from git
    history: a date moved later after it had passed is still a slip in its quarter."""
    history = ctx.due_history
    until = min(ctx.as_of, ctx.period.end)
    now = action.due.deadline if action.due else None
    why = []
    for deadline in history.deadlines(action.ref, ctx.period, until):
        if not _in(deadline, ctx) or deadline >= ctx.as_of:
            continue
        then = history.in_force(action.ref, deadline)
        if then is None or then.deadline != deadline:
            continue  # moved before it passed: replanned, not slipped
        if then.status in (ActionStatus.CANCELLED, ActionStatus.DEFERRED):
            continue
        if action.completed is not None and action.completed <= deadline:
            continue
        if action.completed is not None:
            why.append(f"Due {day_text(deadline)}; completed {day_text(action.completed)}.")
        elif now != deadline:
            moved = history.moved_on(action.ref, deadline)
            later = f"moved to {day_text(now)}" if now is not None else "removed"
            when = f" on {day_text(moved)}" if moved is not None else ""
            why.append(
                f"Due {day_text(deadline)}; not finished. The due date was {later}{when}, "
                "after it had passed."
            )
        else:
            why.append(f"Due {day_text(deadline)}; not finished.")
    return why


def late_and_due(ctx: ReportContext) -> LateAndDue:
    """The status screen's sections, as reports show them: overdue actions, actions
    due soon, missed reviews, and the reviews due at the next meetings by date."""
    reviews = reviews_due(ctx.status)
    meetings: dict[date, list[ActionView]] = {}
    for row in reviews.soon:
        assert row.item.day is not None  # a review due soon has its date
        meetings.setdefault(row.item.day, []).append(ctx.action(row.item))
    return LateAndDue(
        overdue=tuple(ctx.action(r.item) for r in overdue_actions(ctx.status).rows),
        due_soon=tuple(ctx.action(r.item) for r in due_soon(ctx.status).rows),
        due_soon_days=ctx.repo.config.due_soon_days,
        reviews_missed=tuple(ctx.action(r.item) for r in reviews.overdue),
        reviews_due=tuple(
            MeetingReviews(day(when), tuple(items), join_words([a.name for a in items]))
            for when, items in sorted(meetings.items())
        ),
    )
