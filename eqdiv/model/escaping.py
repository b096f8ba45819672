"""Record text made safe for each kind of output: the one escaping function per family.

Record text is untrusted: anyone with commit access writes it, and it reaches a
reviewer's terminal, a pull request comment, a published web page and a spreadsheet.
Each family has one function here, and every writer of that family passes record text
through it (the terminal's consoles and the report templates do so for every value,
see ``eqdiv.output.console`` and ``eqdiv.report.templating``):

* ``visible_controls``: the base of all four. Control characters (an escape sequence
  can clear a screen or rewrite what is shown) and the invisible characters that
  reorder or hide text (bidirectional overrides, as in "Trojan Source") are shown as
  what they are, ``␛`` or ``<U+202E>``, never passed on. Tabs and line breaks stay.
* ``terminal_text``: the terminal, on a screen and piped (the same bytes either way).
* ``markdown_text``: Markdown for pull request comments and published pages: HTML's
  own escapes (no tag, no ``<!--``, no ``</details>``), Markdown's punctuation escaped
  (no link, image, emphasis, code or table cell break), and the start of a mention or
  of a bare link broken by a word joiner (GitHub links those in the rendered text,
  where an escape no longer stands).
* ``html_text``: HTML, as Jinja's autoescape does, after ``visible_controls``.
* ``csv_cell``: a spreadsheet cell: a value a spreadsheet would run as a formula
  (``=``, ``+``, ``-``, ``@``, a tab or a return first) starts with ``'``.

Standard library only: the report templates (below the edges) use it too.
"""

from __future__ import annotations

import html
import re

# Bidirectional controls (the "Trojan Source" characters), and the line and paragraph
# separators some terminals take as line breaks.
_INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
_WORD_JOINER = "\u2060"


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode picture of the control: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible_controls(text: str) -> str:
    """``text`` with each control or invisible reordering character shown as a
    visible stand-in; tabs and line breaks kept."""
    return _CONTROLS.sub(_shown, text)


def terminal_text(text: str) -> str:
    """Record text for a terminal (on a screen or piped)."""
    return visible_controls(text)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|#~$])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_CHARS = re.compile(r'[&<>"]')
# What starts a list item, when a value starts a line: "- x", "+ x", "1. x", "1) x".
_LINE_START = re.compile(r"^(?:([-+])|(\d+)([.)]))(?=\s|$)")
# A mention (@name), a bare link (https://, www.) and an e-mail address are linked by
# GitHub in the rendered text: a word joiner after the @, the : or the www keeps each
# one plain text while it still reads the same.
_LINKS = re.compile(r"@|:(?=//)|(?i:www)(?=\.)")


def markdown_text(value: object, *, one_line: bool = True) -> str:
    """Record text for Markdown: shown as written, acting as nothing. ``one_line``
    (for a table cell or a list item) joins its lines and runs of spaces; otherwise
    only line breaks become spaces, so a value keeps the spaces around it."""
    text = visible_controls(str(value))
    text = " ".join(text.split()) if one_line else re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text)
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    text = _HTML_CHARS.sub(lambda m: _HTML[m.group()], text)
    text = _LINKS.sub(lambda m: m.group() + _WORD_JOINER, text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)


_PLAIN_CODE = re.compile(r"[A-Za-z0-9._/:~+-]+")


def markdown_code(value: object) -> str:
    """An id, a path or a code for Markdown, as code (```id```) when it is plain enough
    to be one; otherwise as ``markdown_text``, since nothing can be escaped inside code."""
    text = str(value)
    return f"`{text}`" if _PLAIN_CODE.fullmatch(text) else markdown_text(text)


def html_text(value: object) -> str:
    """Record text for HTML (text or a quoted attribute)."""
    return html.escape(visible_controls(str(value)), quote=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value for a CSV cell: text shown as written, never run as a formula; numbers
    as they are."""
    if not isinstance(value, str):
        return value
    text = visible_controls(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
