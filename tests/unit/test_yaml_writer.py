"""Records eqdiv writes read back exactly, and look like the hand-written ones."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.yamlio.loader import parse
from eqdiv.yamlio.writer import dump, entry_lines, item_lines, scalar


def read_back(text: str) -> Any:
    parsed = parse(text, "x.yaml")
    assert parsed.findings == (), text
    assert parsed.document is not None
    return parsed.document.data


def test_the_bundled_style() -> None:
    data = {
        "kind": "action-plan",
        "id": "p",
        "actions": [
            {
                "id": "1a",
                "text": "Identify and list all key decisions taken in the Parent Partnership "
                "service that could potentially be prejudicious",
                "owners": ["DH"],
                "due": "2007-09",
                "review": {"cadence": ["July", "October"], "next": "2007-10-31"},
                "updates": [{"date": "2007-08-01", "by": "DH", "note": "Done: mostly"}],
            },
            {"id": "1b", "text": "no", "owners": ["DH", "PPO"], "due": None},
        ],
    }
    text = dump(data, comments={"": "Made by a test.", "/actions/1": "Element 1"})
    assert text == (
        "# Made by a test.\n"
        "kind: action-plan\n"
        "id: p\n"
        "\n"
        "actions:\n"
        "  - id: 1a\n"
        "    text: >-\n"
        "      Identify and list all key decisions taken in the Parent Partnership service that\n"
        "      could potentially be prejudicious\n"
        "    owners: [DH]\n"
        "    due: 2007-09\n"
        "    review:\n"
        "      cadence: [July, October]\n"
        "      next: 2007-10-31\n"
        "    updates:\n"
        "      - date: 2007-08-01\n"
        "        by: DH\n"
        "        note: 'Done: mostly'\n"
        "\n"
        "  # Element 1\n"
        "  - id: 1b\n"
        "    text: 'no'\n"
        "    owners: [DH, PPO]\n"
        "    due:\n"
    )
    data["actions"][1]["due"] = None
    assert read_back(text) == data


def test_scalars_that_yaml_would_misread_are_quoted() -> None:
    assert [scalar(v) for v in ("no", "010", "1:30", "~", "", "- x", "a #b", "it's")] == [
        "'no'",
        "'010'",
        "'1:30'",
        "'~'",
        "''",
        "'- x'",
        "'a #b'",
        "it's",
    ]
    assert scalar("line\nbreak") == '"line\\nbreak"'
    assert scalar(3) == "3" and scalar(True) == "true" and scalar(None) == ""


def test_fragments_for_edits() -> None:
    assert entry_lines("completed", "2007-10-15", 4) == ["    completed: 2007-10-15"]
    assert item_lines({"date": "2007-10-15", "by": "DH", "note": "Done."}, 6) == [
        "      - date: 2007-10-15",
        "        by: DH",
        "        note: Done.",
    ]


keys = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=120
)
leaves = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | texts
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_everything_written_reads_back_the_same(data: dict[str, Any]) -> None:
    assert read_back(dump(data)) == data
