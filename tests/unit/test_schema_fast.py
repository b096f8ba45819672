"""The fast validity check is never more lenient than jsonschema: a record it passes
is never looked at again, so a gap here would hide a real error."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.schema.fast import passes
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.yamlio.loader import parse
from tests.conftest import BUNDLED, CASES

SAFE_BESIDE_REF = {"$ref", "description", "title", "default", "$comment"}


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from nodes(value)


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet.load()


def test_refs_stand_alone(schemas: SchemaSet) -> None:
    # Draft-07 (which fastjsonschema follows) ignores assertions beside a $ref;
    # 2020-12 applies them. Keep them apart so both read a schema the same way.
    for name, schema in schemas.schemas.items():
        for node in nodes(schema):
            if "$ref" in node:
                assert set(node) <= SAFE_BESIDE_REF, f"{name}: {sorted(node)}"


def test_enums_and_consts_are_text(schemas: SchemaSet) -> None:
    # fastjsonschema compares with ==, so 1 would match true; jsonschema would not.
    for name, schema in schemas.schemas.items():
        for node in nodes(schema):
            for value in [*node.get("enum", []), *([node["const"]] if "const" in node else [])]:
                assert isinstance(value, str), f"{name}: {value!r}"


def records() -> list[dict[str, Any]]:
    found = []
    for path in [*sorted(BUNDLED.rglob("*.yaml")), *sorted(CASES.rglob("*.yaml"))]:
        parsed = parse(path.read_text(encoding="utf-8", errors="replace"), path.name)
        data = parsed.document.data if parsed.document else None
        if isinstance(data, dict) and isinstance(data.get("kind"), str):
            found.append(data)
    return found


RECORDS = records()
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 2100)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            " ",
            "x",
            "2007-09",
            "2007-09-30",
            "2007-02-30",
            "ongoing",
            "DH",
            "complete",
            "neutral",
            "a/b",
            "Sep-07",
            "not_known",
            "1a",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "x", "due", "status"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(node: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*here, i))


def test_every_known_record_gets_the_same_verdict(schemas: SchemaSet) -> None:
    assert len(RECORDS) > 30
    for data in RECORDS:
        kind = data["kind"]
        if kind in schemas.kinds:
            assert passes(schemas._checks[kind], data) == schemas.validator(kind).is_valid(data), (
                data.get("id")
            )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fast_path_is_never_more_lenient(schemas: SchemaSet, data: st.DataObject) -> None:
    record = copy.deepcopy(data.draw(st.sampled_from(RECORDS)))
    kind = record["kind"]
    if kind not in schemas.kinds:
        return
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(paths(record))[1:] or [()]))
        if not where:
            break
        parent = record
        for step in where[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[where[-1]] = data.draw(JSON)
        elif action == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[
                data.draw(st.sampled_from(["extra", "due", "review", "completed", "status"]))
            ] = data.draw(JSON)
    if passes(schemas._checks[kind], record):
        assert schemas.validator(kind).is_valid(record), record
