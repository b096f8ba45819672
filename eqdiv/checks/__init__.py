"""Cross-record checks: what no single record's schema can see.

Each check is a plain function from a ``CheckContext`` to findings. They read only the
typed values of schema-valid records, so a broken file never makes a check crash; it
is reported once, by the loader, and left out here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from eqdiv.checks.cases import check_cases
from eqdiv.checks.categories import check_profile_categories
from eqdiv.checks.check_context import CheckContext
from eqdiv.checks.contracts import check_contracts
from eqdiv.checks.dates import check_dates
from eqdiv.checks.due import check_due_dates
from eqdiv.checks.freshness import check_profile_freshness
from eqdiv.checks.identity import check_duplicate_ids
from eqdiv.checks.indicators import check_indicators
from eqdiv.checks.outcomes import check_outcome_evidence
from eqdiv.checks.profiles import check_profile_totals
from eqdiv.checks.references import check_references
from eqdiv.checks.rubric import check_rubric
from eqdiv.checks.self_assessment import check_self_assessments
from eqdiv.checks.sharing import check_sharing
from eqdiv.checks.signoff import check_signoffs
from eqdiv.checks.strands import check_strands
from eqdiv.checks.workforce import check_workforce
from eqdiv.model.findings import Finding

Check = Callable[[CheckContext], Iterable[Finding]]

CHECKS: list[Check] = [
    check_duplicate_ids,
    check_references,
    check_strands,
    check_dates,
    check_profile_totals,
    check_profile_freshness,
    check_due_dates,
    check_rubric,
    check_profile_categories,
    check_indicators,
    check_self_assessments,
    check_cases,
    check_signoffs,
    check_contracts,
    check_sharing,
    check_outcome_evidence,
    check_workforce,
]


def run_checks(context: CheckContext) -> Iterator[Finding]:
    for check in CHECKS:
        yield from check(context)


__all__ = ["CHECKS", "Check", "CheckContext", "run_checks"]
