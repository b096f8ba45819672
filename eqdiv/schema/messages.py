"""Schema errors in plain English.

jsonschema says "'in progres' is not one of ['not_started', ...]"; an equality officer
needs "'in progres' is not an allowed status. Did you mean 'in_progress'?" and the line
it is on. Each JSON Schema keyword gets a sentence; the schema's own ``description``
supplies the hint, so improving a schema's wording improves eqdiv's messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError

from eqdiv.model import codes
from eqdiv.model.document import Document
from eqdiv.model.due_text import DueReading, describe_date, read_date, read_due
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.suggest import did_you_mean
from eqdiv.yamlio.loader import escape_pointer_token, surprise_hint, unescape_pointer_token

VAGUE = "is not valid here."

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields (name: value)",
    "null": "nothing",
}


def pointer_of(parts: Iterable[Any]) -> str:
    return "".join(f"/{escape_pointer_token(str(part))}" for part in parts)


def describe_value(value: Any) -> str:
    """How a value reads back to the person who wrote it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    return "a set of fields"


def _found(value: Any) -> str:
    """What was found instead: the value itself where it is short and not text."""
    if isinstance(value, str):
        return f"text ({describe_value(value)})"
    return describe_value(value)


@dataclass(frozen=True, slots=True)
class Field:
    """What a schema says about one field: its description, and whether it is required."""

    description: str | None
    required: bool


# Keywords that a blank value (``title:`` with nothing after it) breaks.
_BLANK_BREAKS = frozenset({"type", "enum", "const", "anyOf", "oneOf"})


def findings_for(
    error: ValidationError,
    document: Document,
    path: str,
    field: Callable[[str], Field | None] | None = None,
) -> list[Finding]:
    """Turn one jsonschema error into the findings an author can act on. ``field``
    looks up what the schema says about the field at a pointer (for blank fields)."""
    return list(_Describer(document, path, field).describe(error))


class _Describer:
    def __init__(
        self, document: Document, path: str, field: Callable[[str], Field | None] | None
    ) -> None:
        self.document = document
        self.path = path
        self.field = field
        # The description of an enclosing anyOf, for hints when a branch has none.
        self.fallback: str | None = None

    def describe(self, error: ValidationError) -> Iterable[Finding]:
        keyword = str(error.validator)
        pointer = pointer_of(error.absolute_path)
        handler = getattr(self, f"_{keyword}", None)
        if error.instance is None and keyword in _BLANK_BREAKS and pointer:
            yield self._blank(error, pointer)
        elif keyword in ("anyOf", "oneOf"):
            yield from self._any_of(error, pointer)
        elif handler is not None:
            yield from handler(error, pointer)
        else:
            yield self._finding(pointer, error.message, self._hint(error))

    # --- one method per JSON Schema keyword ------------------------------------------

    def _required(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        instance = error.instance if isinstance(error.instance, dict) else {}
        properties = _schema(error).get("properties", {})
        for name in _expected(error):
            if name in instance:
                continue
            described = _description(properties.get(name, {})) or self._hint(error)
            yield self._finding(
                pointer,
                f"'{name}' is missing{self._where(pointer)}.",
                f"Add `{name}:`. {described}" if described else f"Add `{name}:`.",
            )

    def _additionalProperties(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        allowed = sorted(_schema(error).get("properties", {}))
        instance = error.instance if isinstance(error.instance, dict) else {}
        for name in instance:
            if name in allowed:
                continue
            member = f"{pointer}/{escape_pointer_token(name)}"
            known = f"Fields allowed here: {', '.join(allowed)}." if allowed else ""
            hint = did_you_mean(name, allowed) + known
            yield self._finding(
                member, f"'{name}' is not a field eqdiv knows here.", hint, key=True
            )

    def _enum(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        choices = [str(c) for c in _expected(error)]
        value = error.instance
        hint = self._surprise(pointer, value, wants_text=all(isinstance(c, str) for c in choices))
        if hint is None and isinstance(value, str):
            hint = did_you_mean(value, choices).strip() or None
        allowed = f"Allowed: {', '.join(choices)}."
        yield self._finding(
            pointer,
            f"{describe_value(value)} is not an allowed value here. {allowed}",
            hint or self._hint(error),
        )

    def _const(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._finding(
            pointer,
            f"{describe_value(error.instance)} is not allowed here: it must be "
            f"{describe_value(_expected(error))}.",
            self._surprise(pointer, error.instance) or self._hint(error),
        )

    def _type(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        expected = _expected(error)
        wanted = (
            " or ".join(_TYPE_NAMES.get(t, str(t)) for t in expected)
            if isinstance(expected, list)
            else _TYPE_NAMES.get(expected, expected)
        )
        value = error.instance
        wants_text = expected == "string" or (isinstance(expected, list) and "string" in expected)
        hint = self._surprise(pointer, value, wants_text)
        if hint is None and expected == "array" and not isinstance(value, dict):
            hint = "Write a list: `[DH]`, or one item per line, each starting with '- '."
        yield self._finding(
            pointer,
            f"Expected {wanted} here, but found {_found(value)}.",
            hint or self._hint(error),
        )

    def _format(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        value = error.instance
        if _expected(error) == "date" and isinstance(value, str) and _looks_iso(value):
            message = f"{describe_value(value)} is not a real date."
        else:
            message = f"{describe_value(value)} is not a {_expected(error)} in the right form."
        yield self._finding(pointer, message, self._hint(error))

    def _pattern(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        value = error.instance
        if isinstance(value, str) and not value.strip():
            yield self._finding(pointer, "This text is empty.", "Fill it in, or delete the line.")
            return
        yield self._finding(
            pointer,
            f"{describe_value(value)} is not in the expected form.",
            self._hint(error),
        )

    def _minLength(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._finding(pointer, "This text is empty.", "Fill it in, or delete the line.")

    def _maxLength(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._finding(
            pointer,
            f"This is longer than the {_expected(error)} characters allowed here.",
            self._hint(error),
        )

    def _minItems(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        need = _expected(error)
        yield self._finding(
            pointer,
            "This list is empty." if need == 1 else f"This list needs at least {need} items.",
            self._hint(error),
        )

    def _uniqueItems(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        seen: list[Any] = []
        repeated = None
        for item in error.instance if isinstance(error.instance, list) else []:
            if item in seen:
                repeated = item
                break
            seen.append(item)
        yield self._finding(
            pointer,
            f"{describe_value(repeated)} appears more than once in this list.",
            "Remove the repeat.",
        )

    def _minProperties(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._finding(pointer, "This needs at least one entry.", self._hint(error))

    def _minimum(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._bound(error, pointer, "small", "least")

    def _exclusiveMinimum(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._bound(error, pointer, "small", "more than")

    def _maximum(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._bound(error, pointer, "large", "most")

    def _exclusiveMaximum(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        yield self._bound(error, pointer, "large", "less than")

    def _propertyNames(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        # jsonschema reports the offending name as the instance of the failed sub-error.
        names = [e.instance for e in error.context] if error.context else [error.instance]
        for name in names:
            member = f"{pointer}/{escape_pointer_token(str(name))}"
            yield self._finding(
                member,
                f"'{name}' is not an allowed name here.",
                "Names here are lower case, with underscores instead of spaces "
                "(for example `not_known`, `sexual_orientation`).",
                key=True,
            )

    def _any_of(self, error: ValidationError, pointer: str) -> Iterable[Finding]:
        branches = _by_branch(error.context or [])
        if branches and all(
            all(e.validator == "required" for e in errs) for errs in branches.values()
        ):
            names = sorted({n for errs in branches.values() for e in errs for n in _expected(e)})
            yield self._finding(
                pointer,
                f"This needs at least one of: {', '.join(names)}.",
                self._hint(error),
            )
            return
        # A branch whose only complaints lie deeper, or are about format, is the one the
        # author was aiming for: report its problems instead of a vague "not valid".
        near = [errs for errs in branches.values() if all(map(_aimed_at, errs))]
        if len(near) == 1:
            fallback, self.fallback = self.fallback, self._hint(error)
            for sub in near[0]:
                yield from self.describe(sub)
            self.fallback = fallback
            return
        value = error.instance
        yield self._finding(
            pointer,
            f"{describe_value(value)} {VAGUE}",
            self._surprise(pointer, value) or _due_hint(pointer, value) or self._hint(error),
        )

    def _blank(self, error: ValidationError, pointer: str) -> Finding:
        """A field left blank, as a skeleton from `eqdiv new` leaves them: say which,
        what goes there, and whether it may be left out instead."""
        parent, _, name = pointer.rpartition("/")
        name = unescape_pointer_token(name)
        field = self.field(pointer) if self.field else None
        described = (field.description if field else None) or self._hint(error) or ""
        if name.isdigit():
            message = f"Item {int(name) + 1} of this list is blank."
            action = "Fill it in, or delete the line."
        else:
            # "Field ..." first: after the code, "error schema 'proposal' is blank" read as
            # if 'proposal' were a schema.
            message = f"Field '{name}'{self._where(parent)} is blank."
            required = field is not None and field.required
            action = "Fill it in." if required else "Fill it in, or delete the line if unused."
        return self._finding(pointer, message, f"{action} {described}".strip())

    # --- helpers ---------------------------------------------------------------------

    def _bound(self, error: ValidationError, pointer: str, size: str, word: str) -> Finding:
        return self._finding(
            pointer,
            f"{describe_value(error.instance)} is too {size}: it must be at {word} "
            f"{_expected(error)}."
            if word in ("least", "most")
            else f"{describe_value(error.instance)} is too {size}: it must be {word} "
            f"{_expected(error)}.",
            self._surprise(pointer, error.instance) or self._hint(error),
        )

    def _hint(self, error: ValidationError) -> str | None:
        return _description(error.schema) or self.fallback

    def _where(self, pointer: str) -> str:
        """' from actions > 1a': list items named by their id where they have one."""
        if not pointer:
            return ""
        names: list[str] = []
        node: Any = self.document.data
        for token in pointer.split("/")[1:]:
            token = unescape_pointer_token(token)
            if isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
                label = node.get("id") if isinstance(node, dict) else None
                names.append(str(label) if label is not None else f"item {int(token) + 1}")
            elif isinstance(node, dict):
                node = node.get(token)
                names.append(token)
            else:
                names.append(token)
        return f" from {' > '.join(names)}"

    def _surprise(self, pointer: str, value: Any, wants_text: bool = False) -> str | None:
        plain = self.document.plain_text.get(pointer)
        return surprise_hint(plain, value, wants_text) if plain is not None else None

    def _finding(self, pointer: str, message: str, hint: str | None, key: bool = False) -> Finding:
        line, column = self.document.position(pointer, key=key)
        return Finding(
            code=codes.SCHEMA.id,
            severity=Severity.ERROR,
            message=message,
            location=Location(self.path, line, column, pointer),
            hint=hint or None,
        )


_DATE_FIELD = re.compile(r"/actions/\d+/(?P<field>due|start)")


def _due_hint(pointer: str, value: Any) -> str | None:
    """'Sep-07' in a due date: say what it reads as, in the form the schema wants, using
    the same reading as `eqdiv import plan`."""
    field = _DATE_FIELD.fullmatch(pointer)
    if field is None or not isinstance(value, str):
        return None
    if field["field"] == "start":
        part = read_date(value)
        if part is None:
            return None
        return f"'{value}' reads as {describe_date(part.value)}: write `start: {part.value}`."
    reading = read_due(value)
    if not isinstance(reading, DueReading):
        return None
    write = f"`due: {reading.due}`"
    if reading.start:
        write += f" and `start: {reading.start}`"
    return (
        f"'{value}' reads as {reading.describe()}: write {write}, and keep the original "
        "wording in `due_text` if you like."
    )


def _by_branch(errors: Sequence[ValidationError]) -> dict[int, list[ValidationError]]:
    branches: dict[int, list[ValidationError]] = {}
    for sub in errors:
        index = sub.relative_schema_path[0] if sub.relative_schema_path else 0
        branches.setdefault(int(index), []).append(sub)
    return branches


def _schema(error: ValidationError) -> Mapping[str, Any]:
    """The failing (sub)schema; jsonschema types it loosely."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _expected(error: ValidationError) -> Any:
    """The keyword's value in the schema (the enum's choices, the minimum ...)."""
    return error.validator_value


def _aimed_at(error: ValidationError) -> bool:
    """Whether an anyOf branch's error shows the author meant that branch: the value
    has the branch's type and shape, and only a detail (a bound, a date that does not
    exist, something deeper inside) is wrong."""
    if error.path or error.validator in ("required", "minimum", "maximum", "minItems"):
        return True
    return (
        error.validator == "format"
        and isinstance(error.instance, str)
        and _looks_iso(error.instance)
    )


def _description(schema: Any) -> str | None:
    if isinstance(schema, dict):
        text = schema.get("description")
        return str(text) if text else None
    return None


def _looks_iso(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-"
