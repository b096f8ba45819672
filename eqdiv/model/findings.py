"""Findings: the problems eqdiv reports, each tied to a file, line and column.

A finding reads ``path:line:column: severity code message`` (the compiler convention
that editors jump to). Codes are stable: scripts and CI rules may depend on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious, so ``max()`` and threshold tests read naturally."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """Where something is: a path relative to the records repository, 1-based line and
    column, and the JSON pointer of the value inside its record ("" is the whole record)."""

    path: str
    line: int = 1
    column: int = 1
    pointer: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the records.

    ``excerpt`` is the source line the finding points at, when eqdiv had the text at
    hand; the output layer draws it with a caret under ``location.column``.
    """

    code: str
    severity: Severity
    message: str
    location: Location
    hint: str | None = None
    record: str | None = None
    excerpt: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """File order, then line, then column: the order a reader fixes them in."""
    return sorted(findings, key=Finding.sort_key)


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The most serious severity among ``findings``, or None when there are none."""
    ranked = [f.severity for f in findings]
    return max(ranked, key=lambda s: s.rank) if ranked else None


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity (every severity present, zero or not)."""
    tally = dict.fromkeys(Severity, 0)
    for f in findings:
        tally[f.severity] += 1
    return tally
