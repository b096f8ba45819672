"""Dates must tell a possible story: nothing recorded as done after the day of the
check, nothing finishing before it starts, a completion date only on a complete action.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.plans import ActionStatus


def check_dates(ctx: CheckContext) -> Iterator[Finding]:
    repo, today = ctx.repo, ctx.as_of

    def future(
        day: date | None, what: str, base: Location, suffix: str, record: str
    ) -> Iterator[Finding]:
        if day is not None and day > today:
            yield ctx.finding(
                codes.DATE_FUTURE,
                f"{what} is dated {day.isoformat()}, after today ({today.isoformat()}).",
                repo.locate(base, suffix),
                "Only record what has happened. If the date is a plan, it belongs in a due "
                "or review date; if it is a typing slip, correct it.",
                record=record,
            )

    def order(
        first: date | None, last: date | None, what: str, base: Location, suffix: str, record: str
    ) -> Iterator[Finding]:
        if first is not None and last is not None and last < first:
            yield ctx.finding(
                codes.DATE_ORDER,
                f"{what}: {last.isoformat()} is before {first.isoformat()}.",
                repo.locate(base, suffix),
                "Check both dates: one of them is probably mistyped.",
                record=record,
            )

    for plan in repo.plans:
        yield from order(
            plan.period_start,
            plan.period_end,
            "The plan's period ends before it starts",
            plan.location,
            "/period/end",
            plan.id,
        )
        for action in plan.actions:
            at = action.location
            yield from order(
                action.start,
                action.due.deadline if action.due else None,
                f"Action {action.id} is due before it starts",
                at,
                "/due",
                plan.id,
            )
            yield from future(
                action.completed, f"Action {action.id}'s completion", at, "/completed", plan.id
            )
            yield from future(
                action.added, f"Action {action.id}'s addition to the plan", at, "/added", plan.id
            )
            if action.completed and action.status is not ActionStatus.COMPLETE:
                yield ctx.finding(
                    codes.STATUS_DATE,
                    f"Action {action.id} has a completion date but its status is "
                    f"{action.status.value}.",
                    repo.locate(at, "/completed"),
                    "Set `status: complete`, or remove `completed:` if the work reopened "
                    "(and add an update saying why).",
                    severity=Severity.WARNING,
                    record=plan.id,
                )
            for update in action.updates:
                yield from future(
                    update.date,
                    f"An update to action {action.id}",
                    update.location,
                    "/date",
                    plan.id,
                )
    for eia in repo.eias:
        at = eia.location
        for signed, what, pointer in (
            (eia.signoff, "Sign-off", "/signoff/date"),
            (eia.qa, "Quality assurance", "/qa/date"),
        ):
            if signed is not None:
                yield from future(signed.date, f"{what} of {eia.id}", at, pointer, eia.id)
                yield from order(
                    eia.started,
                    signed.date,
                    f"{what} of {eia.id} is before the assessment started",
                    at,
                    pointer,
                    eia.id,
                )
        yield from future(eia.published, f"Publication of {eia.id}", at, "/published/date", eia.id)
        for review in eia.reviews:
            yield from future(
                review.date, f"A review of {eia.id}", review.location, "/date", eia.id
            )
    for objective in repo.objectives:
        at = objective.location
        yield from order(
            objective.start,
            objective.end,
            f"Objective {objective.id}'s period ends before it starts",
            at,
            "/period/end",
            objective.id,
        )
        yield from future(
            objective.published, f"Publication of {objective.id}", at, "/published", objective.id
        )
        for outcome in objective.outcomes:
            yield from future(
                outcome.date,
                f"An outcome of {objective.id}",
                outcome.location,
                "/date",
                objective.id,
            )
    for consultation in repo.consultations:
        yield from order(
            consultation.start,
            consultation.end,
            f"Consultation {consultation.id} ends before it starts",
            consultation.location,
            "/end",
            consultation.id,
        )
