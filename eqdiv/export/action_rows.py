"""The ``actions`` table: every action of every plan, with its state on the day."""

from __future__ import annotations

from datetime import date

from eqdiv.actions.state import derive_state
from eqdiv.export.table import ExportTable, columns, joined
from eqdiv.store.repository import Repository

COLUMNS = columns(
    ("plan_id", "text", "The action plan's id."),
    ("action_id", "text", "The action's id within its plan (`2b`)."),
    ("element", "text", "The framework element or module the action serves."),
    ("text", "text", "What the action is."),
    ("owner_ids", "text", "Who owns it: people ids, separated by `;`."),
    ("partner_ids", "text", "The partners its owners work for, separated by `;`."),
    ("status", "text", "The status recorded: not_started, in_progress, ongoing, complete ..."),
    ("state", "text", "Its state on the day of the export: overdue, due_soon, on_track ..."),
    ("due_date", "date", "The day it becomes late (empty for an ongoing action)."),
    ("due_text", "text", "The due date as the plan writes it (`Jul-07`)."),
    ("completed", "date", "When it was completed."),
    ("days_late", "integer", "Days past its deadline or review on the day of the export."),
    ("as_of", "date", "The day the state is judged on."),
)


def actions_table(repo: Repository, as_of: date) -> ExportTable:
    config = repo.config
    people = repo.people
    rows = []
    for action in repo.actions:
        state = derive_state(action, as_of, config.due_soon_days)
        partners = sorted(
            {p.organisation for o in action.owners if (p := people.get(o)) and p.organisation}
        )
        rows.append(
            (
                config.id,
                action.plan,
                action.id,
                str(action.element),
                action.text,
                joined(action.owners),
                joined(partners),
                action.status.value,
                state.state.value,
                action.due.deadline if action.due else None,
                action.due_text,
                action.completed,
                state.days_late,
                as_of,
            )
        )
    return ExportTable("actions", "Every action of every plan.", COLUMNS, tuple(rows))
