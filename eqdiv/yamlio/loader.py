"""Parse a record's YAML text into plain data, remembering where every value came from.

libyaml (PyYAML's C parser) builds the node tree; we turn nodes into dicts, lists and
scalars ourselves, because PyYAML's own constructor would:

* silently keep the last of two duplicate keys (losing what the author wrote first);
* turn dates into ``datetime.date`` (we keep ISO text, so JSON Schema ``format: date``
  applies and JSON output is lossless);
* forget positions, and we need a line and column for every JSON pointer.

Hostile input is refused with a finding, in bounded time and memory, each bound
(``eqdiv.model.limits``) checked before the work it bounds: nesting deeper than
``MAX_DEPTH`` (libyaml's composer recurses in C and would crash the interpreter), more
than ``MAX_NODES`` values as the file is composed and again once aliases are expanded
(the "billion laughs"), an alias inside what its own anchor holds (a loop), numbers
longer than ``MAX_DIGITS`` digits, and files over ``MAX_RECORD_BYTES`` (checked by the
caller before reading, see ``repository``). A value under an alias is located at the
alias, where the author sees it in this place, not at its anchor.
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
from eqdiv.model.limits import MAX_DEPTH, MAX_DIGITS, MAX_NODES
from eqdiv.yamlio.syntax_errors import syntax_finding

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
    this is also where nesting depth and the number of values are capped, before the C
    stack can overflow or a two-million-item list is built.
    """

    _depth = 0
    _nodes = 0

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self._depth += 1
        self._nodes += 1
        if self._depth > MAX_DEPTH:
            # ``current_node`` is the value MAX_DEPTH levels down that holds one more.
            raise _Refused(_too_deep(_mark(current_node)))
        if self._nodes > MAX_NODES:
            raise _Refused(_too_many(_mark(current_node) if current_node else (1, 1)))

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


class _AliasComposer(_Composer, yaml.composer.Composer):
    """For files with anchors: libyaml's events composed by PyYAML's own composer, so
    that an alias becomes a node of its own, at the alias's line and column (libyaml's
    composer gives back the anchor's node). The node shares its anchor's children;
    ``aliases`` says which nodes are aliases, for the builder."""

    def __init__(self, text: str) -> None:
        _Composer.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        self.aliases: dict[int, Position] = {}
        self._copies: list[Node] = []  # keeps each alias node, so its id stays its own

    def compose(self) -> Node | None:
        node: Node | None = yaml.composer.Composer.get_single_node(self)
        return node

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if not self.check_event(yaml.AliasEvent):
            return yaml.composer.Composer.compose_node(self, parent, index)
        event: Any = self.get_event()
        target = self.anchors.get(event.anchor)
        if target is None:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        copy: Node = type(target)(target.tag, target.value, event.start_mark, event.end_mark)
        if isinstance(target, ScalarNode) and isinstance(copy, ScalarNode):
            copy.style = target.style
        self._copies.append(copy)
        self.aliases[id(copy)] = (event.start_mark.line + 1, event.start_mark.column + 1)
        return copy


def parse(text: str, path: str) -> ParseResult:
    """Parse one record file's text. Never raises for anything in ``text``."""
    # Without an anchor there can be no alias, so no bomb, no loop, and libyaml's own
    # composer (faster) will do.
    if _has_surrogate(text):
        # Text decoded from a file's bytes never holds one; text given to the API might,
        # and libyaml cannot take it.
        return ParseResult(
            None,
            (
                _finding(
                    path,
                    codes.ENCODING,
                    "This text holds a character that is not Unicode text (a lone "
                    "surrogate), so it cannot be read as YAML.",
                    (1, 1),
                    "Save the file as UTF-8 text.",
                ),
            ),
        )
    anchored = "&" in text
    composer = _AliasComposer(text) if anchored else None
    try:
        root = composer.compose() if composer else _Composer(text).get_single_node()
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
    builder = _AliasBuilder(path, composer.aliases) if composer else _Builder(path)
    try:
        if composer:
            builder.check_size(root)
        data = builder.build(root, "")
    except _Refused as refused:
        return ParseResult(None, (_finding(path, *refused.finding_args),))
    return ParseResult(builder.document(data), tuple(builder.findings))


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _too_deep(at: Position) -> tuple[codes.Code, str, Position, str]:
    return (
        codes.TOO_DEEP,
        f"This file nests values more than {MAX_DEPTH} levels deep.",
        at,
        "Records are a few levels deep; this is not a record file, or its indentation "
        "has gone wrong.",
    )


def _too_many(at: Position) -> tuple[codes.Code, str, Position, str]:
    return (
        codes.TOO_LARGE,
        f"This file holds more than {MAX_NODES:,} values.",
        at,
        "A record holds a few thousand values at most; this is not a record file, or "
        "it should be split.",
    )


def _alias_loop(at: Position) -> tuple[codes.Code, str, Position, str]:
    return (
        codes.ALIAS_LOOP,
        "This alias (`*name`) is inside the value its own anchor (`&name`) names, so "
        "it would repeat forever.",
        at,
        "Write the value out instead of using the alias here.",
    )


def _expands_too_far(at: Position) -> tuple[codes.Code, str, Position, str]:
    return (
        codes.TOO_LARGE,
        f"This file expands to more than {MAX_NODES:,} values.",
        at,
        "Aliases (`*name`) repeat what their anchor (`&name`) holds; nested many times "
        "they multiply. Write the values out, or split the file.",
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
        """Refuse documents whose aliases expand past ``MAX_NODES`` values or
        ``MAX_DEPTH`` levels, or hold themselves.

        Sizes are memoised per node, so this is linear in the file even for a bomb, and
        the depth is checked on the way down, so the recursion stays short. Alias nodes
        share their anchor's children (``node.value``), so that is what is memoised, and
        what is marked while being counted: met again then, an alias lies inside its
        own anchor, a loop no amount of expanding would end."""
        measured: dict[int, tuple[int, int]] = {}  # id(children) -> (values, height)
        counting: set[int] = set()

        def measure(node: Node, depth: int) -> tuple[int, int]:
            if depth > MAX_DEPTH:
                raise _Refused(_too_deep(self._position(node)))
            if isinstance(node, ScalarNode):
                return 1, 1
            key = id(node.value)
            known = measured.get(key)
            if known is not None:
                if depth + known[1] - 1 > MAX_DEPTH:
                    raise _Refused(_too_deep(self._position(node)))
                return known
            if key in counting:
                raise _Refused(_alias_loop(self._position(node)))
            counting.add(key)
            if isinstance(node, SequenceNode):
                children = node.value
            else:
                children = [part for pair in node.value for part in pair]
            total, height = 1, 0
            for child in children:
                values, levels = measure(child, depth + 1)
                total += values
                height = max(height, levels)
                if total > MAX_NODES:
                    raise _Refused(_expands_too_far(self._position(node)))
            counting.discard(key)
            measured[key] = (total, height + 1)
            return total, height + 1

        measure(root, 1)

    def _position(self, node: Node) -> Position:
        """Where ``node`` is, for a finding about it."""
        return _mark(node)

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
                self._position(node),
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
                    self._position(key_node),
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
                self._position(node),
                "Remove the tag (the word starting with `!`).",
                pointer=pointer,
            )
            return text
        try:
            value = _convert(tag, text)
        except _BadValue as bad:
            self._add(bad.code, bad.message, self._position(node), bad.hint, pointer=pointer)
            return text
        if not node.style:  # libyaml gives '' for plain scalars
            self.plain_text[pointer] = text
        return value

    def _add(
        self, code: codes.Code, message: str, at: Position, hint: str | None, pointer: str = ""
    ) -> None:
        self.findings.append(_finding(self.path, code, message, at, hint, pointer))


class _AliasBuilder(_Builder):
    """The builder for a file with anchors: a value reached through an alias, and all
    it holds, is located at the alias (``b: *x`` is on b's line, not on x's)."""

    def __init__(self, path: str, aliases: dict[int, Position]) -> None:
        super().__init__(path)
        self.aliases = aliases
        self._at: Position | None = None  # the alias being expanded, if any

    def build(self, node: Node, pointer: str) -> Any:
        at = self._at or self.aliases.get(id(node))
        if at is None:
            return super().build(node, pointer)
        outer, self._at = self._at, at
        try:
            value = super().build(node, pointer)
        finally:
            self._at = outer
        self.positions[pointer] = at
        if isinstance(value, dict):
            for key in value:
                token = escape_pointer_token(key)
                self.key_positions[f"{pointer}/{token}"] = at
        return value

    def _position(self, node: Node) -> Position:
        return self._at or self.aliases.get(id(node)) or _mark(node)


class _BadValue(Exception):
    """A scalar that its tag (written, or read from its look) says is a number or
    true/false, but that cannot be one; carries the finding's words."""

    def __init__(self, code: codes.Code, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


# An explicit ``!!bool`` reads any case, as YAML 1.1 and PyYAML do.
_TAGGED_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_TYPE_WORDS = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "true or false"}


def _convert(tag: str, text: str) -> Any:
    """``text`` as the value its tag says; ``_BadValue`` when it cannot be that. The
    number of digits is checked before any conversion: Python's refuses past 4,300,
    and the work grows with the length."""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        if text in _BOOL_WORDS:
            return _BOOL_WORDS[text]
        found = _TAGGED_BOOLS.get(text.lower())
        if found is None:
            raise _not_a(tag, text)
        return found
    digits = sum(map(str.isalnum, text))
    if digits > MAX_DIGITS:
        raise _BadValue(
            codes.TOO_LARGE,
            f"This number has {digits:,} digits; eqdiv reads numbers of up to {MAX_DIGITS} digits.",
            "Counts and years need far fewer. If this is not a number, put it in quotes.",
        )
    try:
        return _to_int(text) if tag == _INT else _to_float(text)
    except ValueError:
        raise _not_a(tag, text) from None


def _not_a(tag: str, text: str) -> _BadValue:
    shown = f"'{text}'" if len(text) <= 40 else "This value"
    if tag in (_INT, _FLOAT, _BOOL) and _resolve_plain(text) == tag:
        # Written without a tag, it looks like a number to YAML (``0b_``), but is not.
        return _BadValue(
            codes.YAML_VALUE,
            f"{shown} reads as a number in YAML, but it is not one.",
            "If you mean text, put it in quotes; otherwise write the number in full.",
        )
    return _BadValue(
        codes.YAML_VALUE,
        f"{shown} is not {_TYPE_WORDS[tag]}, which its tag (`!!...`) says it is.",
        f"Remove the tag, or write {_TYPE_WORDS[tag]}.",
    )


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
