"""A record file's kind and id read from its text without parsing it, when that is
certain.

``history`` must know which files of a commit hold the records an EIA's score depends
on (the people, the rubric, the plans its mitigations name...) without parsing every
file of every commit. Most record files are plain block YAML whose ``kind:`` and
``id:`` lines at the left margin say it all; ``quick_identity`` answers for those and
declines (None) for anything it cannot be sure of: a quoted or flow-style key at the
margin, a quoted scalar or a flow collection that a line opens and does not close (its
next lines could then look like keys), a value YAML could read as something other than
text (``id: 2024``, ``id: yes``), an anchor, a tag, a second ``kind:``... The caller
then parses the file. So whenever it answers, the answer is what parsing would give:
the record's kind (or None, when the file holds no ``kind:``) and its id (None: the
file gives no id, so the record is named after its file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eqdiv.yamlio.loader import reads_as_text

# Each pattern starts with a literal character, which ``re`` searches for quickly; the
# text is searched with a line break put in front of it, so its first line counts.
# A line at the left margin that is not a plain key (a colon, then a space or the
# line's end): a document marker, a tab, a quoted or complex key, a flow mapping...
_ODD_MARGIN = re.compile(r"\n(?!$|[ #\r\n]|[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t]|\r?\n|\r?$))")
_IDENTITY_LINE = re.compile(r"\n(kind|id):([^\n]*?)\r?(?=\n|$)")
# An indented line after a value (blank lines between): a plain value runs on into it
# (``id: e-1`` then ``  - item`` reads as the id ``e-1 - item``).
_RUNS_ON = re.compile(r"(?:\n[ \t]*\r?(?=\n))*\n[ \t]+[^ \t\r\n]")
# A value that is certainly this text: plain words (if YAML reads them as text), or
# simply quoted.
_VALUE = re.compile(
    r"""[ \t]*(?:([A-Za-z0-9][A-Za-z0-9._-]*)|'([A-Za-z0-9][A-Za-z0-9._-]*)'"""
    r"""|"([A-Za-z0-9][A-Za-z0-9._-]*)")(?:[ \t]+(?:\#.*)?)?"""
)
# What may come before a value on its line, after the spaces: nothing, ``:``, ``-``,
# ``?`` (an indicator), or inside brackets an opening bracket or a comma.
_BRACKETS = re.compile(r"[\[\]{}]")
_BEFORE_VALUE = frozenset("\n:-?[{,")


@dataclass(frozen=True, slots=True)
class Identity:
    kind: str | None  # None: the file says no kind, so it is no record
    id: str | None  # None: no id of its own; the record takes its file's name


def quick_identity(raw: bytes) -> Identity | None:
    """The kind and id the file ``raw`` gives, or None when only parsing can tell."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = "\n" + text.removeprefix("\ufeff")
    if _odd_breaks(text) or _ODD_MARGIN.search(text) or not _values_close(text):
        return None
    found: dict[str, str] = {}
    for line in _IDENTITY_LINE.finditer(text):
        name, rest = line.groups()
        value = _VALUE.fullmatch(rest)
        if name in found or value is None or _RUNS_ON.match(text, line.end()):
            return None
        plain, single, double = value.groups()
        if plain is not None and not reads_as_text(plain):
            return None
        found[name] = plain or single or double
    return Identity(found.get("kind"), found.get("id"))


def _odd_breaks(text: str) -> bool:
    """Whether ``text`` breaks lines other than at \\n (or \\r\\n), as YAML may."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return True
    return "\x85" in text or "\u2028" in text or "\u2029" in text


def _values_close(text: str) -> bool:
    """Whether every quoted value and flow collection closes on the line it opens on,
    and no value has an anchor or a tag (after which anything may follow)."""
    for opener in "\"'[{&!":
        at = text.find(opener)
        while at >= 0:
            start = text.rfind("\n", 0, at)
            if text[start:at].rstrip(" \t")[-1] in _BEFORE_VALUE:
                if opener in "&!":
                    return False
                end = text.find("\n", at)
                if not _closed(text[start + 1 : end if end >= 0 else len(text)]):
                    return False
            at = text.find(opener, at + 1)
    return True


def _closed(line: str) -> bool:
    """Whether every quoted scalar and flow collection ``line`` opens, it also closes
    (False when unsure). A quote counts only where a value starts: after a ``: ``, a
    ``- ``, an opening bracket or a comma inside one; ``it's`` opens nothing."""
    if _brackets_close(line):
        return True
    depth = 0
    start = True  # at a place where a value may start
    at = 0
    while at < len(line):
        c = line[at]
        if start and c in "\"'":
            at = _quote_end(line, at)
            if at < 0:
                return False
            start = False
        elif c == "#" and (at == 0 or line[at - 1] in " \t"):
            break  # a comment: the rest of the line is not YAML
        elif c == "#" and start:
            return False  # YAML's reading of this is not worth guessing
        elif c in "[{" and (start or depth):
            depth, start = depth + 1, True
        elif c in "]}" and depth:
            depth, start = depth - 1, False
        else:
            start = _starts_value(line, at, start, depth)
        at += 1
    return depth == 0


def _brackets_close(line: str) -> bool:
    """The common case, quickly: a line without quotes or comments whose brackets nest
    and close (``groups: [a, b]``). Brackets in plain text that open nothing are then
    closed as well, and a quote is all that could hide one."""
    if '"' in line or "'" in line or "#" in line:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(line):
        depth += 1 if bracket in "[{" else -1
        if depth < 0:
            return False
    return depth == 0


def _starts_value(line: str, at: int, start: bool, depth: int) -> bool:
    """Whether a value may start after the character at ``at`` (which is none of a
    quote, a bracket or a comment): after spaces where one could before, after an
    indicator (``- ``, ``? ``, ``: ``) or, inside brackets, after a comma."""
    c = line[at]
    then = line[at + 1 : at + 2]
    if c in " \t":
        return start
    if c == "," and depth:
        return True
    return (c in "-?" and start and then in ("", " ", "\t")) or (
        c == ":" and then in ("", " ", "\t", ",", "]", "}")
    )


def _quote_end(line: str, at: int) -> int:
    """Where the quoted scalar opened at ``at`` closes on ``line``; -1 if not there."""
    quote = line[at]
    i = at + 1
    while i < len(line):
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2  # '' is a quote inside single quotes
                continue
            return i
        i += 1
    return -1
