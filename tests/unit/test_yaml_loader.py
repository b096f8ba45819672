"""The YAML loader: data, positions for every pointer, and a finding (never an
exception) for each kind of bad input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from yaml import Mark
from yaml.scanner import ScannerError

from eqdiv.model import codes
from eqdiv.yamlio.loader import (
    MAX_DEPTH,
    MAX_NODES,
    _nesting_refused,
    _too_deep_in,
    parse,
    surprise_hint,
)
from eqdiv.yamlio.source import decode


def findings_of(text: str) -> list[tuple[int, int, str, str]]:
    result = parse(text, "f.yaml")
    return [(f.location.line, f.location.column, f.code, f.message) for f in result.findings]


def test_positions_for_every_pointer() -> None:
    doc = parse("kind: eia\nid: x\nlist:\n  - a\n  - {b: c, 'd/e': f}\n", "f.yaml").document
    assert doc is not None
    assert doc.positions == {
        "": (1, 1),
        "/kind": (1, 7),
        "/id": (2, 5),
        "/list": (4, 3),
        "/list/0": (4, 5),
        "/list/1": (5, 5),
        "/list/1/b": (5, 9),
        "/list/1/d~1e": (5, 19),
    }
    assert doc.key_positions["/list/1/b"] == (5, 6)
    assert doc.position("/list/1/missing") == (5, 5)  # nearest ancestor


def test_dates_stay_iso_text_and_yaml_11_values_are_kept() -> None:
    doc = parse(
        "a: 2007-09-01\nb: no\nc: 07\nd: 1:30\ne: '08'\nf: 08\ng: ~\nh: 1.5\n", "f"
    ).document
    assert doc is not None
    assert doc.data == {
        "a": "2007-09-01",
        "b": False,
        "c": 7,
        "d": 90,
        "e": "08",
        "f": "08",
        "g": None,
        "h": 1.5,
    }
    # Unquoted non-text values remember how they were written, for hints.
    assert doc.plain_text == {"/b": "no", "/c": "07", "/d": "1:30", "/g": "~", "/h": "1.5"}


def test_keys_are_always_text() -> None:
    doc = parse("no: 1\n2007: 2\n", "f").document
    assert doc is not None
    assert doc.data == {"no": 1, "2007": 2}


@pytest.mark.parametrize(
    ("plain", "value", "wants_text", "hint"),
    [
        (
            "no",
            False,
            False,
            "YAML reads no as false (yes/no/on/off are true/false in YAML). If you mean the word, put it in quotes: 'no'.",
        ),
        ("true", True, False, None),
        (
            "true",
            True,
            True,
            "YAML reads true as true (yes/no/on/off are true/false in YAML). If you mean the word, put it in quotes: 'true'.",
        ),
        (
            "010",
            8,
            False,
            "YAML reads 010 as the number 8. If you mean it as written, put it in quotes: '010'.",
        ),
        ("7", 7, False, None),
        (
            "2007",
            2007,
            True,
            "YAML reads 2007 as a number. If you mean text, put it in quotes: '2007'.",
        ),
    ],
)
def test_surprise_hints(plain: str, value: object, wants_text: bool, hint: str | None) -> None:
    assert surprise_hint(plain, value, wants_text) == hint


def test_duplicate_key_is_a_finding_at_the_second_key() -> None:
    assert findings_of("kind: eia\nid: a\ntitle: x\nid: b\n") == [
        (
            4,
            1,
            "duplicate-key",
            "'id' appears twice in the same mapping (first on line 2); YAML would silently keep only this one.",
        ),
    ]


def test_nested_duplicate_key() -> None:
    assert findings_of("a:\n  b: 1\n  c: 2\n  b: 3\n")[0][:3] == (4, 3, "duplicate-key")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kind: eia\nfoo:\n\tbar: 1\n", (3, 1, "yaml-tab")),
        ("kind: eia\ntitle: Review: the plan\n", (2, 14, "yaml-syntax")),
        ("kind: eia\nfoo:\n  a: 1\n b: 2\n", (4, 2, "yaml-syntax")),
        ("kind: eia\ntitle: 'abc\n", (2, 8, "yaml-syntax")),
        ("kind: eia\n---\nkind: x\n", (2, 1, "yaml-syntax")),
        ("a: [1, 2\nb: 3\n", (1, 4, "yaml-syntax")),
        ("a: *nowhere\n", (1, 4, "yaml-syntax")),
        ("a: @foo\n", (1, 4, "yaml-syntax")),
        ("a: b\x07c\n", (1, 5, "yaml-syntax")),
        ("a: !python/object:os.system x\n", (1, 4, "yaml-tag")),
    ],
)
def test_syntax_problems_are_located(text: str, expected: tuple[int, int, str]) -> None:
    found = findings_of(text)
    assert len(found) == 1
    assert found[0][:3] == expected


def test_messages_are_plain_english() -> None:
    assert (
        findings_of("kind: eia\nfoo:\n\tbar: 1\n")[0][3]
        == "This line uses a tab character; YAML indents with spaces only."
    )
    assert (
        findings_of("kind: eia\n---\nkind: x\n")[0][3]
        == "This file holds more than one YAML document (a '---' line part-way down)."
    )


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert findings_of(text) == [(1, 1, "empty-file", "This file is empty.")]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    found = findings_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5  # generous: the point is not exponential
    assert [f[2] for f in found] == ["too-large"]
    assert f"{MAX_NODES:,}" in found[0][3]


def test_modest_aliases_are_allowed() -> None:
    doc = parse("base: &b {x: 1}\ncopy: *b\n", "f").document
    assert doc is not None
    assert doc.data == {"base": {"x": 1}, "copy": {"x": 1}}


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("[" * 100_000, (1, MAX_DEPTH)),
        ("x: " + "{a: " * 3_000, (1, 4 + 4 * (MAX_DEPTH - 2))),
        ("- " * 100_000 + "x", (1, 2 * MAX_DEPTH - 1)),
        (
            "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)),
            (MAX_DEPTH, 2 * MAX_DEPTH - 1),
        ),
    ],
)
def test_deep_nesting_is_refused_not_a_crash(text: str, at: tuple[int, int]) -> None:
    # libyaml's composer recurses in C: without the depth guard this segfaults. libyaml
    # 0.2.6 and later refuse 1,000 levels themselves, sometimes before the guard sees
    # the file: the finding is the same either way, at the value MAX_DEPTH levels down.
    assert findings_of(text) == [
        (*at, "too-deep", f"This file nests values more than {MAX_DEPTH} levels deep.")
    ]


def test_libyamls_own_nesting_limit_gives_the_guards_finding() -> None:
    # What libyaml 0.2.6 raises for 100,000 "[", whichever libyaml runs this test.
    text = "[" * 100_000
    refused = ScannerError(
        "while increasing flow level",
        None,
        "exceeded maximum nesting depth",
        Mark("<unicode string>", 1000, 0, 1000, None, None),
    )
    assert _nesting_refused(refused)
    code, message, at, _ = _too_deep_in(text, refused)
    assert (code, at) == (codes.TOO_DEEP, (1, MAX_DEPTH))
    assert message == f"This file nests values more than {MAX_DEPTH} levels deep."
    # Without a place to cut the text, the file itself is named.
    assert _too_deep_in(text, ScannerError(problem="exceeded maximum nesting depth"))[2] == (1, 1)
    assert not _nesting_refused(ScannerError(problem="found character that cannot start"))


def test_non_utf8_points_at_the_byte_and_names_windows_1252() -> None:
    result = decode("title: ok\nnote: it’s done\n".encode("cp1252"), "f.yaml")
    assert result.text is None and result.finding is not None
    f = result.finding
    assert (f.location.line, f.location.column, f.code) == (2, 9, "encoding")
    assert f.message == "This file is not UTF-8: byte 0x92 here cannot be read."
    assert f.hint is not None and "'’'" in f.hint and "Windows-1252" in f.hint


def test_utf8_bom_is_fine_and_utf16_is_named() -> None:
    assert decode(b"\xef\xbb\xbfkind: eia\n", "f").text == "kind: eia\n"
    utf16 = decode("kind: eia\n".encode("utf-16"), "f")
    assert (
        utf16.finding is not None
        and utf16.finding.message == "This file is saved as UTF-16, not UTF-8."
    )


def test_nul_bytes_mean_not_text() -> None:
    result = decode(b"PK\x03\x04\x00\x00", "f")
    assert result.finding is not None and result.finding.code == "encoding"


@given(st.text(max_size=300))
def test_parse_never_raises(text: str) -> None:
    result = parse(text, "f.yaml")
    assert result.document is not None or result.findings


@given(st.binary(max_size=300))
def test_decode_never_raises(raw: bytes) -> None:
    result = decode(raw, "f.yaml")
    assert (result.text is None) == (result.finding is not None)


def test_a_lone_surrogate_is_an_encoding_finding_whichever_libyaml() -> None:
    """Text decoded from a file never holds one, but text given to the API may; PyYAML
    6.0.1's libyaml raised UnicodeEncodeError on it (found by the hostile-input test)."""
    result = parse("\ud800\nkind: &a0 []\n", "x.yaml")
    assert result.document is None
    assert [(f.code, f.location.line) for f in result.findings] == [("encoding", 1)]
