"""``read_due_history``: every plan's versions from one ``git log`` of the records
folder, the working tree standing in for a commit whose version it holds, other
versions read once and then kept. Compared with reading each plan's own log and
parsing every version (what it did before), on a history with two plans, moved due
dates, a plan file renamed and an edit not yet committed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eqdiv.actions.due_history import DueHistory, Version, _version, read_due_history
from eqdiv.model.periods import Period
from eqdiv.model.plans import ActionPlan
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store import result_cache
from eqdiv.store.gitrepo import open_repository
from eqdiv.store.loaded import load_file
from eqdiv.store.repository import load_repository
from tests.gitsupport import PLAN, GitRepo, new_repo, watch_version_reads

PERIOD = Period(date(2007, 7, 1), date(2007, 9, 30), "July to September 2007")
SECOND = "plans/second.yaml"


def _lived(where: Path) -> GitRepo:
    repo = new_repo(where)
    repo.write(SECOND, repo.read(PLAN).replace("id: parent-partnership-2007", "id: second"))
    repo.commit("A second plan", "2007-08-15T10:00:00+01:00")
    repo.edit(PLAN, "    due: 2007-07\n    due_text: Jul-07\n", "    due: 2007-12\n")
    repo.commit("2b moved to December", "2007-09-01T10:00:00+01:00")
    repo.git("mv", f"records/{SECOND}", "records/plans/renamed.yaml")
    repo.edit(
        "plans/renamed.yaml", "    due: 2007-07\n    due_text: Jul-07\n", "    due: 2008-01\n"
    )
    repo.commit("The second plan renamed; its 2b moved", "2007-09-10T10:00:00+01:00")
    repo.edit(PLAN, "    due: 2007-12\n", "    due: 2008-03\n")  # not committed
    return repo


def _one_plan_at_a_time(root: Path, plans: list[ActionPlan]) -> dict[str, tuple[Version, ...]]:
    """The versions as read before: each plan's own log, every version parsed."""
    schemas = SchemaSet.load()
    versions: dict[str, list[Version]] = {}
    with open_repository(root) as git:
        prefix = git.relative(root)
        for plan in plans:
            path = plan.location.path
            for entry in git.log(f"{prefix}/{path}"):
                raw = git.read(entry.commit, entry.path) if entry.status != "removed" else None
                record = load_file(path, raw, schemas).record if raw is not None else None
                if record is None or not record.valid:
                    continue
                older = ActionPlan.from_record(record)
                for action in older.actions if older.id == plan.id else ():
                    since = entry.commit.date.date()
                    versions.setdefault(action.ref, []).append(_version(action, since))
            for action in plan.actions:
                versions.setdefault(action.ref, []).append(_version(action, None))
    return {ref: tuple(found) for ref, found in versions.items()}


@pytest.fixture
def caching() -> Iterator[None]:
    """The caches on, as the command line runs."""
    result_cache.enable(True)
    yield
    result_cache.enable(False)


def test_one_log_gives_what_each_plans_own_log_gave(tmp_path: Path) -> None:
    repo = _lived(tmp_path)
    plans = list(load_repository(repo.records).plans)
    assert sorted(p.id for p in plans) == ["parent-partnership-2007", "second"]
    found = read_due_history(repo.records, plans, PERIOD)
    assert found.versions == _one_plan_at_a_time(repo.records, plans)
    assert found.covered == {"parent-partnership-2007"} and found.gap is not None
    # 2b's dates as the history moved them, the uncommitted edit last.
    deadlines = [v.deadline for v in found.versions["parent-partnership-2007/2b"]]
    assert deadlines == [date(2007, 7, 31), date(2007, 12, 31), date(2008, 3, 31)]
    assert [v.deadline for v in found.versions["second/2b"]] == [
        date(2007, 7, 31),
        date(2008, 1, 31),
        date(2008, 1, 31),
    ]


def test_a_second_report_reads_no_version_again(
    tmp_path: Path, caching: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the caches on (as the command line runs), versions read once are kept by
    blob id; a version the working tree holds is never read from git at all."""
    repo = _lived(tmp_path)
    plans = list(load_repository(repo.records).plans)
    first = read_due_history(repo.records, plans, PERIOD)
    read, parsed = watch_version_reads(monkeypatch)
    again = read_due_history(repo.records, plans, PERIOD)
    assert (again, read, parsed) == (first, [], [])
    assert again == DueHistory(_one_plan_at_a_time(repo.records, plans), first.covered, first.gap)


def test_records_moved_into_their_folder_keep_their_history(tmp_path: Path) -> None:
    """Records kept elsewhere in the work tree, then moved into the records folder: each
    plan's log goes on to its life before the move, as its own log did."""
    repo = new_repo(tmp_path, commit=False)
    repo.records.rename(repo.top / "archive")
    repo.git("add", "-A")
    repo.commit("Records as approved", "2007-06-15T10:00:00+01:00")
    repo.git("mv", "archive", "records")
    repo.commit("Records in their own folder", "2007-10-20T10:00:00+01:00")
    plans = list(load_repository(repo.records).plans)
    found = read_due_history(repo.records, plans, PERIOD)
    assert found.versions == _one_plan_at_a_time(repo.records, plans)
    assert (found.covered, found.gap) == ({"parent-partnership-2007"}, None)
    assert [v.since for v in found.versions["parent-partnership-2007/2b"]] == [
        date(2007, 6, 15),
        date(2007, 10, 20),
        None,
    ]
