"""Demographics freshness: a population profile older than the latest census published,
and a dimension consultation asks about that the profile lacks, are warnings in
`eqdiv validate` and `eqdiv status` (pinned on a copy of the example records)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]
PROFILE = "demographics/area-profile-2021.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new, 1))


def findings(cli: Cli, root: Path, as_of: str) -> list[tuple[str, str, int, int, str]]:
    result = cli("validate", "--as-of", as_of, "--format", "json", cwd=root)
    return [
        (f["code"], f["path"], f["line"], f["column"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"].startswith("demographics-")
    ]


def test_the_example_profile_is_current(cli: Cli, root: Path) -> None:
    assert findings(cli, root, "2007-10-15") == []
    assert findings(cli, root, "2026-01-01") == []


def test_a_profile_older_than_the_latest_census(cli: Cli, root: Path) -> None:
    edit(root, PROFILE, "date: 2021-03-21", "date: 2011-03-27")
    # The 2011 profile is current until the 2021 results are out (28 June 2022).
    assert findings(cli, root, "2022-06-27") == []
    assert findings(cli, root, "2022-06-28") == [
        (
            "demographics-stale",
            PROFILE,
            9,
            7,
            "The population profile area-profile-2021 (Example District (illustrative)) has "
            "figures from 2011, but the 2021 census has been published since (first results "
            "2022-06-28).",
        )
    ]
    status = cli("status", "--as-of", "2022-06-28", cwd=root).stdout
    assert (
        "Population profile needing attention\n"
        "  area-profile-2021  figures from 2011; the 2021 census is out\n"
    ) in status
    shown = json.loads(cli("status", "--as-of", "2022-06-28", "-f", "json", cwd=root).stdout)
    assert shown["sections"]["population"] == {
        "needing_attention": [
            {"subject": "area-profile-2021", "problem": "demographics-stale",
             "path": PROFILE, "line": 9},
        ]
    }  # fmt: skip


def test_a_newer_profile_of_the_same_area_takes_over(cli: Cli, root: Path) -> None:
    old = (root / PROFILE).read_text().replace("id: area-profile-2021", "id: area-profile-2011")
    (root / "demographics" / "area-profile-2011.yaml").write_text(
        old.replace("date: 2021-03-21", "date: 2011-03-27")
    )
    assert findings(cli, root, "2023-01-01") == []


def test_a_dimension_consultation_asks_about_that_the_profile_lacks(cli: Cli, root: Path) -> None:
    text = (root / PROFILE).read_text()
    start = text.index("  disability:\n")
    end = text.index("  religion:\n")
    (root / PROFILE).write_text(text[:start] + text[end:])
    [(code, path, line, column, message)] = findings(cli, root, "2007-10-15")
    assert (code, path, column) == ("demographics-dimension-missing",
                                    "consultations/cons-2007-disability-forum.yaml", 5)  # fmt: skip
    assert (root / path).read_text().splitlines()[line - 1].strip() == "disability:"
    assert message == (
        "3 consultations asked people their disability (the latest, cons-2007-disability-forum), "
        "but the population profile area-profile-2021 has no disability figures, so who took "
        "part cannot be compared with the area."
    )
    status = cli("status", "--as-of", "2007-10-15", cwd=root).stdout
    assert "  disability  no disability figures for 3 consultations\n" in status
