"""Contracts (kind: contract): the findings, proportionate to relevance and value, pinned
on a copy of the example records, through `eqdiv validate` and `eqdiv status`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]
CONTRACT = "contracts/con-2007-parent-advice-service.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


def edit(root: Path, old: str, new: str) -> None:
    path = root / CONTRACT
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def findings(cli: Cli, root: Path, as_of: str = "2007-10-15") -> list[tuple[str, str, int]]:
    result = cli("validate", "--as-of", as_of, "--format", "json", cwd=root)
    return [
        (f["code"], f["severity"], f["line"])
        for f in json.loads(result.stdout)["findings"]
        if f["path"] == CONTRACT
    ]


def test_a_high_relevance_contract_needs_an_eia_and_a_clause(cli: Cli, root: Path) -> None:
    assert findings(cli, root) == [
        ("contract-clause-missing", "warning", 4),
        ("contract-eia-missing", "warning", 4),
    ]
    # Before it starts, and after it ends, it is not in force: nothing to do.
    assert findings(cli, root, "2007-03-31") == []
    assert findings(cli, root, "2010-04-01") == []


def test_status_shows_the_contract_needing_an_equality_clause(cli: Cli, root: Path) -> None:
    text = cli("status", "--as-of", "2007-10-15", cwd=root).stdout
    assert (
        "Contracts needing attention\n"
        "  con-2007-parent-advice-service  no EIA; needs an equality clause\n"
    ) in text


def test_an_overdue_monitoring_return(cli: Cli, root: Path) -> None:
    assert ("contract-return-overdue", "warning", 26) in findings(cli, root, "2007-11-01")
    edit(root, "  - due: 2007-10-31\n", "  - due: 2007-10-31\n    received: 2007-10-30\n")
    assert [f[0] for f in findings(cli, root, "2007-11-01")] == [
        "contract-clause-missing",
        "contract-eia-missing",
    ]


def test_a_linked_eia_below_the_minimum_grade(cli: Cli, root: Path) -> None:
    # The thin leaflet EIA grades Inadequate; the partnership's minimum is Adequate.
    edit(
        root, "requirements:", "eia: eia-2007-service-leaflet\nclauses: [Clause 12]\nrequirements:"
    )
    assert findings(cli, root) == [("contract-eia-below-minimum", "warning", 14)]


def test_a_linked_eia_that_does_not_exist(cli: Cli, root: Path) -> None:
    edit(root, "requirements:", "eia: eia-nowhere\nclauses: [Clause 12]\nrequirements:")
    assert [(code, line) for code, _, line in findings(cli, root)] == [("ref-missing", 14)]


@pytest.mark.parametrize(
    ("relevance", "band", "expected"),
    [
        ("low", "over_500k", []),
        ("medium", "25k_to_100k", []),
        ("medium", "100k_to_500k", ["contract-clause-missing", "contract-eia-missing"]),
    ],
)
def test_proportionate_to_relevance_and_value(
    cli: Cli, root: Path, relevance: str, band: str, expected: list[str]
) -> None:
    edit(root, "relevance: high", f"relevance: {relevance}")
    edit(root, "value_band: 25k_to_100k", f"value_band: {band}")
    assert [f[0] for f in findings(cli, root)] == expected
