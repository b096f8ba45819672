"""Writing records as YAML that reads like the hand-written ones in ``records/``.

PyYAML's emitter cannot write comments, folds long text at its own whim and quotes every
date; records written by eqdiv must look like those a person keeps: block style, short
lists of ids in brackets (``owners: [DH]``), long text folded at the right margin with
``>-``, comments above the entries they explain, and dates unquoted.

Every value is written so that eqdiv's own loader (``yaml_loader``) reads it back as
exactly the same value: text that YAML would read as something else (``no``, ``010``,
``1:30``) is quoted, as is anything with characters YAML gives a meaning to.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from eqdiv.yamlio.loader import escape_pointer_token, reads_as_text

WIDTH = 88
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")


def scalar(value: Any, *, flow: bool = False) -> str:
    """``value`` written on one line: plain where that reads back the same, else quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _plain_ok(text, flow):
        return text
    if all(_printable(c) and c not in _LINE_BREAKS for c in text):
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


def inline(value: Any) -> str:
    """``value`` on one line: a scalar, or a short list of simple words in brackets."""
    if isinstance(value, list | tuple):
        flow = _Writer({}, WIDTH).flow_list(value, 0)
        if flow is None:
            raise ValueError(f"{value!r} cannot be written on one line")
        return flow
    return scalar(value)


def dump(
    data: Mapping[str, Any],
    *,
    comments: Mapping[str, str] | None = None,
    width: int = WIDTH,
) -> str:
    """A whole record. ``comments`` maps a JSON pointer to a comment written on the
    line(s) above that entry ("" for the top of the file)."""
    writer = _Writer(comments or {}, width)
    header = writer.comment("", 0)
    return "".join(line + "\n" for line in [*header, *writer.mapping(data, "", 0, top=True)])


def entry_lines(key: str, value: Any, indent: int, *, width: int = WIDTH) -> list[str]:
    """``key: value`` as lines at ``indent`` spaces: what an edit inserts into a mapping."""
    return _Writer({}, width).member(key, value, "", indent)


def item_lines(value: Any, indent: int, *, width: int = WIDTH) -> list[str]:
    """``- value`` as lines, its dash at ``indent``: what an edit appends to a list."""
    return _Writer({}, width).item(value, "", indent)


class _Writer:
    def __init__(self, comments: Mapping[str, str], width: int) -> None:
        self.comments = comments
        self.width = width

    def comment(self, pointer: str, indent: int) -> list[str]:
        text = self.comments.get(pointer)
        if not text:
            return []
        pad = " " * indent
        lines: list[str] = []
        for paragraph in text.splitlines():
            wrapped = textwrap.wrap(paragraph, self.width - indent - 2) or [""]
            lines.extend(f"{pad}# {line}".rstrip() for line in wrapped)
        return lines

    def mapping(
        self, data: Mapping[str, Any], pointer: str, indent: int, *, top: bool = False
    ) -> list[str]:
        lines: list[str] = []
        for key, value in data.items():
            member = f"{pointer}/{escape_pointer_token(key)}"
            if top and lines and _is_table(value):
                lines.append("")  # a long list of entries reads better set apart
            lines.extend(self.comment(member, indent))
            lines.extend(self.member(key, value, member, indent))
        return lines

    def member(self, key: str, value: Any, pointer: str, indent: int) -> list[str]:
        pad = " " * indent
        head = f"{pad}{scalar(key)}:"
        if isinstance(value, Mapping):
            if not value:
                return [f"{head} {{}}"]
            return [head, *self.mapping(value, pointer, indent + 2)]
        if isinstance(value, list | tuple):
            flow = self.flow_list(value, len(head) + 1)
            if flow is not None:
                return [f"{head} {flow}"]
            lines = [head]
            for i, item in enumerate(value):
                if i and _is_table(value) and pointer.count("/") == 1:
                    lines.append("")
                lines.extend(self.comment(f"{pointer}/{i}", indent + 2))
                lines.extend(self.item(item, f"{pointer}/{i}", indent + 2))
            return lines
        return self.text_value(head, value, indent)

    def item(self, value: Any, pointer: str, indent: int) -> list[str]:
        pad = " " * indent
        if isinstance(value, Mapping) and value:
            inner = self.mapping(value, pointer, indent + 2)
            return [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        if isinstance(value, list | tuple) and value:
            flow = self.flow_list(value, indent + 2)
            if flow is not None:
                return [f"{pad}- {flow}"]
            inner = [line for v in value for line in self.item(v, "", indent + 2)]
            return [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        if isinstance(value, Mapping):
            return [f"{pad}- {{}}"]
        if isinstance(value, list | tuple):
            return [f"{pad}- []"]
        return self.text_value(f"{pad}-", value, indent)

    def flow_list(self, items: Sequence[Any], used: int) -> str | None:
        """``[a, b]`` for a short list of simple words (ids, months), else None."""
        if not items:
            return "[]"
        if not all(
            isinstance(i, str) and _FLOW_ITEM.fullmatch(i) and reads_as_text(i) for i in items
        ):
            return None
        flow = "[" + ", ".join(items) + "]"
        return flow if used + 1 + len(flow) <= self.width else None

    def text_value(self, head: str, value: Any, indent: int) -> list[str]:
        written = scalar(value)
        if not written:
            return [head]
        if len(head) + 1 + len(written) <= self.width or not isinstance(value, str):
            return [f"{head} {written}"]
        folded = _fold(value, self.width - indent - 2)
        if folded is None:
            return [f"{head} {written}"]
        pad = " " * (indent + 2)
        return [f"{head} >-", *(pad + line for line in folded)]


def _is_table(value: Any) -> bool:
    return isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(c in _FLOW_INDICATORS for c in text):
        return False
    if not all(_printable(c) and c not in _LINE_BREAKS for c in text):
        return False
    return reads_as_text(text)


def _fold(text: str, width: int) -> list[str] | None:
    """``text`` as the lines of a folded (``>-``) block, or None when folding would
    change it (line breaks, runs of spaces, characters YAML cannot hold raw)."""
    if text != text.strip() or "  " in text or "\t" in text:
        return None
    if not all(_printable(c) and c not in _LINE_BREAKS for c in text):
        return None
    lines = textwrap.wrap(text, max(width, 20), break_long_words=False, break_on_hyphens=False)
    return lines if " ".join(lines) == text else None


def _printable(char: str) -> bool:
    """YAML's printable set (YAML 1.1, 5.1), less the byte-order mark."""
    code = ord(char)
    return (
        code in (0x09, 0x0A, 0x0D, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def _double_quoted(text: str) -> str:
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _printable(char) and char not in _LINE_BREAKS:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'
