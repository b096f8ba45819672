"""The JSON Schemas (draft 2020-12) that define each record kind, and checking records
against them.

There is one schema file per kind, ``<kind>.schema.json``, plus ``common.schema.json``
for shared definitions. A record first takes the fast path (``eqdiv.schema.fast``:
compiled once, yes or no); only an invalid one is handed to jsonschema, which finds
every error in detail. jsonschema is imported only then, so a run whose records all
come from the cache never pays for it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eqdiv.model.document import Document
from eqdiv.model.errors import SchemaError
from eqdiv.model.findings import Finding
from eqdiv.model.resources import schema_dir
from eqdiv.yamlio.loader import unescape_pointer_token

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing import Registry

    from eqdiv.schema.fast import CompiledChecks
    from eqdiv.schema.messages import Field

# Lazy imports: jsonschema, referencing, the compiled fast path and the messages
# are loaded only when a record is actually checked; a run answered from the record
# cache never needs them.

SHARED = "common"


@dataclass(frozen=True)
class SchemaSet:
    """Every record kind's schema, ready to validate with."""

    schemas: Mapping[str, Mapping[str, Any]]
    fingerprint: str  # changes whenever any schema file's content does

    def __repr__(self) -> str:
        # Not the schemas: they run to over 100 kB, which would fill a log or a failing
        # test's report (Hypothesis warns at 30 kB); the kinds and the fingerprint say
        # which set this is.
        return f"SchemaSet(kinds={sorted(self.schemas)}, fingerprint={self.fingerprint!r})"

    @classmethod
    def load(cls, folder: Path | None = None) -> SchemaSet:
        """Read ``<kind>.schema.json`` files (eqdiv's own, or those in ``folder``);
        raise ``SchemaError`` if any is unusable.

        Loaded once per process and folder (the files are only read again if they
        change), because every command and the rubric loader need them. Schemas from
        another folder are checked against the JSON Schema meta-schema; eqdiv's own are
        part of eqdiv, checked by its tests like its code (the check costs more than a
        small run's work)."""
        check = folder is not None
        folder = folder or schema_dir()
        files = sorted(folder.glob("*.schema.json"))
        if not files:
            raise SchemaError(
                f"No schemas were found in {folder}.",
                "Reinstall eqdiv: its schemas ship with the package.",
            )
        stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        cached = _LOADED.get(folder)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        digest = hashlib.blake2b(digest_size=16)
        contents = [(file, _read_bytes(file)) for file in files]
        for file, raw in contents:
            digest.update(file.name.encode() + b"\0" + raw)
        fingerprint = digest.hexdigest()
        schemas = {
            file.name.removesuffix(".schema.json"): _parse(file, raw, check)
            for file, raw in contents
        }
        loaded = cls(schemas, fingerprint)
        _LOADED[folder] = (stamp, loaded)
        return loaded

    @property
    def kinds(self) -> tuple[str, ...]:
        """The record kinds, in alphabetical order."""
        return tuple(sorted(k for k in self.schemas if k != SHARED))

    @cached_property
    def registry(self) -> Registry[Any]:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
            for schema in self.schemas.values()
            if "$id" in schema
        )

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        from jsonschema import Draft202012Validator

        return {
            kind: Draft202012Validator(
                self.schemas[kind],
                registry=self.registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            for kind in self.kinds
        }

    @cached_property
    def _checks(self) -> CompiledChecks:
        from eqdiv.schema.fast import CompiledChecks

        return CompiledChecks(self.schemas)

    def validator(self, kind: str) -> Draft202012Validator:
        """jsonschema's validator for ``kind``: the reference, and the detailed errors."""
        return self._validators[kind]

    def is_valid(self, kind: str, data: Any) -> bool:
        """Whether ``data`` is a valid record of ``kind``: the fast path, confirmed by
        jsonschema when it says no (it is the reference; see ``schema_fast``)."""
        from eqdiv.schema.fast import passes

        return passes(self._checks[kind], data) or self.validator(kind).is_valid(data)

    def validate(self, kind: str, document: Document, path: str) -> list[Finding]:
        """Every schema problem in ``document`` (a record of ``kind``), as findings."""
        if self.is_valid(kind, document.data):
            return []
        from eqdiv.schema.messages import VAGUE, findings_for

        findings: list[Finding] = []
        for error in self.validator(kind).iter_errors(document.data):
            findings.extend(findings_for(error, document, path, partial(self.field, kind)))
        # A blank value breaks several rules at once (its type, an if/then): say it once.
        return list(dict.fromkeys(_drop_vague(findings, VAGUE)))

    def field(self, kind: str, pointer: str) -> Field | None:
        """What the schema of ``kind`` says about the field at ``pointer`` (a JSON
        pointer into a record): its description and whether it is required."""
        from eqdiv.schema.messages import Field

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


_LOADED: dict[Path, tuple[tuple[tuple[str, int, int], ...], SchemaSet]] = {}


def _drop_vague(findings: list[Finding], vague: str) -> list[Finding]:
    """When a value breaks both an anyOf and a more specific rule (an if/then), keep the
    specific sentence: one problem, one finding."""
    specific = {f.location.pointer for f in findings if not f.message.endswith(vague)}
    return [
        f for f in findings if not (f.message.endswith(vague) and f.location.pointer in specific)
    ]


def _read_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as err:
        raise SchemaError(f"The schema {file} cannot be read: {err.strerror}.") from err


def _parse(file: Path, raw: bytes, check: bool) -> Mapping[str, Any]:
    try:
        schema = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SchemaError(f"The schema {file} cannot be read: {err}.") from err
    if not isinstance(schema, dict):
        raise SchemaError(f"The schema {file} is not a JSON object.")
    if not check:
        return schema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError as JsonSchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except JsonSchemaError as err:
        raise SchemaError(f"The schema {file} is not a valid JSON Schema: {err.message}.") from err
    return schema
