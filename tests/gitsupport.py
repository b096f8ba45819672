"""Real git repositories for tests: init, write, commit (with a given author and date),
branch. git runs with no user or system configuration, so a developer's settings cannot
change what the tests see."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, dedent

# Authors are roles, as in the records: no personal details.
MANAGER = ("Parent Partnership Manager", "manager@partnership.example")
OFFICER = ("Equality Officer", "equality@partnership.example")


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "HOME": str(home),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_TERMINAL_PROMPT": "0",
        }
    )
    return env


@dataclass
class GitRepo:
    """A git work tree at ``top`` holding a records repository at ``top/records``."""

    top: Path

    @property
    def records(self) -> Path:
        return self.top / "records"

    def git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.top,
            capture_output=True,
            text=True,
            env=git_env(self.top.parent),
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout.strip()

    def write(self, relative: str, text: str) -> None:
        """Write a file under ``records/`` (text is dedented)."""
        path = self.records / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")

    def read(self, relative: str) -> str:
        return (self.records / relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace ``old`` with ``new`` in a file under ``records/``; ``old`` must be there."""
        text = self.read(relative)
        assert text.count(old) >= count, f"{old!r} is not in {relative}"
        (self.records / relative).write_text(text.replace(old, new, count), encoding="utf-8")

    def remove(self, relative: str) -> None:
        (self.records / relative).unlink()

    def commit(
        self, message: str, when: str = "2007-10-01T09:00:00+01:00", who: tuple[str, str] = MANAGER
    ) -> str:
        """Commit everything in the work tree; the new commit's id."""
        self.git("add", "-A")
        name, email = who
        identity = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
        done = subprocess.run(
            ["git", *identity, "commit", "-q", "--allow-empty", "-m", message],
            cwd=self.top,
            capture_output=True,
            text=True,
            env={
                **git_env(self.top.parent),
                "GIT_AUTHOR_DATE": when,
                "GIT_COMMITTER_DATE": when,
            },
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return self.git("rev-parse", "HEAD")


def copy_records(target: Path, records: Path = BUNDLED) -> Path:
    """A copy of ``records`` (default: the bundled example records), without the cache
    a run of eqdiv may have left in them."""
    return Path(shutil.copytree(records, target, ignore=shutil.ignore_patterns(".eqdiv-cache")))


def new_repo(where: Path, *, records: bool = True, commit: bool = True) -> GitRepo:
    """A git repository on ``main``, holding a copy of the bundled records (unless
    ``records`` is False) committed as its first commit (unless ``commit`` is False)."""
    top = where / "work"
    top.mkdir(parents=True)
    repo = GitRepo(top)
    repo.git("init", "-q", "-b", "main")
    if records:
        copy_records(repo.records)
        if commit:
            repo.commit("Records as approved in August 2007", "2007-08-01T10:00:00+01:00")
    return repo


PLAN = "plans/parent-partnership-2007.yaml"


def october_branch(where: Path) -> GitRepo:
    """main, where a consultation's profile already does not add up; then a branch
    with the October meeting's changes to the plan, an edit to a signed-off EIA, and a
    new consultation log that names an action that does not exist."""
    repo = new_repo(where)
    repo.edit("consultations/cons-2007-fathers-group.yaml", "      50-64: 1", "      50-64: 2")
    repo.commit("Fathers' group: ages as reported", "2007-08-20T10:00:00+01:00")
    repo.git("checkout", "-q", "-b", "october-meeting")
    repo.edit(
        PLAN,
        "    due: 2007-07\n    due_text: Jul-07\n    status: in_progress\n",
        "    due: 2008-01\n    due_text: Jul-07\n    status: in_progress\n    updates:\n"
        "      - date: 2007-10-12\n        by: DH\n        note: >-\n"
        "          The audit waits for the new monitoring form, agreed at the October\n"
        "          meeting.\n",
    )
    repo.edit(
        PLAN, "    due: 2007-09\n    due_text: Sep-07", "    due: 2007-12\n    due_text: Sep-07"
    )
    repo.edit(
        PLAN,
        "    due: 2007-10\n    due_text: Oct-07\n    status: not_started",
        "    due: 2007-10\n    due_text: Oct-07\n    status: complete\n    completed: 2007-10-10",
    )
    text = repo.read(PLAN)
    start, end = text.index("  - id: 4c"), text.index("  - id: 4d")
    (repo.records / PLAN).write_text(text[:start] + text[end:])
    repo.commit("October team meeting: plan updated", "2007-10-12T15:00:00+01:00")
    repo.edit(
        "eias/eia-2007-home-visits.yaml",
        "Visits save families the cost of travel to the office.",
        "Visits save families the cost of travel, but only on weekdays.",
    )
    repo.write(
        "consultations/cons-2007-young-carers.yaml",
        """\
        kind: consultation
        id: cons-2007-young-carers
        title: Young carers' group
        lead: PPO
        start: 2007-10-03
        methods: [focus_group]
        participants:
          total: 9
        links:
          actions: [parent-partnership-2007/4h]
        """,
    )
    repo.commit("Home visits EIA and the young carers' group", "2007-10-13T11:00:00+01:00", OFFICER)
    return repo


# Action 2b of the bundled plan as it stands in the records.
ACTION_2B = "    due: 2007-07\n    due_text: Jul-07\n    status: in_progress\n"


def life_of_2b(where: Path) -> GitRepo:
    """Action 2b from the draft plan to done, with a commit about another action and a
    move of the plan's file on the way."""
    repo = new_repo(where, commit=False)
    repo.edit(PLAN, ACTION_2B, ACTION_2B.replace("in_progress", "not_started"))
    repo.commit("Draft action plan from the collated actions", "2007-06-15T10:00:00+01:00")
    repo.edit(PLAN, ACTION_2B.replace("in_progress", "not_started"), ACTION_2B)
    repo.commit("Plan approved; the audit is under way", "2007-08-01T10:00:00+01:00")
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-10\n")
    repo.commit("1d moved to October", "2007-09-20T10:00:00+01:00")
    repo.edit(
        PLAN,
        ACTION_2B,
        ACTION_2B.replace("2007-07", "2008-01", 1)
        + "    updates:\n      - date: 2007-10-12\n        by: DH\n        note: >-\n"
        "          The audit waits for the new monitoring form, agreed at the October\n"
        "          meeting.\n",
    )
    repo.commit("October team meeting", "2007-10-12T15:00:00+01:00")
    repo.git("mv", f"records/{PLAN}", "records/plans/2007-parent-partnership.yaml")
    repo.commit("One name for plan files", "2007-10-20T09:00:00+01:00", OFFICER)
    moved = "plans/2007-parent-partnership.yaml"
    repo.edit(
        moved,
        "    text: Audit information for each group\n    owners: [DH]",
        "    text: Audit information for each group\n    owners: [DH, PPO]",
    )
    repo.commit("The officer shares the audit", "2007-11-05T11:00:00+00:00", OFFICER)
    repo.edit(
        moved,
        "    status: in_progress\n    updates:",
        "    status: complete\n    completed: 2008-01-25\n    updates:",
    )
    repo.edit(
        moved,
        "          meeting.\n",
        "          meeting.\n      - date: 2008-01-25\n        by: PPO\n"
        "        note: Audit done for every stakeholder group.\n",
    )
    repo.commit("2b done", "2008-01-28T16:30:00+00:00", OFFICER)
    return repo


def by_subject(repo: GitRepo, text: str) -> str:
    """Commit ids vary with the bundled records: name them by their subjects."""
    for line in repo.git("log", "--format=%h %s").splitlines():
        short, subject = line.split(" ", 1)
        text = text.replace(short, f"<{subject[:12]}>")
    return text


def by_role(repo: GitRepo, text: str) -> str:
    """Commit ids vary with the bundled records: name the base and head by role."""
    for name, rev in (("main", "main"), ("head", "HEAD")):
        text = text.replace(repo.git("rev-parse", "--short", rev), f"<{name}>")
    return text


def watch_version_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """From now on, each blob read from git (what it is) and each older version of a
    record file parsed (its path), in two lists: a run served by the record cache
    leaves both empty."""
    from eqdiv.store import git_versions
    from eqdiv.store.gitrepo import GitRepository

    read: list[str] = []
    parsed: list[str] = []
    real_read, real_load = GitRepository.read_blob, git_versions.load_file
    monkeypatch.setattr(
        GitRepository,
        "read_blob",
        lambda self, sha, what: read.append(what) or real_read(self, sha, what),
    )
    monkeypatch.setattr(
        git_versions,
        "load_file",
        lambda path, raw, s: parsed.append(path) or real_load(path, raw, s),
    )
    return read, parsed
