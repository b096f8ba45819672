"""A record kind's JSON Schema as the fields of a form (``eqdiv serve``'s edit page):
each field's JSON pointer, its label and hint (the schema's title, else its name, and
its description), and the kind of control that fits its type: a choice for an enum, a
date for a date, yes or no for a boolean, a number, a line or a paragraph of text, a
set of boxes for a list of choices, a line per item for a list of words.

Parts a form cannot show well (lists of objects, maps of counts) are named in
``FormLayout.text_only``: they are edited as text. Only the schema decides which
pointers a form has, so a form can never write anywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from eqdiv.schema.schema_set import SchemaSet

Widget = Literal["line", "text", "date", "integer", "boolean", "select", "choices", "lines"]
# Fields a form never changes: what a file is, and the id others link to.
FIXED = frozenset({"kind", "id"})
# Written by a workflow of its own (`eqdiv eia signoff` works out what was signed).
WORKFLOW = frozenset({"signoff"})
_SHORT_DEFS = frozenset({"id", "person", "strand", "action_ref", "month"})
_MAX_DEPTH = 2


@dataclass(frozen=True, slots=True)
class FormField:
    pointer: str  # /screening/decision
    label: str
    hint: str
    widget: Widget
    options: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True, slots=True)
class FormSection:
    """A top-level field, or a group of fields under one heading."""

    key: str
    label: str
    hint: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True, slots=True)
class FormLayout:
    kind: str
    title: str
    sections: tuple[FormSection, ...]
    text_only: tuple[str, ...]  # top-level fields edited as text only

    def field(self, pointer: str) -> FormField | None:
        return next((f for s in self.sections for f in s.fields if f.pointer == pointer), None)

    @property
    def pointers(self) -> tuple[str, ...]:
        return tuple(f.pointer for s in self.sections for f in s.fields)


def label_of(name: str) -> str:
    """``review_date`` → ``Review date``."""
    words = name.replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def form_layout(schemas: SchemaSet, kind: str, data: Mapping[str, Any] | None = None) -> FormLayout:
    """The form for records of ``kind`` (a kind the schema set has). Given a record's
    ``data``, a list of objects (an EIA's evidence) has a group of fields per item it
    holds and one more to add an item, and a map of objects (an EIA's impacts, one per
    group) a group per entry it holds."""
    schema = schemas.schemas[kind]
    resolve = _Resolver(schemas.schemas)
    required = set(schema.get("required", ()))
    sections: list[FormSection] = []
    text_only: list[str] = []
    for name, raw in schema.get("properties", {}).items():
        if name in FIXED:
            continue
        if name in WORKFLOW:
            text_only.append(name)
            continue
        prop = resolve(raw)
        label = str(prop.get("title") or label_of(name))
        hint = str(prop.get("description", ""))
        field = _field(resolve, f"/{name}", name, prop, name in required)
        if field is not None:
            sections.append(FormSection(name, label, "", (field,)))
            continue
        fields = _object_fields(resolve, f"/{name}", prop, 1, name in required)
        if fields:
            sections.append(FormSection(name, label, hint, tuple(fields)))
            # Parts of it the form has no field for (an EIA's engagement activities).
            shown = {f.pointer.split("/")[2] for f in fields}
            hidden = [inner for inner in prop["properties"] if inner not in shown]
            text_only.extend(f"{name} {inner}" for inner in hidden)
            continue
        repeated = _repeated(resolve, name, label, hint, prop, (data or {}).get(name))
        if repeated is None:
            text_only.append(name)
        else:
            sections.extend(repeated)
    return FormLayout(kind, str(schema.get("title", kind)), tuple(sections), tuple(text_only))


def _repeated(
    resolve: _Resolver,
    name: str,
    label: str,
    hint: str,
    prop: Mapping[str, Any],
    value: Any,
) -> list[FormSection] | None:
    """A group of fields per item of a list of objects (and one to add an item), or
    per entry of a map of objects; None when the schema is not one of those."""
    if prop.get("type") == "array" and isinstance(prop.get("items"), Mapping):
        item = resolve(prop["items"])
        items = value if isinstance(value, list) else []
        places = [*(str(i) for i in range(len(items))), str(len(items))]
        words = [*(f"{label} {i + 1}" for i in range(len(items))), f"{label}: add one"]
    elif prop.get("type") == "object" and isinstance(prop.get("additionalProperties"), Mapping):
        item = resolve(prop["additionalProperties"])
        places = sorted(value) if isinstance(value, Mapping) else []
        words = [f"{label}: {key}" for key in places]
    else:
        return None
    if not isinstance(item.get("properties"), Mapping):
        return None
    sections = []
    for number, (place, words_for) in enumerate(zip(places, words, strict=True)):
        fields = _object_fields(resolve, f"/{name}/{place}", item, 1, False)
        if not fields:
            return None
        sections.append(
            FormSection(f"{name}/{place}", words_for, hint if number == 0 else "", tuple(fields))
        )
    return sections or None


def _object_fields(
    resolve: _Resolver, pointer: str, prop: Mapping[str, Any], depth: int, needed: bool
) -> list[FormField]:
    """The fields of an object; ``needed``: the object itself is required, so its
    required fields are too."""
    properties = prop.get("properties")
    if prop.get("type") != "object" or not isinstance(properties, Mapping) or depth > _MAX_DEPTH:
        return []
    required = set(prop.get("required", ()))
    found: list[FormField] = []
    for name, raw in properties.items():
        inner = resolve(raw)
        here = f"{pointer}/{name}"
        field = _field(resolve, here, name, inner, needed and name in required)
        if field is not None:
            found.append(field)
        else:
            found.extend(
                _object_fields(resolve, here, inner, depth + 1, needed and name in required)
            )
    return found


def _field(
    resolve: _Resolver, pointer: str, name: str, prop: Mapping[str, Any], required: bool
) -> FormField | None:
    label = str(prop.get("title") or label_of(name))
    hint = str(prop.get("description", ""))
    widget = _widget(prop)
    options: tuple[str, ...] = ()
    if widget is None and prop.get("type") == "array" and isinstance(prop.get("items"), Mapping):
        items = resolve(prop["items"])
        if "enum" in items:
            widget, options = "choices", tuple(str(v) for v in items["enum"])
        elif items.get("type") == "string":
            widget = "lines"
    elif widget == "select":
        options = tuple(str(v) for v in prop["enum"])
    if widget is None:
        return None
    return FormField(pointer, label, hint, widget, options, required)


def _widget(prop: Mapping[str, Any]) -> Widget | None:
    if "const" in prop:
        return None
    if "enum" in prop:
        return "select"
    if "anyOf" in prop or "oneOf" in prop:
        return "line"  # a day or a month, a period: written as text
    kind = prop.get("type")
    if kind == "boolean":
        return "boolean"
    if kind == "integer":
        return "integer"
    if kind == "string":
        if prop.get("format") == "date":
            return "date"
        short = prop.get("x-def") in _SHORT_DEFS or "maxLength" in prop or "pattern" in prop
        return "line" if short and prop.get("x-def") != "text" else "text"
    return None


class _Resolver:
    """A schema with its ``$ref`` followed (to ``common.schema.json`` or within it),
    the referring schema's own keywords (its description) winning; ``x-def`` names the
    definition it came from."""

    def __init__(self, schemas: Mapping[str, Mapping[str, Any]]) -> None:
        self.schemas = schemas

    def __call__(self, prop: Mapping[str, Any], home: str = "") -> Mapping[str, Any]:
        ref = prop.get("$ref")
        if not isinstance(ref, str):
            return prop
        document, _, fragment = ref.partition("#")
        # `common.schema.json#...`, or the same made absolute once validation has run.
        owner = document.rsplit("/", 1)[-1].removesuffix(".schema.json") or home
        target: Any = self.schemas.get(owner, {})
        for part in fragment.strip("/").split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        resolved = self(target, owner) if isinstance(target, Mapping) else {}
        extra = {k: v for k, v in prop.items() if k != "$ref"}
        return {**resolved, "x-def": fragment.rsplit("/", 1)[-1], **extra}
