"""libyaml's error messages, turned into what the author of a record should do.

libyaml words its errors for parser writers ("did not find expected key"); equality
officers need to hear that a line's indentation is off, or that a tab crept in.
"""

from __future__ import annotations

import yaml

from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity

_TAB_MESSAGE = "This line uses a tab character; YAML indents with spaces only."
_TAB_HINT = "Replace the tab with spaces (most editors have 'convert tabs to spaces')."
_INDENT_MESSAGE = "This line's indentation does not line up with the lines above it."
_INDENT_HINT = "Items of the same mapping start in the same column; list items start with '- '."

# (words in libyaml's message, our message, our hint, point at where the construct opened)
_HELP: tuple[tuple[str, str, str, bool], ...] = (
    (
        "mapping values are not allowed",
        "A colon here starts a new field, but a field cannot start at this place.",
        "If the text contains ': ', put the whole value in quotes. Otherwise check the "
        "indentation of this line against the lines above.",
        False,
    ),
    (
        "could not find expected ':'",
        "A line here is not in the form `name: value`.",
        "Add the missing colon, or check that a long text is indented under its field.",
        False,
    ),
    ("did not find expected key", _INDENT_MESSAGE, _INDENT_HINT, False),
    ("expected <block end>", _INDENT_MESSAGE, _INDENT_HINT, False),
    (
        "did not find expected ',' or",
        "A list or mapping written in brackets is not closed properly.",
        "Close the bracket, separate items with commas, and put text that contains "
        "brackets or commas in quotes.",
        True,
    ),
    (
        "found unexpected end of stream",
        "A quote opened here is never closed.",
        "Close the quote, or remove it.",
        True,
    ),
    (
        "found undefined alias",
        "This refers to an anchor (`*name`) that is not defined above it.",
        "Define `&name` earlier in the file, or write the value out.",
        False,
    ),
    (
        "expected a single document",
        "This file holds more than one YAML document (a '---' line part-way down).",
        "Put each record in a file of its own.",
        False,
    ),
    (
        "found character that cannot start any token",
        "This character cannot start a value here.",
        "Put the value in quotes; characters such as @ and ` cannot start a plain value.",
        False,
    ),
    (
        "control characters are not allowed",
        "This file contains an invisible control character, which YAML does not allow.",
        "Delete and retype the text around this position.",
        False,
    ),
)


def syntax_finding(path: str, text: str, err: yaml.YAMLError) -> Finding:
    """One finding for a YAML error, at the most useful line and column."""
    problem, problem_at, context_at = _describe(text, err)
    line_text = _line(text, problem_at[0])
    indent = line_text[: problem_at[1]]
    # libyaml words tab trouble several ways; a tab in the indentation is the cause.
    if "'\\t'" in problem or ("\t" in indent and not indent.strip(" \t")):
        return _finding(path, codes.YAML_TAB, _TAB_MESSAGE, problem_at, _TAB_HINT)
    for needle, message, hint, at_opening in _HELP:
        if needle in problem:
            at = context_at if at_opening and context_at else problem_at
            return _finding(path, codes.YAML_SYNTAX, message, at, hint)
    detail = problem.strip() or "unknown problem"
    return _finding(
        path,
        codes.YAML_SYNTAX,
        f"The YAML here cannot be read ({detail}).",
        problem_at,
        "Compare this line with a similar record that validates.",
    )


Position = tuple[int, int]


def _describe(text: str, err: yaml.YAMLError) -> tuple[str, Position, Position | None]:
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        at = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        context = err.context_mark
        opened = (context.line + 1, context.column + 1) if context is not None else None
        return f"{err.problem or ''} {err.context or ''}", at, opened
    if isinstance(err, yaml.reader.ReaderError):
        offset = min(err.position, len(text))
        line_start = text.rfind("\n", 0, offset) + 1
        return str(err.reason), (text.count("\n", 0, offset) + 1, offset - line_start + 1), None
    return str(err).strip().splitlines()[0] if str(err).strip() else "", (1, 1), None


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _finding(path: str, code: codes.Code, message: str, at: Position, hint: str) -> Finding:
    return Finding(
        code=code.id,
        severity=Severity.ERROR,
        message=message,
        location=Location(path, at[0], at[1]),
        hint=hint,
    )
