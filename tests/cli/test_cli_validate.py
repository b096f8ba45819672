"""`eqdiv validate` as a user runs it: exit codes, formats, paths, errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eqdiv.figures.suppression import STAFF_ONLY_EXCERPTS
from tests.conftest import (
    BUNDLED,
    CliResult,
    RepoBuilder,
    documentation,
    environ_without_color,
)

Cli = Callable[..., CliResult]

BROKEN_PLAN = """\
kind: action-plan
id: broken-plan
title: Broken
owner: DH
framework: eslg-2007
actions:
  - id: 1a
    element: 1
    text: Do it
    owners: [DH]
    due: Sep-07
    status: in progres
"""


def test_bundled_records_exit_0(cli: Cli, no_color: None) -> None:
    result = cli("validate", "--as-of", "2007-10-15")
    assert result.exit_code == 0
    # Seed action 4e: the advice-service contract does not yet reflect the RES.
    assert result.stdout.count("warning contract-") == 2
    assert result.stdout.endswith("WARNINGS: 0 errors, 4 warnings in 3 files (41 files checked).\n")


def test_text_findings_with_excerpt_caret_and_hint(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    repo.write({"plans/broken.yaml": BROKEN_PLAN})
    result = cli("validate", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 1
    assert result.stdout == (
        "plans/broken.yaml:11:10: error schema 'Sep-07' is not valid here.\n"
        "  11 |     due: Sep-07\n"
        "     |          ^\n"
        "  hint: 'Sep-07' reads as September 2007: write `due: 2007-09`, and keep the "
        "original wording in `due_text` if you like.\n"
        "plans/broken.yaml:12:13: error schema 'in progres' is not an allowed value here. "
        "Allowed: not_started, in_progress, ongoing, complete, deferred, cancelled.\n"
        "  12 |     status: in progres\n"
        "     |             ^\n"
        "  hint: Did you mean 'in_progress'?\n"
        "\n"
        f"{STAFF_ONLY_EXCERPTS}\n"
        "FAILED: 2 errors, 0 warnings in 1 file (3 files checked).\n"
    )


def test_paths_are_shown_relative_to_where_you_are(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    repo.write({"plans/broken.yaml": BROKEN_PLAN})
    result = cli("validate", "--repo", str(repo.root), cwd=repo.root.parent)
    assert result.stdout.startswith("records/plans/broken.yaml:11:10: error schema")


def test_json_carries_every_field_of_every_finding(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plans/broken.yaml": BROKEN_PLAN, "bad.yaml": "kind: eia\nid: x\n\ttitle: t\n"})
    result = cli("validate", "--format", "json", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["command"] == "validate"
    assert data["repository"] == str(repo.root.resolve())
    assert data["as_of"] == "2007-10-15"
    assert data["summary"] == {
        "files": 4,
        "files_with_findings": 2,
        "errors": 3,
        "warnings": 0,
        "info": 0,
    }
    assert data["findings"][0] == {
        "path": "bad.yaml",
        "line": 3,
        "column": 1,
        "severity": "error",
        "code": "yaml-tab",
        "message": "This line uses a tab character; YAML indents with spaces only.",
        "hint": "Replace the tab with spaces (most editors have 'convert tabs to spaces').",
        "pointer": "",
        "record": None,
    }
    keys = {"path", "line", "column", "severity", "code", "message", "hint", "pointer", "record"}
    assert all(set(f) == keys for f in data["findings"])
    assert data["findings"][1]["pointer"] == "/actions/0/due"


def test_json_equals_the_api_result(cli: Cli, repo: RepoBuilder) -> None:
    from eqdiv.checks.validation import validation_to_dict

    repo.write({"plans/broken.yaml": BROKEN_PLAN})
    result = cli("validate", "--format", "json", "--as-of", "2007-10-15", cwd=repo.root)
    assert json.loads(result.stdout) == validation_to_dict(repo.validate())


def test_github_annotations(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plans/broken.yaml": BROKEN_PLAN})
    result = cli("validate", "--format", "github", cwd=repo.root)
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "::error file=plans/broken.yaml,line=12,col=13,title=eqdiv schema::'in progres' is "
        "not an allowed value here. Allowed: not_started, in_progress, ongoing, complete, "
        "deferred, cancelled. Hint: Did you mean 'in_progress'?"
    )


def test_only_named_paths_are_reported(cli: Cli, repo: RepoBuilder, no_color: None) -> None:
    repo.write({"plans/broken.yaml": BROKEN_PLAN, "eias/broken.yaml": "kind: eia\nid: e\n"})
    result = cli("validate", "plans", cwd=repo.root)
    assert result.exit_code == 1
    assert "eias/" not in result.stdout and "plans/broken.yaml:11:10" in result.stdout
    assert cli("validate", "people.yaml", cwd=repo.root).exit_code == 0


def test_warnings_fail_only_when_asked(cli: Cli, repo: RepoBuilder) -> None:
    repo.write(
        {
            "c.yaml": "kind: consultation\nid: c\ntitle: T\nstart: 2007-01-01\nmethods: [survey]\nparticipants:\n  total: 5\n  profile: {sex: {female: 2}}\n"
        }
    )
    assert cli("validate", cwd=repo.root).exit_code == 0
    assert cli("validate", "--fail-on", "warning", cwd=repo.root).exit_code == 1


def test_no_repository_exits_3(cli: Cli, tmp_path: Path, no_color: None) -> None:
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "No records repository was found" in result.stderr
    assert "--repo" in result.stderr


def test_repo_that_is_not_a_repository_exits_3(cli: Cli, tmp_path: Path) -> None:
    assert cli("--repo", str(tmp_path), "validate").exit_code == 3


def test_usage_errors_exit_2(cli: Cli, repo: RepoBuilder, tmp_path: Path) -> None:
    assert cli("validate", "--as-of", "15/10/2007", cwd=repo.root).exit_code == 2
    assert cli("validate", "--format", "xml", cwd=repo.root).exit_code == 2
    assert cli("validate", "no-such-file.yaml", cwd=repo.root).exit_code == 2
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: eia\n")
    result = cli("validate", str(outside), cwd=repo.root)
    assert result.exit_code == 2
    assert "is not inside the records repository" in result.stderr


def test_unreadable_schema_exits_3(
    cli: Cli, repo: RepoBuilder, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import eqdiv.schema.schema_set

    (tmp_path / "eia.schema.json").write_text("{not json")
    monkeypatch.setattr(eqdiv.schema.schema_set, "schema_dir", lambda: tmp_path)
    result = cli("validate", cwd=repo.root)
    assert result.exit_code == 3
    assert "cannot be read" in result.stderr


def test_every_command_has_help(cli: Cli) -> None:
    from eqdiv.cli.app import app

    assert cli("--help").exit_code == 0
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    for name in names:
        assert name is not None
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage: eqdiv" in result.stdout


def test_every_command_is_in_the_readme() -> None:
    from eqdiv.cli.app import app

    readme = documentation()
    for command in app.registered_commands:
        assert f"eqdiv {command.name}" in readme, command.name


def test_console_script_and_module_entry_points() -> None:
    env = environ_without_color()
    for argv in (["eqdiv", "--version"], [sys.executable, "-m", "eqdiv", "--version"]):
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("eqdiv ")
    done = subprocess.run(
        [sys.executable, "-m", "eqdiv", "validate", "--as-of", "2007-10-15"],
        capture_output=True,
        text=True,
        env=env,
        cwd=BUNDLED / "plans",
        check=False,
    )
    assert done.returncode == 0 and "(41 files checked)" in done.stdout


def test_named_files_report_the_links_they_break_elsewhere(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    plan = BROKEN_PLAN.replace("due: Sep-07", "due: 2007-09").replace("in progres", "in_progress")
    people = (
        (repo.root / "people.yaml")
        .read_text()
        .replace("  - id: DH\n    role: Service Manager\n    organisation: council\n", "")
    )
    repo.write(
        {
            "plans/plan.yaml": plan,
            "people.yaml": people,
            "plans/broken.yaml": BROKEN_PLAN.replace("broken-plan", "other"),
        }
    )
    result = cli("validate", "people.yaml", cwd=repo.root)
    assert result.exit_code == 1
    # The removal from people.yaml breaks the plan's owner and its action's owner...
    assert "plans/plan.yaml:4:8: error ref-missing 'DH' is not a known person." in result.stdout
    assert "plans/plan.yaml:10:14: error ref-missing 'DH' is not a known person." in result.stdout
    # ...while the other file's own problems are not this change's business.
    assert "Sep-07" not in result.stdout


def test_a_copied_record_reports_the_duplicate_id(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    plan = BROKEN_PLAN.replace("due: Sep-07", "due: 2007-09").replace("in progres", "in_progress")
    repo.write({"plans/plan.yaml": plan, "plans/plan-copy.yaml": plan})
    result = cli("validate", "plans/plan.yaml", cwd=repo.root)
    assert result.exit_code == 1
    assert "error duplicate-id The id 'broken-plan' is used twice" in result.stdout


@pytest.fixture
def no_people(tmp_path: Path) -> Path:
    """The bundled records without their people directory."""
    root = Path(shutil.copytree(BUNDLED, tmp_path / "records"))
    (root / "people.yaml").unlink()
    return root


def findings_in(cli: Cli, root: Path) -> list[dict[str, Any]]:
    result = cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 1
    # Leave out the advice contract's two warnings (seed action 4e) and information
    # sharing's two, pinned elsewhere.
    findings: list[dict[str, Any]] = [
        f
        for f in json.loads(result.stdout)["findings"]
        if not f["code"].startswith(("contract-", "sharing-"))
    ]
    return findings


def test_a_missing_people_directory_is_one_problem(cli: Cli, no_people: Path) -> None:
    findings = findings_in(cli, no_people)
    assert [(f["code"], f["path"], f["line"], f["column"]) for f in findings] == [
        ("ref-missing", "plans/parent-partnership-2007.yaml", 11, 8)
    ]
    assert findings[0]["message"] == (
        "There is no people directory, so none of the 6 people the records name can be "
        "checked (CDW, CO, DH, EDO, HCS, PPO)."
    )
    assert findings[0]["hint"].startswith(
        "They are named 57 times in 30 files. Add a file with `kind: people`"
    )


def test_a_people_directory_that_lists_nobody_is_one_problem(
    cli: Cli, no_people: Path, no_color: None
) -> None:
    written = cli("new", "people", "--yes", cwd=no_people)
    assert written.exit_code == 0
    # `new` asks for the two blanks of the new file, not for the links elsewhere.
    assert "Fill in 2 blanks above" in written.stdout
    findings = findings_in(cli, no_people)
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [
        ("schema", "people.yaml", 9),
        ("schema", "people.yaml", 11),
        ("ref-missing", "plans/parent-partnership-2007.yaml", 11),
    ]
    assert findings[2]["message"].startswith(
        "The people directory (people.yaml) lists nobody yet, so none of the 6 people"
    )
