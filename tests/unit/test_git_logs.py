"""``GitRepository.logs``: the history of many files from one ``git log`` of their
folder is, file by file, what ``log`` (``git log --follow``) gives for each, on random
histories of edits, renames, removals and files added again under an old name."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.store.gitrepo import open_repository
from tests.gitsupport import git_env

NAMES = ["a.yaml", "b.yaml", "c.yaml", "plans/d.yaml"]

# One step: (what, name, other): write a new version of ``name``; move it to ``other``;
# or remove it. A step that cannot be done (moving a missing file...) writes instead.
step = st.tuples(st.sampled_from(["write", "move", "remove"]), st.sampled_from(NAMES),
                 st.sampled_from(NAMES))  # fmt: skip


def _text(identity: int, version: int) -> str:
    """A file's text: lines of its own (so git pairs a moved file with itself, not with
    another file) and one line that changes with each version."""
    return "".join(f"line {n} of file {identity}\n" for n in range(12)) + f"version {version}\n"


def _git(top: Path, *args: str) -> None:
    who = ["-c", "user.name=Officer", "-c", "user.email=officer@example.invalid"]
    subprocess.run(["git", *who, *args], cwd=top, env=git_env(top), check=True,
                   capture_output=True)  # fmt: skip


def _replay(top: Path, steps: list[tuple[str, str, str]]) -> None:
    _git(top, "init", "-q", "-b", "main")
    held: dict[str, int] = {}  # name: the identity of the file there
    made = 0
    for n, (what, name, other) in enumerate(steps):
        if what == "move" and name in held and other not in held:
            (top / other).parent.mkdir(exist_ok=True)
            _git(top, "mv", name, other)
            held[other] = held.pop(name)
        elif what == "remove" and name in held and len(held) > 1:
            _git(top, "rm", "-q", name)
            del held[name]
        else:
            if name not in held:
                held[name] = made = made + 1
            (top / name).parent.mkdir(exist_ok=True)
            (top / name).write_text(_text(held[name], n), encoding="utf-8")
            _git(top, "add", name)
        _git(top, "commit", "-q", "--allow-empty", "-m", f"step {n}")


@settings(max_examples=60, deadline=None)
@given(st.lists(step, min_size=1, max_size=8))
def test_one_log_of_the_folder_is_each_files_own_log(steps: list[tuple[str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        _replay(top, steps)
        with open_repository(top) as git:
            every = [p.relative_to(top).as_posix() for p in top.rglob("*.yaml")]
            assert git.logs(every, "") == {path: git.log(path) for path in every}
            # And of a folder that is not the top, which files move into and out of.
            inside = [path for path in every if path.startswith("plans/")]
            assert git.logs(inside, "plans") == {path: git.log(path) for path in inside}


def test_a_file_renamed_away_leaves_its_old_name_removed(tmp_path: Path) -> None:
    """The case ``--follow`` shows: X moved to Y, then a new X. X's log shows the move as
    its removal, then goes on to the older X; Y's follows the move."""
    _replay(tmp_path, [("write", "a.yaml", ""), ("move", "a.yaml", "b.yaml"),
                       ("write", "a.yaml", "")])  # fmt: skip
    with open_repository(tmp_path) as git:
        found = git.logs(["a.yaml", "b.yaml"], "")
    assert [(e.status, e.path, e.old_path) for e in found["a.yaml"]] == [
        ("added", "a.yaml", None),
        ("removed", "a.yaml", "a.yaml"),
        ("added", "a.yaml", None),
    ]
    assert [(e.status, e.path, e.old_path) for e in found["b.yaml"]] == [
        ("added", "a.yaml", None),
        ("renamed", "b.yaml", "a.yaml"),
    ]


def test_a_file_moved_into_the_folder_is_followed_outside_it(tmp_path: Path) -> None:
    """As ``--follow`` does: the folder's own log sees the file added where it came in."""
    _replay(tmp_path, [("write", "a.yaml", ""), ("write", "a.yaml", ""),
                       ("move", "a.yaml", "plans/d.yaml"), ("write", "b.yaml", "")])  # fmt: skip
    with open_repository(tmp_path) as git:
        found = git.logs(["plans/d.yaml"], "plans")
        assert found == {"plans/d.yaml": git.log("plans/d.yaml")}
    assert [(e.commit.subject, e.status, e.path, e.old_path) for e in found["plans/d.yaml"]] == [
        ("step 0", "added", "a.yaml", None),
        ("step 1", "modified", "a.yaml", "a.yaml"),
        ("step 2", "renamed", "plans/d.yaml", "a.yaml"),
    ]


def test_a_side_branch_a_merge_set_aside_is_still_walked(tmp_path: Path) -> None:
    """A branch that changed a file, then changed it back, merged: the folder is as on
    the main line, so git's simplified log of the folder skips the branch; ``--follow``
    (and a report's due dates) see the change that was made and undone."""
    _replay(tmp_path, [("write", "a.yaml", "")])
    _git(tmp_path, "switch", "-q", "-c", "side")
    first = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    for n, text in enumerate([_text(1, 9), first]):
        (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
        _git(tmp_path, "commit", "-q", "-am", f"side {n}")
    _git(tmp_path, "switch", "-q", "main")
    (tmp_path / "b.yaml").write_text(_text(2, 0), encoding="utf-8")
    _git(tmp_path, "add", "b.yaml")
    _git(tmp_path, "commit", "-q", "-m", "main")
    _git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge", "side")
    with open_repository(tmp_path) as git:
        found = git.logs(["a.yaml", "b.yaml"], "")
        assert found == {"a.yaml": git.log("a.yaml"), "b.yaml": git.log("b.yaml")}
    assert sorted(e.commit.subject for e in found["a.yaml"]) == ["side 0", "side 1", "step 0"]
