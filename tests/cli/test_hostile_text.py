"""Hostile record text through every output (issue 20): terminal escape sequences and
bidirectional overrides are shown, never obeyed; Markdown for a pull request or a
published page links, mentions, hides and closes nothing; HTML runs nothing; CSV
cells are never formulas."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv.output.review_markdown import MARKER
from tests.conftest import CliResult
from tests.gitsupport import GitRepo, new_repo

Cli = Callable[..., CliResult]

EIA = "eias/eia-2007-drop-in-sessions.yaml"
PLAN = "plans/parent-partnership-2007.yaml"
TITLE = "title: Moving drop-in sessions to the civic centre"
# As YAML writes it (a double-quoted string), and what a reader of the output sees.
HOSTILE = (
    r"\e[2J\e]8;;https://evil.example\aclick\e]8;;\a \u202eevil\u202c "
    r"[x](javascript:alert(1)) ![i](https://evil.example/i.png) <!-- </details> "
    r"@octocat https://evil.example www.evil.example [bold]rich[/bold] =1+1"
)
TERMINAL_SHOWN = "\u241b[2J\u241b]8;;https://evil.example"


@pytest.fixture
def hostile(tmp_path: Path) -> GitRepo:
    """A git repository whose last commit puts hostile text into an EIA's title and an
    action's text."""
    repo = new_repo(tmp_path)
    repo.edit(EIA, TITLE, f'title: "{HOSTILE}"')
    repo.edit(
        PLAN,
        "    text: Include impact assessment actions in team plan template",
        f'    text: "{HOSTILE}"',
    )
    repo.commit("Hostile text", "2007-10-01T10:00:00+01:00")
    return repo


TERMINAL = [
    ("status", "--as-of", "2007-10-15"),
    ("actions", "--as-of", "2007-10-15", "--all"),
    ("eia", "list", "--as-of", "2007-10-15"),
    ("eia", "score", "eia-2007-drop-in-sessions"),
    ("report", "quarterly", "--as-of", "2007-10-15", "--format", "txt"),
    ("review", "HEAD~1", "--as-of", "2007-10-15"),
    ("history", "eia-2007-drop-in-sessions"),
]


@pytest.mark.parametrize("command", TERMINAL, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("color", [False, True], ids=["piped", "colour"])
def test_terminal_output_shows_controls_and_never_obeys_them(
    cli: Cli, hostile: GitRepo, command: tuple[str, ...], color: bool
) -> None:
    env = {"FORCE_COLOR": "1", "COLUMNS": "200"} if color else {"NO_COLOR": "1"}
    result = cli(*command, cwd=hostile.records, env=env)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    out = result.stdout + result.stderr
    shown = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's own colours, when asked for
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\u202e" not in out and "\u202c" not in out
    if command[0] not in ("status", "actions"):  # these show neither text in full
        assert TERMINAL_SHOWN in shown and "<U+202E>evil<U+202C>" in shown
        assert "[bold]rich[/bold]" in shown  # rich markup in a record is text, not style


def test_validate_excerpt_shows_a_raw_control_character(cli: Cli, hostile: GitRepo) -> None:
    (hostile.records / "eias" / "raw.yaml").write_bytes(
        b"kind: eia\nid: raw\ntitle: a \x1b[2J \xe2\x80\xae b\n"
    )
    result = cli("validate", "--as-of", "2007-10-15", cwd=hostile.records, env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "  3 | title: a \u241b[2J <U+202E> b" in result.stdout


def _markdown_is_inert(text: str, *, own_details: int = 0) -> None:
    assert "\x1b" not in text and "\u202e" not in text
    assert "<!--" not in text.replace(MARKER, "")
    assert text.count("</details>") == own_details
    assert re.search(r"(?<!\\)\]\(", text) is None and "![" not in text  # link, image
    assert re.search(r"@[A-Za-z0-9]", text) is None  # no mention
    assert "https://" not in text and "www." not in text  # no bare link
    assert "<script" not in text and "[x]" not in text


MARKDOWN = [
    ("eia", "score", "eia-2007-drop-in-sessions", "--format", "md"),
    ("eia", "list", "--format", "md", "--as-of", "2007-10-15"),
    ("report", "quarterly", "--format", "md", "--as-of", "2007-10-15"),
    ("report", "annual", "--format", "md", "--as-of", "2008-04-15"),
    ("review", "HEAD~1", "--format", "md", "--as-of", "2007-10-15"),
]


@pytest.mark.parametrize("command", MARKDOWN, ids=lambda c: " ".join(c[:2]))
def test_markdown_links_mentions_and_hides_nothing(
    cli: Cli, hostile: GitRepo, command: tuple[str, ...]
) -> None:
    result = cli(*command, cwd=hostile.records)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    own = sum(line == "</details>" for line in result.stdout.splitlines())
    _markdown_is_inert(result.stdout, own_details=own)
    assert "octocat" in result.stdout and "evil" in result.stdout  # shown, as text


def test_html_report_runs_nothing(cli: Cli, hostile: GitRepo) -> None:
    result = cli("report", "quarterly", "--format", "html", "--as-of", "2007-10-15",
                 cwd=hostile.records)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert "\x1b" not in html and "\u202e" not in html
    assert "&lt;!-- &lt;/details&gt;" in html and "<!-- </details>" not in html
    assert "&lt;U+202E&gt;evil" in html


def test_csv_cells_are_never_formulas(cli: Cli, hostile: GitRepo) -> None:
    hostile.edit(PLAN, f'    text: "{HOSTILE}"', '    text: "=HYPERLINK(\\"https://x\\")"')
    result = cli("actions", "--all", "--format", "csv", "--as-of", "2007-10-15",
                 cwd=hostile.records)  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    texts = [row["text"] for row in rows]
    assert '\'=HYPERLINK("https://x")' in texts
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
