"""Every view that is not protected says so, in the same words: exact counts
(``--unsuppressed``, a staff export) and the working views of the records."""

from __future__ import annotations

from collections.abc import Callable

from eqdiv.figures.suppression import STAFF_ONLY, STAFF_ONLY_EXCERPTS
from tests.conftest import TEXT_80, CliResult, RepoBuilder

Cli = Callable[..., CliResult]
LABEL = "Staff only — unsuppressed"


def test_consultation_list_says_on_screen_it_is_for_staff(cli: Cli) -> None:
    result = cli("consultation", "list", env=TEXT_80)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == STAFF_ONLY
    assert "Fathers" in result.stdout or "fathers" in result.stdout


def test_every_unsuppressed_view_carries_the_same_label(cli: Cli) -> None:
    for args in (
        ("consultation", "coverage", "--period", "2007-Q2", "--unsuppressed"),
        ("consultation", "coverage", "--period", "2007-Q2", "--unsuppressed", "-f", "md"),
        ("workforce", "--unsuppressed"),
        ("workforce", "--unsuppressed", "-f", "md"),
    ):
        result = cli(*args, env=TEXT_80)
        assert result.exit_code == 0, args
        assert LABEL in result.stdout.replace("\n", " "), args
    published = cli("consultation", "coverage", "--period", "2007-Q2", env=TEXT_80)
    assert LABEL not in published.stdout


def test_validate_excerpts_say_they_are_for_staff(repo: RepoBuilder, cli: Cli) -> None:
    repo.write({"c.yaml": "kind: consultation\nid: c\ntitle: T\nstart: 2007-13-01\n"})
    result = cli("validate", "--repo", str(repo.root), env=TEXT_80)
    assert result.exit_code == 1
    assert "|" in result.stdout  # an excerpt of the file, with its line number
    assert STAFF_ONLY_EXCERPTS.split(":")[0] in result.stdout
    (repo.root / "c.yaml").unlink()
    clean = cli("validate", "--repo", str(repo.root), env=TEXT_80)
    assert clean.exit_code == 0 and LABEL not in clean.stdout
