"""Turning a record file's bytes into text, with plain-English findings when that fails.

Records are UTF-8. Word and Excel on Windows often save Windows-1252 instead, and a
curly quote then breaks the file in a way nobody can see; we point at the byte and say
what it probably is. A UTF-8 byte-order mark is harmless and removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class DecodeResult:
    text: str | None
    finding: Finding | None


def decode(raw: bytes, path: str) -> DecodeResult:
    """Decode a record file's bytes as UTF-8 (a leading BOM is allowed)."""
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
    elif raw.startswith(_UTF16_BOMS):
        return _fail(
            path,
            1,
            1,
            "This file is saved as UTF-16, not UTF-8.",
            "Save it again choosing the UTF-8 encoding (in Notepad: File > Save As > "
            "Encoding: UTF-8).",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _byte_position(raw, err.start)
        bad = raw[err.start : err.start + 1]
        guess = bad.decode("cp1252", errors="replace")
        return _fail(
            path,
            line,
            column,
            f"This file is not UTF-8: byte 0x{bad.hex()} here cannot be read.",
            "It looks like it was saved as Windows-1252 (common from Word or Excel), where "
            f"that byte is {guess!r}. Save the file again choosing the UTF-8 encoding.",
        )
    if "\x00" in text:
        line, column = _char_position(text, text.index("\x00"))
        return _fail(
            path,
            line,
            column,
            "This file contains a NUL character, so it is not a text file.",
            "Records are plain text. If this is a spreadsheet or a document, export it; "
            "`eqdiv import plan` reads spreadsheets.",
        )
    return DecodeResult(text, None)


def line_of(text: str, line: int) -> str | None:
    """The 1-based ``line`` of ``text`` without its line ending, or None past the end."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def _fail(path: str, line: int, column: int, message: str, hint: str) -> DecodeResult:
    finding = Finding(
        code=codes.ENCODING.id,
        severity=Severity.ERROR,
        message=message,
        location=Location(path, line, column),
        hint=hint,
    )
    return DecodeResult(None, finding)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    # Columns count characters, so decode what precedes the bad byte on its line.
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def _char_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
