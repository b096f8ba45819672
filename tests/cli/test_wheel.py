"""schemas/ and templates/ ship inside the wheel, so an installed eqdiv works on any
records repository, not only in this checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, PROJECT, environ_without_color


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    built = list(WheelBuilder(str(PROJECT)).build(directory=str(out), versions=["standard"]))
    return Path(built[0])


def test_wheel_carries_schemas_templates_and_categories(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    schemas = sorted(p.name for p in (PROJECT / "schemas").glob("*.json"))
    assert (
        sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("eqdiv/_data/schemas/"))
        == schemas
    )
    assert any(n.startswith("eqdiv/_data/templates/") for n in names)
    assert "eqdiv/eia/rubric.yaml" in names  # the shipped EIA rubric
    assert "eqdiv/_data/categories/census-2021.yaml" in names
    assert "eqdiv/py.typed" in names  # type checkers read eqdiv.api's types (PEP 561)
    assert not any(n.startswith(("records/", "tests/")) for n in names)


def test_wheel_carries_the_record_skeletons(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    skeletons = sorted(
        p.relative_to(PROJECT).as_posix()
        for p in (PROJECT / "eqdiv" / "skeletons").rglob("*")
        if p.is_file()
    )
    assert skeletons and [n for n in skeletons if n not in names] == []


def test_unpacked_wheel_validates_a_repository_elsewhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = environ_without_color() | {"PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", "import eqdiv.model.resources as r; print(r.schema_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert done.stdout.strip() == str(site / "eqdiv" / "_data" / "schemas")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "eqdiv",
            "--repo",
            str(BUNDLED),
            "validate",
            "--as-of",
            "2007-10-15",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "(41 files checked)" in done.stdout


def test_unpacked_wheel_scores_eias_with_its_shipped_rubric(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = environ_without_color() | {"PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-m", "eqdiv", "--repo", str(BUNDLED), "eia", "score", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["rubric"]["shipped"] and data["summary"]["scored"] == 4
    assert done.stderr == ""
