"""What every cross-record check is given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.findings import Finding, Location, Severity
from eqdiv.repository import Repository


@dataclass(frozen=True)
class CheckContext:
    repo: Repository
    as_of: date

    @staticmethod
    def finding(
        code: str,
        message: str,
        location: Location,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        record: str | None = None,
    ) -> Finding:
        return Finding(code, severity, message, location, hint, record)
