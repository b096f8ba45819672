"""`eqdiv history`: repositories whose commits replay a realistic life of bundled
records (the bundled records themselves were committed once, so their own history in
this project is a single commit), and what history says about each change, in order."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv.model.errors import UsageError
from eqdiv.review.history import history, history_to_dict
from tests.conftest import TEXT_80, CliResult
from tests.gitsupport import (
    ACTION_2B,
    OFFICER,
    PLAN,
    GitRepo,
    git_env,
    life_of_2b,
    new_repo,
    watch_version_reads,
)

Cli = Callable[..., CliResult]
DROP_IN = "eias/eia-2007-drop-in-sessions.yaml"


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return life_of_2b(tmp_path_factory.mktemp("life"))


def test_history_of_a_bundled_action_shows_each_change_in_order(lived: GitRepo) -> None:
    found = history(lived.records, "parent-partnership-2007/2b")
    assert found.kind == "action" and found.title == "Audit information for each group"
    assert found.path == "plans/2007-parent-partnership.yaml"
    assert not found.shallow and not found.uncommitted
    assert [(e.commit.subject, [c.code for c in e.changes]) for e in found.entries] == [
        ("Draft action plan from the collated actions", ["action-added"]),
        ("Plan approved; the audit is under way", ["action-status"]),
        ("October team meeting", ["deadline-slipped-explained", "update-added"]),
        ("The officer shares the audit", ["owners-changed"]),
        ("2b done", ["action-status", "update-added"]),
    ]
    assert [e.path for e in found.entries] == [PLAN] * 3 + [
        "plans/2007-parent-partnership.yaml"
    ] * 2
    assert found.entries[3].commit.author == "Equality Officer"
    assert [c.message for c in found.entries[4].changes] == [
        "Action 2b: status in progress → complete (2008-01-25).",
        "Action 2b: update of 2008-01-25 by PPO: “Audit done for every stakeholder group.”",
    ]


def test_history_json_is_what_the_api_gives(cli: Cli, lived: GitRepo) -> None:
    result = cli("history", "parent-partnership-2007/2b", "-f", "json", cwd=lived.top)
    data = json.loads(result.stdout)
    assert data == history_to_dict(history(lived.records, "parent-partnership-2007/2b"))
    assert data["command"] == "history" and data["kind"] == "action"
    entry = data["entries"][2]
    assert entry["commit"]["subject"] == "October team meeting"
    assert entry["commit"]["date"] == "2007-10-12T15:00:00+01:00"
    assert entry["commit"]["author"] == "Parent Partnership Manager"
    assert entry["grade"] is None
    assert entry["changes"][0]["code"] == "deadline-slipped-explained"
    assert (entry["changes"][0]["before"], entry["changes"][0]["after"]) == (
        "2007-07-31",
        "2008-01-31",
    )


def test_the_history_of_a_plan_includes_every_action(lived: GitRepo) -> None:
    found = history(lived.records, "parent-partnership-2007")
    assert [e.commit.subject for e in found.entries] == [
        "Draft action plan from the collated actions",
        "Plan approved; the audit is under way",
        "1d moved to October",
        "October team meeting",
        "One name for plan files",
        "The officer shares the audit",
        "2b done",
    ]
    assert [c.code for c in found.entries[0].changes] == ["record-added"]
    assert [c.message for c in found.entries[2].changes] == [
        "Action 1d: due date moved from 2007-09-30 to 2007-10-31, 31 days later, and no "
        "update explains why."
    ]
    assert [c.code for c in found.entries[4].changes] == ["record-moved"]


def test_an_eias_grade_at_each_commit(tmp_path: Path) -> None:
    """The grade is scored against the repository as it was: a mitigation counts only
    once the action it names exists."""
    repo = new_repo(tmp_path)
    repo.edit(
        DROP_IN,
        "  - strand: low_income\n",
        "  - strand: isolation\n    action: parent-partnership-2007/4g\n  - strand: low_income\n",
    )
    with (repo.records / DROP_IN).open("a") as f:
        f.write("reviews:\n  - by: PPO\n    date: 2007-10-20\n    note: Village sessions added.\n")
    repo.commit("Drop-ins: a village session for isolated parents", "2007-10-20T10:00:00+01:00")
    repo.edit(
        PLAN,
        "  # Element 5",
        "  - id: 4g\n    element: 4\n    text: A monthly drop-in session in a village hall\n"
        "    owners: [PPO]\n    due: 2007-12\n    status: not_started\n\n  # Element 5",
    )
    repo.commit("Action 4g", "2007-10-22T10:00:00+01:00")
    repo.edit(DROP_IN, "  review_owner: PPO", "  review_owner: DH")
    with (repo.records / DROP_IN).open("a") as f:
        f.write("  - by: DH\n    date: 2007-10-25\n    note: The manager reviews it.\n")
    repo.commit("Drop-ins: the manager reviews", "2007-10-25T10:00:00+01:00")
    found = history(repo.records, "eia-2007-drop-in-sessions")
    grades = [(e.commit.subject, e.score.grade.name if e.score else None) for e in found.entries]
    assert grades == [
        ("Records as approved in August 2007", "Inadequate"),
        ("Drop-ins: a village session for isolated parents", "Inadequate"),
        ("Drop-ins: the manager reviews", "Good"),
    ]
    second = found.entries[1]
    assert [c.code for c in second.changes] == ["eia-reviewed", "record-edited"]
    third = found.entries[2]
    assert [(c.code, c.message) for c in third.changes][-1] == (
        "eia-grade",
        "Grade rose from Inadequate (68%) to Good (77%). Points: C8 Mitigation 0 → 2.",
    )


def test_an_unknown_id_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    result = cli("history", "eia-2007-home-visit", cwd=repo.top)
    assert result.exit_code == 2
    assert "No record is called 'eia-2007-home-visit'" in result.stderr
    assert "Did you mean 'eia-2007-home-visits'?" in result.stderr
    result = cli("history", "2b", cwd=repo.top)
    assert result.exit_code == 2
    assert "An action is named with its plan: parent-partnership-2007/2b." in result.stderr
    result = cli("history", "no-plan/2b", cwd=repo.top)
    assert result.exit_code == 2
    assert "There is no action plan 'no-plan'" in result.stderr


def test_a_record_is_also_named_by_its_file(cli: Cli, lived: GitRepo) -> None:
    by_id = history(lived.records, "parent-partnership-2007")
    folder, _, name = by_id.path.rpartition("/")
    assert history(lived.records, by_id.path) == by_id
    assert history(lived.records, f"{folder}\\{name}") == by_id
    # From the file's own folder, as someone with it open in an editor would.
    result = cli("history", name, "--format", "json", cwd=lived.records / folder)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(history_to_dict(by_id)))


@pytest.mark.parametrize("named", ["eias/no-such-eia.yaml", "../README.md", "./x.yml"])
def test_a_file_that_holds_no_record_is_a_usage_error(cli: Cli, tmp_path: Path, named: str) -> None:
    repo = new_repo(tmp_path)
    result = cli("history", named, cwd=repo.top, env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert f"eqdiv: There is no record file '{named}' in " in result.stderr
    assert "Give the file's path from the records folder (such as " in result.stderr


@pytest.mark.parametrize("committed", [False, True])
def test_a_removed_record_is_also_named_by_its_file(tmp_path: Path, committed: bool) -> None:
    """As by its id: a file removed from the working tree, or by a commit since."""
    repo = new_repo(tmp_path)
    repo.remove(DROP_IN)
    if committed:
        repo.commit("The drop-in sessions' EIA withdrawn", "2007-09-01T10:00:00+01:00")
    by_id = history(repo.records, "eia-2007-drop-in-sessions")
    assert (by_id.subject, by_id.path) == ("eia-2007-drop-in-sessions", DROP_IN)
    assert history(repo.records, DROP_IN) == by_id
    assert history(repo.records, DROP_IN.replace("/", "\\")) == by_id


def test_a_file_that_does_not_read_says_so(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    repo.write("plans/broken.yaml", "kind: action-plan\nid: broken\ntitle: [oops\n")
    result = cli("history", "plans/broken.yaml", cwd=repo.records, env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert result.stderr == (
        "eqdiv: 'plans/broken.yaml' holds no record eqdiv can read, so its history cannot "
        "be followed.\n  hint: Run eqdiv validate to see what is wrong with plans/broken.yaml.\n"
    )


def test_a_name_too_long_for_a_file_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    named = "x" * 300 + ".yaml"  # stat() fails: "File name too long"
    result = cli("history", named, cwd=repo.records)
    assert result.exit_code == 2
    assert result.stderr.startswith("eqdiv: There is no record file 'xxx")


@pytest.mark.parametrize(
    ("action", "nearest"),
    [("9z", ""), ("2bb", "Did you mean '2b'? "), ("4C", "Did you mean '4c'? ")],
)
def test_an_action_that_never_existed_is_a_usage_error(
    cli: Cli, tmp_path: Path, action: str, nearest: str
) -> None:
    repo = new_repo(tmp_path)
    result = cli("history", f"parent-partnership-2007/{action}", cwd=repo.top,
                 env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"eqdiv: Plan parent-partnership-2007 has no action '{action}', now or in its history.\n"
        f"  hint: {nearest}Its actions: 1a, 1b, 1c, 1d, 2a, 2b, 2c, 2d, 3a, 3b, 3c, 4a, 4b, "
        "4c, 4d, 4e, 4f, 5a, 5b.\n"
    )


def drop_action(repo: GitRepo, action: str, following: str) -> None:
    text = repo.read(PLAN)
    start, end = text.index(f"  - id: {action}\n"), text.index(f"  - id: {following}\n")
    (repo.records / PLAN).write_text(text[:start] + text[end:])


def test_the_history_of_a_removed_record_ends_with_its_removal(cli: Cli, tmp_path: Path) -> None:
    """When a record has gone is when a reviewer most wants its history."""
    repo = new_repo(tmp_path)
    repo.edit(DROP_IN, "  review_owner: PPO", "  review_owner: DH")
    repo.commit("Drop-ins: the manager reviews", "2007-10-25T10:00:00+01:00")
    repo.git("rm", "-q", f"records/{DROP_IN}")
    repo.commit("Drop-in sessions withdrawn", "2007-11-02T10:00:00+00:00", OFFICER)
    found = history(repo.records, "eia-2007-drop-in-sessions")
    assert (found.kind, found.path, found.removed, found.uncommitted) == (
        "eia", DROP_IN, True, False,
    )  # fmt: skip
    assert found.title == "Moving drop-in sessions to the civic centre"
    assert [(e.commit.subject, [c.code for c in e.changes]) for e in found.entries] == [
        ("Records as approved in August 2007", ["record-added"]),
        ("Drop-ins: the manager reviews", ["signed-off-edit"]),
        ("Drop-in sessions withdrawn", ["record-removed"]),
    ]
    result = cli("history", "eia-2007-drop-in-sessions", cwd=repo.top, env=TEXT_80)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == [
        "It is no longer in the records: records/eias/eia-2007-drop-in-sessions.yaml is",
        "where it was last.",
    ]
    data = json.loads(cli("history", "eia-2007-drop-in-sessions", "-f", "json",
                          cwd=repo.top).stdout)  # fmt: skip
    assert data["removed"] is True and data["path"] == DROP_IN


def test_the_history_of_a_removed_action(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    drop_action(repo, "4c", "4d")
    repo.commit("4c folded into 4d", "2007-10-12T15:00:00+01:00")
    found = history(repo.records, "parent-partnership-2007/4c")
    assert (
        found.removed and found.title == "Ensure staff aware of changes to HR policies (Intranet)"
    )
    assert [(e.commit.subject, [c.code for c in e.changes]) for e in found.entries] == [
        ("Records as approved in August 2007", ["action-added"]),
        ("4c folded into 4d", ["action-removed"]),
    ]
    assert not history(repo.records, "parent-partnership-2007/4d").removed


def test_an_action_of_a_plan_moved_then_removed(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    repo.git("mv", f"records/{PLAN}", "records/plans/2007-parent-partnership.yaml")
    repo.commit("One name for plan files", "2007-10-20T09:00:00+01:00")
    repo.git("rm", "-q", "records/plans/2007-parent-partnership.yaml")
    repo.commit("The plan is replaced", "2008-08-01T09:00:00+01:00")
    found = history(repo.records, "parent-partnership-2007/2b")
    assert (found.path, found.removed) == ("plans/2007-parent-partnership.yaml", True)
    assert [(e.commit.subject, [c.code for c in e.changes]) for e in found.entries] == [
        ("Records as approved in August 2007", ["action-added"]),
        ("The plan is replaced", ["action-removed"]),
    ]
    plan = history(repo.records, "parent-partnership-2007")
    assert [c.code for e in plan.entries for c in e.changes] == [
        "record-added", "record-moved", "record-removed",
    ]  # fmt: skip
    with pytest.raises(UsageError, match="has no action '9z', now or in its history"):
        history(repo.records, "parent-partnership-2007/9z")


def test_a_record_removed_but_not_committed(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    repo.remove(DROP_IN)
    found = history(repo.records, "eia-2007-drop-in-sessions")
    assert (found.removed, found.uncommitted, len(found.entries)) == (True, True, 1)
    result = cli("history", "eia-2007-drop-in-sessions", cwd=repo.top, env=TEXT_80)
    assert result.stdout.splitlines()[-2:] == [
        "The working tree removes it (from records/eias/eia-2007-drop-in-sessions.yaml):",
        "that is not committed yet.",
    ]


def test_a_record_not_committed_yet(cli: Cli, tmp_path: Path, no_color: None) -> None:
    repo = new_repo(tmp_path)
    repo.write("consultations/new.yaml", "kind: consultation\nid: cons-new\ntitle: New\n"
               "start: 2007-10-01\nmethods: [survey]\nparticipants:\n  total: 3\n")  # fmt: skip
    repo.edit(
        PLAN, ACTION_2B, ACTION_2B.replace("in_progress", "complete\n    completed: 2007-10-01")
    )
    result = cli("history", "cons-new", cwd=repo.top)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == [
        "No commit records a change to it yet: commit it, and its history starts.",
        "The working tree changes it, and that change is not committed yet.",
    ]
    found = history(repo.records, "parent-partnership-2007/2b")
    assert found.uncommitted and len(found.entries) == 1


def test_history_needs_git_and_a_commit(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path, commit=False)
    result = cli("history", "parent-partnership-2007/2b", cwd=repo.top)
    assert result.exit_code == 3
    assert "The branch main has no commits yet" in result.stderr
    shutil.rmtree(repo.top / ".git")
    result = cli("history", "parent-partnership-2007/2b", cwd=repo.top)
    assert result.exit_code == 3
    assert "is not in a git repository" in result.stderr


def test_a_shallow_clone_says_its_history_is_cut(
    cli: Cli, lived: GitRepo, tmp_path: Path, no_color: None
) -> None:
    clone = GitRepo(tmp_path / "shallow")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", lived.top.as_uri(), str(clone.top)],
        check=True,
        env=git_env(tmp_path),
    )
    found = history(clone.records, "parent-partnership-2007/2b")
    assert found.shallow
    assert [e.commit.subject for e in found.entries] == ["2b done"]
    result = cli("history", "parent-partnership-2007/2b", cwd=clone.top, env=TEXT_80)
    assert result.stdout.splitlines()[-2:] == [
        "This is a shallow clone, so the history stops where the clone does: fetch the",
        "full history (git fetch --unshallow) to see all of it.",
    ]


def test_a_second_history_reads_each_old_version_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old versions are kept by git blob id: the second run neither reads a blob from
    git nor parses a file, and says exactly what a run without the cache says."""
    from eqdiv.schema.schema_set import SchemaSet
    from eqdiv.store.record_cache import RecordCache, salt

    repo = new_repo(tmp_path)
    for day in (20, 22, 25):
        repo.edit(DROP_IN, "\ntitle: ", f"\ntitle: Revised {day} ")
        repo.commit(f"Drop-ins, {day} October", f"2007-10-{day}T10:00:00+01:00")
    schemas = SchemaSet.load()
    fresh = history_to_dict(history(repo.records, "eia-2007-drop-in-sessions", schemas))

    def cached() -> dict[str, object]:
        cache = RecordCache.open(repo.records, salt(schemas.fingerprint))
        assert cache is not None
        try:
            found = history(repo.records, "eia-2007-drop-in-sessions", schemas, cache)
        finally:
            cache.close()
        return history_to_dict(found)

    assert cached() == fresh
    read, parsed = watch_version_reads(monkeypatch)
    assert cached() == fresh
    assert (read, parsed) == ([], [])
