"""Every golden output: what eqdiv prints for the bundled records (and for git
histories built from them), byte for byte, against the files in this folder.

EQDIV_UPDATE_GOLDEN=1 rewrites a golden file instead of comparing (then read the diff
before committing it). Each command's other behaviour is tested in tests/cli.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import TEXT_80, CliResult, matches_golden
from tests.gitsupport import GitRepo, by_role, by_subject, life_of_2b, october_branch

Cli = Callable[..., CliResult]
WIDTH = {"COLUMNS": "80"}  # rich reads the width from COLUMNS; pin it


@pytest.fixture(scope="module")
def october(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return october_branch(tmp_path_factory.mktemp("october"))


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return life_of_2b(tmp_path_factory.mktemp("life"))


# eqdiv status


def test_status(cli: Cli) -> None:
    result = cli("status", "--as-of", "2007-10-15", env=TEXT_80)
    assert result.exit_code == 0
    assert result.stderr == ""
    matches_golden("status-2007-10-15.txt", result.stdout)


# eqdiv consultation


def test_consultation_list(cli: Cli) -> None:
    result = cli("consultation", "list", env=TEXT_80)
    assert result.exit_code == 0
    matches_golden("consultation-list.txt", result.stdout)


def test_consultation_coverage_text_and_markdown(cli: Cli) -> None:
    text = cli("consultation", "coverage", "--as-of", "2007-10-15", env=TEXT_80)
    assert text.exit_code == 0
    matches_golden("coverage-2007-q2.txt", text.stdout)
    assert max(len(line) for line in text.stdout.splitlines()) <= 80
    md = cli("consultation", "coverage", "--as-of", "2007-10-15", "--format", "md", env=TEXT_80)
    matches_golden("coverage-2007-q2.md", md.stdout)


# eqdiv eia


def test_eia_list(cli: Cli, no_color: None) -> None:
    result = cli("eia", "list", "--as-of", "2008-11-15", env=WIDTH)
    assert (result.exit_code, result.stderr) == (0, "")
    matches_golden("eia-list.txt", result.stdout)
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_eia_score_text_and_markdown(cli: Cli, no_color: None) -> None:
    result = cli("eia", "score", "eia-2007-drop-in-sessions", env=WIDTH)
    assert (result.exit_code, result.stderr) == (0, "")
    matches_golden("eia-score-drop-in.txt", result.stdout)
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    result = cli("eia", "score", "eia-2007-drop-in-sessions", "--format", "md")
    assert result.exit_code == 0
    matches_golden("eia-score-drop-in.md", result.stdout)


# eqdiv report

QUARTERLY = ("report", "quarterly", "--as-of", "2007-10-15")
ANNUAL = ("report", "annual", "--year", "2007", "--as-of", "2008-04-30")


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_report_quarterly(cli: Cli, fmt: str) -> None:
    result = cli(*QUARTERLY, "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    matches_golden(f"report-quarterly-2007-q2.{fmt}", result.stdout)


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_report_annual(cli: Cli, fmt: str) -> None:
    result = cli(*ANNUAL, "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    matches_golden(f"report-annual-2007.{fmt}", result.stdout)


# eqdiv review


def test_review_markdown_comment(cli: Cli, october: GitRepo) -> None:
    result = cli("review", "--as-of", "2007-10-15", "--format", "md", cwd=october.top)
    assert (result.exit_code, result.stderr) == (1, "")
    matches_golden("review-october.md", by_role(october, result.stdout))


def test_review_text(cli: Cli, october: GitRepo) -> None:
    result = cli("review", "main", "HEAD", "--as-of", "2007-10-15", cwd=october.top, env=TEXT_80)
    assert (result.exit_code, result.stderr) == (1, "")
    matches_golden("review-october.txt", by_role(october, result.stdout))
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


# eqdiv history


def test_history_text(cli: Cli, lived: GitRepo) -> None:
    result = cli("history", "parent-partnership-2007/2b", cwd=lived.top, env=TEXT_80)
    assert (result.exit_code, result.stderr) == (0, "")
    matches_golden("history-2b.txt", by_subject(lived, result.stdout))
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


# eqdiv cases


@pytest.mark.parametrize(("form", "name"), [("text", "txt"), ("md", "md"), ("csv", "csv")])
def test_cases(cli: Cli, form: str, name: str) -> None:
    result = cli("cases", "--as-of", "2007-10-15", "--format", form, env=TEXT_80)
    assert result.exit_code == 0
    assert result.stderr == ""
    matches_golden(f"cases-2007-q2.{name}", result.stdout)
    if form == "text":
        assert max(len(line) for line in result.stdout.splitlines()) <= 80


# eqdiv workforce


def test_workforce_text(cli: Cli) -> None:
    result = cli("workforce", "--as-of", "2008-04-30", env=TEXT_80)
    assert result.exit_code == 0
    matches_golden("workforce-2008-04-30.txt", result.stdout)


def test_workforce_markdown(cli: Cli) -> None:
    result = cli("workforce", "--as-of", "2008-04-30", "--format", "md", env=TEXT_80)
    assert result.exit_code == 0
    matches_golden("workforce-2008-04-30.md", result.stdout)
