"""``eqdiv import census`` as a user runs it: files in, a profile written, problems named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from tests.conftest import CliResult, RepoBuilder

DATA = Path(__file__).parents[1] / "data" / "census"
WIGHT = "E06000046"
PROFILE = "demographics/census-2021-profile.yaml"
NOMIS = [
    "nomis-ts007-age-ltla.csv",
    "nomis-ts008-sex-ltla.csv",
    "nomis-ts021-ethnic-group-ltla.csv",
    "nomis-ts030-religion-ltla.csv",
    "nomis-ts038-disability-ltla.csv",
    "nomis-ts077-sexual-orientation-ltla.csv",
    "nomis-ts078-gender-identity-ltla.csv",
]
Cli = Callable[..., CliResult]


def files(*names: str) -> list[str]:
    return [str(DATA / name) for name in names]


def test_seven_tables_make_a_profile_that_validates(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("import", "census", *files(*NOMIS), "--area", WIGHT, cwd=repo.root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Wrote demographics/census-2021-profile.yaml: 7 dimensions for E06000046." in (
        result.stdout
    )
    record = yaml.safe_load((repo.root / PROFILE).read_text(encoding="utf-8"))
    assert record["area"] == "Isle of Wight (E06000046)"
    assert record["areas"] == [WIGHT]
    assert record["source"] == ("ONS Census 2021 (TS007, TS008, TS021, TS030, TS038, TS077, TS078)")
    assert record["dimensions"]["sex"]["categories"] == {"female": 71034, "male": 69252}
    assert cli("validate", cwd=repo.root).exit_code == 0


def test_problems_are_named_and_nothing_is_written(cli: Cli, repo: RepoBuilder) -> None:
    result = cli(
        "import", "census", *files("broken-not-summing.csv"), "--area", WIGHT, cwd=repo.root
    )
    assert result.exit_code == 1
    assert "broken-not-summing.csv:2:4: error census-sum-mismatch In E06000046" in result.stdout
    assert "Nothing was written" in result.stdout
    assert not (repo.root / PROFILE).exists()


def test_json_says_what_was_found_and_written(cli: Cli, repo: RepoBuilder) -> None:
    result = cli(
        "import", "census", *files("custom-sex-ltla.csv"), "--area", f"{WIGHT},E06000991",
        "--format", "json", cwd=repo.root,
    )  # fmt: skip
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["command"] == "import census"
    assert report["written"] is True and report["updated"] is False
    assert report["areas"] == [WIGHT, "E06000991"]
    assert report["dimensions"]["sex"]["total"] == 140286 + 58731
    assert report["findings"] == []


def test_a_second_import_updates_the_profile_and_keeps_the_rest(
    cli: Cli, repo: RepoBuilder
) -> None:
    assert cli("import", "census", *files("nomis-ts008-sex-ltla.csv"), "--area", WIGHT,
               cwd=repo.root).exit_code == 0  # fmt: skip
    result = cli(
        "import", "census", *files("custom-religion-ltla.csv"), "--area", WIGHT, cwd=repo.root
    )
    assert result.exit_code == 0
    assert "Updated demographics/census-2021-profile.yaml: 2 dimensions" in result.stdout
    record = yaml.safe_load((repo.root / PROFILE).read_text(encoding="utf-8"))
    assert list(record["dimensions"]) == ["sex", "religion"]


def test_dry_run_shows_the_profile_and_writes_nothing(cli: Cli, repo: RepoBuilder) -> None:
    result = cli(
        "import", "census", *files("nomis-ts008-sex-ltla.csv"), "--area", WIGHT, "--dry-run",
        cwd=repo.root,
    )  # fmt: skip
    assert result.exit_code == 0
    assert "female: 71034" in result.stdout
    assert not (repo.root / PROFILE).exists()


def test_an_id_that_is_not_an_id_is_a_usage_error(cli: Cli, repo: RepoBuilder) -> None:
    result = cli(
        "import", "census", *files("nomis-ts008-sex-ltla.csv"), "--area", WIGHT,
        "--id", "../../people", cwd=repo.root,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--id '../../people' is not an id: it becomes a file name" in result.stderr
    assert not (repo.root.parent / "people.yaml").exists()
