"""The incremental path gives exactly what a fresh run gives.

A run after an edit reads most records from the cache and re-reads only what changed;
the memo answers a repeat run outright. Neither may change an answer: after random
edits, additions, deletions and renames of record files, every command's output and
exit code with the cache (warmed before the changes) equals a run without it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqdiv.checks import incremental
from eqdiv.cli.entry import main
from eqdiv.store import output_memo, repository, workers
from eqdiv.store.database import FOLDER
from eqdiv.store.loaded import load_file
from eqdiv.store.regular_files import read_regular
from tests.conftest import BUNDLED
from tests.gitsupport import GitRepo, new_repo

AS_OF = ("--as-of", "2007-10-15")
COMMANDS = [
    ("validate", *AS_OF),
    # Another day: each file's own findings are kept by the date they were found on.
    ("validate", "--format", "json", "--as-of", "2008-06-30"),
    ("status", *AS_OF),
    ("status", "--format", "json", *AS_OF),
    ("actions", "--all", *AS_OF),
    ("eia", "list", *AS_OF),
    ("eia", "score", "--format", "json"),
    ("consultation", "list"),
    ("consultation", "coverage", "--format", "json", *AS_OF),
    ("report", "quarterly", "--format", "md", *AS_OF),
    ("review", "main", "--format", "json", *AS_OF),
    ("history", "eia-2007-home-visits", "--format", "json"),
]
FILES = sorted(p.relative_to(BUNDLED).as_posix() for p in BUNDLED.rglob("*.yaml"))
RECORDS = [f for f in FILES if "/" in f]  # eqdiv.yaml and people.yaml stay put

# What an edit does to a file's text: each a plain replacement of the first match.
EDITS = [
    ("\ntitle: ", "\ntitle: Revised "),  # a field's value
    ("status: in_progress", "status: complete\n    completed: 2007-09-30"),  # an action
    ("status: not_started", "status: in progres"),  # a schema error
    ("\nid: ", "\nid: x-"),  # the id, so links to it break
    ("\n", "\n\tbroken: [\n"),  # unreadable YAML
    ("owner: ", "owner: ZZ"),  # someone not in the people directory
]

# What an edit does to the settings every record is judged with (eqdiv.yaml and the
# people directory): a person, a partner or a local group gone, a strand set changed.
SETTINGS = [
    ("people.yaml", "  - id: DH\n", "  - id: DH2\n"),
    ("people.yaml", "\npeople:\n", "\npeople:\n  - {id: DH, role: Twice}\n"),
    ("eqdiv.yaml", "    - id: pct\n", "    - id: pct-gone\n"),
    ("eqdiv.yaml", "  local_groups:\n", "  local_groups_gone:\n"),
    ("eqdiv.yaml", "set: six-strands", "set: equality-act-2010"),
]
# Kinds few repositories have, whose checks then read the many records together.
RARE = ("contracts", "self-assessments", "demographics")

Change = tuple[str, int, int]
changes = st.lists(
    st.tuples(
        st.sampled_from(["edit", "delete", "rename", "add", "settings", "rare"]),
        st.integers(min_value=0, max_value=len(RECORDS) - 1),
        st.integers(min_value=0, max_value=len(EDITS) - 1),
    ),
    min_size=1,
    max_size=4,
)


@contextlib.contextmanager
def environment(**values: str | None) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run(top: Path, command: tuple[str, ...], *, cache: bool) -> tuple[int, str, str]:
    """``eqdiv --repo records COMMAND`` from ``top``, through the real entry point."""
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(top)
    try:
        with (
            environment(EQDIV_NO_CACHE=None if cache else "1", NO_COLOR="1"),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                main(["--repo", "records", *command])
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 0
    finally:
        os.chdir(before)
    return code, out.getvalue(), err.getvalue()


def apply(repo: GitRepo, steps: list[Change]) -> None:
    records = repo.records
    for number, (action, index, edit) in enumerate(steps):
        if action == "settings":
            name, old, new = SETTINGS[(index + edit) % len(SETTINGS)]
            path = records / name
            path.write_text(path.read_text().replace(old, new, 1))
            continue
        if action == "rare":  # the repository without them: the checks go file by file
            shutil.rmtree(records / RARE[index % len(RARE)], ignore_errors=True)
            continue
        path = records / RECORDS[index]
        if not path.exists():
            continue
        if action == "edit":
            old, new = EDITS[edit]
            path.write_text(path.read_text().replace(old, new, 1))
        elif action == "delete":
            path.unlink()
        elif action == "rename":
            path.rename(path.with_name(f"renamed-{number}-{path.name}"))
        else:  # a copy under a new name: a duplicate id unless the edit changes it
            old, new = EDITS[edit]
            copy = path.with_name(f"copy-{number}-{path.name}")
            copy.write_text(path.read_text().replace(old, new, 1))


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(first=changes, second=changes)
def test_cached_runs_after_random_changes_equal_fresh_runs(
    first: list[Change], second: list[Change]
) -> None:
    with tempfile.TemporaryDirectory() as where:
        repo = new_repo(Path(where))
        for command in COMMANDS:  # fill the record cache and the memo
            run(repo.top, command, cache=True)
        for steps in (first, second):  # two rounds: the cache then holds edited files too
            apply(repo, steps)
            for command in COMMANDS:
                fresh = run(repo.top, command, cache=False)
                assert run(repo.top, command, cache=True) == fresh, command
                assert run(repo.top, command, cache=True) == fresh, command  # memo
        assert (repo.records / FOLDER).is_dir()


def test_a_repository_copied_with_its_cache_answers_as_a_fresh_run(tmp_path: Path) -> None:
    """The cache is keyed by content, not by where the repository is: a copy, edited,
    gives what a run without the cache gives."""
    repo = new_repo(tmp_path)
    for command in COMMANDS[:3]:
        run(repo.top, command, cache=True)
    moved = tmp_path / "moved"
    shutil.copytree(repo.top, moved)
    (moved / "records" / RECORDS[0]).write_text("kind: eia\nid: x\n\ttitle: broken\n")
    for command in COMMANDS[:3]:
        assert run(moved, command, cache=True) == run(moved, command, cache=False)


def test_after_one_edit_each_file_is_read_once_and_the_unchanged_are_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memo's key hashes every file; when it cannot answer, the record reader
    takes those digests (``eqdiv.store.known_digests``) rather than reading every file
    again, and parses only the edited one."""
    repo = new_repo(tmp_path)
    run(repo.top, ("validate", *AS_OF), cache=True)
    edited = repo.records / RECORDS[0]
    edited.write_text(edited.read_text() + "# edited\n")
    report = json.loads(run(repo.top, ("validate", "--format", "json", *AS_OF), cache=False)[1])
    excerpted = {finding["path"] for finding in report["findings"]}  # read for excerpts
    reads: list[str] = []
    parsed: list[str] = []

    def counted_read(path: Path, limit: int, inside: Path | None = None) -> object:
        reads.append(Path(path).relative_to(repo.records).as_posix())
        return read_regular(path, limit, inside)

    def counted_load(path: str, raw: bytes, schemas: object) -> object:
        parsed.append(path)
        return load_file(path, raw, schemas)  # type: ignore[arg-type]

    monkeypatch.setattr(output_memo, "read_regular", counted_read)
    monkeypatch.setattr(repository, "read_regular", counted_read)
    monkeypatch.setattr(repository, "load_file", counted_load)  # the configuration
    monkeypatch.setattr(workers, "load_file", counted_load)  # every other file
    monkeypatch.setattr(incremental, "load_file", counted_load)  # validate from facts
    cached = run(repo.top, ("validate", *AS_OF), cache=True)
    files, parsed_cached = [p for p in reads if not p.startswith(".")], list(parsed)
    assert cached == run(repo.top, ("validate", *AS_OF), cache=False)
    assert sorted(set(files)) == sorted(FILES)
    twice = {p for p in files if files.count(p) > 1}
    # Read again: the edited file (the store does not know its new content), and files
    # whose findings show a line of them; nothing else is parsed.
    assert {RECORDS[0]} <= twice <= {RECORDS[0], *excerpted}
    assert len(twice) < len(FILES) // 4
    assert parsed_cached == [RECORDS[0]]
