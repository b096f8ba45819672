"""The diff `eqdiv action update` shows: exact, and found by comparing only the stretch
of the file an edit changed (difflib without autojunk is quadratic over a whole file
of repeated lines, such as a plan of 2,000 actions; bench/action_update.py times it)."""

from __future__ import annotations

import difflib
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.authoring.file_diff import unified_diff

HUNK = re.compile(r"@@ -(\d+),(\d+) \+(\d+),(\d+) @@")


def patched(before: list[str], diff: str) -> list[str]:
    """``before`` with the diff's hunks applied, checking each context and removed line."""
    result: list[str] = []
    at = 0  # lines of ``before`` used so far
    for line in diff.splitlines()[2:]:
        if match := HUNK.fullmatch(line):
            start = int(match[1]) - 1 if int(match[2]) else int(match[1])
            result += before[at:start]
            at = start
        elif line[0] == "+":
            result.append(line[1:])
        else:
            assert before[at] == line[1:]
            at += 1
            if line[0] == " ":
                result.append(line[1:])
    return result + before[at:]


def text(lines: list[str]) -> bytes:
    return "".join(f"{line}\n" for line in lines).encode()


def big_plan(actions: int) -> list[str]:
    lines = ["kind: action-plan", "actions:"]
    for n in range(actions):
        lines += [
            f"  - id: a{n}",
            "    owners: [DH]",
            "    due: ongoing",
            "    status: ongoing",
            "",
        ]
    return lines


def test_an_edit_in_a_large_repetitive_file(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[int] = []

    class Counting(difflib.SequenceMatcher):  # type: ignore[type-arg]
        def __init__(self, junk: Any, a: Any, b: Any, autojunk: bool = True) -> None:
            compared.append(len(a) + len(b))
            super().__init__(junk, a, b, autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)  # as eqdiv looks it up
    before = big_plan(2000)
    after = list(before)
    middle = before.index("  - id: a1000")
    after[middle + 3 : middle + 4] = ["    status: complete", "    completed: 2007-10-15"]
    diff = unified_diff(text(before), text(after), "plan.yaml")
    assert diff.splitlines() == [
        "--- plan.yaml (before)",
        "+++ plan.yaml (after)",
        f"@@ -{middle + 3},3 +{middle + 3},4 @@",
        "     due: ongoing",
        "-    status: ongoing",
        "+    status: complete",
        "+    completed: 2007-10-15",
        " ",
    ]
    # Only the changed line and its context were matched, not the 10,000 lines around.
    assert compared == [3 + 4]


def test_no_change_no_diff() -> None:
    assert unified_diff(b"a\nb\n", b"a\nb\n", "p") == ""


@given(
    st.lists(st.sampled_from(["a", "b", "status: ongoing", ""]), max_size=40),
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 3), st.lists(st.sampled_from("abxy"))),
        max_size=3,
    ),
    st.integers(0, 3),
)
def test_the_diff_turns_the_old_file_into_the_new(
    before: list[str], edits: list[tuple[int, int, list[str]]], context: int
) -> None:
    after = list(before)
    for at, removed, added in edits:
        at = min(at, len(after))
        after[at : at + removed] = added
    diff = unified_diff(text(before), text(after), "p", context)
    assert patched(before, diff) == after
    assert (diff == "") == (before == after)
