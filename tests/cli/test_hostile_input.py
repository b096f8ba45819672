"""Hostile input through the command line (issue 20): every case a finding, a usage
error or a clear message, never a traceback, a wait or a write outside the records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eqdiv.model.limits import MAX_DIGITS, MAX_NODES
from tests.conftest import DATA, CliResult, RepoBuilder
from tests.gitsupport import new_repo

Cli = Callable[..., CliResult]

SEED_CSV = DATA / "seed-plan.csv"
LONG = "1" * 5_000  # past Python's own 4,300-digit limit on int()


CONSULTATION = """\
kind: consultation
id: c
title: A drop-in session
start: 2007-06-01
methods: [drop_in]
participants:
  total: 12
"""


def findings_of(cli: Cli, repo: RepoBuilder, text: str) -> list[tuple[str, int, int, str]]:
    repo.write({"plans/hostile.yaml": text})
    result = cli("validate", "--format", "json", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 1, result.stdout
    data: dict[str, Any] = json.loads(result.stdout)
    return [
        (f["code"], f["line"], f["column"], f["message"])
        for f in data["findings"]
        if f["path"] == "plans/hostile.yaml" and f["code"] not in ("kind-missing", "schema")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [*a]\n", [("alias-loop", 1, 8)]),
        ("a: &a {<<: *a}\n", [("alias-loop", 1, 12)]),
        ("a: &a {b: [1, {c: *a}]}\n", [("alias-loop", 1, 19)]),
        ("a: 0b_\n", [("yaml-value", 1, 4)]),
        ("a: 0x_\n", [("yaml-value", 1, 4)]),
        ("a: !!int foo\n", [("yaml-value", 1, 4)]),
        ("a: !!float foo\n", [("yaml-value", 1, 4)]),
        ("a: !!bool foo\n", [("yaml-value", 1, 4)]),
        (f"a: {LONG}\n", [("too-large", 1, 4)]),
        (f"a: -{LONG}\n", [("too-large", 1, 4)]),
        (f"a: {LONG}:30\n", [("too-large", 1, 4)]),
        (f"a: 0x{LONG}\n", [("too-large", 1, 4)]),
        (f"a: !!int '{LONG}'\n", [("too-large", 1, 4)]),
        (f"a: {LONG}.5\n", [("too-large", 1, 4)]),
        (f"kind: action-plan\nid: {LONG}\n", [("too-large", 2, 5)]),
        (f"a:\n  {LONG[:1000]}: x\n", []),  # a key is text, however many digits
    ],
)
def test_hostile_values_are_findings(
    cli: Cli, repo: RepoBuilder, text: str, expected: list[tuple[str, int, int]]
) -> None:
    found = findings_of(cli, repo, text)
    assert [(code, line, column) for code, line, column, _ in found] == expected


def test_number_findings_say_the_limit(cli: Cli, repo: RepoBuilder) -> None:
    [(_, _, _, message)] = findings_of(cli, repo, f"a: {LONG}\n")
    assert message == (
        f"This number has 5,000 digits; eqdiv reads numbers of up to {MAX_DIGITS} digits."
    )
    [(_, _, _, message)] = findings_of(cli, repo, "a: !!int foo\n")
    assert message == "'foo' is not a whole number, which its tag (`!!...`) says it is."


@pytest.mark.parametrize(("written", "read"), [("!!bool YeS", True), ("!!bool OFF", False)])
def test_tagged_bool_reads_any_case_as_yaml_11_does(
    cli: Cli, repo: RepoBuilder, written: str, read: bool
) -> None:
    repo.write({"consultations/c.yaml": CONSULTATION + f"about_impacts: {written}\n"})
    result = cli("consultation", "list", "--format", "json", cwd=repo.root)
    assert result.exit_code == 0, result.stdout
    [activity] = json.loads(result.stdout)["activities"]
    assert activity["about_impacts"] is read


def test_an_alias_is_located_at_the_alias_not_its_anchor(cli: Cli, repo: RepoBuilder) -> None:
    text = "kind: action-plan\nid: x\ntitle: &t [1]\nowner: *t\n"
    repo.write({"plans/x.yaml": text})
    result = cli("validate", "--format", "json", "--as-of", "2007-10-15", cwd=repo.root)
    owner = [f for f in json.loads(result.stdout)["findings"] if f["pointer"] == "/owner"]
    assert owner, result.stdout
    assert {(f["line"], f["column"]) for f in owner} == {(4, 8)}


def test_two_million_item_flow_list_is_refused_by_the_node_bound(
    cli: Cli, repo: RepoBuilder
) -> None:
    found = findings_of(cli, repo, "a: [" + "1," * 2_000_000 + "1]\n")
    assert found == [("too-large", 1, 4, f"This file holds more than {MAX_NODES:,} values.")]


@pytest.mark.parametrize("plan_id", ["../../people", "../people", "/tmp/people", "a/b", ".."])
def test_import_plan_refuses_an_id_that_is_not_a_file_name(
    cli: Cli, repo: RepoBuilder, plan_id: str
) -> None:
    before = sorted(p for p in repo.root.parent.parent.rglob("*") if p.is_file())
    result = cli("import", "plan", str(SEED_CSV), "--id", plan_id, "--as-of", "2007-08-01",
                 cwd=repo.root)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"eqdiv: --id '{plan_id}' is not an id: it becomes a file name in the records repository.\n"
    )
    assert sorted(p for p in repo.root.parent.parent.rglob("*") if p.is_file()) == before


def test_new_and_import_refuse_a_folder_that_leads_out_of_the_repository(
    cli: Cli, repo: RepoBuilder, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo.root / "plans").symlink_to(elsewhere)
    result = cli("import", "plan", str(SEED_CSV), "--id", "p", "--as-of", "2007-08-01",
                 cwd=repo.root)  # fmt: skip
    assert result.exit_code == 2
    assert "plans/p.yaml would be outside the records repository" in result.stderr
    result = cli("new", "action-plan", "--id", "p", "--yes", cwd=repo.root)
    assert result.exit_code == 2
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("revision", ["^HEAD", "^main"])
def test_review_of_a_negated_revision_is_a_clear_error(
    cli: Cli, tmp_path: Path, revision: str
) -> None:
    repo = new_repo(tmp_path)
    result = cli("review", revision, cwd=repo.top)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith(
        f"eqdiv: '{revision}' names a range of commits, not one commit.\n"
    )


def test_an_excerpt_of_a_huge_line_is_a_window_around_the_column(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    repo.write({"plans/hostile.yaml": "a: " + "x" * 100_000 + ": b\n"})
    result = cli("validate", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 1
    assert max(len(line) for line in result.stdout.splitlines()) < 200
    lines = result.stdout.splitlines()
    excerpt = next(i for i, line in enumerate(lines) if line.startswith("  1 | "))
    assert lines[excerpt].endswith("…") or lines[excerpt].startswith("  1 | …")
    assert lines[excerpt + 1].endswith("^")
