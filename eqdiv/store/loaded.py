"""One record file read: its bytes decoded, parsed and checked against its schema.

``load_file`` is pure (bytes in, a ``LoadedFile`` out, no disk access), so the same
pipeline serves the working tree, git history, drafts and worker processes. It is
kept apart from the repository reader, which uses the cache, the codec and the
worker pool, all of which need ``LoadedFile``: with both in one module they imported
each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.model.records import Record
from eqdiv.model.suggest import did_you_mean
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.yamlio.loader import parse
from eqdiv.yamlio.source import decode


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """One file's outcome: a record when it could be read as one, and its findings."""

    path: str
    record: Record | None
    findings: tuple[Finding, ...]


def load_file(path: str, raw: bytes, schemas: SchemaSet) -> LoadedFile:
    """Read one record file's bytes into a record and findings. Pure: no disk access,
    so the same pipeline serves the working tree and git history."""
    if len(raw) > MAX_RECORD_BYTES:
        return LoadedFile(path, None, (too_large(path, len(raw)),))
    decoded = decode(raw, path)
    if decoded.text is None:
        assert decoded.finding is not None
        return LoadedFile(path, None, (decoded.finding,))
    parsed = parse(decoded.text, path)
    findings = list(parsed.findings)
    document = parsed.document
    if document is None:
        return LoadedFile(path, None, tuple(findings))
    data = document.data
    if not isinstance(data, dict):
        findings.append(
            file_error(
                path,
                codes.NOT_A_MAPPING,
                f"This file holds {_shape(data)}, not a record.",
                "A record is a set of fields, starting with `kind:` and `id:` at the left margin.",
            )
        )
        return LoadedFile(path, None, tuple(findings))
    kind = data.get("kind")
    if kind is None:
        findings.append(
            file_error(
                path,
                codes.KIND_MISSING,
                "This file does not say what kind of record it is.",
                f"Add a first line `kind: ...`, one of: {', '.join(schemas.kinds)}.",
            )
        )
        return LoadedFile(path, None, tuple(findings))
    if not isinstance(kind, str) or kind not in schemas.kinds:
        line, column = document.position("/kind")
        findings.append(
            Finding(
                code=codes.KIND_UNKNOWN.id,
                severity=Severity.ERROR,
                message=f"'{kind}' is not a kind of record eqdiv knows.",
                location=Location(path, line, column, "/kind"),
                hint=did_you_mean(str(kind), schemas.kinds) + f"Kinds: {', '.join(schemas.kinds)}.",
            )
        )
        return LoadedFile(path, None, tuple(findings))
    schema_findings = schemas.validate(kind, document, path)
    findings.extend(schema_findings)
    record_id = data.get("id")
    record = Record(
        path=path,
        kind=kind,
        id=record_id if isinstance(record_id, str) else Path(path).stem,
        document=document,
        valid=not schema_findings,
    )
    return LoadedFile(path, record, tuple(findings))


def too_large(path: str, size: int) -> Finding:
    return file_error(
        path,
        codes.TOO_LARGE,
        f"This file is {size / 1_048_576:.1f} MiB; records are at most "
        f"{MAX_RECORD_BYTES // 1_048_576} MiB.",
        "A record this large is not a record: check what was saved here, or split it.",
    )


def _shape(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "a single piece of text"
    return "a single value"


def file_error(path: str, code: codes.Code, message: str, hint: str | None) -> Finding:
    return Finding(
        code=code.id, severity=Severity.ERROR, message=message, location=Location(path), hint=hint
    )
