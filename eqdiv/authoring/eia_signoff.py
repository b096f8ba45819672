"""Signing off an EIA: the accountable manager's name and date, and what was signed (a
digest of the assessed content, each field's digest and the impact ratings), written
under ``signoff:`` in place, every comment kept.

A later edit to the assessed content no longer matches the digest: ``eqdiv validate``
reports it (``eia-signoff-changed``) until a review is recorded or the EIA is signed
off again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft, check_person
from eqdiv.authoring.file_diff import unified_diff
from eqdiv.checks.validation import validate
from eqdiv.model.eia_signature import signature
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.suggest import did_you_mean
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import load_repository
from eqdiv.yamlio.editor import YamlEdit
from eqdiv.yamlio.source import UTF8_BOM


@dataclass(frozen=True)
class EiaSignOff:
    """The outcome: the file before and after, and the findings the signed file has
    (``blocked`` when any is an error: nothing is written then)."""

    path: str
    eia: str
    by: str
    day: date
    before: bytes
    after: bytes
    findings: tuple[Finding, ...]
    blocked: bool
    resigned: bool  # it was signed off before
    root: Path | None = None
    written: bool = False

    @property
    def failed(self) -> bool:
        """Exit 1: signed off, the EIA would have an error, so nothing was written."""
        return self.blocked

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv eia sign-off --format json``."""
        return {
            **envelope("eia sign-off", str(self.root or ""), self.day.isoformat()),
            "eia": self.eia,
            "by": self.by,
            "path": self.path,
            "written": self.written,
            "blocked": self.blocked,
            "signed_before": self.resigned,
            "findings": [finding_to_dict(f) for f in self.findings],
            "diff": unified_diff(self.before, self.after, self.path),
        }


def sign_off(
    root: Path, eia_id: str, by: str, day: date, schemas: SchemaSet | None = None
) -> EiaSignOff:
    """Sign off EIA ``eia_id`` by ``by`` (a people id) on ``day``. Nothing is written."""
    schemas = schemas or SchemaSet.load()
    repo = load_repository(root, schemas)
    eias = [r for r in repo.records if r.kind == "eia"]
    record = next((r for r in eias if r.id == eia_id), None)
    if record is None:
        raise UsageError(
            f"There is no EIA '{eia_id}'.",
            did_you_mean(eia_id, [r.id for r in eias]) + "`eqdiv eia list` shows them all.",
        )
    if not record.valid:
        raise UsageError(
            f"{record.path} has problems, so it cannot be signed off as it is.",
            f"Run `eqdiv validate {record.path}` and fix them first.",
        )
    check_person(repo, by, "--by")
    try:
        before = (root / record.path).read_bytes()
    except OSError as err:
        raise UsageError(f"{record.path} cannot be read: {err.strerror}.") from err
    bom = UTF8_BOM if before.startswith(UTF8_BOM) else b""
    editor = YamlEdit(before[len(bom) :].decode("utf-8"), record.path)
    value = {"by": by, "date": day.isoformat(), **signature(record.data)}
    resigned = "signoff" in record.data
    keys = list(record.data)
    if resigned:  # the old sign-off goes, the new one takes its place
        place = keys[keys.index("signoff") - 1] if keys.index("signoff") else keys[-1]
        editor.remove("/signoff")
        editor.add("", "signoff", value, after=(place,))
    else:
        editor.add("", "signoff", value, after=("monitoring", "outcome", "mitigation"))
    after = bom + editor.result().encode("utf-8")
    # Only what signing adds can block it: the file's findings now are not news.
    already = {_key(f) for f in validate(repo, day, [record.path]).findings}
    findings = tuple(
        f
        for f in check_draft(root, record.path, after, day, schemas).findings
        if _key(f) not in already
    )
    blocked = any(f.severity is Severity.ERROR for f in findings)
    return EiaSignOff(record.path, record.id, by, day, before, after, findings, blocked, resigned)


def _key(finding: Finding) -> tuple[str, str]:
    return (finding.code, finding.message)


def sign_off_file(
    root: Path, eia_id: str, by: str, day: date, *, dry_run: bool = False
) -> EiaSignOff:
    """``eqdiv eia sign-off``: sign off and write the file, unless it would bring an
    error or it is a dry run. A file changed meanwhile is not overwritten."""
    result = dataclasses.replace(sign_off(root, eia_id, by, day), root=root)
    if result.blocked or dry_run:
        return result
    target = root / result.path
    if target.read_bytes() != result.before:
        raise EqdivError(
            f"{result.path} changed while eqdiv was working on it; nothing was written.",
            "Run the command again.",
        )
    write_atomic(target, result.after)
    return dataclasses.replace(result, written=True)
