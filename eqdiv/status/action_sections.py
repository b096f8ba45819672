"""The action sections of the status screen: counts by state, overdue actions, actions
due soon, reviews due, and undated actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from eqdiv.actions.action_json import action_to_dict
from eqdiv.actions.listing import Owner
from eqdiv.actions.state import ActionState, State, count_by_state
from eqdiv.actions.words import action_entry, count_words, days
from eqdiv.model.blocks import SHOWN, Block, Entry, Tone, capped, capped_map, plural
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action's state, with its owners resolved and the name it is shown by."""

    item: ActionState
    owners: tuple[Owner, ...]
    name: str

    def to_dict(self) -> dict[str, Any]:
        return action_to_dict(self.item, self.owners)

    def entry(self, tag: str) -> Entry:
        return action_entry(self.item, self.owners, self.name, tag)


def rows(ctx: StatusContext, *states: State) -> tuple[ActionRow, ...]:
    """The actions in view in any of ``states``, most urgent first."""
    return tuple(
        ActionRow(s, ctx.owners(s.action), ctx.name(s.action))
        for s in ctx.states
        if s.state in states
    )


@dataclass(frozen=True)
class ActionSummary(Section):
    """How many actions are in each state."""

    key: ClassVar[str] = "actions"
    total: int
    plans: int
    by_state: dict[State, int]
    left_out: tuple[str, ...] = ()  # plan files with errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "plans": self.plans,
            "by_state": {s.value: n for s, n in self.by_state.items()},
            "left_out": list(self.left_out),
        }

    def block(self) -> Block:
        counts = count_words(self.by_state)
        head = f"{plural(self.total, 'action')} in {plural(self.plans, 'plan')}"
        lines = [f"{head}: {counts}." if counts else f"{head}."]
        if self.left_out:
            files = ", ".join(self.left_out)
            whose = "its" if len(self.left_out) == 1 else "their"
            lines.append(
                f"Left out: {plural(len(self.left_out), 'plan')} with errors ({files}); "
                f"{whose} actions are in no list below."
            )
        return Block("Actions", tuple(lines))


def action_summary(ctx: StatusContext) -> ActionSummary:
    plans = {s.action.plan for s in ctx.states}
    return ActionSummary(
        len(ctx.states),
        len(plans),
        count_by_state(ctx.states),
        ctx.repo.left_out("action-plan"),
    )


@dataclass(frozen=True)
class OverdueActions(Section):
    """Actions past their deadline, most overdue first."""

    key: ClassVar[str] = "overdue"
    rows: tuple[ActionRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"count": len(self.rows), "actions": [r.to_dict() for r in self.rows]}

    def block(self) -> Block:
        if not self.rows:
            return Block("Overdue actions", ("No action is past its due date.",))
        entries, more = capped_map(
            self.rows,
            lambda r: r.entry(f"{days(r.item.days_late or 0)} late"),
            "`eqdiv actions --status overdue`",
        )
        return Block(f"Overdue actions ({len(self.rows)})", entries=entries, after=more)


def overdue_actions(ctx: StatusContext) -> OverdueActions:
    return OverdueActions(rows(ctx, State.OVERDUE))


@dataclass(frozen=True)
class DueSoon(Section):
    """Actions whose deadline falls within the due-soon window."""

    key: ClassVar[str] = "due_soon"
    rows: tuple[ActionRow, ...]
    within_days: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": len(self.rows),
            "within_days": self.within_days,
            "actions": [r.to_dict() for r in self.rows],
        }

    def block(self) -> Block:
        heading = f"Due in the next {days(self.within_days)}"
        if not self.rows:
            return Block(heading, ("Nothing.",))
        entries, more = capped_map(
            self.rows, lambda r: r.entry(_due_in(r.item)), "`eqdiv actions --status due_soon`"
        )
        return Block(f"{heading} ({len(self.rows)})", entries=entries, after=more)


def _due_in(item: ActionState) -> str:
    left = item.days_left or 0
    return "due today" if left == 0 else f"due in {days(left)}"


def due_soon(ctx: StatusContext) -> DueSoon:
    return DueSoon(rows(ctx, State.DUE_SOON), ctx.repo.config.due_soon_days)


@dataclass(frozen=True)
class ReviewsDue(Section):
    """Ongoing actions whose review is overdue or due soon. Reviews due soon are
    grouped by date: each date is a meeting's agenda."""

    key: ClassVar[str] = "reviews"
    rows: tuple[ActionRow, ...]

    @property
    def overdue(self) -> tuple[ActionRow, ...]:
        return tuple(r for r in self.rows if r.item.state is State.REVIEW_OVERDUE)

    @property
    def soon(self) -> tuple[ActionRow, ...]:
        return tuple(r for r in self.rows if r.item.state is State.REVIEW_DUE_SOON)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": len(self.rows),
            "overdue": len(self.overdue),
            "due_soon": len(self.soon),
            "actions": [r.to_dict() for r in self.rows],
        }

    def block(self) -> Block:
        if not self.rows:
            return Block("Reviews due", ("No review is overdue or due soon.",))
        missed, more_missed = capped_map(
            self.overdue, _missed, "`eqdiv actions --status review_overdue`"
        )
        by_date: dict[date, list[ActionRow]] = {}
        for row in self.soon:
            assert row.item.day is not None
            by_date.setdefault(row.item.day, []).append(row)
        meetings, more_meetings = capped(
            [_meeting(day, meeting) for day, meeting in sorted(by_date.items())],
            "`eqdiv actions --status review_due_soon`",
        )
        return Block(
            f"Reviews due ({len(self.rows)})",
            entries=missed + meetings,
            after=more_missed + more_meetings,
        )


def _missed(row: ActionRow) -> Entry:
    return row.entry(f"review {days(row.item.days_late or 0)} late")


def _meeting(day: date, meeting: list[ActionRow]) -> Entry:
    """Reviews due on one day: the agenda of that meeting, by owner."""
    left = meeting[0].item.days_left or 0
    by_owner: dict[str, list[str]] = {}
    for row in meeting:
        by_owner.setdefault(", ".join(o.label for o in row.owners), []).append(row.name)
    when = "today" if left == 0 else f"in {days(left)}"
    details = [f"{owners}: {_names(names)}." for owners, names in by_owner.items()]
    if len(details) > SHOWN:
        details[SHOWN:] = [f"...and {plural(len(details) - SHOWN, 'more owner')}."]
    return Entry(
        key=day.isoformat(),
        tag=f"{plural(len(meeting), 'review')} {when}",
        tone=Tone.WARN,
        details=tuple(details),
    )


def _names(names: list[str], limit: int = 3 * SHOWN) -> str:
    """Action names for a meeting's agenda: enough to read, then how many more."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def reviews_due(ctx: StatusContext) -> ReviewsDue:
    return ReviewsDue(rows(ctx, State.REVIEW_OVERDUE, State.REVIEW_DUE_SOON))


@dataclass(frozen=True)
class UndatedActions(Section):
    """Open actions nobody can chase: no due date, or ongoing with no review."""

    key: ClassVar[str] = "undated"
    rows: tuple[ActionRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"count": len(self.rows), "actions": [r.to_dict() for r in self.rows]}

    def block(self) -> Block | None:
        if not self.rows:
            return None  # the usual case: nothing to say
        entries, more = capped_map(
            self.rows,
            lambda r: r.entry("ongoing, no review" if r.item.action.due else "no due date"),
            "`eqdiv actions --status undated`",
        )
        return Block(
            f"Undated actions ({len(self.rows)})",
            ("Nobody can tell when these are late: give each a due date or a review.",),
            entries,
            more,
        )


def undated_actions(ctx: StatusContext) -> UndatedActions:
    return UndatedActions(rows(ctx, State.UNDATED))
