"""Findings and results as plain JSON-ready data: the stable ``--format json`` shape.

Paths are relative to the records repository (``repository`` gives its absolute path),
so the JSON does not change with the folder eqdiv was run from.
"""

from __future__ import annotations

from typing import Any

from eqdiv import __version__
from eqdiv.findings import Finding, Severity
from eqdiv.validation import ValidationResult

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


def validation_to_dict(result: ValidationResult) -> dict[str, Any]:
    tally = result.counts
    return {
        **envelope("validate", str(result.repo.root), result.as_of.isoformat()),
        "summary": {
            "files": len(result.files),
            "files_with_findings": len(result.files_with_findings),
            "errors": tally[Severity.ERROR],
            "warnings": tally[Severity.WARNING],
            "info": tally[Severity.INFO],
        },
        "findings": [finding_to_dict(f) for f in result.findings],
    }
