"""The base of every report view: a frozen dataclass whose fields are the report's
figures and sentences, read by templates as attributes (``report.period.label``) and
written as JSON by ``to_dict`` (``eqdiv report quarterly --format json``).

A view's fields are JSON-ready values only: text, numbers, booleans, None, other
views, and tuples or string-keyed dicts of these. Field order is the JSON's key order,
so a view's JSON reads like the report. A new report section declares its view as::

    @dataclass(frozen=True, slots=True)
    class ThingView(ViewModel):
        title: str
        when: Day | None
        items: tuple[OtherView, ...]

and a view that adds to another inherits from it (its fields follow the parent's).
"""

from __future__ import annotations

from dataclasses import Field, fields
from typing import ClassVar

# What JSON can hold; a view's ``to_dict`` is a ``dict[str, Json]``.
Json = str | int | float | bool | None | list["Json"] | dict[str, "Json"]

# Field types written as JSON as they are. Views are declared with
# ``from __future__ import annotations``, so a field's type is its annotation's text; any
# other field (a view, a tuple) goes through ``to_json``, which is right for every value.
_PLAIN = frozenset(
    {"str", "int", "float", "bool", "str | None", "int | None", "float | None", "int | str"}
)

# Each view class's fields, looked up once: (name, written as it is).
_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


class ViewModel:
    """Mixed into every report view (a frozen dataclass): its JSON, field by field."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[object]]]  # set by @dataclass

    def to_dict(self) -> dict[str, Json]:
        cls = type(self)
        plan = _FIELDS.get(cls)
        if plan is None:
            plan = _FIELDS[cls] = tuple((f.name, f.type in _PLAIN) for f in fields(self))
        out: dict[str, Json] = {}
        for name, plain in plan:
            value = getattr(self, name)
            out[name] = value if plain else to_json(value)
        return out


def to_json(value: object) -> Json:
    """``value`` as JSON-ready data: views by their fields, tuples as lists."""
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, ViewModel):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    raise TypeError(f"a report view holds {type(value).__name__}, which JSON cannot")
