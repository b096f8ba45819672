"""What every cross-record check is given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.codes import Code
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.store.repository import Repository


@dataclass(frozen=True)
class CheckContext:
    repo: Repository
    as_of: date

    @property
    def config_read(self) -> bool:
        """Whether eqdiv.yaml was read. When it was not, checks against the
        partnership's own settings (its partners, its strands) are skipped: the defaults
        standing in are not the partnership's, so every mention would be a false alarm,
        and the broken file is reported already."""
        return self.repo.config_read

    @staticmethod
    def finding(
        code: Code,
        message: str,
        location: Location,
        hint: str | None = None,
        severity: Severity | None = None,
        record: str | None = None,
    ) -> Finding:
        """A finding with ``code``, at the code's default severity unless told."""
        return Finding(code.id, severity or code.severity, message, location, hint, record)
