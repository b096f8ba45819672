"""The fast path of schema validation: is this record valid, yes or no?

Almost every record in a repository is valid, and jsonschema spends most of its time
resolving ``$ref`` s and building error objects nobody will read. fastjsonschema compiles
each schema once into plain Python, which answers "valid?" several times faster. Only
when it says no does ``eqdiv.schemas`` ask jsonschema for every error, in detail, and
jsonschema's verdict is the one that counts.

The fast path must never be more lenient than jsonschema (a record it passes is never
checked again), so:

* ``date`` is checked the way jsonschema checks it (a real day, not just the shape);
* defaults are never written into the data (fastjsonschema's ``use_default``);
* the schemas avoid the few places where the two disagree in that direction (``$ref``
  beside other assertions, numbers in ``enum`` or ``const``); tests/test_schema_fast.py
  holds both rules, and compares the two validators on generated records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import fastjsonschema

Check = Callable[[Any], Any]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(value: Any) -> bool:
    """jsonschema's ``format: date``: an ISO day that exists (not 2007-02-30)."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def compile_checks(
    schemas: Mapping[str, Mapping[str, Any]], kinds: tuple[str, ...]
) -> dict[str, Check]:
    """A compiled validity check per kind; ``$ref`` s to other schemas resolve by
    ``$id`` among ``schemas``, never over the network."""
    by_id = {schema["$id"]: dict(schema) for schema in schemas.values() if "$id" in schema}

    def resolve(uri: str) -> dict[str, Any]:
        return by_id[uri.split("#", 1)[0]]

    handlers = {"https": resolve, "http": resolve}
    return {
        kind: fastjsonschema.compile(
            dict(schemas[kind]),
            handlers=handlers,
            formats={"date": is_date},
            use_default=False,
        )
        for kind in kinds
    }


def passes(check: Check, data: Any) -> bool:
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
