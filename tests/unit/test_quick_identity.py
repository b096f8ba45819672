"""``quick_identity``: whenever it answers, parsing the file gives the same kind and id.

``history`` trusts it to pass over files without parsing them, so an answer that
parsing would contradict could leave out a record an EIA's score depends on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.loaded import load_file
from eqdiv.store.quick_identity import Identity, quick_identity
from tests.conftest import BUNDLED

SCHEMAS = SchemaSet.load()


def parsed(raw: bytes) -> Identity:
    """What parsing says: the kind (None: no record) and the id the file gives."""
    record = load_file("folder/file.yaml", raw, SCHEMAS).record
    if record is None:
        return Identity(None, None)
    given_id = record.data.get("id")
    return Identity(record.kind, given_id if isinstance(given_id, str) else None)


def agrees(raw: bytes) -> bool:
    """The answer, if any, is parsing's; a file that is no record may be named as
    anything, since nothing counts it."""
    quick = quick_identity(raw)
    if quick is None:
        return True
    truth = parsed(raw)
    return truth.kind is None or truth == quick


@pytest.mark.parametrize("path", sorted(BUNDLED.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_record_is_known_from_its_text(path: Path) -> None:
    raw = path.read_bytes()
    assert quick_identity(raw) == parsed(raw)


@pytest.mark.parametrize(
    "text",
    [
        # A quoted scalar or brackets running over lines: the next lines look like keys.
        'kind: eia\ntitle: "a\nid: fake\n"\n',
        "kind: eia\ntitle: 'a\nid: fake'\n",
        "kind: eia\ntitle: [a,\nid: fake]\n",
        'kind: eia\nnested:\n  text: "a\nid: fake\n  b"\n',
        # Values YAML does not read as the text they look like.
        "kind: eia\nid: 2024\n",
        "kind: eia\nid: yes\n",
        "kind: eia\nid: null\n",
        "kind: eia\nid: &a x\n",
        "kind: eia\nid: !!str x\n",
        # Keys it cannot be sure of.
        'kind: eia\n"id": x\n',
        "kind: eia\nid : x\n",
        "kind: eia\nid: x\nid: y\n",
        "{kind: eia, id: x}\n",
        "--- \nkind: eia\nid: x\n",
        "kind: eia\rid: x\n",
        "kind: eia\n\u2028id: x\n",
        "kind: eia\nid: x y\n",
        # A plain value runs on into an indented line, blank lines or not.
        "kind: eia\nid: e-1\n  - item\n",
        "kind: eia\n  more\nid: x\n",
        "id: x\n\n  \n  more\nkind: eia\n",
    ],
)
def test_it_declines_what_only_parsing_can_tell(text: str) -> None:
    assert quick_identity(text.encode()) is None


def test_it_reads_plain_files_and_knows_a_file_without_an_id() -> None:
    text = "# An EIA\nkind: eia\ntitle: It's [fine]\n  more: \"x\"  # here\nid: 'e-1'\n"
    assert quick_identity(text.encode()) == Identity("eia", "e-1")
    assert quick_identity(b"kind: people\npeople: []\n") == Identity("people", None)
    assert quick_identity(b"\xef\xbb\xbfkind: eia\r\nid: x\r\n") == Identity("eia", "x")


# Lines that make YAML hard to read from its text alone, mixed at random.
PIECES = [
    "kind: eia",
    "kind: action-plan",
    "kind: people",
    "kind: 'rubric'",
    "id: e-1",
    "id: e-2",
    'id: "e-3"',
    "id: 123",
    "id: no",
    "id:",
    "title: plain words",
    "title: it's here",
    'title: "quoted',
    'title: "quoted"',
    "title: 'single",
    "title: [a, b",
    "title: {a: b}",
    "title: >-",
    "title: |",
    "  indented text",
    "  id: nested",
    '  "open',
    "  - item",
    "- item",
    "  - 'x",
    "end'",
    'end"',
    "b]",
    "more: end'",
    'more: end"',
    "more: b]",
    "}",
    "# comment",
    "#id: commented",
    "",
    "---",
    "? key",
    ": value",
    "\tid: tab",
    "&anchor",
    "<<: *anchor",
    "id: &a e-4",
    "other: *a",
    "id: !!str e-5",
    "'id': e-6",
    '"kind": people',
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10))
def test_an_answer_is_always_what_parsing_says(lines: list[str]) -> None:
    assert agrees("\n".join(lines).encode())


OPENERS = ['title: "quoted', "title: 'single", "title: [a, b", "title: {a: b,", '  "open', "- 'x"]
INSIDE = ["id: e-1", "kind: people", "title: x", "  more", "", "id: 'e-2'"]
CLOSERS = ['more: end"', "more: end'", "more: b]", "more: c}", 'end"', "b]"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES[:12]), max_size=3),
    st.sampled_from(OPENERS),
    st.lists(st.sampled_from(INSIDE), min_size=1, max_size=3),
    st.sampled_from(CLOSERS),
    st.lists(st.sampled_from(PIECES[:12]), max_size=3),
)
def test_lines_inside_a_value_over_several_lines_are_not_taken_for_keys(
    before: list[str], opener: str, inside: list[str], closer: str, after: list[str]
) -> None:
    assert agrees("\n".join([*before, opener, *inside, closer, *after]).encode())
