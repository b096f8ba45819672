"""The fast path of schema validation: is this record valid, yes or no?

Almost every record in a repository is valid, and jsonschema spends most of its time
resolving ``$ref`` s and building error objects nobody will read. fastjsonschema compiles
each schema once into plain Python, which answers "valid?" several times faster. Only
when it says no does ``eqdiv.schema.schema_set`` ask jsonschema for every error, in detail, and
jsonschema's verdict is the one that counts.

The fast path must never be more lenient than jsonschema (a record it passes is never
checked again), so:

* ``date`` is checked the way jsonschema checks it (a real day, not just the shape);
* defaults are never written into the data (fastjsonschema's ``use_default``);
* the schemas avoid the few places where the two disagree in that direction (``$ref``
  beside other assertions, numbers in ``enum`` or ``const``); tests/unit/test_schema_fast.py
  holds both rules, and compares the two validators on generated records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any

import fastjsonschema
from fastjsonschema.draft2019 import CodeGeneratorDraft2019
from fastjsonschema.ref_resolver import RefResolver

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


class CompiledChecks:
    """A compiled validity check per kind, each compiled when first needed (compiling
    all of them costs more than a small run spends validating). ``$ref`` s to other
    schemas resolve by ``$id`` among the schemas given, never over the network."""

    def __init__(self, schemas: Mapping[str, Mapping[str, Any]]) -> None:
        self._schemas = schemas
        self._by_id = {s["$id"]: dict(s) for s in schemas.values() if "$id" in s}
        self._compiled: dict[str, Check] = {}

    def _resolve(self, uri: str) -> dict[str, Any]:
        return self._by_id[uri.split("#", 1)[0]]

    def __getitem__(self, kind: str) -> Check:
        check = self._compiled.get(kind)
        if check is None:
            check = _compile(dict(self._schemas[kind]), self._resolve)
            self._compiled[kind] = check
        return check


class _Generator(CodeGeneratorDraft2019):
    """fastjsonschema's generator, writing a bare ``raise`` where it would build a
    message. Only pass or fail is wanted here, and inside ``anyOf`` every branch that
    does not match raises: building a message there (with ``locals()`` and ``format``)
    cost as much as the validation itself."""

    def exc(self, msg: str, *args: Any, append_to_msg: Any = None, rule: Any = None) -> None:
        self.l("raise JsonSchemaValueException('invalid')")


def _compile(schema: dict[str, Any], resolve: Callable[[str], dict[str, Any]]) -> Check:
    handlers = {"https": resolve, "http": resolve}
    formats = {"date": is_date}
    try:
        resolver = RefResolver.from_schema(schema, handlers=handlers, store={})
        generator = _Generator(  # type: ignore[no-untyped-call]
            schema, resolver=resolver, formats=formats, use_default=False, use_formats=True
        )
        scope: dict[str, Any] = generator.global_state
        exec(generator.func_code, scope)
        return partial(scope[resolver.get_scope_name()], custom_formats=formats)
    except (AttributeError, TypeError, KeyError):
        # fastjsonschema's internals moved: its public compile is slower, never wrong.
        return fastjsonschema.compile(schema, handlers=handlers, formats=formats, use_default=False)


def passes(check: Check, data: Any) -> bool:
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
