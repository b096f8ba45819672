"""Edits to a YAML file's text change the value they aim at and nothing else; an edit
that cannot be made safely is refused."""

from __future__ import annotations

import difflib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.yamlio.editor import EditError, YamlEdit
from eqdiv.yamlio.loader import parse
from eqdiv.yamlio.writer import dump

TEXT = """\
# A comment at the top.
kind: action-plan   # trailing comment
id: p
actions:
  - id: 1a
    text: >-
      Folded text
      over two lines
    owners: [DH]
    due:
    status: ongoing  # keep me

  # The next action.
  - id: 1b
    updates: []
"""


def data(text: str) -> Any:
    parsed = parse(text, "x.yaml")
    assert parsed.document is not None and not parsed.findings
    return parsed.document.data


def test_set_keeps_comments_on_the_line() -> None:
    edit = YamlEdit(TEXT, "x.yaml")
    edit.set("/actions/0/status", "complete")
    edit.set("/actions/0/due", "2007-09")
    edit.set("/actions/0/owners", ["DH", "QA"])
    edit.set("/actions/0/text", "One line now")
    assert edit.result() == TEXT.replace("status: ongoing", "status: complete").replace(
        "    due:\n", "    due: 2007-09\n"
    ).replace("[DH]", "[DH, QA]").replace(
        ">-\n      Folded text\n      over two lines", "One line now"
    )


def test_add_and_append_follow_the_indentation() -> None:
    edit = YamlEdit(TEXT, "x.yaml")
    edit.add("/actions/0", "completed", "2007-10-15", after=("status",))
    edit.append("/actions/1/updates", {"date": "2007-10-15", "by": "DH", "note": "Begun."})
    assert edit.result() == TEXT.replace(
        "    status: ongoing  # keep me\n",
        "    status: ongoing  # keep me\n    completed: 2007-10-15\n",
    ).replace(
        "    updates: []\n",
        "    updates:\n      - date: 2007-10-15\n        by: DH\n        note: Begun.\n",
    )


def test_remove_takes_the_whole_field() -> None:
    edit = YamlEdit(TEXT, "x.yaml")
    edit.remove("/actions/0/text")
    assert edit.result() == TEXT.replace(
        "    text: >-\n      Folded text\n      over two lines\n", ""
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.remove("/actions/0/id"), "'id' in x.yaml starts a list item; eqdiv will not remove it."),
        (lambda e: e.set("/actions/9/id", "x"), "'id' in x.yaml does not exist."),
        (lambda e: e.set("/actions/0", "x"), "'0' in x.yaml is a block of values, not one value."),
        (lambda e: e.append("/actions/0/owners", "QA"), "'owners' in x.yaml is written in [brackets]; eqdiv adds only to lists written one item per line."),
        (lambda e: e.add("/actions/0", "id", "x"), "'0' in x.yaml already has 'id'."),
    ],
)  # fmt: skip
def test_unsafe_edits_are_refused(change: Any, message: str) -> None:
    with pytest.raises(EditError) as refused:
        change(YamlEdit(TEXT, "x.yaml"))
    assert refused.value.message == message


def test_a_broken_file_is_not_edited() -> None:
    with pytest.raises(EditError) as refused:
        YamlEdit("a: 1\na: 2\n", "x.yaml")
    assert refused.value.message == (
        "x.yaml cannot be read as it stands (line 2: 'a' appears twice in the same mapping "
        "(first on line 1); YAML would silently keep only this one.), so eqdiv will not "
        "edit it."
    )
    with pytest.raises(EditError, match="cannot be read as it stands"):
        YamlEdit("a: [", "x.yaml")


words = st.from_regex(r"[A-Za-z][A-Za-z0-9 ,.'-]{0,30}", fullmatch=True)
leaves = st.none() | st.integers(0, 10**4) | words
records = st.dictionaries(
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    leaves | st.lists(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), leaves, min_size=1, max_size=4), min_size=1, max_size=3),
    min_size=1,
    max_size=5,
)  # fmt: skip


def scalar_pointers(value: Any, pointer: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in scalar_pointers(v, f"{pointer}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in scalar_pointers(v, f"{pointer}/{i}")]
    return [pointer]


@settings(max_examples=200)
@given(records, st.data(), leaves)
def test_setting_any_value_changes_only_that_value(
    record: dict[str, Any], choice: st.DataObject, value: Any
) -> None:
    text = dump(record)
    pointer = choice.draw(st.sampled_from(scalar_pointers(record)))
    edit = YamlEdit(text, "x.yaml")
    try:
        edit.set(pointer, value)
    except EditError:
        return  # a value folded over several lines is refused, which is allowed
    after = edit.result()
    changed = [
        op for op in difflib.SequenceMatcher(None, text.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]  # fmt: skip
    assert len(changed) <= 1  # one place in the file
