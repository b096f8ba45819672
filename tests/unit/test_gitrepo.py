"""eqdiv.store.gitrepo on real repositories: revisions checked before git sees them, changes
and history read as plain values, and git's failures as plain messages."""

from __future__ import annotations

import gc
import os
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from eqdiv.store.gitrepo import (
    FULL_HISTORY_HINT,
    FileChange,
    GitError,
    GitRepository,
    commit,
    init_repository,
    open_repository,
    work_tree_of,
)
from tests.gitsupport import OFFICER, GitRepo, git_env


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "work")
    repo.top.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.write("eqdiv.yaml", "kind: config\n")
    repo.write("plans/a.yaml", "kind: action-plan\nid: a\n")
    repo.write("eias/x.yaml", "kind: eia\nid: x\n")
    repo.commit("First", "2007-08-01T10:00:00+01:00")
    return repo


def opened(repo: GitRepo) -> GitRepository:
    return open_repository(repo.records)


@pytest.mark.parametrize("revision", ["-x", "--output=/tmp/owned", "--upload-pack=touch", "", " "])
def test_a_revision_that_looks_like_an_option_is_refused(repo: GitRepo, revision: str) -> None:
    with opened(repo) as git, pytest.raises(GitError) as raised:
        git.commit(revision)
    assert raised.value.message == (
        f"'{revision}' is not a revision: a revision names a commit, such as main, HEAD~1 or "
        "a commit id, and never starts with '-'."
    )
    assert not Path("/tmp/owned").exists()


@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD~5", "main:plans/a.yaml", "0" * 40])
def test_a_revision_that_names_no_commit(repo: GitRepo, revision: str) -> None:
    with opened(repo) as git, pytest.raises(GitError) as raised:
        git.commit(revision)
    assert raised.value.message == f"'{revision}' does not name a commit in {repo.top.resolve()}."
    assert raised.value.hint == (
        "Give a branch, a tag or a commit id; `git log --oneline` lists commits and `git "
        "branch -a` the branches."
    )


def test_a_commit_is_plain_values(repo: GitRepo) -> None:
    with opened(repo) as git:
        commit = git.commit("main")
    assert commit.subject == "First"
    assert commit.author == "Parent Partnership Manager"
    assert commit.date == datetime.fromisoformat("2007-08-01T10:00:00+01:00")
    assert commit.short == commit.sha[:7] and len(commit.sha) == 40


def test_not_a_git_repository(tmp_path: Path) -> None:
    with pytest.raises(GitError) as raised:
        open_repository(tmp_path)
    assert raised.value.message == (
        f"{tmp_path} is not in a git repository, so there is no history to read."
    )


def test_an_unborn_branch(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "work")
    repo.top.mkdir()
    repo.git("init", "-q", "-b", "records")
    repo.write("eqdiv.yaml", "kind: config\n")
    with opened(repo) as git, pytest.raises(GitError) as raised:
        git.head()
    assert raised.value.message == (
        "The branch records has no commits yet, so it has no history to read."
    )


def test_changes_between_commits_and_to_the_working_tree(repo: GitRepo) -> None:
    repo.git("mv", "records/eias/x.yaml", "records/eias/y.yaml")
    repo.write("plans/a.yaml", "kind: action-plan\nid: a\ntitle: A\n")
    repo.commit("Second")
    repo.remove("eqdiv.yaml")
    repo.write("plans/b.yaml", "kind: action-plan\nid: b\n")
    (repo.top / "outside.yaml").write_text("kind: eia\n")
    with opened(repo) as git:
        first, second = git.commit("HEAD~1"), git.commit("HEAD")
        assert git.changes(first, second, "records") == [
            FileChange("renamed", "records/eias/y.yaml", "records/eias/x.yaml"),
            FileChange("modified", "records/plans/a.yaml", "records/plans/a.yaml"),
        ]
        assert git.changes(second, None, "records") == [
            FileChange("removed", None, "records/eqdiv.yaml"),
            FileChange("added", "records/plans/b.yaml", None),
        ]
        assert [c.path for c in git.changes(second, None, "")][-1] == "records/plans/b.yaml"
        assert FileChange("added", "outside.yaml", None) in git.changes(second, None, "")


def test_files_and_their_bytes_at_a_commit(repo: GitRepo) -> None:
    with opened(repo) as git:
        commit = git.head()
        assert git.files(commit, "records") == [
            "records/eias/x.yaml",
            "records/eqdiv.yaml",
            "records/plans/a.yaml",
        ]
        assert git.files(commit, "records/plans/a.yaml") == []
        assert git.files(commit, "nowhere") == []
        assert git.read(commit, "records/plans/a.yaml") == b"kind: action-plan\nid: a\n"
        assert git.size(commit, "records/plans/a.yaml") == 24
        assert git.read(commit, "records/plans/none.yaml") is None
        assert git.read(commit, "records/plans") is None


def test_the_log_of_a_file_follows_it_through_a_rename(repo: GitRepo) -> None:
    repo.write("eias/x.yaml", "kind: eia\nid: x\ntitle: X\n")
    repo.commit("Title", "2007-09-01T10:00:00+01:00", OFFICER)
    repo.git("mv", "records/eias/x.yaml", "records/eias/renamed.yaml")
    repo.commit("Rename", "2007-10-01T10:00:00+01:00")
    repo.write("plans/a.yaml", "kind: action-plan\nid: a\ntitle: Other file\n")
    repo.commit("Unrelated", "2007-11-01T10:00:00+01:00")
    with opened(repo) as git:
        log = git.log("records/eias/renamed.yaml")
        assert [(e.commit.subject, e.status, e.path, e.old_path) for e in log] == [
            ("First", "added", "records/eias/x.yaml", None),
            ("Title", "modified", "records/eias/x.yaml", "records/eias/x.yaml"),
            ("Rename", "renamed", "records/eias/renamed.yaml", "records/eias/x.yaml"),
        ]
        assert log[1].commit.author == "Equality Officer"
        first = log[0].commit
        assert git.parent(first) is None
        parent = git.parent(log[1].commit)
        assert parent is not None and parent.sha == first.sha


def test_the_default_branch(repo: GitRepo, tmp_path: Path) -> None:
    with opened(repo) as git:
        assert git.default_branch() == "main"
    clone = GitRepo(tmp_path / "clone")
    subprocess.run(
        ["git", "clone", "-q", str(repo.top), str(clone.top)],
        check=True,
        env=git_env(tmp_path),
    )
    clone.git("checkout", "-q", "-b", "feature")
    clone.git("branch", "-q", "-D", "main")
    with opened(clone) as git:
        assert git.default_branch() == "origin/main"
    repo.git("branch", "-q", "-m", "main", "trunk")
    with opened(repo) as git:
        assert git.default_branch() is None


def test_a_shallow_clone_says_to_fetch_the_full_history(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("plans/a.yaml", "kind: action-plan\nid: a\ntitle: A\n")
    repo.commit("Second")
    clone = GitRepo(tmp_path / "shallow")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.top.as_uri(), str(clone.top)],
        check=True,
        env=git_env(tmp_path),
    )
    with opened(clone) as git:
        assert git.is_shallow()
        with pytest.raises(GitError) as raised:
            git.commit("HEAD~1")
        assert raised.value.message == (
            "'HEAD~1' is not in this clone: it is a shallow clone, which holds only the "
            "latest commits."
        )
        assert raised.value.hint == FULL_HISTORY_HINT
        assert git.parent(git.head()) is None
    with opened(repo) as git:
        assert not git.is_shallow()


def test_a_files_blob_is_the_same_asked_alone_or_with_its_folder(repo: GitRepo) -> None:
    """The first few files of a folder are asked of `git cat-file` one by one, the rest
    from one listing of the folder: both give the same blob, size and absence."""
    repo.write("eias/folder.yaml/inside.yaml", "kind: eia\nid: y\n")
    for n in range(8):
        repo.write(f"eias/e{n}.yaml", f"kind: eia\nid: e{n}\n")
    repo.commit("More", "2007-08-02T10:00:00+01:00")
    asked = [
        "records/eias/x.yaml",
        "records/eias/missing.yaml",
        "records/eias/folder.yaml",
        "records/nowhere/x.yaml",
    ]
    asked += [f"records/eias/e{n}.yaml" for n in range(8)]
    with opened(repo) as alone, opened(repo) as listed:
        head = alone.head()
        listed._asked[(head.sha, "records/eias")] = 99
        listed._asked[(head.sha, "records/nowhere")] = 99
        assert [alone.blob(head, p) for p in asked] == [listed.blob(head, p) for p in asked]
        x = alone.blob(head, "records/eias/x.yaml")
        assert x is not None and x[1] == len("kind: eia\nid: x\n")
        assert alone.read_blob(x[0], "x") == b"kind: eia\nid: x\n"
        assert [alone.blob(head, p) for p in asked[1:4]] == [None, None, None]


def test_a_commit_leaves_no_git_process_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitPython keeps `git cat-file` running after a commit until its repository is
    closed: left open, the processes outlived ``eqdiv init``'s commit, and in a
    long-lived process (``eqdiv serve``, the tests) were found still running later."""
    for name, value in git_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "eqdiv.yaml").write_text("kind: config\n", encoding="utf-8")
    init_repository(folder)
    gc.disable()  # as the command line runs: nothing is collected behind our back
    try:
        commit(folder, ["eqdiv.yaml"], "First records")
        assert work_tree_of(folder / "eqdiv.yaml") == folder.resolve()
        assert _children() == []
    finally:
        gc.enable()


def _children() -> list[str]:
    """The command lines of this process's child processes (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:  # it ended while we looked
            continue
        if int(fields[1]) == os.getpid():
            found.append(command.replace(b"\0", b" ").decode(errors="replace").strip())
    return found
