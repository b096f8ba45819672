"""When an EIA is next due for review: one answer for `eqdiv eia list`, `eqdiv status`
and the reports.

Its ``monitoring.review_date``; without one, ``timescales.eia_review_months`` after its
sign-off. A review recorded within the due-soon window before that date (or any time
after it) restarts the clock from the review's own date. A date worked out rather than
written in the EIA says so, so nobody looks for it in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from eqdiv.model.dates import add_days, shift_months
from eqdiv.model.eias import Eia

Day = date  # inside ReviewDue, ``date`` is its field


class Basis(StrEnum):
    """Where the date comes from."""

    SET = "review_date"  # the EIA's own monitoring.review_date
    SIGNOFF = "signoff"  # the review cycle, counted from sign-off
    REVIEW = "review"  # the review cycle, counted from the last review recorded


@dataclass(frozen=True, slots=True)
class ReviewDue:
    date: Day
    basis: Basis
    since: Day | None = None  # the sign-off or review it counts from (None when set)
    months: int | None = None  # the review cycle counted (None when set)
    # The cycle is eqdiv's default, standing in while eqdiv.yaml cannot be read.
    assumed: bool = False

    @property
    def derived(self) -> bool:
        return self.basis is not Basis.SET

    @property
    def basis_words(self) -> str | None:
        """``36 months after sign-off``; None for a date the EIA sets itself."""
        if self.basis is Basis.SET:
            return None
        default = ", eqdiv's default cycle: eqdiv.yaml cannot be read" if self.assumed else ""
        if self.basis is Basis.SIGNOFF:
            return f"{self.months} months after sign-off{default}"
        return f"{self.months} months after the review of {self.since}{default}"

    def overdue(self, as_of: Day) -> bool:
        return self.date < as_of


def next_review(eia: Eia, review_months: int, window_days: int) -> ReviewDue | None:
    """When ``eia`` is next due for review, and why then; None when nothing dates it
    (no review date and no sign-off: it is awaiting sign-off, which says so)."""
    due: ReviewDue | None = None
    if eia.review_date is not None:
        due = ReviewDue(eia.review_date, Basis.SET)
    elif eia.signoff is not None:
        signed = eia.signoff.date
        due = ReviewDue(shift_months(signed, review_months), Basis.SIGNOFF, signed, review_months)
    if due is None:
        return None
    last = max((r.date for r in eia.reviews), default=None)
    if last is not None and last >= add_days(due.date, -window_days):
        return ReviewDue(shift_months(last, review_months), Basis.REVIEW, last, review_months)
    return due


def review_due(eia: Eia, review_months: int, window_days: int) -> date | None:
    """The date alone of ``next_review``."""
    due = next_review(eia, review_months, window_days)
    return due.date if due is not None else None


def review_words(due: ReviewDue | None, as_of: date | None) -> str:
    """``2008-10-10``, ``2010-08-08 (36 months after sign-off; overdue)``, ``none set``:
    the review date as the EIA register shows it."""
    if due is None:
        return "none set"
    notes = [due.basis_words] if due.basis_words else []
    if as_of is not None and due.overdue(as_of):
        notes.append("overdue")
    return due.date.isoformat() + (f" ({'; '.join(notes)})" if notes else "")
