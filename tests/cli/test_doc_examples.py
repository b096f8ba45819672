"""The documentation's examples work as printed: every marked command in a page is run
in a fresh folder, in order, and its output compared with the page
(tests/doc_examples.py says how a page marks them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.doc_examples import Command, WriteFile, matches, run_page, steps

# Pages with examples to run: every page of docs/ that marks one.
PAGES = sorted(
    str(p.relative_to(PROJECT))
    for p in (PROJECT / "docs").rglob("*.md")
    if "<!-- doc-test" in p.read_text(encoding="utf-8")
)


def test_the_tutorial_is_among_the_pages_run() -> None:
    assert "docs/tutorial.md" in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_the_examples_work_as_printed(name: str, tmp_path: Path) -> None:
    failures = run_page(name, (PROJECT / name).read_text(encoding="utf-8"), tmp_path)
    assert not failures, "\n\n".join(failures)


def test_every_command_of_the_tutorial_is_run() -> None:
    """Only the installation (which needs the network) is shown without being run: a
    newcomer follows the page from `eqdiv init` to the report, so all of it is tested."""
    page = (PROJECT / "docs/tutorial.md").read_text(encoding="utf-8")
    unmarked: list[list[str]] = []
    body: list[str] | None = None
    previous = ""
    for line in page.splitlines():
        if line.startswith("```"):
            if body is None and not previous.startswith("<!-- doc-test"):
                body = []
                unmarked.append(body)
            elif body is not None:
                body = None
            else:
                body = []  # a marked block: read past it
        elif body is not None:
            body.append(line)
        previous = line
    assert len(unmarked) == 1 and "pip install" in "\n".join(unmarked[0])
    run = [s.text for s in steps(page) if isinstance(s, Command)]
    for command in ("eqdiv init", "eqdiv import plan", "eqdiv status", "eqdiv report quarterly"):
        assert any(text.startswith(command) for text in run), command


def test_the_blocks_are_read_as_commands_outputs_and_files() -> None:
    page = (
        "Text.\n\n<!-- doc-test -->\n```\n$ eqdiv validate\nOK\n$ cd x\n```\n\n"
        "<!-- doc-test: write a/b.yaml -->\n```yaml\nkind: people\n```\n\n```\n$ not run\n```\n"
    )
    assert steps(page) == [
        Command(5, "eqdiv validate", ("OK",)),
        Command(7, "cd x", ()),
        WriteFile(12, "a/b.yaml", "kind: people\n"),
    ]


def test_output_is_compared_line_by_line_with_ellipses_for_what_varies() -> None:
    assert matches(("OK: 2 files",), "OK: 2 files\n")
    assert not matches(("OK: 2 files",), "OK: 3 files\n")
    assert not matches(("OK",), "OK\nand more\n")
    assert not matches((), "something\n")
    assert matches(("Wrote ... in ...", "..."), "Wrote a in /tmp/x\nb\nc\n")
    assert matches(("a", "...", "z"), "a\nz\n")
    assert not matches(("a", "...", "z"), "a\nb\n")


def test_a_failing_example_is_reported_with_its_line(tmp_path: Path) -> None:
    page = "<!-- doc-test -->\n```\n$ eqdiv --version\neqdiv 0.0.0\n```\n"
    (failure,) = run_page("page.md", page, tmp_path)
    assert failure.startswith("page.md:3: `eqdiv --version` exited 0")
