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

What changed in the period is read from the records' own dates, since reports do not
read git history (``eqdiv history`` does):

- completed: a ``completed`` date in the period;
- started: a ``start`` date in the period, and the action under way or done;
- slipped: a due date in the period passed with the action unfinished (or finished
  late); a review date in the period passed and the record still names it as the next
  review; or a start date in the period passed with the action not started. A due date
  moved later shows in the records' history, not here;
- added: an action whose ``added`` date is in the period, or a plan approved in the
  period (its actions without an ``added`` date of their own came with it);
- updated: an update note dated in the period.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from eqdiv.actions.state import ActionState, State
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.plans import ActionStatus
from eqdiv.report.charts import Row, Segment, bar_chart
from eqdiv.report.context import GROUP_OF, GROUPS, ReportContext
from eqdiv.report.parts import Rag, View, day, day_text, rag, worst
from eqdiv.status.action_sections import due_soon, overdue_actions, reviews_due

FRAMEWORKS = {
    "eslg-2007": "Equality Standard for Local Government (2007)",
    "eflg-2021": "Equality Framework for Local Government (2021)",
}
UNDER_WAY = frozenset({ActionStatus.IN_PROGRESS, ActionStatus.ONGOING, ActionStatus.COMPLETE})


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


def counts(items: Sequence[ActionState]) -> list[View]:
    """How many of ``items`` are in each report group, zeros included."""
    return [
        {"key": key, "label": label, "count": sum(1 for i in items if GROUP_OF[i.state] == key)}
        for key, label, _ in GROUPS
    ]


def plan_progress(ctx: ReportContext) -> list[View]:
    """Each plan: counts by group and a rating for every element and the whole plan,
    and a chart of the elements."""
    views = []
    by_plan: dict[str, list[ActionState]] = {}
    for state in ctx.states:  # grouped once: an archive has thousands of plans
        by_plan.setdefault(state.action.plan, []).append(state)
    for plan in ctx.repo.plans:
        items = by_plan.get(plan.id, [])
        elements: dict[int | str, list[ActionState]] = {}
        for action in plan.actions:
            elements.setdefault(action.element, [])
        for item in items:
            elements[item.action.element].append(item)
        element_views: list[View] = []
        for element, members in elements.items():
            key, reason = rating(ctx, members)
            element_views.append(
                {
                    "id": element,
                    "title": plan.element_title(element),
                    "total": len(members),
                    "counts": counts(members),
                    "rag": rag(key, reason),
                }
            )
        overall = worst(*(Rag(e["rag"]["key"]) for e in element_views))
        views.append(
            {
                "id": plan.id,
                "title": plan.title,
                "service": plan.service,
                "framework": FRAMEWORKS.get(plan.framework, plan.framework),
                "approved": day(plan.approved),
                "total": len(items),
                "counts": counts(items),
                "rag": rag(overall, _plan_reason(overall, element_views)),
                "elements": element_views,
                "chart": _chart(plan.id, plan.title, element_views),
            }
        )
    return views


def _plan_reason(overall: Rag, elements: list[View]) -> str:
    named = join_words([str(e["id"]) for e in elements if e["rag"]["key"] == overall.value])
    several = sum(1 for e in elements if e["rag"]["key"] == overall.value) > 1
    where = f"element{'s' if several else ''} {named}"
    if overall is Rag.RED:
        return f"An action is late in {where}."
    if overall is Rag.AMBER:
        return f"Actions need attention in {where}: due soon, undated or not started on time."
    if overall is Rag.GREEN:
        return "Every element is green."
    return "No open action."


def _chart(plan_id: str, title: str, elements: list[View]) -> View:
    rows = [
        Row(
            label=f"Element {e['id']}",
            segments=tuple(
                Segment(c["key"], c["label"], c["count"], str(c["count"]))
                for c in e["counts"]
                if c["count"]
            ),
            total_text=str(e["total"]),
        )
        for e in elements
    ]
    description = " ".join(
        f"Element {e['id']}, {plural(e['total'], 'action')}: "
        + ", ".join(f"{c['count']} {c['label'].lower()}" for c in e["counts"] if c["count"])
        + "."
        for e in elements
    )
    used = {c["key"] for e in elements for c in e["counts"] if c["count"]}
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


def changes(ctx: ReportContext) -> View:
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
            slipped.append({**ctx.action(item), "why": why})
        if _in(action.added, ctx):
            added.append(ctx.action(item))
        notes = [u for u in action.updates if _in(u.date, ctx)]
        if notes:
            updated.append(
                {
                    **ctx.action(item),
                    "updates": [
                        {"date": day(u.date), "by": ctx.person(u.by), "note": u.note}
                        for u in sorted(notes, key=lambda u: u.date)
                    ],
                }
            )
    plans = []
    for plan in ctx.repo.plans:
        if _in(plan.approved, ctx):
            with_it = [a for a in plan.actions if a.added is None]
            plans.append(
                {
                    "id": plan.id,
                    "title": plan.title,
                    "approved": day(plan.approved),
                    "actions": len(with_it),
                }
            )
    return {
        "completed": completed,
        "started": started,
        "slipped": slipped,
        "added": {"plans": plans, "actions": added},
        "updated": updated,
    }


def _slipped(item: ActionState, ctx: ReportContext) -> list[str]:
    action = item.action
    why = []
    deadline = action.due.deadline if action.due else None
    if (
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


def late_and_due(ctx: ReportContext) -> View:
    """The status screen's sections, as reports show them: overdue actions, actions
    due soon, missed reviews, and the reviews due at the next meetings by date."""
    reviews = reviews_due(ctx.status)
    meetings: dict[date, list[View]] = {}
    for row in reviews.soon:
        assert row.item.day is not None  # a review due soon has its date
        meetings.setdefault(row.item.day, []).append(ctx.action(row.item))
    return {
        "overdue": [ctx.action(r.item) for r in overdue_actions(ctx.status).rows],
        "due_soon": [ctx.action(r.item) for r in due_soon(ctx.status).rows],
        "due_soon_days": ctx.repo.config.due_soon_days,
        "reviews_missed": [ctx.action(r.item) for r in reviews.overdue],
        "reviews_due": [
            {
                "date": day(when),
                "actions": items,
                "names": join_words([a["name"] for a in items]),
            }
            for when, items in sorted(meetings.items())
        ],
    }
