"""The cache never changes a result: the same output with and without it, and a
re-validation whenever a file, a schema or eqdiv itself changes, or the cache is
damaged."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import eqdiv.schema.schema_set
import eqdiv.store.database
from eqdiv.cli.entry import main
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.database import DATABASE, FOLDER
from eqdiv.store.output_memo import OutputMemo, snapshot
from eqdiv.store.record_cache import RecordCache, salt
from eqdiv.store.repository import load_repository
from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]

COMMANDS = [
    ("validate", "--as-of", "2007-10-15"),
    ("validate", "--format", "json", "--as-of", "2007-10-15"),
    ("status", "--as-of", "2007-10-15"),
    ("status", "--format", "json", "--as-of", "2007-10-15"),
    ("actions", "--as-of", "2007-10-15", "--all"),
    ("eia", "list", "--as-of", "2007-10-15"),
    ("eia", "score", "--format", "json"),
    ("consultation", "coverage", "--as-of", "2007-10-15", "--format", "json"),
]

BROKEN = {
    "plans/broken.yaml": "kind: action-plan\nid: b\ntitle: B\nowner: DH\nframework: eslg-2007\n"
    "ownr: x\nactions:\n  - id: 1a\n    element: 1\n    text: t\n    owners: [DH]\n"
    "    due: Sep-07\n    status: in progres\n",
    "eias/tab.yaml": "kind: eia\nid: t\n\ttitle: x\n",
    "eias/dangling.yaml": "kind: eia\nid: dangling\ntitle: D\nauthor: ZZ\nproposal: P\n",
}


@pytest.fixture
def records(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns(FOLDER))
    return root


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EQDIV_NO_CACHE", raising=False)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """``eqdiv ARGS...`` through the real entry point, memo included."""

    def invoke(*args: str, cwd: Path, env: dict[str, str] | None = None) -> CliResult:
        monkeypatch.chdir(cwd)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit:
            main(list(args))
        out, err = capsys.readouterr()
        code = exit.value.code
        return CliResult(code if isinstance(code, int) else 0, out, err)

    return invoke


def run(cli: Cli, root: Path, *args: str) -> tuple[int, str, str]:
    result = cli("--repo", str(root), *args, cwd=root.parent, env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def uncached(cli: Cli, root: Path, *args: str) -> tuple[int, str, str]:
    return run(cli, root, "--no-cache", *args)


def memo_rows(root: Path) -> int:
    db = sqlite3.connect(root / FOLDER / DATABASE)
    try:
        return int(db.execute("SELECT COUNT(*) FROM outputs").fetchone()[0])
    finally:
        db.close()


@pytest.mark.parametrize("broken", [False, True], ids=["bundled", "broken"])
def test_same_output_with_and_without_the_cache(
    cli: Cli, records: Path, cached: None, broken: bool
) -> None:
    if broken:
        for path, text in BROKEN.items():
            (records / path).write_text(text)
    for command in COMMANDS:
        expected = uncached(cli, records, *command)
        assert run(cli, records, *command) == expected, command  # cold: fills the caches
        remembered = memo_rows(records)
        assert run(cli, records, *command) == expected, command  # warm: from the memo
        assert memo_rows(records) == remembered  # answered, not run and stored again
        memo = sqlite3.connect(records / FOLDER / DATABASE)
        with memo:
            memo.execute("DELETE FROM outputs")  # warm records, no memo
        memo.close()
        assert run(cli, records, *command) == expected, command
    assert (records / FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"


def test_an_edited_file_is_checked_again(cli: Cli, records: Path, cached: None) -> None:
    assert run(cli, records, "validate")[0] == 0
    plan = records / "plans" / "parent-partnership-2007.yaml"
    plan.write_text(plan.read_text().replace("status: in_progress", "status: in progres"))
    code, out, _ = run(cli, records, "validate")
    assert code == 1
    assert "'in progres' is not an allowed value here." in out
    assert run(cli, records, "validate") == uncached(cli, records, "validate")


def test_a_new_file_is_read(cli: Cli, records: Path, cached: None) -> None:
    run(cli, records, "validate")
    (records / "eias" / "tab.yaml").write_text(BROKEN["eias/tab.yaml"])
    assert "yaml-tab" in run(cli, records, "validate")[1]


def test_cached_records_load_like_fresh_ones(records: Path) -> None:
    schemas = SchemaSet.load()
    (records / "plans" / "broken.yaml").write_text(BROKEN["plans/broken.yaml"])
    fresh = load_repository(records, schemas)
    for _ in range(2):  # the first fills the cache, the second reads it
        cache = RecordCache.open(records, salt(schemas.fingerprint))
        assert cache is not None
        again = load_repository(records, schemas, cache=cache)
        assert again.findings == fresh.findings
        assert [(r.path, r.kind, r.id, r.valid, r.data) for r in again.records] == [
            (r.path, r.kind, r.id, r.valid, r.data) for r in fresh.records
        ]
        assert again.models == fresh.models  # typed values, locations included
        record = next(r for r in again.records if r.path == "plans/broken.yaml")
        assert record.location("/actions/0/due") == fresh._by_path[record.path].location(
            "/actions/0/due"
        )


def test_a_changed_schema_or_version_empties_the_cache(
    records: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    schemas = SchemaSet.load()
    cache = RecordCache.open(records, salt(schemas.fingerprint))
    assert cache is not None
    load_repository(records, schemas, cache=cache)

    def entries(cache_salt: str) -> int:
        opened = RecordCache.open(records, cache_salt)
        assert opened is not None
        return len(opened._load_index())

    assert entries(salt(schemas.fingerprint)) == 40  # every record file but eqdiv.yaml
    # A schema whose content changes gets a new fingerprint, so a new salt.
    folder = tmp_path / "schemas"
    shutil.copytree(Path(eqdiv.schema.schema_set.schema_dir()), folder)
    before = SchemaSet.load(folder).fingerprint
    eia = folder / "eia.schema.json"
    eia.write_text(eia.read_text().replace("What is being assessed", "What is assessed"))
    assert SchemaSet.load(folder).fingerprint != before
    assert entries(salt(SchemaSet.load(folder).fingerprint)) == 0
    # A new eqdiv version changes the salt too.
    load_repository(records, schemas, cache=RecordCache.open(records, salt(schemas.fingerprint)))
    monkeypatch.setattr(eqdiv.store.database, "__version__", "99.0")
    assert entries(salt(schemas.fingerprint)) == 0


def test_a_damaged_database_is_rebuilt(cli: Cli, records: Path, cached: None) -> None:
    expected = uncached(cli, records, "validate", "--format", "json")
    run(cli, records, "validate")
    (records / FOLDER / DATABASE).write_bytes(b"this is not a database" * 100)
    for name in ("records.sqlite3-wal", "records.sqlite3-shm"):
        (records / FOLDER / name).unlink(missing_ok=True)
    assert run(cli, records, "validate", "--format", "json") == expected
    assert sqlite3.connect(records / FOLDER / DATABASE).execute(
        "PRAGMA quick_check"
    ).fetchone() == ("ok",)


def test_a_damaged_entry_is_a_miss(cli: Cli, records: Path, cached: None) -> None:
    expected = uncached(cli, records, "status", "--as-of", "2007-10-15")
    run(cli, records, "status", "--as-of", "2007-10-15")
    db = sqlite3.connect(records / FOLDER / DATABASE)
    with db:
        db.execute("UPDATE files SET entry = x'00ff00', maps = x'17'")
        db.execute("DELETE FROM outputs")
    db.close()
    assert run(cli, records, "status", "--as-of", "2007-10-15") == expected


def test_no_cache_where_it_cannot_be_kept(cli: Cli, records: Path, cached: None) -> None:
    (records / FOLDER).write_text("a file where the cache folder would go")
    assert run(cli, records, "validate") == uncached(cli, records, "validate")
    assert RecordCache.open(records, "salt") is None and OutputMemo.open(records) is None


def test_the_memo_misses_when_anything_it_depends_on_changes(
    cli: Cli, records: Path, cached: None
) -> None:
    first = run(cli, records, "status", "--as-of", "2007-10-15")
    assert memo_rows(records) == 1
    run(cli, records, "status", "--as-of", "2007-10-15")
    assert memo_rows(records) == 1
    assert run(cli, records, "status", "--as-of", "2007-10-16") != first  # another day
    # The same command from another folder shows paths relative to that folder.
    (records / "plans" / "broken.yaml").write_text(BROKEN["plans/broken.yaml"])
    here = run(cli, records, "validate")
    elsewhere = cli("--repo", str(records), "validate", cwd=records, env={"NO_COLOR": "1"})
    assert "records/plans/broken.yaml" in here[1]
    assert "\nplans/broken.yaml:" in elsewhere.stdout
    assert "records/plans/broken.yaml" not in elsewhere.stdout


def test_failures_to_run_are_not_remembered(cli: Cli, records: Path, cached: None) -> None:
    assert run(cli, records, "status", "--as-of", "15/10/2007")[0] == 2
    assert run(cli, records, "validate", "--format", "xml")[0] == 2
    assert run(cli, records, "validate")[0] == 0
    assert memo_rows(records) == 1


def test_snapshot_sees_every_change(records: Path) -> None:
    before = snapshot(records)
    assert snapshot(records) == before
    (records / "templates").mkdir()
    (records / "templates" / "quarterly.md.j2").write_text("x")
    assert snapshot(records) != before
    (records / ".eqdiv-cache-like").mkdir()  # hidden: not part of the records
    after = snapshot(records)
    (records / ".eqdiv-cache-like" / "x").write_text("x")
    assert snapshot(records) == after


def test_output_cut_short_by_a_closed_pipe_is_not_remembered(
    cli: Cli, records: Path, cached: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(records)
    monkeypatch.setenv("NO_COLOR", "1")
    # stdout as `eqdiv eia score | true` leaves it: a pipe whose reader has gone.
    reader, writer = os.pipe()
    os.close(reader)
    captured = sys.stdout
    with os.fdopen(writer, "w", buffering=1) as closed:
        monkeypatch.setattr(sys, "stdout", closed)
        with pytest.raises((SystemExit, BrokenPipeError)):
            main(["eia", "score"])
        monkeypatch.setattr(sys, "stdout", captured)
        with contextlib.suppress(BrokenPipeError):
            closed.close()
    assert memo_rows(records) == 0
    whole = run(cli, records, "eia", "score")
    assert whole == uncached(cli, records, "eia", "score")
    assert whole[1].count("\n") > 20, whole


def test_output_of_files_edited_during_the_run_is_not_remembered(
    cli: Cli, records: Path, cached: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An editor saves a record while `eqdiv validate` runs: the memo's key was taken of
    # the file as it was before, the output is of the file as saved. Remembered under
    # that key, it would be replayed once the file holds its old text again.
    import eqdiv.cli.entry

    plan = records / "plans" / "parent-partnership-2007.yaml"
    before = plan.read_text()
    real = eqdiv.cli.entry._run

    def saved_meanwhile(args: list[str]) -> None:
        plan.write_text(before.replace("status: in_progress", "status: in progres", 1))
        real(args)

    monkeypatch.setattr(eqdiv.cli.entry, "_run", saved_meanwhile)
    assert "'in progres' is not an allowed value here." in run(cli, records, "validate")[1]
    monkeypatch.setattr(eqdiv.cli.entry, "_run", real)
    plan.write_text(before)
    assert run(cli, records, "validate") == uncached(cli, records, "validate")
