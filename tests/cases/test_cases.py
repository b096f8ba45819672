"""Case folders, as check-jsonschema keeps them: every file in ``cases/positive`` must
validate cleanly; every file in ``cases/negative`` lists the exact findings it must give
in ``# expect: LINE:COL SEVERITY CODE MESSAGE`` comments at its top.

Each case is validated inside a minimal records repository (see conftest), so
cross-record checks run too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, RepoBuilder

EXPECT = "# expect: "


def case_files(kind: str) -> list[Path]:
    return sorted((CASES / kind).glob("*.yaml"))


def expected_findings(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [line.removeprefix(EXPECT) for line in lines if line.startswith(EXPECT)]


def found(repo: RepoBuilder, case: Path) -> list[str]:
    shutil.copy(case, repo.root / "case.yaml")
    result = repo.validate()
    return [
        f"{f.location.line}:{f.location.column} {f.severity} {f.code} {f.message}"
        for f in result.findings
        if f.location.path == "case.yaml"
    ] + [str(f) for f in result.findings if f.location.path != "case.yaml"]


@pytest.mark.parametrize("case", case_files("positive"), ids=lambda p: p.stem)
def test_positive_case_is_clean(repo: RepoBuilder, case: Path) -> None:
    assert found(repo, case) == []


@pytest.mark.parametrize("case", case_files("negative"), ids=lambda p: p.stem)
def test_negative_case_gives_exactly_its_findings(repo: RepoBuilder, case: Path) -> None:
    expected = expected_findings(case)
    assert expected, f"{case.name} has no '# expect:' lines"
    assert found(repo, case) == expected


def test_there_are_cases() -> None:
    assert len(case_files("positive")) >= 4
    assert len(case_files("negative")) >= 15
