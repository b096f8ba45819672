"""Dates must tell a possible story: nothing recorded as done after the day of the
check, nothing finishing before it starts, a completion date only on a complete action.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding, Location
from eqdiv.model.objectives import Objective
from eqdiv.model.plans import Action, ActionPlan, ActionStatus


def check_dates(ctx: CheckContext) -> Iterator[Finding]:
    rules = _Rules(ctx)
    for plan in ctx.repo.plans:
        yield from _plan_dates(rules, plan)
    for eia in ctx.repo.eias:
        yield from _eia_dates(rules, eia)
    for objective in ctx.repo.objectives:
        yield from _objective_dates(rules, objective)
    for consultation in ctx.repo.consultations:
        yield from rules.order(
            consultation.start,
            consultation.end,
            f"Consultation {consultation.id} ends before it starts",
            consultation.location,
            "/end",
            consultation.id,
        )


@dataclass(frozen=True)
class _Rules:
    """The two rules every dated thing is held to, as findings at a place in a record."""

    ctx: CheckContext

    def future(
        self, day: date | None, what: str, base: Location, suffix: str, record: str
    ) -> Iterator[Finding]:
        today = self.ctx.as_of
        if day is not None and day > today:
            yield self.ctx.finding(
                codes.DATE_FUTURE,
                f"{what} is dated {day.isoformat()}, after today ({today.isoformat()}).",
                self.ctx.repo.locate(base, suffix),
                "Only record what has happened. If the date is a plan, it belongs in a due "
                "or review date; if it is a typing slip, correct it.",
                record=record,
            )

    def order(
        self,
        first: date | None,
        last: date | None,
        what: str,
        base: Location,
        suffix: str,
        record: str,
    ) -> Iterator[Finding]:
        if first is not None and last is not None and last < first:
            yield self.ctx.finding(
                codes.DATE_ORDER,
                f"{what}: {last.isoformat()} is before {first.isoformat()}.",
                self.ctx.repo.locate(base, suffix),
                "Check both dates: one of them is probably mistyped.",
                record=record,
            )


def _plan_dates(rules: _Rules, plan: ActionPlan) -> Iterator[Finding]:
    yield from rules.order(
        plan.period_start,
        plan.period_end,
        "The plan's period ends before it starts",
        plan.location,
        "/period/end",
        plan.id,
    )
    for action in plan.actions:
        yield from _action_dates(rules, plan, action)


def _action_dates(rules: _Rules, plan: ActionPlan, action: Action) -> Iterator[Finding]:
    at, name = action.location, f"Action {action.id}"
    due = action.due.deadline if action.due else None
    yield from rules.order(
        action.start, due, f"{name} is due before it starts", at, "/due", plan.id
    )
    yield from rules.future(action.completed, f"{name}'s completion", at, "/completed", plan.id)
    yield from rules.future(action.added, f"{name}'s addition to the plan", at, "/added", plan.id)
    if action.completed and action.status is not ActionStatus.COMPLETE:
        yield rules.ctx.finding(
            codes.STATUS_DATE,
            f"{name} has a completion date but its status is {action.status.value}.",
            rules.ctx.repo.locate(at, "/completed"),
            "Set `status: complete`, or remove `completed:` if the work reopened "
            "(and add an update saying why).",
            record=plan.id,
        )
    for update in action.updates:
        yield from rules.future(
            update.date, f"An update to action {action.id}", update.location, "/date", plan.id
        )


def _eia_dates(rules: _Rules, eia: Eia) -> Iterator[Finding]:
    at = eia.location
    for signed, what, pointer in (
        (eia.signoff, "Sign-off", "/signoff/date"),
        (eia.qa, "Quality assurance", "/qa/date"),
    ):
        if signed is not None:
            yield from rules.future(signed.date, f"{what} of {eia.id}", at, pointer, eia.id)
            yield from rules.order(
                eia.started,
                signed.date,
                f"{what} of {eia.id} is before the assessment started",
                at,
                pointer,
                eia.id,
            )
    yield from rules.future(
        eia.published, f"Publication of {eia.id}", at, "/published/date", eia.id
    )
    for review in eia.reviews:
        yield from rules.future(
            review.date, f"A review of {eia.id}", review.location, "/date", eia.id
        )


def _objective_dates(rules: _Rules, objective: Objective) -> Iterator[Finding]:
    at, oid = objective.location, objective.id
    yield from rules.order(
        objective.start,
        objective.end,
        f"Objective {oid}'s period ends before it starts",
        at,
        "/period/end",
        oid,
    )
    yield from rules.future(objective.published, f"Publication of {oid}", at, "/published", oid)
    for outcome in objective.outcomes:
        yield from rules.future(
            outcome.date, f"An outcome of {oid}", outcome.location, "/date", oid
        )
