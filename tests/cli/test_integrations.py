"""The ready integrations, run for real: the pre-commit hook this repository publishes,
through the pre-commit tool itself, and every command of the GitHub Actions workflow
and the GitLab CI job in docs/ci/, in a records repository with a change to review.

pre-commit builds a virtual environment and installs eqdiv into it from this
repository, so the hook test needs the package index that `pip install -e '.[test]'`
used. Commands that post comments (gh, curl) are stand-ins that record what they were
asked to post, so the test can read the comment."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.test_ci_formats import BROKEN
from tests.conftest import PROJECT, environ_without_color
from tests.gitsupport import GitRepo, git_env, new_repo, october_branch

HOOKS = PROJECT / ".pre-commit-hooks.yaml"
GITHUB = PROJECT / "docs/ci/github-actions.yml"
GITLAB = PROJECT / "docs/ci/gitlab-ci.yml"
BIN = Path(sys.executable).parent  # where the eqdiv being tested is installed


# Stand-ins for the commands that talk to GitHub, GitLab and the package index. Each
# appends what it was asked to do to $CALLS; gh keeps the comment it would post.
FAKE_PIP = """#!/bin/sh
echo "pip $*" >> "$CALLS"
"""
FAKE_GH = """#!/bin/sh
echo "gh $*" >> "$CALLS"
case "$*" in
  *--edit-last*) [ -f "$WORK/.commented" ] || { echo "no comment to edit" >&2; exit 1; } ;;
esac
while [ $# -gt 0 ]; do
  if [ "$1" = "--body-file" ]; then cp "$2" "$WORK/posted.md"; fi
  shift
done
touch "$WORK/.commented"
"""
FAKE_CURL = """#!/bin/sh
echo "curl $*" >> "$CALLS"
case "$*" in
  *--request*) cp eqdiv-note.json "$WORK/posted.json" ;;
  *) cat "$WORK/notes.json" ;;
esac
"""


def fake_bin(where: Path) -> Path:
    folder = where / "bin"
    folder.mkdir()
    for name, script in (("pip", FAKE_PIP), ("gh", FAKE_GH), ("curl", FAKE_CURL)):
        path = folder / name
        path.write_text(script)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return folder


def environment(work: Path, **extra: str) -> dict[str, str]:
    """The CI environment: eqdiv (as installed beside this Python) and the stand-ins on
    the PATH."""
    assert (BIN / "eqdiv").exists(), "the CI commands run eqdiv as installed: pip install -e ."
    env = {**environ_without_color(), **git_env(work.parent)}
    env["PATH"] = os.pathsep.join([str(fake_bin(work)), str(BIN), env["PATH"]])
    env.update(CALLS=str(work / "calls.log"), WORK=str(work), **extra)
    return env


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``script`` as CI runs it: bash, stopping at the first command that fails."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


# The pre-commit hook ----------------------------------------------------------------


def test_the_hook_manifest() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "eqdiv-validate"
    assert hook["language"] == "python"
    assert hook["entry"] == "eqdiv validate --skip-outside"
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("a.yaml", "plans/b.yml", "c.json", "yaml")] == [
        True,
        True,
        False,
        False,
    ]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """This project as it is now (committed or not) in a repository of its own, as
    pre-commit fetches a hook repository, and one cache for the module, so pre-commit
    installs eqdiv once."""
    where = tmp_path_factory.mktemp("hook")
    project = GitRepo(where / "eqdiv")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if source.is_file():
            target = project.top / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    project.git("init", "-q", "-b", "main")
    project.commit("eqdiv as it is being tested")
    return project.top, where / "pre-commit-home"


def pre_commit(repo: GitRepo, hook: tuple[Path, Path]) -> subprocess.CompletedProcess[str]:
    project, home = hook
    env = {**environ_without_color(), **git_env(repo.top.parent), "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(project), "eqdiv-validate"],
        cwd=repo.top,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_pre_commit_runs_the_hook_and_fails_a_bad_record(
    tmp_path: Path, hook_repo: tuple[Path, Path]
) -> None:
    repo = new_repo(tmp_path, commit=False)
    # YAML files that are not records: outside the records folder, and hidden.
    (repo.top / "mkdocs.yml").write_text("site_name: Equality records\n")
    (repo.top / ".github").mkdir()
    (repo.top / ".github/eqdiv.yml").write_text("name: eqdiv\n")
    repo.git("add", "-A")
    passed = pre_commit(repo, hook_repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"eqdiv validate\.+Passed", passed.stdout), passed.stdout

    repo.write("plans/broken.yaml", BROKEN)
    repo.git("add", "-A")
    failed = pre_commit(repo, hook_repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"eqdiv validate\.+Failed", failed.stdout), failed.stdout
    assert (
        "records/plans/broken.yaml:12:13: error schema 'in progres' is not an allowed value "
        "here." in failed.stdout
    )
    assert re.search(
        # The bundled advice contract's two warnings (no EIA, no equality clause) stay.
        r"FAILED: 1 error, 4 warnings in 4 files \(\d+ files checked\)\.",
        failed.stdout,
    )


# The GitHub Actions workflow ----------------------------------------------------------


def checkout_of_a_pull_request(where: Path) -> GitRepo:
    """What actions/checkout leaves for a pull request with fetch-depth 0: a clone
    whose origin has the base branch, at the pull request's commit."""
    upstream = october_branch(where / "upstream")
    clone = GitRepo(where / "checkout")
    subprocess.run(
        ["git", "clone", "-q", "--branch", "october-meeting", str(upstream.top), str(clone.top)],
        check=True,
        env=git_env(where),
    )
    return clone


def expressions(text: str, values: dict[str, str]) -> str:
    """``${{ github.token }}`` and its kind, as the runner would fill them in."""
    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: values[m.group(1)], text)


def test_every_command_of_the_github_workflow(tmp_path: Path) -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
    (job,) = workflow["jobs"].values()
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    repo = checkout_of_a_pull_request(tmp_path)
    summary = tmp_path / "summary.md"
    values = {"github.token": "a-token", "github.event.pull_request.number": "7"}
    env = environment(
        tmp_path,
        **workflow["env"],
        GITHUB_BASE_REF="main",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    codes = {}
    for step in job["steps"]:
        if "run" not in step:
            continue
        step_env = {k: expressions(str(v), values) for k, v in step.get("env", {}).items()}
        done = bash(step["run"], repo.top, {**env, **step_env})
        codes[step["name"]] = done.returncode
        assert done.returncode in (0, 1), step["name"] + done.stdout + done.stderr
    assert codes == {
        "Install eqdiv": 0,
        # The branch adds a consultation log naming an action that does not exist.
        "Validate the records": 1,
        "Score the EIAs": 0,
        "Review what the pull request changes": 1,
        "Post the review as a comment": 0,
    }
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls == [
        "pip install eqdiv",
        "gh pr comment 7 --body-file eqdiv-review.md --edit-last",
        "gh pr comment 7 --body-file eqdiv-review.md",
    ]
    posted = (tmp_path / "posted.md").read_text()
    expected = subprocess.run(
        ["eqdiv", "review", "origin/main", "HEAD", "--format", "md"],
        cwd=repo.top,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert posted == expected
    assert posted.startswith("<!-- eqdiv-review -->\n## eqdiv review of the records\n")
    assert "**This change introduces an error, so the review fails.**" in posted
    written = summary.read_text()
    assert "## EIA quality" in written and "## eqdiv review of the records" in written


# The GitLab CI job -------------------------------------------------------------------


def gitlab_script(job: dict[str, Any]) -> str:
    return "\n".join([*job["before_script"], *job["script"]])


def test_every_command_of_the_gitlab_job(tmp_path: Path) -> None:
    (job,) = yaml.safe_load(GITLAB.read_text(encoding="utf-8")).values()
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["artifacts"]["reports"]["junit"] == "eqdiv-*.xml"
    repo = october_branch(tmp_path / "repo")
    (tmp_path / "notes.json").write_text("[]")
    env = environment(
        tmp_path,
        **job["variables"],
        CI_MERGE_REQUEST_IID="7",
        CI_MERGE_REQUEST_DIFF_BASE_SHA=repo.git("rev-parse", "main"),
        CI_API_V4_URL="https://gitlab.example/api/v4",
        CI_PROJECT_ID="42",
        EQDIV_GITLAB_TOKEN="a-token",
    )
    done = bash(gitlab_script(job), repo.top, env)
    assert done.returncode == 1, done.stdout + done.stderr  # the change introduces errors
    notes = "https://gitlab.example/api/v4/projects/42/merge_requests/7/notes"
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls[0] == "pip install eqdiv"
    assert calls[1].endswith(f"--header PRIVATE-TOKEN: a-token {notes}?per_page=100")
    assert " --request POST " in calls[2] and calls[2].endswith(notes)
    review_md = (repo.top / "eqdiv-review.md").read_text()
    assert json.loads((tmp_path / "posted.json").read_text()) == {"body": review_md}
    assert review_md.startswith("<!-- eqdiv-review -->")
    for report in ("eqdiv-validate.xml", "eqdiv-review.xml"):
        assert ET.parse(repo.top / report).getroot().tag == "testsuites"
    assert (repo.top / "eqdiv-eia.md").read_text().startswith("## EIA quality")

    # The next pipeline replaces the comment instead of adding another.
    (tmp_path / "notes.json").write_text(
        json.dumps([{"id": 3, "body": "Looks good"}, {"id": 5, "body": review_md}])
    )
    (tmp_path / "calls.log").unlink()
    done = bash(gitlab_script(job), repo.top, env)
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert " --request PUT " in calls[2] and calls[2].endswith(f"{notes}/5")


def test_the_gitlab_job_on_the_default_branch(tmp_path: Path) -> None:
    """Outside a merge request there is nothing to review or post: validate and score."""
    (job,) = yaml.safe_load(GITLAB.read_text(encoding="utf-8")).values()
    repo = new_repo(tmp_path)
    env = environment(tmp_path, **job["variables"])
    done = bash(gitlab_script(job), repo.top, env)
    assert done.returncode == 0, done.stdout + done.stderr
    # Warnings (the bundled advice contract's) do not fail the job; errors would.
    assert re.search(
        r"WARNINGS: 0 errors, 4 warnings in 3 files \(\d+ files checked\)\.", done.stdout
    ), done.stdout
    assert not (repo.top / "eqdiv-review.md").exists()
    assert (tmp_path / "calls.log").read_text().splitlines() == ["pip install eqdiv"]
