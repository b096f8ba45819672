"""The reference pages generated from the code (tests/docgen.py) are what the code says
now: a new command, option, schema field or report view changes them.

When this fails after a deliberate change, regenerate the pages and read the diff:
``EQDIV_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_reference.py``.
"""

from __future__ import annotations

import os
import re

import pytest

from tests import docgen
from tests.conftest import PROJECT


@pytest.mark.parametrize("name", sorted(docgen.PAGES))
def test_the_generated_reference_is_the_code(name: str) -> None:
    path = PROJECT / name
    wanted = docgen.PAGES[name]()
    if os.environ.get("EQDIV_UPDATE_GOLDEN") == "1" and (
        not path.is_file() or path.read_text(encoding="utf-8") != wanted
    ):
        path.write_text(wanted, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == wanted, (
        f"{name} is out of date with the code: run `{docgen.REGENERATE}` and read the diff"
    )


def test_every_command_and_option_is_in_the_reference() -> None:
    """Independent of the page's layout: each command has its heading and each of its
    options' flags is printed under it."""
    page = (PROJECT / "docs/reference/cli.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (eqdiv[^\n]*)\n(.*?)(?=^## |\Z)", page, re.M | re.S))
    commands = list(docgen._commands())
    assert len(commands) > 20
    for path, cmd, _ctx in commands:
        assert path in sections, f"{path} has no section"
        for param in cmd.params:
            flags = [*param.opts, *param.secondary_opts]
            if param.param_type_name == "argument":
                flags = [param.metavar or param.name]
            for flag in flags:
                assert flag.lower() in sections[path].lower(), (
                    f"{path}: {flag} is not in the reference"
                )


def test_every_schema_field_is_in_the_reference() -> None:
    page = (PROJECT / "docs/reference/fields.md").read_text(encoding="utf-8")
    for schema in sorted((PROJECT / "schemas").glob("*.schema.json")):
        text = schema.read_text(encoding="utf-8")
        for name in re.findall(r'"properties": \{\s*"([a-z_]+)"', text):
            assert f"`{name}`" in page or f".{name}`" in page or f"]{name}`" in page, (
                f"{schema.name}: field {name} is not in the reference"
            )
