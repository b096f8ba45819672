"""Every open action must be chaseable: a due date, or (when ongoing) a review.

The schema allows an action without ``due`` and an ongoing action without ``review``,
because plans imported from a spreadsheet or still in draft often lack them, and
refusing the whole plan would hide all its other actions. Here they become warnings
with their own codes, so the plan still loads and the gap is named.
"""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Severity


def check_due_dates(ctx: CheckContext) -> Iterator[Finding]:
    for plan in ctx.repo.plans:
        for action in plan.actions:
            if not action.is_open:
                continue
            if action.due is None and action.review is None:
                yield ctx.finding(
                    codes.UNDATED,
                    f"Action {action.id} has no due date, so nobody can tell when it is late.",
                    action.location,
                    "Add `due:` with a day (2007-09-30), a month (2007-09, due at the "
                    "month's end), or `ongoing` with a `review`.",
                    severity=Severity.WARNING,
                    record=plan.id,
                )
            elif action.due is not None and action.due.form == "ongoing" and action.review is None:
                yield ctx.finding(
                    codes.UNREVIEWABLE,
                    f"Action {action.id} is ongoing with no review, so nobody can tell when "
                    "it is next looked at.",
                    ctx.repo.locate(action.location, "/due"),
                    "Add `review:` with a `cadence` (monthly, quarterly, half-yearly, "
                    "annually, or months such as [July, October, January]) and the `next` "
                    "review date.",
                    severity=Severity.WARNING,
                    record=plan.id,
                )
