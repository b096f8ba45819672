"""The reference pages generated from the code, so they cannot drift from it.

Four pages in docs/reference/, each made from one source of truth:

* ``cli.md``: every command and option, walked from the typer app (its usage line,
  its help and each option's help exactly as ``--help`` prints them);
* ``fields.md``: every record kind's fields, walked from ``schemas/*.schema.json``
  (type, whether required, the allowed values and the schema's description);
* ``report-json.md``: the JSON of ``eqdiv report quarterly|annual --format json``,
  walked from the report's view models (frozen dataclasses, whose fields are the JSON);
* ``command-json.md``: every other command's ``--format json``, key by key, from the
  functions behind the commands (tests/cli/test_command_json.py holds that the command
  line writes exactly their result), run on a copy of the example records.

``tests/unit/test_reference.py`` compares each page with what this module makes now;
``EQDIV_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_reference.py`` rewrites them
(then read the diff). ``python -m tests.docgen`` does the same.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.conftest import PROJECT

REGENERATE = "EQDIV_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_reference.py"


def _banner(source: str) -> str:
    return f"<!-- Generated from {source} by `{REGENERATE}`: do not edit by hand. -->\n"


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


# --- Commands ---------------------------------------------------------------------


def _commands() -> Iterator[tuple[str, Any, Any]]:
    """(the command as typed, the click command, its context), depth first, by name."""
    import typer
    import typer.main

    from eqdiv.cli.app import app

    root = typer.main.get_command(app)

    def walk(cmd: Any, path: str, parent: Any) -> Iterator[tuple[str, Any, Any]]:
        ctx = typer.Context(cmd, info_name=path.rsplit(" ", 1)[-1], parent=parent)
        yield path, cmd, ctx
        for name in sorted(getattr(cmd, "commands", {})):
            sub = cmd.commands[name]
            if not sub.hidden:
                yield from walk(sub, f"{path} {name}", ctx)

    yield from walk(root, "eqdiv", None)


def commands_page() -> str:
    out = [
        _banner("the typer app (`eqdiv.cli.app`)"),
        "# Every command and option",
        "",
        "Each command's usage, help and options exactly as `--help` prints them. The "
        "[Commands](commands.md) page explains what each does, with examples.",
        "",
    ]
    entries = list(_commands())
    out.append("| command | what it does |")
    out.append("|---|---|")
    for path, cmd, _ctx in entries[1:]:
        anchor = path.replace(" ", "-")
        first = inspect.cleandoc(cmd.help or "").split("\n\n", 1)[0]
        out.append(f"| [`{path}`](#{anchor}) | {_cell(first)} |")
    out.append("")
    for path, cmd, ctx in entries:
        out.append(f"## {path}")
        out.append("")
        out.append("```")
        out.append(cmd.get_usage(ctx))
        out.append("```")
        out.append("")
        help_text = inspect.cleandoc(cmd.help or "")
        if help_text:
            out.append(help_text)
            out.append("")
        subs = [n for n in sorted(getattr(cmd, "commands", {})) if not cmd.commands[n].hidden]
        if subs:
            out.append(
                "Commands: "
                + ", ".join(f"[`{path} {n}`](#{path.replace(' ', '-')}-{n})" for n in subs)
                + "."
            )
            out.append("")
        records = []
        for param in cmd.params:
            record = param.get_help_record(ctx)
            if record is None and param.param_type_name == "argument":
                # An argument without help still belongs in the list.
                record = (param.metavar or (param.name or "").upper(), "")
            if record is not None:
                records.append(record)
        if records:
            out.append("| option | meaning |")
            out.append("|---|---|")
            for left, right in records:
                out.append(f"| `{left.replace('|', chr(92) + '|')}` | {_cell(right)} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- Record fields ----------------------------------------------------------------

_SCALARS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "object": "group of fields",
    "array": "list",
    "null": "nothing",
}


class _Schemas:
    """The schema files by name, and the shared value types they refer to."""

    def __init__(self, folder: Path) -> None:
        self.files = {
            p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.schema.json"))
        }

    def resolve(self, ref: str, current: str) -> tuple[str, str, dict[str, Any]]:
        """(file, definition name, schema) of a ``$ref``."""
        file, _, pointer = ref.partition("#")
        file = file or current
        node: Any = self.files[file]
        for part in pointer.strip("/").split("/"):
            node = node[part]
        return file, pointer.rsplit("/", 1)[-1], node


# The keys that say what a field holds (a field with none of them only leads deeper).
_TYPED = frozenset({"type", "$ref", "enum", "const", "anyOf", "oneOf"})


def _code_list(values: list[Any]) -> str:
    return ", ".join(f"`{json.dumps(v) if not isinstance(v, str) else v}`" for v in values)


def _type_of(node: dict[str, Any], schemas: _Schemas, file: str) -> str:
    """A field's type in words, with the shared types linked."""
    if "$ref" in node:
        ref_file, name, target = schemas.resolve(node["$ref"], file)
        if ref_file == "common.schema.json":
            return f"[{name}](#value-types)"
        return _type_of(target, schemas, ref_file)
    if "const" in node:
        return f"always {_code_list([node['const']])}"
    if "enum" in node:
        return "one of " + _code_list(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return " or ".join(_type_of(n, schemas, file) for n in node[key])
    return _plain_type(node, schemas, file)


def _plain_type(node: dict[str, Any], schemas: _Schemas, file: str) -> str:
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join(_SCALARS.get(k, k) for k in kind)
    if kind == "array":
        items = node.get("items")
        return "list of " + (_type_of(items, schemas, file) if items else "anything")
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return "names, each with " + _type_of(node["additionalProperties"], schemas, file)
    text = _SCALARS.get(kind, "anything") if isinstance(kind, str) else "anything"
    bounds = [
        f"{words} {node[key]}"
        for key, words in (
            ("minimum", "at least"),
            ("exclusiveMinimum", "more than"),
            ("maximum", "at most"),
        )
        if key in node
    ]
    return text + (f" ({', '.join(bounds)})" if bounds else "")


def _condition(rule: dict[str, Any]) -> str:
    parts = []
    for name, test in rule.get("if", {}).get("properties", {}).items():
        if "const" in test:
            parts.append(f"`{name}` is `{test['const']}`")
        elif "enum" in test:
            parts.append(f"`{name}` is one of {_code_list(test['enum'])}")
    return " and ".join(parts) if parts else "the schema's condition holds"


def _rows(
    node: dict[str, Any], schemas: _Schemas, file: str, prefix: str, note: str = ""
) -> Iterator[tuple[str, str, str, str]]:
    """(field path, type, required, description) for each field under ``node``."""
    if "$ref" in node:
        ref_file, _name, target = schemas.resolve(node["$ref"], file)
        if ref_file != "common.schema.json" or "properties" in target:
            yield from _rows(target, schemas, ref_file, prefix, note)
        return
    if isinstance(node.get("items"), dict):
        yield from _rows(node["items"], schemas, file, prefix + "[]", note)
        return
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        description = child.get("description", "")
        if not description and "$ref" in child:
            description = schemas.resolve(child["$ref"], file)[2].get("description", "")
        if "default" in child:
            description += f" Default: `{json.dumps(child['default'])}`."
        if not description and not _TYPED.intersection(child):
            # Only a path to what lies below (a conditional rule's `then`).
            yield from _rows(child, schemas, file, path, note)
            continue
        yield (
            path,
            _type_of(child, schemas, file),
            "required" if name in required else "",
            (note + description).strip(),
        )
        yield from _rows(child, schemas, file, path, note)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and ("properties" in extra or "items" in extra):
        yield from _rows(extra, schemas, file, f"{prefix}.NAME" if prefix else "NAME", note)
    yield from _conditional_rows(node, schemas, file, prefix)


def _conditional_rows(
    node: dict[str, Any], schemas: _Schemas, file: str, prefix: str
) -> Iterator[tuple[str, str, str, str]]:
    """The fields a rule requires or narrows when another field has a given value."""
    for rule in node.get("allOf", ()):
        if "then" not in rule:
            continue
        when = f"When {_condition(rule)}: "
        then = rule["then"]
        for name in then.get("required", ()):
            path = f"{prefix}.{name}" if prefix else name
            yield (path, "", "required", when + then.get("description", "required."))
        yield from _rows(
            {k: v for k, v in then.items() if k != "required"}, schemas, file, prefix, when
        )


def fields_page() -> str:
    schemas = _Schemas(PROJECT / "schemas")
    out = [
        _banner("`schemas/*.schema.json`"),
        "# Every record field",
        "",
        "Each record kind's fields, from its JSON Schema. A path such as "
        "`actions[].owners` is a field of each item of a list; `NAME` stands for a "
        "name you choose. [Record kinds](records.md) says what each kind is for.",
        "",
    ]
    kinds = []
    for name, schema in schemas.files.items():
        if name == "common.schema.json":
            continue
        kind = schema.get("properties", {}).get("kind", {}).get("const", name.split(".")[0])
        kinds.append((kind, name, schema))
    kinds.sort()
    out.append("| kind | what it is |")
    out.append("|---|---|")
    for kind, _name, schema in kinds:
        out.append(f"| [`{kind}`](#{kind}) | {_cell(schema.get('title', ''))} |")
    out.append("")
    for kind, name, schema in kinds:
        out.append(f"## {kind}")
        out.append("")
        out.append(
            f"**{schema.get('title', kind)}** (`schemas/{name}`). " + schema.get("description", "")
        )
        out.append("")
        out.append("| field | type | required | description |")
        out.append("|---|---|---|---|")
        for path, kind_text, required, description in _rows(schema, schemas, name, ""):
            out.append(f"| `{path}` | {_cell(kind_text)} | {required} | {_cell(description)} |")
        out.append("")
    out.append("## Value types")
    out.append("")
    out.append("The shared types the fields above refer to (`schemas/common.schema.json`).")
    out.append("")
    out.append("| type | what it is | written as |")
    out.append("|---|---|---|")
    common = schemas.files["common.schema.json"]["$defs"]
    for name, node in common.items():
        written = _type_of(
            {k: v for k, v in node.items() if k != "description"}, schemas, "common.schema.json"
        )
        out.append(f"| `{name}` | {_cell(node.get('description', ''))} | {_cell(written)} |")
    return "\n".join(out).rstrip() + "\n"


# --- Report JSON ------------------------------------------------------------------


def _view_classes() -> list[type]:
    from eqdiv.report.annual import AnnualReport
    from eqdiv.report.quarterly import QuarterlyReport

    return [QuarterlyReport, AnnualReport]


def _type_words(hint: Any, link: Callable[[type], str]) -> str:
    if hint is type(None):
        return "`null`"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return link(hint)
    simple = {str: "text", int: "whole number", float: "number", bool: "`true` or `false`"}
    if hint in simple:
        return simple[hint]
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_words(a, link) for a in args)
    if origin in (tuple, list):
        return "list of " + _type_words(args[0], link)
    if origin is dict:
        return "object of " + _type_words(args[1], link)
    if hint is typing.Any:
        return "any JSON"
    return f"`{getattr(hint, '__name__', str(hint))}`"


def _nested(hint: Any) -> Iterator[type]:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _nested(arg)


def report_json_page() -> str:
    order: list[type] = []
    queue = _view_classes()
    while queue:
        cls = queue.pop(0)
        if cls in order:
            continue
        order.append(cls)
        for hint in typing.get_type_hints(cls).values():
            queue.extend(c for c in _nested(hint) if c not in order)
    names: dict[type, str] = {}
    taken: dict[str, int] = {}
    for cls in order:
        taken[cls.__name__] = taken.get(cls.__name__, 0) + 1
    for cls in order:
        short = cls.__name__
        names[cls] = short if taken[short] == 1 else f"{cls.__module__.rsplit('.', 1)[-1]}.{short}"

    def link(cls: type) -> str:
        return f"[{names[cls]}](#{names[cls].lower().replace('.', '')})"

    out = [
        _banner("the report view models (`eqdiv.report`)"),
        "# Report JSON, field by field",
        "",
        "`eqdiv report quarterly --format json` and `eqdiv report annual --format json` "
        "write the report's view model: the figures and sentences the HTML and Markdown "
        "reports are made from. Each object below is one view; its fields are the JSON's "
        "keys, in this order. A list is written as a JSON array, `null` means not known "
        "or not given. [JSON output](json.md) shows an example.",
        "",
    ]
    for cls in order:
        out.append(f"## {names[cls]}")
        out.append("")
        doc = inspect.cleandoc(cls.__doc__ or "").split("\n\n", 1)[0]
        if doc and not doc.startswith(cls.__name__ + "("):
            out.append(" ".join(doc.split()))
            out.append("")
        hints = typing.get_type_hints(cls)
        out.append("| key | value |")
        out.append("|---|---|")
        for field in dataclasses.fields(cls):
            out.append(f"| `{field.name}` | {_cell(_type_words(hints[field.name], link))} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- Every command's JSON ---------------------------------------------------------

_JSON_TYPES = ((bool, "true/false"), (int, "number"), (float, "number"), (str, "text"))


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    return next(name for kind, name in _JSON_TYPES if isinstance(value, kind))


def _shape(value: object, path: str, into: dict[str, set[str]]) -> None:
    """Every key path under ``value`` with the JSON types seen there; a list's items
    are merged under ``path[]``."""
    into.setdefault(path, set()).add(_json_type(value))
    if isinstance(value, dict):
        for key, item in value.items():
            _shape(item, f"{path}.{key}" if path else str(key), into)
    elif isinstance(value, list):
        for item in value:
            _shape(item, f"{path}[]", into)


def _command_outputs(folder: Path) -> Iterator[tuple[str, list[str], object]]:
    """(command, its arguments, its JSON) for each command compared in
    tests/cli/test_command_json.py, run on a fresh copy of the example records."""
    import shutil

    from tests.cli.test_command_json import CASES, UNDATED
    from tests.conftest import AS_OF, BUNDLED

    for number, command in enumerate(sorted(CASES)):
        root = Path(shutil.copytree(BUNDLED, folder / f"records-{number}"))
        args, function = CASES[command]
        dated = [] if command in UNDATED else ["--as-of", AS_OF.isoformat()]
        shown = [a if not a.startswith("/") else Path(a).name for a in [*args, *dated]]
        yield command, shown, json.loads(json.dumps(function(root)))


def command_json_page() -> str:
    import tempfile

    out = [
        _banner("each command's `--format json` on the example records"),
        "# Every command's JSON, key by key",
        "",
        "What each command's `--format json` writes, key by key, as it writes it for "
        "eqdiv's example records (`records/`) with the arguments shown. A key path "
        "such as `findings[].path` is a key of each item of a list. Where a type is "
        "`null` only, the example has no value there; keys named after the records' own "
        "ids and categories are the example's. The reports' JSON is described view by "
        "view in [Report JSON, field by field](report-json.md); [JSON output](json.md) "
        "explains the envelope and shows examples.",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="eqdiv-docgen-") as folder:
        outputs = list(_command_outputs(Path(folder)))
    for command, args, data in outputs:
        shape: dict[str, set[str]] = {}
        _shape(data, "", shape)
        shape.pop("", None)
        out.append(f"## eqdiv {command}")
        out.append("")
        out.append(f"`eqdiv {' '.join([command, *args])} --format json`")
        out.append("")
        out.append("| key | type |")
        out.append("|---|---|")
        for path, kinds in shape.items():
            out.append(f"| `{_cell(path)}` | {' or '.join(sorted(kinds))} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# The generated pages: where each goes and what makes it.
PAGES: dict[str, Callable[[], str]] = {
    "docs/reference/cli.md": commands_page,
    "docs/reference/fields.md": fields_page,
    "docs/reference/report-json.md": report_json_page,
    "docs/reference/command-json.md": command_json_page,
}


def regenerate() -> list[str]:
    """Rewrite every page that differs; the names of those rewritten."""
    changed = []
    for name, make in PAGES.items():
        path = PROJECT / name
        text = make()
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


if __name__ == "__main__":
    for name in regenerate():
        print(f"rewrote {name}")
