"""`eqdiv review` as a user and a CI job run it: a branch that changes the bundled
records the way a team's October meeting might, in every format, and the exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv.review import review
from eqdiv.review.review_json import review_to_dict
from tests.conftest import AS_OF, TEXT_80, CliResult
from tests.gitsupport import GitRepo, copy_records, new_repo, october_branch

Cli = Callable[..., CliResult]
PLAN = "plans/parent-partnership-2007.yaml"


@pytest.fixture(scope="module")
def october(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return october_branch(tmp_path_factory.mktemp("october"))


def test_json_is_what_the_api_gives(cli: Cli, october: GitRepo) -> None:
    result = cli("review", "main", "--as-of", "2007-10-15", "-f", "json", cwd=october.top)
    data = json.loads(result.stdout)
    assert data == review_to_dict(review(october.records, "main", as_of=AS_OF))
    assert data["command"] == "review"
    assert data["base"]["label"] == "main" and data["head"]["commit"] is None
    assert data["summary"] == {
        "records": 3,
        "errors": 3,
        "warnings": 2,
        "info": 4,
        "introduced": 2,
        "existing": 5,  # the fathers-group profile, the advice contract (2) and sharing (2)
        "fixed": 0,
        "fails": True,
    }
    assert data["levels"]["signed-off-edit"] == "error"
    plan = next(r for r in data["records"] if r["kind"] == "action-plan")
    slipped = next(c for c in plan["changes"] if c["code"] == "deadline-slipped")
    assert slipped == {
        "path": PLAN,
        "line": 73,
        "column": 10,
        "severity": "warning",
        "code": "deadline-slipped",
        "message": "Action 1d: due date moved from 2007-09-30 to 2007-12-31, 92 days (about "
        "3 months) later, and no update explains why.",
        "hint": "Add an update (date, by, note) saying why it slipped, in the same change.",
        "pointer": "/actions/3/due",
        "record": "parent-partnership-2007",
        "subject": "parent-partnership-2007/1d",
        "side": "head",
        "before": "2007-09-30",
        "after": "2007-12-31",
    }
    eia = next(r for r in data["records"] if r["kind"] == "eia")
    assert eia["grade"] == {
        "before": {"grade": "Excellent", "points": 21, "maximum": 22, "percentage": 95.4},
        "after": {"grade": "Excellent", "points": 21, "maximum": 22, "percentage": 95.4},
    }


def test_github_annotations_sit_on_the_changed_lines(cli: Cli, october: GitRepo) -> None:
    result = cli("review", "main", "-f", "github", "--as-of", "2007-10-15", cwd=october.top)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "::warning file=records/plans/parent-partnership-2007.yaml,line=73,col=10,"
        "title=eqdiv deadline-slipped::Action 1d: due date moved from 2007-09-30 to "
        "2007-12-31, 92 days (about 3 months) later, and no update explains why. Hint: Add "
        "an update (date, by, note) saying why it slipped, in the same change."
    ) in lines
    assert any(
        line.startswith(
            "::error file=records/eias/eia-2007-home-visits.yaml,line=71,col=1,"
            "title=eqdiv signed-off-edit::Edited after it was signed off"
        )
        for line in lines
    )
    assert any(
        line.startswith("::error file=records/consultations/cons-2007-young-carers.yaml,line=10")
        for line in lines
    )
    assert lines[-1] == "eqdiv review: 3 errors, 2 warnings and 4 notes."


def test_an_annotation_about_a_deleted_file_has_no_place(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    repo.remove("consultations/cons-2007-rural-drop-ins.yaml")
    result = cli("review", "HEAD", "-f", "github", cwd=repo.top)
    assert result.stdout.splitlines()[0] == (
        "::warning title=eqdiv record-removed::The consultation cons-2007-rural-drop-ins "
        "(Drop-in sessions in village halls and the food bank) was deleted. Hint: A "
        "consultation log is evidence for the EIAs and reports that cite it: keep it."
    )


def test_junit_has_a_case_per_changed_record(cli: Cli, october: GitRepo) -> None:
    result = cli("review", "main", "-f", "junit", "--as-of", "2007-10-15", cwd=october.top)
    assert result.exit_code == 1
    suites = ET.fromstring(result.stdout)
    assert suites.tag == "testsuites"
    assert (suites.get("name"), suites.get("tests"), suites.get("failures")) == (
        "eqdiv review",
        "3",
        "2",
    )
    cases = {c.get("name"): c for c in suites.iter("testcase")}
    assert sorted(cases) == [
        "records/consultations/cons-2007-young-carers.yaml",
        "records/eias/eia-2007-home-visits.yaml",
        "records/plans/parent-partnership-2007.yaml",
    ]
    plan = cases["records/plans/parent-partnership-2007.yaml"]
    assert plan.find("failure") is None
    out = plan.find("system-out")
    assert out is not None and out.text is not None
    assert out.text.splitlines()[:2] == [
        "records/plans/parent-partnership-2007.yaml:22:1: warning action-removed Action 4c "
        "(Ensure staff aware of changes to HR policies (Intranet)) was deleted from the plan.",
        "  hint: It should have been cancelled: put it back with `status: cancelled` and an "
        "update saying why, so that the plan keeps a record of it.",
    ]
    failed = {n for n, c in cases.items() if c.find("failure") is not None}
    assert failed == {
        "records/consultations/cons-2007-young-carers.yaml",
        "records/eias/eia-2007-home-visits.yaml",
    }


def test_fail_on_warning(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    assert cli("review", "HEAD", cwd=repo.top).exit_code == 0
    assert cli("review", "HEAD", "--fail-on", "warning", cwd=repo.top).exit_code == 1


def test_nothing_changed(cli: Cli, tmp_path: Path, no_color: None) -> None:
    repo = new_repo(tmp_path)
    result = cli("review", "HEAD", "--as-of", "2007-10-15", cwd=repo.top)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "No records changed."
    md = cli("review", "HEAD", "--as-of", "2007-10-15", "-f", "md", cwd=repo.top)
    assert "**No records changed.**" in md.stdout and "| Record |" not in md.stdout


# Safety with git: each of these is a plain message and exit 3, never a traceback.


def test_a_revision_starting_with_a_dash_is_refused(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    result = cli("review", "--", "--output=/tmp/eqdiv-owned", cwd=repo.top)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith(
        "eqdiv: '--output=/tmp/eqdiv-owned' is not a revision: a revision names a commit"
    )
    assert not Path("/tmp/eqdiv-owned").exists()
    result = cli("review", "main", "--", "-x", cwd=repo.top)
    assert result.exit_code == 3 and "'-x' is not a revision" in result.stderr


def test_a_revision_that_names_no_commit(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    result = cli("review", "mian", cwd=repo.top)
    assert (result.exit_code, result.stdout) == (3, "")
    assert f"eqdiv: 'mian' does not name a commit in {repo.top.resolve()}." in result.stderr
    assert "hint: Give a branch, a tag or a commit id" in result.stderr


def test_records_outside_git(cli: Cli, repo_outside_git: Path) -> None:
    result = cli("review", cwd=repo_outside_git)
    assert result.exit_code == 3
    assert "is not in a git repository, so there is no history to read." in result.stderr


@pytest.fixture
def repo_outside_git(tmp_path: Path) -> Path:
    return copy_records(tmp_path / "records")


def test_an_unborn_branch(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path, commit=False)
    result = cli("review", cwd=repo.top)
    assert result.exit_code == 3
    assert "eqdiv: The branch main has no commits yet, so it has no history to read." in (
        result.stderr
    )


def shallow_clone(source: GitRepo, where: Path, *options: str) -> GitRepo:
    import subprocess

    from tests.gitsupport import git_env

    clone = GitRepo(where)
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", *options, source.top.as_uri(), str(clone.top)],
        check=True,
        env=git_env(where.parent),
    )
    return clone


def test_a_shallow_clone_without_the_base(cli: Cli, october: GitRepo, tmp_path: Path) -> None:
    """As actions/checkout leaves a pull request by default: its one commit, nothing
    of the base branch."""
    clone = shallow_clone(october, tmp_path / "pr", "--branch", "october-meeting")
    result = cli("review", "origin/main", "HEAD", cwd=clone.top)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "eqdiv: 'origin/main' is not in this clone: it is a shallow clone, which holds only "
        "the latest commits.",
        "  hint: Fetch the full history: `git fetch --unshallow`; in GitHub Actions, give "
        "actions/checkout `fetch-depth: 0`; in GitLab CI, set GIT_DEPTH to 0.",
    ]


def test_a_shallow_clone_cut_before_the_branches_meet(
    cli: Cli, october: GitRepo, tmp_path: Path
) -> None:
    """Both branches' last commits, but not the commit where they part."""
    clone = shallow_clone(october, tmp_path / "both", "--no-single-branch")
    clone.git("checkout", "-q", "october-meeting")
    clone.git("remote", "set-head", "origin", "main")  # as on GitHub: main is the default
    for args in (("review",), ("review", "HEAD~1")):
        result = cli(*args, cwd=clone.top)
        assert result.exit_code == 3, args
        assert "shallow clone" in result.stderr, args
        assert "hint: Fetch the full history: `git fetch --unshallow`" in result.stderr, args
    # With both sides in the clone, an explicit base needs no more history.
    assert cli("review", "origin/main", cwd=clone.top).exit_code == 1


def test_no_default_branch(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    repo.git("branch", "-q", "-m", "main", "records")
    result = cli("review", cwd=repo.top)
    assert result.exit_code == 3
    assert "cannot tell which branch changes are merged into" in result.stderr
    assert "eqdiv review BRANCH" in result.stderr


def test_a_file_that_does_not_parse_is_named(cli: Cli, tmp_path: Path, no_color: None) -> None:
    repo = new_repo(tmp_path)
    repo.edit(PLAN, "  - id: 2b\n", "  - id: 2b\n  text: [\n")
    result = cli("review", "HEAD", "--as-of", "2007-10-15", cwd=repo.top, env=TEXT_80)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[lines.index("  Changed.") - 2 :][:6] == [
        "Action plan parent-partnership-2007: Parent Partnership Equality and Diversity",
        "Action Plan",
        "  Changed.",
        "  records/plans/parent-partnership-2007.yaml:1:1  info record-unreadable",
        "      This file cannot be read as a record after this change (see the problems",
        "      this change introduces), so what changed in it cannot be listed.",
    ]
    assert "  records/plans/parent-partnership-2007.yaml:88:3  error yaml-syntax" in lines


def test_the_record_cache_changes_nothing(
    cli: Cli, october: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review and history read the working tree through the record cache (and files in
    a commit that are the same as in the working tree); the output is the same, cold,
    warm and without it."""
    runs = [
        ("review", "main", "--as-of", "2007-10-15", "-f", "json"),
        ("review", "main", "HEAD", "--as-of", "2007-10-15"),
        ("history", "parent-partnership-2007/2b", "-f", "json"),
    ]
    expected = [cli(*args, cwd=october.top) for args in runs]
    monkeypatch.delenv("EQDIV_NO_CACHE")
    for _ in ("cold", "warm"):
        assert [cli(*args, cwd=october.top) for args in runs] == expected
    assert (october.records / ".eqdiv-cache").is_dir()
    assert october.git("status", "--porcelain") == ""  # the cache is not a change
