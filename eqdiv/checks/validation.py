"""``validate``: every problem in a records repository, in one run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from eqdiv.checks import CheckContext, run_checks
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Severity, counts, sort_findings
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.store.repository import Repository


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating a repository (or some of its files)."""

    repo: Repository
    as_of: date
    findings: tuple[Finding, ...]
    files: tuple[str, ...]

    @property
    def counts(self) -> dict[Severity, int]:
        return counts(self.findings)

    @property
    def files_with_findings(self) -> tuple[str, ...]:
        return tuple(sorted({f.location.path for f in self.findings}))

    def fails(self, level: Severity = Severity.ERROR) -> bool:
        """Whether any finding is at ``level`` or more serious."""
        return any(f.severity.rank >= level.rank for f in self.findings)


def validate(
    repo: Repository, as_of: date, only: Sequence[str] | None = None, *, excerpts: bool = True
) -> ValidationResult:
    """Check every record, then the links between them. With ``only`` (paths relative
    to the repository, files or folders), report the findings in those, and every
    broken link wherever it shows: the whole repository is read, because a link can
    break from either end (a person taken out of the people directory breaks every
    action they own; a copied record makes its original's id a duplicate).
    ``excerpts=False`` leaves out the source lines, for a caller that shows only some
    findings (``with_excerpt`` adds one)."""
    findings: Iterable[Finding] = [*repo.findings, *run_checks(CheckContext(repo, as_of))]
    files = repo.files
    if only is not None:
        findings = [f for f in findings if within(f.location.path, only) or f.code in LINKS]
        files = tuple(p for p in files if within(p, only))
    ordered = sort_findings(findings)
    shown = tuple(with_excerpt(repo, f) for f in ordered) if excerpts else tuple(ordered)
    return ValidationResult(repo, as_of, shown, files)


# Findings about the links between records: a change to one file can raise them in
# another, so they are reported even outside the files asked about.
LINKS = frozenset(c.id for c in (codes.DUPLICATE_ID, codes.REF_MISSING, codes.STRAND_UNKNOWN))


def within(path: str, only: Sequence[str]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") or p in ("", ".") for p in only)


def with_excerpt(repo: Repository, finding: Finding) -> Finding:
    """``finding`` with the source line it points at, from the file ``repo`` read."""
    if finding.excerpt is not None:
        return finding
    return replace(finding, excerpt=repo.source_line(finding.location.path, finding.location.line))


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
