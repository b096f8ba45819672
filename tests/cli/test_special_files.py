"""Files that are not regular files, and a cache another process holds locked, through
the real program (issue 20): each is a finding or a run without the cache, never a
hang, a read of a device, or a damaged cache. The program runs as a subprocess with a
timeout, so a hang fails the test instead of stopping the suite."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eqdiv.store.database import DATABASE, FOLDER
from tests.conftest import BUNDLED, environ_without_color

HANG = 60  # seconds: far beyond a normal run, so only a hang reaches it


def eqdiv(root: Path, *args: str, cache: bool = True) -> subprocess.CompletedProcess[str]:
    env = environ_without_color()
    env.pop("EQDIV_NO_CACHE", None)
    if not cache:
        env["EQDIV_NO_CACHE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "eqdiv", "--repo", str(root), *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env=env,
        check=False,
    )


@pytest.fixture
def records(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns(FOLDER))
    return root


def findings(result: subprocess.CompletedProcess[str]) -> dict[str, tuple[str, str]]:
    data: dict[str, Any] = json.loads(result.stdout)
    return {f["path"]: (f["code"], f["message"]) for f in data["findings"]}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("cache", [True, False], ids=["cached", "no-cache"])
def test_fifo_device_links_and_sparse_files_are_findings(
    records: Path, tmp_path: Path, cache: bool
) -> None:
    os.mkfifo(records / "plans" / "fifo.yaml")
    (records / "eias" / "zero.yaml").symlink_to("/dev/zero")
    (records / "eias" / "random.yaml").symlink_to("/dev/urandom")
    outside = tmp_path / "secret.yaml"
    outside.write_text("kind: people\nid: secret\n")
    (records / "outside.yaml").symlink_to(outside)
    with (records / "huge.yaml").open("wb") as sparse:
        sparse.truncate(8 * 1024**3)  # 8 GiB of nothing, taking no disk
    # The output memo is keyed by every file: none of these may be read for it either.
    (records / "notes").mkdir()
    os.mkfifo(records / "notes" / "pipe")
    result = eqdiv(records, "validate", "--format", "json", "--as-of", "2007-10-15", cache=cache)
    assert result.returncode == 1, result.stderr
    found = findings(result)
    assert found["plans/fifo.yaml"] == (
        "not-a-file",
        "This is a named pipe (FIFO), not a file; eqdiv reads only regular files, so it is "
        "not read.",
    )
    assert found["eias/zero.yaml"][0] == found["eias/random.yaml"][0] == "not-a-file"
    assert "a character device" in found["eias/zero.yaml"][1]
    assert found["outside.yaml"] == (
        "not-a-file",
        "This is a link to a file outside the records repository; it is not read.",
    )
    assert found["huge.yaml"] == (
        "too-large",
        "This file is 8192.0 MiB; records are at most 4 MiB.",
    )
    # And a second run (answered from the memo when cached) says the same.
    again = eqdiv(records, "validate", "--format", "json", "--as-of", "2007-10-15", cache=cache)
    assert again.stdout == result.stdout


@pytest.fixture
def locked(records: Path) -> Iterator[Path]:
    """The records with a cache that another connection holds locked for writing (and,
    in the rollback journal it switched to, for reading too)."""
    first = eqdiv(records, "validate", "--as-of", "2007-10-15")
    assert first.returncode == 0, first.stdout + first.stderr
    database = records / FOLDER / DATABASE
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO outputs VALUES ('held', '', '', 0, 0)")
    try:
        yield database
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize(
    "command", [("validate", "--as-of", "2007-10-15"), ("status", "--as-of", "2007-10-15")]
)
def test_a_locked_cache_is_left_alone_and_the_run_goes_on_without_it(
    records: Path, locked: Path, command: tuple[str, ...]
) -> None:
    inode = locked.stat().st_ino
    result = eqdiv(records, *command)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == eqdiv(records, *command, cache=False).stdout
    # Not taken for a damaged database and replaced under the process that holds it.
    assert locked.stat().st_ino == inode
