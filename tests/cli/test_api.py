"""``eqdiv.api``: the plain functions give what the command line prints."""

from __future__ import annotations

import inspect
import json
import shutil
import typing
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv import api
from eqdiv.checks.validation import validation_to_dict
from eqdiv.model.errors import RepositoryNotFound, UsageError
from eqdiv.review.review_json import review_to_dict
from tests.conftest import AS_OF, BUNDLED, DATA, CliResult
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


# The whole public surface, each name with what a caller must find in its docstring
# besides the parameters every call shares (explained once, in the module docstring).
SHARED = {"root", "repo", "as_of", "dry_run"}


def test_the_api_is_importable_and_typed() -> None:
    assert sorted(api.__all__) == sorted(set(api.__all__))
    assert (Path(api.__file__).parent / "py.typed").is_file()
    for name in api.__all__:
        function = getattr(api, name)
        hints = typing.get_type_hints(function)  # every annotation resolves
        parameters = inspect.signature(function).parameters
        assert set(parameters) | {"return"} == set(hints), name


def test_every_public_name_is_documented() -> None:
    assert api.__doc__ is not None
    undocumented = {
        name: [
            p
            for p in inspect.signature(getattr(api, name)).parameters
            if p not in SHARED
            and f"``{p}``" not in (getattr(api, name).__doc__ or "")
            and f"``{p}=" not in (getattr(api, name).__doc__ or "")
        ]
        for name in api.__all__
    }
    assert {name: missing for name, missing in undocumented.items() if missing} == {}
    assert all(getattr(api, name).__doc__ for name in api.__all__)
    # The module docstring shows the writing calls too.
    assert all(f"api.{name}(" in api.__doc__ for name in ("start_record", "import_plan"))


def test_the_api_offers_the_kinds_and_frameworks_the_command_line_does() -> None:
    from eqdiv.cli.new_cmd import RecordKind
    from eqdiv.cli.options import Framework
    from eqdiv.model.plans import ActionStatus

    assert set(typing.get_args(api.RecordKind)) == {k.value for k in RecordKind}
    assert set(typing.get_args(api.Framework)) == {f.value for f in Framework}
    assert set(typing.get_args(api.ActionStatusName)) == {s.value for s in ActionStatus}


def test_start_record_writes_a_record_that_names_its_blanks(tmp_path: Path) -> None:
    copy = shutil.copytree(BUNDLED, tmp_path / "records")
    made = api.start_record(copy, "eia", AS_OF, title="Library opening hours", owner="DH")
    assert made.written and made.record.path == "eias/eia-2007-library-opening-hours.yaml"
    assert (copy / made.record.path).is_file()
    again = api.validate(api.load(copy), AS_OF)
    assert any(f.location.path == made.record.path for f in again.findings)


def test_an_output_outside_the_repository_is_refused(tmp_path: Path) -> None:
    copy = shutil.copytree(BUNDLED, tmp_path / "records")
    with pytest.raises(UsageError, match="not a file inside the records repository"):
        api.import_plan(copy, DATA / "seed-plan.csv", AS_OF, output="../elsewhere.yaml")
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_a_cadence_that_is_not_one_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="'fortnightly' is not a review cadence"):
        api.update_action(BUNDLED, "parent-partnership-2007", "1d", AS_OF, review="fortnightly")


def test_import_census_takes_one_file_and_area_as_given(tmp_path: Path) -> None:
    copy = shutil.copytree(BUNDLED, tmp_path / "records")
    census = DATA / "census" / "nomis-ts008-sex-ltla.csv"
    alone = api.import_census(copy, str(census), "E06000046", AS_OF, dry_run=True)
    listed = api.import_census(copy, [census], ["E06000046"], AS_OF, dry_run=True)
    assert alone.to_dict() == listed.to_dict() and not alone.failed
