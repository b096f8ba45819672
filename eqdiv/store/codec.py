"""A loaded record file as compact bytes, and back: what the cache stores and what
worker processes send to the one that asked.

``marshal`` is the format: the fastest the standard library has for plain data, and
records are nothing but dicts, lists, text and numbers once parsed. Position maps are
encoded apart from the rest, because most runs never need them.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable

from eqdiv.model.document import Document, Maps
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.records import Record
from eqdiv.store.loaded import LoadedFile

# What decoding raises on bytes that are not an entry: a damaged entry is a miss.
DAMAGED = (ValueError, EOFError, TypeError, KeyError, IndexError)


def encode(loaded: LoadedFile) -> tuple[bytes, bytes]:
    """The entry (kind, id, validity, data, findings) and the position maps."""
    record = loaded.record
    findings = [
        (
            f.code,
            f.severity.value,
            f.message,
            f.location.line,
            f.location.column,
            f.location.pointer,
            f.hint,
            f.record,
        )
        for f in loaded.findings
    ]
    if record is None:
        return marshal.dumps((None, findings)), marshal.dumps(({}, {}, {}))
    head = (record.kind, record.id, record.valid, record.document.data, record.document.anchors())
    return marshal.dumps((head, findings)), marshal.dumps(record.document.maps)


def decode(path: str, entry: bytes, maps: Callable[[], Maps]) -> LoadedFile:
    """The loaded file an entry holds; ``maps`` fetches its position maps when asked."""
    head, raw_findings = marshal.loads(entry)
    findings = tuple(
        Finding(
            code, Severity(severity), message, Location(path, line, column, pointer), hint, record
        )
        for code, severity, message, line, column, pointer, hint, record in raw_findings
    )
    if head is None:
        return LoadedFile(path, None, findings)
    kind, record_id, valid, data, anchors = head
    document = Document(data, load=maps, anchors=anchors)
    return LoadedFile(path, Record(path, kind, record_id, document, valid), findings)


def maps_from(raw: bytes) -> Maps:
    positions, key_positions, plain_text = marshal.loads(raw)
    return positions, key_positions, plain_text
