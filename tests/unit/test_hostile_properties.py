"""Generated hostile input (issue 20): YAML built from aliases, merges, tags, huge and
malformed numbers, deep flows, control characters and odd unicode; and hostile record
text through every output family and through the commands that print it.

Each must give findings or output, never a traceback; work stays within the bounds
(what a parse builds is never deeper or larger than ``eqdiv.model.limits`` allows, which
is what keeps its time bounded: timings themselves belong in bench/); and no output
carries a raw control character or live markup.

Run with CI=1, the "hostile-ci" Hypothesis profile (tests/conftest.py) tries more than
10,000 examples across these tests; otherwise a quick "hostile-dev" sample.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eqdiv.cli.app import app
from eqdiv.model.codes import CATALOGUE
from eqdiv.model.escaping import csv_cell, html_text, markdown_text
from eqdiv.model.limits import MAX_DEPTH, MAX_NODES
from eqdiv.output.console import make_console
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.loaded import load_file
from eqdiv.yamlio.loader import parse
from tests.conftest import HOSTILE, copy_bundled

# --- What hostile text is made of ------------------------------------------------------

TOKENS = [
    "\x1b[2J", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "\x1b[31m", "\x9b2J",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u061c", "\u2028", "\x00", "\x07",
    "\x08", "\r", "\t", "\n", "\x7f", "\x85", "<!--", "-->", "</details>", "<script>",
    "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "![i](https://evil/i.png)",
    "@octocat", "a@b.example", "https://evil.example", "HTTP://EVIL", "www.evil.example",
    "WWW.x", "`", "``", "|", "*", "_", "~~", "#", "\n# Heading", "\n- item", "1. ", "$x$",
    "\\", "&amp;", "&", '"', "'", "=1+1", "+1", "-1", "@SUM(A1)", "[bold]", "[/]",
    "[link=https://evil]x[/link]", ":", "://", "\u200b", "\ufeff", "e\u0301", "\U0001f600",
]  # fmt: skip
hostile_text = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.characters()), min_size=1, max_size=8
).map("".join)

# Characters no output may carry raw: C0 controls but tab and line feed, DEL, C1, the
# bidirectional controls and the line and paragraph separators.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours, when colour is on


def assert_inert_markdown(text: str) -> None:
    assert RAW.search(text) is None
    assert "\n" not in text
    assert re.search(r"<|>", text) is None  # only &lt; &gt;: no tag, no comment
    assert re.search(r"(?<!\\)[\[\]`|*_#~$]", text.replace("\\\\", "")) is None
    assert re.search(r"@[A-Za-z0-9]", text) is None  # no mention, no e-mail link
    assert re.search(r"://|(?i:www)\.", text) is None  # no bare link


# --- The escaping functions, one per family ---------------------------------------------


# Examples per test, from the profile: the cheap tests try more, the slow fewer; with
# CI=1 they add up to more than 10,000.
EXAMPLES = settings.get_profile("hostile").max_examples


@settings(settings.get_profile("hostile"), max_examples=EXAMPLES * 3 // 2)
@given(hostile_text)
def test_every_family_escapes_any_text(text: str) -> None:
    for colour in (False, True):
        buffer = io.StringIO()
        console = make_console(buffer)
        if colour:
            console = make_console(buffer)
            console._force_terminal = True  # a terminal, to see colours pass as they are
        console.print(text, markup=False)
        console.print(f"[bold]{text.replace('[', '(')}[/]")
        assert RAW.search(SGR.sub("", buffer.getvalue())) is None
    assert_inert_markdown(markdown_text(text))
    assert RAW.search(markdown_text(text, one_line=False)) is None
    shown = html_text(text)
    assert RAW.search(shown) is None and re.search('[<>"]', shown) is None
    cell = csv_cell(text)
    assert isinstance(cell, str) and RAW.search(cell.replace("\r", "")) is None
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


# --- Hostile YAML -----------------------------------------------------------------------

scalars = st.one_of(
    st.sampled_from([
        "0b_", "0x_", "0b", "0x", "0_", "1_:30", "1:_", "+.inf", "-.nan", ".NaN", "1e999",
        "!!int foo", "!!float foo", "!!bool foo", "!!bool YeS", "!!null x", "!!str 5",
        "!!binary aGk=", "!!timestamp 2001-12-14", "!custom x", "!!python/object:os.system x",
        "!!int 0x_", "!!float .", "~", "null", "yes", "No", "ON", "2007-02-30", "-", "?", "*",
        "&", "!", "'", '"', "@x", "`x`", "|", ">", "%YAML", "---", "...",
    ]),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),
    st.integers(min_value=1, max_value=120).map(lambda n: "1" * n + ":30"),
    st.integers(min_value=1, max_value=120).map(lambda n: "0x" + "f" * n),
    hostile_text.map(lambda t: json.dumps(t)),  # a double-quoted YAML string, escapes kept
    st.text(max_size=6),
)  # fmt: skip


@st.composite
def flows(draw: st.DrawFn, depth: int = 2) -> str:
    """A flow value: a scalar, a list or mapping of flows, or deep brackets."""
    shape = draw(st.integers(min_value=0, max_value=3)) if depth else 0
    if shape == 1:
        items = [draw(flows(depth - 1)) for _ in range(draw(st.integers(0, 3)))]
        return "[" + ", ".join(items) + "]"
    if shape == 2:
        pairs = [(k, draw(flows(depth - 1))) for k in "abc"[: draw(st.integers(0, 3))]]
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    if shape == 3:
        levels = draw(st.integers(min_value=1, max_value=200))
        return "[" * levels + "1" + "]" * levels
    return draw(scalars)


@st.composite
def hostile_yaml(draw: st.DrawFn) -> str:
    lines = []
    anchors: list[str] = []
    for index in range(draw(st.integers(min_value=1, max_value=8))):
        key = draw(st.sampled_from(["kind", "id", "title", "a", "b", "<<", "? x", "1", "~"]))
        value = draw(flows())
        form = draw(st.integers(min_value=0, max_value=5))
        if form == 0:
            anchors.append(f"a{index}")
            value = f"&a{index} {value}"
        elif form == 1 and anchors:
            value = "*" + draw(st.sampled_from(anchors))
        elif form == 2:
            # An alias inside its own anchor, or a merge of a mapping into itself.
            value = draw(
                st.sampled_from([f"&s{index} [*s{index}]", f"&s{index} {{<<: *s{index}}}"])
            )
        elif form == 3 and anchors:
            name = draw(st.sampled_from(anchors))
            value = "[" + ", ".join([f"*{name}"] * draw(st.integers(1, 12))) + "]"
        elif form == 4:
            value = f"\n  - {value}\n  - {draw(flows(1))}"
        lines.append(f"{key}: {value}")
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = draw(hostile_text).replace("\n", " ") + "\n" + text  # junk first
    return text


def _measure(value: Any, depth: int = 1) -> tuple[int, int]:
    """(values, depth) of parsed data."""
    if isinstance(value, dict):
        parts = [_measure(v, depth + 1) for v in value.values()]
    elif isinstance(value, list):
        parts = [_measure(v, depth + 1) for v in value]
    else:
        return 1, depth
    return 1 + sum(n for n, _ in parts), max([depth, *(d for _, d in parts)])


@settings(settings.get_profile("hostile"))
@given(hostile_yaml())
def test_hostile_yaml_gives_findings_within_the_bounds(text: str) -> None:
    result = parse(text, "f.yaml")
    for finding in result.findings:
        assert finding.code in CATALOGUE
        assert finding.location.line >= 1 and finding.location.column >= 1
    if result.document is not None:
        values, depth = _measure(result.document.data)
        # Keys count too in the bound, so values alone are well within it.
        assert values <= MAX_NODES and depth <= MAX_DEPTH


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet.load()


@settings(
    settings.get_profile("hostile"),
    max_examples=EXAMPLES // 2,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hostile_yaml(), st.sampled_from(["eia", "action-plan", "consultation", "people"]))
@example(text="\ud800\nkind: &a0 []\n", kind="eia")
def test_hostile_records_are_checked_without_a_traceback(
    schemas: SchemaSet, text: str, kind: str
) -> None:
    # A lone surrogate (older Hypothesis releases generate them) becomes bytes that are
    # not UTF-8, as a file could hold: that is an ``encoding`` finding, not an error.
    raw = f"kind: {kind}\n{text}".encode("utf-8", "surrogatepass")
    loaded = load_file(f"{kind}.yaml", raw, schemas)
    assert all(f.code in CATALOGUE for f in loaded.findings)


# --- Hostile record text through the commands that print it ---------------------------

COMMANDS = [
    ("eia", "score", "eia-2007-drop-in-sessions", "--format", "md"),
    ("report", "quarterly", "--as-of", "2007-10-15", "--format", "md"),
    ("report", "quarterly", "--as-of", "2007-10-15", "--format", "html"),
    ("report", "quarterly", "--as-of", "2007-10-15", "--format", "txt"),
    ("actions", "--all", "--as-of", "2007-10-15", "--format", "csv"),
    ("validate", "--as-of", "2007-10-15"),
]
EIA = Path("eias/eia-2007-drop-in-sessions.yaml")
PLAN = Path("plans/parent-partnership-2007.yaml")


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_bundled(tmp_path_factory.mktemp("hostile") / "records")


@settings(
    settings.get_profile("hostile"),
    max_examples=max(3, EXAMPLES // 400),  # each example runs six commands
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hostile_text, hostile_text)
def test_hostile_record_text_through_every_output(
    records: Path, monkeypatch: pytest.MonkeyPatch, title: str, action: str
) -> None:
    eia, plan = (records / EIA), (records / PLAN)
    original = eia.read_text(encoding="utf-8"), plan.read_text(encoding="utf-8")
    eia.write_text(
        original[0].replace(
            "title: Moving drop-in sessions to the civic centre", f"title: {json.dumps(title)}"
        ),
        encoding="utf-8",
    )
    plan.write_text(
        original[1].replace(
            "    text: Include impact assessment actions in team plan template",
            f"    text: {json.dumps(action)}",
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(records)
    try:
        for command in COMMANDS:
            result = CliRunner().invoke(app, list(command), env=HOSTILE, catch_exceptions=False)
            # 2: a record this text makes invalid cannot be scored, and says so.
            assert result.exit_code in (0, 1, 2), (command, result.output)
            out = result.stdout + result.stderr
            assert RAW.search(out) is None, command
            if command[-1] == "md":
                for line in out.splitlines():
                    assert "<!--" not in line and "@octocat" not in line
                    assert re.search(r"(?<!\\)\]\(", line) is None and "![" not in line
            elif command[-1] == "html":
                assert "<script>" not in out and "<!--" not in out and "<img" not in out
            elif command[-1] == "csv":
                for row in csv.reader(io.StringIO(result.stdout)):
                    assert not any(c.startswith(("=", "+", "-", "@")) for c in row)
    finally:
        eia.write_text(original[0], encoding="utf-8")
        plan.write_text(original[1], encoding="utf-8")


def test_the_generated_text_holds_what_it_should() -> None:
    # The strategies are only as good as what they can produce.
    assert any(unicodedata.bidirectional(c) == "RLO" for c in "".join(TOKENS))
    assert "\x1b" in "".join(TOKENS)
