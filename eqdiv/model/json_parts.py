"""The parts every ``--format json`` output shares, as plain JSON-ready data: the
envelope, findings, dates and reporting periods. Each feature's own shape builds on
these (``actions.action_json``, ``eia.eia_json``, ``review.review_json``, ...).

Paths are relative to the records repository (``repository`` gives its absolute path),
so the JSON does not change with the folder eqdiv was run from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eqdiv import __version__
from eqdiv.model.findings import Finding
from eqdiv.model.periods import Period

FORMAT_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "severity": finding.severity.value,
        "code": finding.code,
        "message": finding.message,
        "hint": finding.hint,
        "pointer": loc.pointer,
        "record": finding.record,
    }


def envelope(command: str, root: str, as_of: str | None) -> dict[str, Any]:
    """The fields every JSON output starts with."""
    return {
        "eqdiv": __version__,
        "format": FORMAT_VERSION,
        "command": command,
        "repository": root,
        "as_of": as_of,
    }


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def period_to_dict(period: Period) -> dict[str, Any]:
    """A reporting period: its name and its first and last days."""
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}
