"""The one catalogue of finding codes: every code eqdiv can emit is declared in
``eqdiv/model/codes.py``, used as a value (never spelt out as text), documented in the
the reference's tables (docs/reference, generated from the catalogue) and described in the SARIF rules.

The codes eqdiv can emit are found two ways: by reading the source (every
``codes.NAME`` it uses, and no code written as a string), and by running the case
folders and the review of the sample repository's history.

Run ``EQDIV_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_codes.py`` after declaring
a code to rewrite the reference's tables, then read the diff.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

from eqdiv import api
from eqdiv.model import codes
from eqdiv.model.codes import CATALOGUE, Code, Family
from eqdiv.model.findings import Finding, Location
from eqdiv.output.ci import Report, write_sarif
from tests.cases.test_cases import case_files
from tests.conftest import PROJECT, RepoBuilder
from tests.gitsupport import october_branch

PACKAGE = PROJECT / "eqdiv"
REFERENCE = PROJECT / "docs" / "reference"
# Where the reference keeps each family's table: the findings page, and the review
# command's section of the commands page.
TABLES = {Family.FINDING: REFERENCE / "findings.md", Family.CHANGE: REFERENCE / "commands.md"}

# Words that are also a code's id but name something else: an action's due state
# (`undated`), and a stream's `encoding` attribute.
NOT_CODES = {
    ("actions/state.py", "undated"),
    ("report/context.py", "undated"),
    ("status/action_sections.py", "undated"),
    ("review/action_changes.py", "undated"),
    ("cli/entry.py", "encoding"),
}


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "model" / "codes.py"
    ]


def used_in_source() -> set[str]:
    """The ids of the catalogue entries the package refers to (``codes.NAME``)."""
    used: set[str] = set()
    for _, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "codes"
                and isinstance(getattr(codes, node.attr, None), Code)
            ):
                used.add(getattr(codes, node.attr).id)
    return used


def test_no_code_is_written_as_text() -> None:
    """A check uses ``codes.REF_MISSING``, not ``"ref-missing"``: a code spelt as text
    could be one the catalogue does not have."""
    spelt = [
        f"eqdiv/{name}:{node.lineno}: {node.value!r}"
        for name, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in CATALOGUE
        and (name, node.value) not in NOT_CODES
    ]
    assert spelt == []


def test_every_catalogued_code_is_used_and_every_used_code_catalogued() -> None:
    assert used_in_source() == set(CATALOGUE)


def test_the_catalogue_is_complete_for_each_code() -> None:
    for code_id, code in CATALOGUE.items():
        assert code.id == code_id and re.fullmatch(r"[a-z]+(-[a-z]+)*", code_id)
        assert code.title and code.title[0].isupper() and not code.title.endswith(".")
        assert code.description.endswith(".") and not code.description[0].islower()
        assert getattr(codes, code_id.upper().replace("-", "_")) is code


def test_the_case_folders_emit_only_catalogued_codes(repo: RepoBuilder) -> None:
    emitted: set[str] = set()
    for case in case_files("negative"):
        shutil.copy(case, repo.root / "case.yaml")
        emitted |= {f.code for f in repo.validate().findings}
    assert emitted, "the negative cases gave no findings"
    assert emitted <= set(CATALOGUE), emitted - set(CATALOGUE)
    assert all(CATALOGUE[c].family is Family.FINDING for c in emitted)


def test_a_review_emits_only_catalogued_codes(tmp_path: Path) -> None:
    october = october_branch(tmp_path)
    review = api.review(october.records, as_of=date(2007, 10, 15))
    emitted = {f.code for f in review.problems()}
    assert {c.code for c in review.changes} <= emitted
    assert len(emitted) > 5 and emitted <= set(CATALOGUE), emitted - set(CATALOGUE)


def test_sarif_describes_every_code() -> None:
    findings = [
        Finding(code.id, code.severity, "Something.", Location("a.yaml"))
        for code in CATALOGUE.values()
    ]
    stream = io.StringIO()
    write_sarif(Report("validate", Path.cwd(), ["a.yaml"], findings), stream)
    rules = json.loads(stream.getvalue())["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CATALOGUE)
    for rule in rules:
        code = CATALOGUE[rule["id"]]
        assert rule["shortDescription"]["text"] == code.title
        assert rule["fullDescription"]["text"] == code.description


def table(family: Family) -> str:
    """The reference's table of one family's codes, as the catalogue has them."""
    rows = [f"| `{c.id}` | {c.severity} | {c.description} |" for c in codes.of_family(family)]
    return "\n".join(["| code | level | what it means |", "|---|---|---|", *rows])


def test_the_readme_tables_are_the_catalogue() -> None:
    for family, page in TABLES.items():
        text = page.read_text(encoding="utf-8")
        start, end = f"<!-- codes: {family} -->\n", "\n<!-- /codes -->"
        assert start in text, f"{page.name} has no '{start.strip()}' marker"
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        wanted = head + start + table(family) + end + tail
        if os.environ.get("EQDIV_UPDATE_GOLDEN") and wanted != text:
            page.write_text(wanted, encoding="utf-8")
            text = wanted
        assert text == wanted, f"{page.name}'s table of codes differs from the catalogue"
