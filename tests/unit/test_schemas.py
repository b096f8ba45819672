"""The schemas document themselves and catch typos: every property described, every
object closed, every kind with its $id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from eqdiv.model.resources import schema_dir
from eqdiv.schema.schema_set import SchemaSet

FILES = sorted(schema_dir().glob("*.schema.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def objects(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from objects(value, f"{where}/{i}")


def test_a_schema_per_kind() -> None:
    assert [p.name for p in FILES] == [
        "action-plan.schema.json",
        "case-log.schema.json",
        "common.schema.json",
        "config.schema.json",
        "consultation.schema.json",
        "contract.schema.json",
        "demographics.schema.json",
        "eia.schema.json",
        "framework.schema.json",
        "indicator.schema.json",
        "objective.schema.json",
        "outcome-evidence.schema.json",
        "people.schema.json",
        "rubric.schema.json",
        "self-assessment.schema.json",
        "sharing-agreement.schema.json",
        "workforce.schema.json",
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema_is_valid_2020_12_with_an_id(path: Path) -> None:
    schema = load(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/" + path.name)
    assert schema.get("description")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_property_is_described_and_objects_are_closed(path: Path) -> None:
    for where, node in objects(load(path)):
        if "/if" in where or "/then" in where:
            continue  # conditions narrow properties that are described where defined
        assert node.get("additionalProperties") is False, f"{where} is open to typos"
        for name, prop in node["properties"].items():
            assert prop.get("description"), (
                f"{path.name}{where}/properties/{name} has no description"
            )


@pytest.mark.parametrize("kind", SchemaSet.load().kinds)
def test_every_kind_requires_kind_and_id(kind: str) -> None:
    schema = load(schema_dir() / f"{kind}.schema.json")
    assert schema["required"][:2] == ["kind", "id"]
    assert schema["properties"]["kind"]["const"] == kind


def test_schemas_from_elsewhere_are_checked_against_the_meta_schema(tmp_path: Path) -> None:
    from eqdiv.model.errors import SchemaError

    (tmp_path / "thing.schema.json").write_text('{"type": "strnig"}')
    with pytest.raises(SchemaError) as raised:
        SchemaSet.load(tmp_path)
    assert "is not a valid JSON Schema" in raised.value.message
