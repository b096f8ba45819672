"""``eqdiv.api``: the plain functions give what the command line prints."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv import api
from eqdiv.checks.validation import validation_to_dict
from eqdiv.model.errors import RepositoryNotFound
from eqdiv.review.review_json import review_to_dict
from tests.conftest import AS_OF, BUNDLED, CliResult
from tests.gitsupport import october_branch

Cli = Callable[..., CliResult]
DAY = "2007-10-15"


def test_validate_is_the_commands_json(cli: Cli) -> None:
    result = cli("validate", "--as-of", DAY, "--format", "json")
    assert json.loads(result.stdout) == validation_to_dict(api.validate(api.load(BUNDLED), AS_OF))


def test_status_is_the_commands_json(cli: Cli) -> None:
    result = cli("status", "--as-of", DAY, "--format", "json")
    assert json.loads(result.stdout) == api.status(api.load(BUNDLED), AS_OF).to_dict()


def test_report_and_render_are_the_commands_output(cli: Cli) -> None:
    repo = api.load(BUNDLED)
    model = api.report(repo, AS_OF, "annual", "2006")
    shown = cli("report", "annual", "--year", "2006", "--as-of", DAY, "--format", "json")
    assert json.loads(shown.stdout)["report"] == model.to_dict()
    html = cli("report", "annual", "--year", "2006", "--as-of", DAY, "--format", "md")
    assert html.stdout == api.render(model, "md", repo)


def test_review_is_the_commands_json(cli: Cli, tmp_path: Path) -> None:
    october = october_branch(tmp_path)
    result = cli("review", "main", "--as-of", DAY, "-f", "json", cwd=october.top)
    assert json.loads(result.stdout) == review_to_dict(
        api.review(october.records, "main", as_of=AS_OF)
    )


def test_load_names_a_folder_that_is_not_a_records_repository(tmp_path: Path) -> None:
    with pytest.raises(RepositoryNotFound, match=r"has no eqdiv\.yaml"):
        api.load(tmp_path)


def test_load_with_the_cache_gives_the_same_records(tmp_path: Path) -> None:
    copy = shutil.copytree(BUNDLED, tmp_path / "records")
    plain = validation_to_dict(api.validate(api.load(copy), AS_OF))
    for _ in range(2):  # the first run fills the cache, the second reads from it
        assert validation_to_dict(api.validate(api.load(copy, cache=True), AS_OF)) == plain
    assert (copy / ".eqdiv-cache").is_dir()
