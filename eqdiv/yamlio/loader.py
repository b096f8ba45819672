"""Parse a record's YAML text into plain data, remembering where every value came from.

libyaml (PyYAML's C parser) builds the node tree; we turn nodes into dicts, lists and
scalars ourselves, because PyYAML's own constructor would:

* silently keep the last of two duplicate keys (losing what the author wrote first);
* turn dates into ``datetime.date`` (we keep ISO text, so JSON Schema ``format: date``
  applies and JSON output is lossless);
* forget positions, and we need a line and column for every JSON pointer.

Hostile input is refused with a finding, in bounded time and memory: nesting deeper than
``MAX_DEPTH`` (libyaml's composer recurses in C and would crash the interpreter), more
than ``MAX_NODES`` values once aliases are expanded (the "billion laughs"), and files
over ``MAX_BYTES`` (checked by the caller before reading, see ``repository``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from eqdiv.model import codes
from eqdiv.model.document import Document, Position
from eqdiv.model.findings import Finding, Location
from eqdiv.yamlio.syntax_errors import syntax_finding

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 250_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# YAML 1.1, as PyYAML reads it, minus timestamps (which stay text).
_BOOL_WORDS = {
    "yes": True, "Yes": True, "YES": True, "no": False, "No": False, "NO": False,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False,
    "FALSE": False, "on": True, "On": True, "ON": True, "off": False, "Off": False,
    "OFF": False,
}  # fmt: skip
_PLAIN_BOOLS = {"true", "True", "TRUE", "false", "False", "FALSE"}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_INT_RE = re.compile(
    r"""[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.X,
)
_FLOAT_RE = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.X,
)
_NUMBER_START = frozenset("-+.0123456789")
_WORD_START = frozenset("yYnNtTfFoO~")


@dataclass(frozen=True, slots=True)
class ParseResult:
    document: Document | None
    findings: tuple[Finding, ...]


class _Refused(Exception):
    """The document is too deep or too large to build; carries the finding."""

    def __init__(self, finding_args: tuple[codes.Code, str, Position, str]) -> None:
        super().__init__(finding_args[1])
        self.finding_args = finding_args


class _Resolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars as YAML 1.1 does, but quickly and without timestamps.

    libyaml's composer calls ``descend_resolver`` for every node before it recurses, so
    this is also where nesting depth is capped, before the C stack can overflow.
    """

    _depth = 0

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            # ``current_node`` is the value MAX_DEPTH levels down that holds one more.
            raise _Refused(_too_deep(_mark(current_node)))

    def ascend_resolver(self) -> None:
        self._depth -= 1

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            return _resolve_plain(value)
        return _SEQ if kind is SequenceNode else _MAP


def reads_as_text(plain: str) -> bool:
    """Whether ``plain``, written unquoted, reads back as that text (not as a number,
    true/false or nothing): what a writer needs to know before leaving it unquoted."""
    return _resolve_plain(plain) == _STR


def _resolve_plain(value: str) -> str:
    if not value:
        return _NULL
    first = value[0]
    if first in _NUMBER_START:
        if _INT_RE.fullmatch(value):
            return _INT
        if _FLOAT_RE.fullmatch(value):
            return _FLOAT
        return _STR
    if first in _WORD_START:
        if value in _BOOL_WORDS:
            return _BOOL
        if value in _NULL_WORDS:
            return _NULL
    elif first in "nN" and value in _NULL_WORDS:
        return _NULL
    return _STR


class _Composer(CParser, _Resolver):
    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        _Resolver.__init__(self)


def parse(text: str, path: str) -> ParseResult:
    """Parse one record file's text. Never raises for anything in ``text``."""
    try:
        root = _Composer(text).get_single_node()
    except _Refused as refused:
        return ParseResult(None, (_finding(path, *refused.finding_args),))
    except yaml.YAMLError as err:
        if _nesting_refused(err):
            return ParseResult(None, (_finding(path, *_too_deep_in(text, err)),))
        return ParseResult(None, (syntax_finding(path, text, err),))
    if root is None:
        return ParseResult(
            None,
            (
                _finding(
                    path,
                    codes.EMPTY_FILE,
                    "This file is empty.",
                    (1, 1),
                    "A record file starts with `kind:` (for example `kind: eia`) and an "
                    "`id:`. Delete the file if it is not needed.",
                ),
            ),
        )
    builder = _Builder(path)
    try:
        if "&" in text:  # without an anchor there can be no alias, so no bomb
            builder.check_size(root)
        data = builder.build(root, "")
    except _Refused as refused:
        return ParseResult(None, (_finding(path, *refused.finding_args),))
    return ParseResult(builder.document(data), tuple(builder.findings))


def _too_deep(at: Position) -> tuple[codes.Code, str, Position, str]:
    return (
        codes.TOO_DEEP,
        f"This file nests values more than {MAX_DEPTH} levels deep.",
        at,
        "Records are a few levels deep; this is not a record file, or its indentation "
        "has gone wrong.",
    )


def _nesting_refused(err: yaml.YAMLError) -> bool:
    """Whether libyaml itself refused the nesting: since 0.2.6 (bundled with PyYAML
    6.0.4) it stops at 1,000 levels, and its scanner can get there before the composer
    has gone MAX_DEPTH levels down, so the depth guard never sees the file."""
    problem = getattr(err, "problem", None)
    return isinstance(problem, str) and "maximum nesting depth" in problem


def _too_deep_in(text: str, err: yaml.YAMLError) -> tuple[codes.Code, str, Position, str]:
    """The too-deep finding for a file libyaml refused as too deep: the same one the
    depth guard gives with a libyaml that does not refuse it. The text before the point
    libyaml stopped at is more than MAX_DEPTH levels deep too, and short of libyaml's
    limit, so composing it meets the guard at the same value."""
    mark = getattr(err, "problem_mark", None)
    if mark is None:
        return _too_deep((1, 1))
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: mark.line]) + mark.column
    try:
        _Composer(text[:offset]).get_single_node()
    except _Refused as refused:
        return refused.finding_args
    except yaml.YAMLError:
        pass  # cut short, the text reads differently: point where libyaml stopped
    return _too_deep((mark.line + 1, mark.column + 1))


def escape_pointer_token(token: str) -> str:
    """RFC 6901: ``~`` and ``/`` inside a key are written ``~0`` and ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    """The key a JSON pointer token names (``~1`` back to ``/``, ``~0`` to ``~``)."""
    return token.replace("~1", "/").replace("~0", "~")


class _Builder:
    """Turns a node tree into data plus positions, collecting findings as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[str, Position] = {}
        self.key_positions: dict[str, Position] = {}
        self.plain_text: dict[str, str] = {}
        self.findings: list[Finding] = []

    def document(self, data: Any) -> Document:
        return Document(data, self.positions, self.key_positions, self.plain_text)

    def check_size(self, root: Node) -> None:
        """Refuse documents whose aliases expand past ``MAX_NODES`` values.

        Sizes are memoised per node, so this is linear in the file even for a bomb."""
        sizes: dict[int, int] = {}

        def size(node: Node) -> int:
            known = sizes.get(id(node))
            if known is not None:
                return known
            if isinstance(node, ScalarNode):
                total = 1
            elif isinstance(node, SequenceNode):
                total = 1 + sum(size(child) for child in node.value)
            else:
                total = 1 + sum(size(k) + size(v) for k, v in node.value)
            sizes[id(node)] = total
            if total > MAX_NODES:
                raise _Refused(
                    (
                        codes.TOO_LARGE,
                        f"This file expands to more than {MAX_NODES:,} values.",
                        _mark(node),
                        "Aliases (`*name`) repeat what their anchor (`&name`) holds; "
                        "nested many times they multiply. Write the values out, or split "
                        "the file.",
                    )
                )
            return total

        size(root)

    def build(self, node: Node, pointer: str) -> Any:
        # The hot loop of every run: text scalars, the common case, take the first exit.
        mark = node.start_mark
        self.positions[pointer] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is ScalarNode:
            if node.tag == _STR:
                return node.value
            return self._scalar(cast(ScalarNode, node), pointer)
        if node.tag != (_SEQ if kind is SequenceNode else _MAP):
            self._add(
                codes.YAML_TAG,
                f"The YAML tag '{node.tag}' is not supported; eqdiv reads plain values only.",
                _mark(node),
                "Remove the tag (the word starting with `!`).",
                pointer=pointer,
            )
        if kind is SequenceNode:
            build = self.build
            return [build(child, f"{pointer}/{i}") for i, child in enumerate(node.value)]
        return self._mapping(cast(MappingNode, node), pointer)

    def _mapping(self, node: MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_positions = self.key_positions
        build = self.build
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self._add(
                    codes.YAML_SYNTAX,
                    "A field name here is a list or a mapping; field names are plain words.",
                    _mark(key_node),
                    "Check the indentation and any `?` at the start of the line.",
                )
                continue
            # Keys are always text: the author wrote a name, even if it looks like `no`.
            key = key_node.value
            token = escape_pointer_token(key) if "~" in key or "/" in key else key
            member = f"{pointer}/{token}"
            mark = key_node.start_mark
            key_at = (mark.line + 1, mark.column + 1)
            if key in result:
                line = key_positions[member][0]
                self._add(
                    codes.DUPLICATE_KEY,
                    f"'{key}' appears twice in the same mapping (first on line {line}); "
                    "YAML would silently keep only this one.",
                    key_at,
                    "Merge the two into one entry, or rename one of them.",
                    pointer=member,
                )
            key_positions[member] = key_at
            result[key] = build(value_node, member)
        return result

    def _scalar(self, node: ScalarNode, pointer: str) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag not in (_INT, _FLOAT, _BOOL, _NULL):
            self._add(
                codes.YAML_TAG,
                f"The YAML tag '{tag}' is not supported; eqdiv reads plain values only.",
                _mark(node),
                "Remove the tag (the word starting with `!`).",
                pointer=pointer,
            )
            return text
        value = _convert(tag, text)
        if not node.style:  # libyaml gives '' for plain scalars
            self.plain_text[pointer] = text
        return value

    def _add(
        self, code: codes.Code, message: str, at: Position, hint: str | None, pointer: str = ""
    ) -> None:
        self.findings.append(_finding(self.path, code, message, at, hint, pointer))


def _convert(tag: str, text: str) -> Any:
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOL_WORDS[text] if text in _BOOL_WORDS else text.lower() == "true"
    if tag == _INT:
        return _to_int(text)
    return _to_float(text)


def _to_int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if ":" in digits:  # base 60, as YAML 1.1 reads times such as 1:30
        total = 0
        for part in digits.split(":"):
            total = total * 60 + int(part)
        return sign * total
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits, 8)
    return sign * int(digits)


def _to_float(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = -1.0 if digits.startswith("-") else 1.0
    digits = digits.lstrip("+-")
    if digits == ".inf":
        return sign * math.inf
    if digits == ".nan":
        return math.nan
    if ":" in digits:
        total = 0.0
        for part in digits.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(digits)


def surprise_hint(plain: str, value: Any, wants_text: bool = False) -> str | None:
    """Explain how YAML 1.1 read an unquoted value, when that is probably not what the
    author meant (``no`` as false, ``010`` as 8) or text was wanted; otherwise None."""
    if isinstance(value, bool):
        if plain in _PLAIN_BOOLS and not wants_text:
            return None
        return (
            f"YAML reads {plain} as {str(value).lower()} (yes/no/on/off are true/false in "
            f"YAML). If you mean the word, put it in quotes: '{plain}'."
        )
    if isinstance(value, int | float) and str(value) != plain:
        return (
            f"YAML reads {plain} as the number {value}. If you mean it as written, put it "
            f"in quotes: '{plain}'."
        )
    if wants_text and value is not None:
        return f"YAML reads {plain} as a number. If you mean text, put it in quotes: '{plain}'."
    return None


def _mark(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _finding(
    path: str,
    code: codes.Code,
    message: str,
    at: Position,
    hint: str | None = None,
    pointer: str = "",
) -> Finding:
    return Finding(
        code=code.id,
        severity=code.severity,
        message=message,
        location=Location(path, at[0], at[1], pointer),
        hint=hint,
    )
