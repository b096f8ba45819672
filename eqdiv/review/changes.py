"""A change to the records, in eqdiv's terms: what happened to an action, an EIA, a
record, with a stable code, a level from the review policy and where it is."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.review.policy import Policy


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a change does to the records.

    ``subject`` is what it is about (a record id, or ``PLAN/ACTION``); ``record`` the id
    of the record holding it. ``location`` is on the newer side, or on the older one
    (``on_base``) when the thing is gone. ``short`` is a few words for a summary table;
    ``before`` and ``after`` are the values compared, ready for JSON."""

    code: str
    severity: Severity
    message: str
    location: Location
    subject: str
    record: str
    short: str
    hint: str | None = None
    on_base: bool = False
    before: Any = None
    after: Any = None

    def as_finding(self) -> Finding:
        """The change as a finding, for the writers that CI systems read."""
        return Finding(
            self.code, self.severity, self.message, self.location, self.hint, self.record
        )


@dataclass
class Notes:
    """Collects changes, each at the level the policy gives its code (or not at all)."""

    policy: Policy
    found: list[Change] = field(default_factory=list)

    def about(self, subject: str, record: str) -> About:
        """A way to note changes about one thing."""
        return About(self, subject, record)

    def take(self) -> tuple[Change, ...]:
        """The changes noted since the last ``take``."""
        taken, self.found = tuple(self.found), []
        return taken


@dataclass(frozen=True)
class About:
    """Notes changes about one subject, in one record."""

    notes: Notes
    subject: str
    record: str

    def __call__(
        self,
        code: codes.Code,
        message: str,
        location: Location,
        short: str,
        *,
        hint: str | None = None,
        on_base: bool = False,
        before: Any = None,
        after: Any = None,
    ) -> None:
        severity = self.notes.policy.severity(code)
        if severity is None:  # the partnership's settings leave it out
            return
        self.notes.found.append(
            Change(
                code.id,
                severity,
                message,
                location,
                self.subject,
                self.record,
                short,
                hint,
                on_base,
                before,
                after,
            )
        )


def span_words(days: int) -> str:
    """``12 days``; ``184 days (about 6 months)`` once months read more easily."""
    said = f"{days} day" + ("" if days == 1 else "s")
    if days >= 60:
        months = round(days / 30.44)
        said += (
            f" (about {months} months)" if months < 24 else f" (about {days / 365.25:.1f} years)"
        )
    return said


def quoted(text: str, limit: int = 160) -> str:
    """A note quoted on one line, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + '…'}”"


def changed_keys(
    before: Mapping[str, Any], after: Mapping[str, Any], skip: Collection[str] = ()
) -> list[str]:
    """The fields whose values differ, in the newer side's order, then those removed."""
    keys = [*after, *(k for k in before if k not in after)]
    return [k for k in keys if k not in skip and before.get(k) != after.get(k)]
