"""The JSON Schemas (draft 2020-12) that define each record kind, and checking records
against them.

There is one schema file per kind, ``<kind>.schema.json``, plus ``common.schema.json``
for shared definitions. Validators are built once per run; a valid record takes the
fast path (``is_valid``) and only an invalid one pays for collecting every error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError as JsonSchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from eqdiv.document import Document
from eqdiv.errors import SchemaError
from eqdiv.findings import Finding
from eqdiv.resources import schema_dir
from eqdiv.schema_messages import VAGUE, Field, findings_for
from eqdiv.yaml_loader import unescape_pointer_token

SHARED = "common"


@dataclass(frozen=True)
class SchemaSet:
    """Every record kind's schema, ready to validate with."""

    schemas: Mapping[str, Mapping[str, Any]]
    registry: Registry[Any]

    @classmethod
    def load(cls, folder: Path | None = None) -> SchemaSet:
        """Read ``<kind>.schema.json`` files; raise ``SchemaError`` if any is unusable."""
        folder = folder or schema_dir()
        files = sorted(folder.glob("*.schema.json"))
        if not files:
            raise SchemaError(
                f"No schemas were found in {folder}.",
                "Reinstall eqdiv: its schemas ship with the package.",
            )
        schemas: dict[str, Mapping[str, Any]] = {}
        for file in files:
            schemas[file.name.removesuffix(".schema.json")] = _read(file)
        resources = [
            (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
            for schema in schemas.values()
            if "$id" in schema
        ]
        return cls(schemas, Registry().with_resources(resources))

    @property
    def kinds(self) -> tuple[str, ...]:
        """The record kinds, in alphabetical order."""
        return tuple(sorted(k for k in self.schemas if k != SHARED))

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        return {
            kind: Draft202012Validator(
                self.schemas[kind],
                registry=self.registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            for kind in self.kinds
        }

    def validator(self, kind: str) -> Draft202012Validator:
        return self._validators[kind]

    def validate(self, kind: str, document: Document, path: str) -> list[Finding]:
        """Every schema problem in ``document`` (a record of ``kind``), as findings."""
        validator = self.validator(kind)
        if validator.is_valid(document.data):
            return []
        findings: list[Finding] = []
        for error in validator.iter_errors(document.data):
            findings.extend(findings_for(error, document, path, partial(self.field, kind)))
        # A blank value breaks several rules at once (its type, an if/then): say it once.
        return list(dict.fromkeys(_drop_vague(findings)))

    def field(self, kind: str, pointer: str) -> Field | None:
        """What the schema of ``kind`` says about the field at ``pointer`` (a JSON
        pointer into a record): its description and whether it is required."""
        node: Mapping[str, Any] = self.schemas[kind]
        description: str | None = None
        required = False
        for token in pointer.split("/")[1:]:
            token = unescape_pointer_token(token)
            node = self._resolve(node)
            if token.isdigit() and isinstance(node.get("items"), Mapping):
                node, required = node["items"], False
            elif token in node.get("properties", {}):
                required = token in node.get("required", ())
                node = node["properties"][token]
            elif isinstance(node.get("additionalProperties"), Mapping):
                node, required = node["additionalProperties"], False
            else:
                return None
            description = node.get("description") or self._resolve(node).get("description")
        return Field(description, required)

    def _resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow a ``$ref`` to another schema file's definition (eqdiv's schemas only
        point into ``common.schema.json#/$defs/...``)."""
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node
        name, _, fragment = ref.partition("#")
        target: Any = self.schemas.get(name.removesuffix(".schema.json"), {})
        for part in fragment.split("/")[1:]:
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        return target if isinstance(target, Mapping) else {}


def _drop_vague(findings: list[Finding]) -> list[Finding]:
    """When a value breaks both an anyOf and a more specific rule (an if/then), keep the
    specific sentence: one problem, one finding."""
    specific = {f.location.pointer for f in findings if not f.message.endswith(VAGUE)}
    return [
        f for f in findings if not (f.message.endswith(VAGUE) and f.location.pointer in specific)
    ]


def _read(file: Path) -> Mapping[str, Any]:
    try:
        schema = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SchemaError(f"The schema {file} cannot be read: {err}.") from err
    if not isinstance(schema, dict):
        raise SchemaError(f"The schema {file} is not a JSON object.")
    try:
        Draft202012Validator.check_schema(schema)
    except JsonSchemaError as err:
        raise SchemaError(f"The schema {file} is not a valid JSON Schema: {err.message}.") from err
    return schema
