"""Evidence of outcomes is anonymised: any free text that looks like personal data (an
e-mail address, a phone number, an address, a National Insurance number) is refused,
pointing at its line and column and never repeating it. The links to objectives,
actions and indicators are checked with the other references (``references``)."""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.checks.personal_text import personal_data_findings
from eqdiv.model.findings import Finding


def check_outcome_evidence(ctx: CheckContext) -> Iterator[Finding]:
    for evidence in ctx.repo.outcome_evidence:
        yield from personal_data_findings(
            ctx,
            evidence.location,
            evidence.texts,
            f"Outcome evidence {evidence.id}",
            evidence.id,
        )
