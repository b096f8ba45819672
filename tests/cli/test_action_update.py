"""`eqdiv action update`: one action changes, an update entry is added, and nothing
else in the file moves; a change that would break the plan is not written."""

from __future__ import annotations

import difflib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]
PLAN = "plans/parent-partnership-2007.yaml"


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A copy of the bundled records, to change."""
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


def changed_lines(before: str, after: str) -> list[str]:
    """The minimal diff's -/+ lines: what changed, and nothing around it."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changed: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed += [f"-{line}" for line in old[i1:i2]] + [f"+{line}" for line in new[j1:j2]]
    return changed


def test_only_the_intended_lines_change(cli: Cli, records: Path, no_color: None) -> None:
    before = (records / PLAN).read_text()
    result = cli(
        "action", "update", "parent-partnership-2007", "1d", "--status", "complete",
        "--note", "List agreed at the team meeting.", "--as-of", "2007-10-15", cwd=records,
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        f"Updated action 1d of parent-partnership-2007 in {PLAN}: status changed from not "
        "started to complete, completed on 15 October 2007; an update added.\n"
    )
    after = (records / PLAN).read_text()
    assert changed_lines(before, after) == [
        "-    status: not_started",
        "+    status: complete",
        "+    completed: 2007-10-15",
        "+    updates:",
        "+      - date: 2007-10-15",
        "+        by: DH",
        "+        note: >-",
        "+          Status changed from not started to complete, completed on 15 October 2007.",
        "+          List agreed at the team meeting.",
    ]
    # The new lines sit right after the status, before the blank line and the comment
    # heading the next element.
    assert "          List agreed at the team meeting.\n\n  # Element 2" in after
    assert cli("validate", "--as-of", "2007-10-15", cwd=records).exit_code == 0


def test_an_update_is_appended_below_the_existing_ones(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_text()
    result = cli("action", "update", "parent-partnership-2007", "4d", "--note",
                 "Contact details re-sent to all staff.", "--as-of", "2007-10-15",
                 cwd=records)  # fmt: skip
    assert result.exit_code == 0
    after = (records / PLAN).read_text()
    assert changed_lines(before, after) == [
        "+      - date: 2007-10-15",
        "+        by: DH",
        "+        note: Contact details re-sent to all staff.",
    ]
    # The folded note above the new entry, written over two lines, is untouched.
    assert (
        "        note: >-\n"
        "          Discussed at Team meeting - the translation services contact is first contact\n"
        "          if need arises.\n"
        "      - date: 2007-10-15\n"
    ) in after


def test_problems_already_there_do_not_block_an_update(cli: Cli, records: Path) -> None:
    # Without a people directory every owner is unchecked: one finding before the
    # update and one after it (which names DH once more), so the update goes ahead.
    (records / "people.yaml").unlink()
    result = cli("action", "update", "parent-partnership-2007", "4d", "--note", "Re-sent.",
                 "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert "        note: Re-sent.\n" in (records / PLAN).read_text()


def test_due_date_moved(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_text()
    result = cli("action", "update", "parent-partnership-2007", "2a", "--due", "Dec-07",
                 "--note", "Waiting for the new stakeholder list.", "--by", "EDO",
                 "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert result.exit_code == 0, result.stdout
    assert changed_lines(before, (records / PLAN).read_text()) == [
        "-    due: 2007-10",
        "-    due_text: Oct-07",
        "+    due: 2007-12",
        "+    updates:",
        "+      - date: 2007-10-15",
        "+        by: EDO",
        "+        note: >-",
        "+          Due date changed from October 2007 to December 2007. Waiting for the new",
        "+          stakeholder list.",
    ]


def test_a_new_due_date_drops_the_wording_of_the_old_one(cli: Cli, records: Path) -> None:
    """`due_text` is the original plan's wording for the old date ("Sep-07"): once the
    date moves it would contradict it, so it goes; every other byte stays."""
    before = (records / PLAN).read_bytes()
    result = cli("action", "update", "parent-partnership-2007", "1d", "--due", "2007-12",
                 "--note", "Waits for the decision log.", "--as-of", "2007-10-15",
                 cwd=records)  # fmt: skip
    assert result.exit_code == 0, result.stdout
    old = b"    due: 2007-09\n    due_text: Sep-07\n    status: not_started\n"
    assert before.count(old) == 1
    assert (records / PLAN).read_bytes() == before.replace(
        old,
        b"    due: 2007-12\n    status: not_started\n    updates:\n"
        b"      - date: 2007-10-15\n        by: DH\n"
        b"        note: >-\n"
        b"          Due date changed from September 2007 to December 2007. Waits for the decision\n"
        b"          log.\n",
    )


def test_a_due_date_moved_later_needs_a_persons_reason(cli: Cli, records: Path) -> None:
    """Issue 14, problem 1: eqdiv's own sentence is never the reason for a slip."""
    before = (records / PLAN).read_bytes()
    refused = cli("action", "update", "parent-partnership-2007", "1d", "--due", "2007-12",
                  "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        "eqdiv: plans/parent-partnership-2007.yaml, line 73: moving action 1d's due date "
        "later needs a reason.\n  hint: Say why in your own words with --note"
    )
    assert (records / PLAN).read_bytes() == before
    earlier = cli("action", "update", "parent-partnership-2007", "1d", "--due", "2007-08",
                  "--as-of", "2007-07-15", cwd=records)  # fmt: skip
    assert earlier.exit_code == 0, earlier.stderr
    assert cli("validate", "--as-of", "2007-10-15", cwd=records).exit_code == 0


def test_the_same_due_date_keeps_its_wording(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_text()
    result = cli("action", "update", "parent-partnership-2007", "1d", "--due", "Sep-07",
                 "--note", "Still on course.", "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert result.exit_code == 0, result.stdout
    assert changed_lines(before, (records / PLAN).read_text()) == [
        "+    updates:",
        "+      - date: 2007-10-15",
        "+        by: DH",
        "+        note: Still on course.",
    ]


def test_made_ongoing_needs_a_review(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_bytes()
    refused = cli("action", "update", "parent-partnership-2007", "2a", "--due", "ongoing",
                  "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        "eqdiv: An ongoing action needs a review: give its cadence with --review.\n"
    )
    assert (records / PLAN).read_bytes() == before
    result = cli("action", "update", "parent-partnership-2007", "2a", "--due", "ongoing",
                 "--review", "quarterly", "--note", "Part of every meeting now.",
                 "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert result.exit_code == 0
    assert changed_lines(before.decode(), (records / PLAN).read_text()) == [
        "-    due: 2007-10",
        "-    due_text: Oct-07",
        "+    due: ongoing",
        "+    review:",
        "+      cadence: quarterly",
        "+      next: 2008-01-14",
        "+    updates:",
        "+      - date: 2007-10-15",
        "+        by: DH",
        "+        note: >-",
        "+          Due date changed from October 2007 to ongoing. Reviewed quarterly, next by 14",
        "+          January 2008. Part of every meeting now.",
    ]


def test_next_review_after_a_meeting(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_text()
    result = cli("action", "update", "parent-partnership-2007", "5b", "--next-review",
                 "2008-01-31", "--note", "Reviewed at the October meeting.",
                 "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert result.exit_code == 0
    assert changed_lines(before, (records / PLAN).read_text())[:2] == [
        "-      next: 2007-07-31",
        "+      next: 2008-01-31",
    ]


def test_reopening_removes_the_completion_date(cli: Cli, records: Path) -> None:
    args = ("action", "update", "parent-partnership-2007", "1d")
    assert cli(*args, "--status", "complete", "--as-of", "2007-10-15", cwd=records).exit_code == 0
    before = (records / PLAN).read_text()
    result = cli(*args, "--status", "in_progress", "--note", "More decisions found.",
                 "--as-of", "2007-10-20", cwd=records)  # fmt: skip
    assert result.exit_code == 0
    assert changed_lines(before, (records / PLAN).read_text()) == [
        "-    status: complete",
        "-    completed: 2007-10-15",
        "+    status: in_progress",
        "+      - date: 2007-10-20",
        "+        by: DH",
        "+        note: >-",
        "+          Status changed from complete to in progress (reopened). More decisions found.",
    ]


def test_an_invalid_change_leaves_the_file_untouched(
    cli: Cli, records: Path, no_color: None
) -> None:
    before = (records / PLAN).read_bytes()
    result = cli("action", "update", "parent-partnership-2007", "1d", "--completed",
                 "2007-12-01", "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == (
        f"{PLAN}:76:16: error date-future Action 1d's completion is dated 2007-12-01, after "
        "today (2007-10-15).\n"
        "  76 |     completed: 2007-12-01\n"
        "     |                ^\n"
        "  hint: Only record what has happened. If the date is a plan, it belongs in a due or "
        "review date; if it is a typing slip, correct it.\n"
        f"Nothing was written: this change would leave {PLAN} with the problems above.\n"
    )
    assert (records / PLAN).read_bytes() == before
    assert sorted(p.name for p in (records / "plans").iterdir()) == [Path(PLAN).name]


@pytest.mark.parametrize(
    ("by", "nearest"), [("PPQ", "Did you mean 'PPO'? "), ("dh", "Did you mean 'DH'? "), ("XY", "")]
)
def test_an_unknown_person_in_by_is_a_usage_error(
    cli: Cli, records: Path, by: str, nearest: str
) -> None:
    before = (records / PLAN).read_bytes()
    unknown = cli("action", "update", "parent-partnership-2007", "1d", "--note", "x",
                  "--by", by, cwd=records, env={"COLUMNS": "200"})  # fmt: skip
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        f"eqdiv: --by '{by}' is not in the people directory (people.yaml).\n"
        f"  hint: {nearest}People: CDW, CO, DH, EDO, HCS, PPO. Add someone new to people.yaml "
        "first.\n"
    )
    assert (records / PLAN).read_bytes() == before
    assert sorted(p.name for p in (records / "plans").iterdir()) == [Path(PLAN).name]


def test_nothing_to_change(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_bytes()
    result = cli("action", "update", "parent-partnership-2007", "2b", "--status", "in_progress",
                 cwd=records)  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        "Nothing to change: action 2b of parent-partnership-2007 is already like that.\n"
    )
    assert (records / PLAN).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "eqdiv: Say what to change: --status, --due, --completed, --review, "
         "--next-review or --note.\n"),
        (("--note", "x", "--status", "ongoing", "--completed", "2007-10-01"),
         "eqdiv: --completed goes with --status complete, not with another status.\n"),
        (("--note", "x", "--review", "fortnightly"), "eqdiv: 'fortnightly' is not a review cadence.\n"),
        (("--due", "TBC"), "eqdiv: --due 'TBC': 'TBC' (to be confirmed) is not a date yet.\n"),
    ],
)  # fmt: skip
def test_usage_errors(cli: Cli, records: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("action", "update", "parent-partnership-2007", "1d", *args, cwd=records)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_unknown_plan_or_action(cli: Cli, records: Path) -> None:
    result = cli("action", "update", "parent-partnership-2008", "1d", "--note", "x", cwd=records)
    assert result.exit_code == 2
    assert result.stderr == (
        f"eqdiv: There is no action plan 'parent-partnership-2008' in {records}.\n"
        "  hint: Did you mean 'parent-partnership-2007'? Plans: parent-partnership-2007.\n"
    )
    result = cli("action", "update", PLAN, "1z", "--note", "x", cwd=records)
    assert result.exit_code == 2
    assert result.stderr.startswith("eqdiv: Plan parent-partnership-2007 has no action '1z'.\n")


def test_dry_run_and_json(cli: Cli, records: Path) -> None:
    before = (records / PLAN).read_bytes()
    result = cli("action", "update", "parent-partnership-2007", "3c", "--status", "complete",
                 "--as-of", "2007-10-15", "--dry-run", "--format", "json", cwd=records)  # fmt: skip
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["command"] == "action update" and report["written"] is False
    assert report["changes"] == [
        "Status changed from ongoing to complete, completed on 15 October 2007"
    ]
    assert (
        "-    status: ongoing\n+    status: complete\n+    completed: 2007-10-15\n"
        in (report["diff"])
    )
    assert (records / PLAN).read_bytes() == before


def test_a_failed_write_leaves_the_old_file(
    cli: Cli, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (records / PLAN).read_bytes()

    def disk_full(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", disk_full)
    result = cli("action", "update", "parent-partnership-2007", "1d", "--note", "x", cwd=records)
    assert result.exit_code == 3
    assert result.stderr == (
        f"eqdiv: {records / PLAN} cannot be written: No space left on device.\n"
        "  hint: Nothing was changed: the file is as it was.\n"
    )
    assert (records / PLAN).read_bytes() == before
    assert [p.name for p in (records / "plans").iterdir()] == [Path(PLAN).name]


def test_an_interrupted_write_leaves_the_old_file(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from eqdiv.store.atomic_write import write_atomic

    before = (records / PLAN).read_bytes()

    def killed(handle: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(records / PLAN, b"half a fi")
    assert (records / PLAN).read_bytes() == before
    assert [p.name for p in (records / "plans").iterdir()] == [Path(PLAN).name]


def test_windows_line_endings_and_a_byte_order_mark_are_kept(cli: Cli, records: Path) -> None:
    text = (records / PLAN).read_text()
    (records / PLAN).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = cli("action", "update", "parent-partnership-2007", "1d", "--status", "in_progress",
                 "--as-of", "2007-10-15", cwd=records)  # fmt: skip
    assert result.exit_code == 0
    after = (records / PLAN).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert b"    status: in_progress\r\n    updates:\r\n      - date: 2007-10-15\r\n" in after
