"""A consultation's participant profile must add up: each dimension counts the people
who took part, with `not_known` for those who did not say."""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.consultations import NOT_KNOWN
from eqdiv.model.findings import Finding, Severity

# Coverage cannot tell which figures are wrong, so it counts none of them.
LEFT_OUT = (
    "Until it adds up, `eqdiv consultation coverage`, status and the reports leave these "
    "figures out."
)


def check_profile_totals(ctx: CheckContext) -> Iterator[Finding]:
    for consultation in ctx.repo.consultations:
        total = consultation.participants
        for dimension in consultation.profile:
            if consultation.adds_up(dimension):
                continue
            counted = consultation.counted(dimension)
            at = consultation.profile_locations[dimension]
            if counted > total:
                yield ctx.finding(
                    codes.PROFILE_TOTAL,
                    f"The {dimension} profile counts {counted} people, but {total} took part.",
                    at,
                    "Each person is counted once per dimension: check the counts and the total. "
                    + LEFT_OUT,
                    record=consultation.id,
                )
            else:
                yield ctx.finding(
                    codes.PROFILE_TOTAL,
                    f"The {dimension} profile counts {counted} of the {total} people who "
                    "took part.",
                    at,
                    f"Count the other {total - counted} as `{NOT_KNOWN}`, so the rate of "
                    "people who did not say is visible. " + LEFT_OUT,
                    severity=Severity.WARNING,
                    record=consultation.id,
                )
