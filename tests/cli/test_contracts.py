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


# --- the register: eqdiv contracts ---------------------------------------------------


def test_the_register_as_text(cli: Cli, root: Path) -> None:
    result = cli("contracts", "--as-of", "2007-11-01", cwd=root)
    assert result.exit_code == 0
    assert result.stdout == (
        "Contracts on 2007-11-01: 1 contract, 1 needing attention.\n"
        "\n"
        "con-2007-parent-advice-service  Independent parental advice service\n"
        "  Reference PPS-2007-014. Example District Council buys from Example\n"
        "  Independent Parental Supporters (a voluntary organisation).\n"
        "  In force: 2007-04-01 to 2010-03-31; review 2008-01-31.\n"
        "  Relevance to equality high, worth £25,000 to £100,000: needs an EIA and an\n"
        "  equality clause.\n"
        "  EIA: none linked.\n"
        "  Equality requirements: 1; award criteria: 2; clauses: 0.\n"
        "  Monitoring returns: 1 of 2 due received, 1 overdue.\n"
        f"  ! {CONTRACT}:4: no EIA (contract-eia-missing)\n"
        f"  ! {CONTRACT}:4: needs an equality clause (contract-clause-missing)\n"
        f"  ! {CONTRACT}:26: monitoring return due 2007-10-31 overdue (contract-return-overdue)\n"
    )


def test_the_register_as_json_csv_and_markdown(cli: Cli, root: Path) -> None:
    shown = json.loads(cli("contracts", "--as-of", "2007-10-15", "-f", "json", cwd=root).stdout)
    assert shown["command"] == "contracts" and shown["as_of"] == "2007-10-15"
    [entry] = shown["contracts"]
    assert entry["state"] == "in_force" and entry["needs_equality_terms"] is True
    assert entry["returns"] == {"due": 1, "received": 1, "overdue": 0}
    assert [(p["code"], p["line"]) for p in entry["problems"]] == [
        ("contract-eia-missing", 4),
        ("contract-clause-missing", 4),
    ]
    csv_text = cli("contracts", "--as-of", "2007-10-15", "-f", "csv", cwd=root).stdout
    header, row = csv_text.splitlines()
    assert header.startswith("id,reference,title,partner,provider,")
    assert row.startswith("con-2007-parent-advice-service,PPS-2007-014,")
    assert ",contract-eia-missing; contract-clause-missing," in row
    md = cli("contracts", "--as-of", "2007-10-15", "-f", "md", cwd=root).stdout
    assert "## Independent parental advice service (`con-2007-parent-advice-service`)" in md


def test_the_register_filters(cli: Cli, root: Path) -> None:
    def ids(*options: str) -> list[str]:
        result = cli("contracts", "-f", "json", *options, cwd=root)
        assert result.exit_code == 0, result.stderr
        return [c["id"] for c in json.loads(result.stdout)["contracts"]]

    assert ids("--as-of", "2007-10-15", "--partner", "council") == [
        "con-2007-parent-advice-service"
    ]
    assert ids("--as-of", "2007-10-15", "--partner", "pct") == []
    assert ids("--as-of", "2007-10-15", "--attention") == ["con-2007-parent-advice-service"]
    # Ended contracts only with --all.
    assert ids("--as-of", "2010-04-01") == []
    assert ids("--as-of", "2010-04-01", "--all") == ["con-2007-parent-advice-service"]
    unknown = cli("contracts", "--partner", "counci", cwd=root)
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "eqdiv: 'counci' is not a partner in eqdiv.yaml.\n"
        "  hint: Did you mean 'council'? Partners: council, pct, police, schools, cvs.\n"
    )


def test_record_text_is_escaped_in_every_format(cli: Cli, root: Path) -> None:
    edit(root, "title: Independent parental advice service", 'title: "=HYPERLINK(1) *x* \\e[2J"')
    text = cli("contracts", "--as-of", "2007-10-15", cwd=root).stdout
    assert "\x1b" not in text and "␛[2J" in text
    csv_text = cli("contracts", "--as-of", "2007-10-15", "-f", "csv", cwd=root).stdout
    assert ",'=HYPERLINK(1)" in csv_text
    md = cli("contracts", "--as-of", "2007-10-15", "-f", "md", cwd=root).stdout
    assert "\\*x\\*" in md


def test_no_contracts_says_how_to_add_one(cli: Cli, root: Path) -> None:
    (root / CONTRACT).unlink()
    result = cli("contracts", "--as-of", "2007-10-15", cwd=root)
    assert result.stdout == (
        "Contracts on 2007-10-15: 0 contracts, 0 needing attention.\n"
        "No contracts are recorded: add one with `eqdiv new contract` (in contracts/).\n"
    )


# --- the reports ---------------------------------------------------------------------


def test_the_quarterly_report_shows_each_contract_and_what_needs_doing(
    cli: Cli, root: Path
) -> None:
    shown = cli("report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15",
                "-f", "json", cwd=root)  # fmt: skip
    buying = json.loads(shown.stdout)["report"]["buying"]
    assert buying["summary"] == [
        "1 contract in force in 2007/08 Q2 (July to September 2007); 1 with equality "
        "requirements, award criteria or clauses written in.",
        "Needing attention on 15 October 2007: Independent parental advice service.",
    ]
    [item] = buying["items"]
    assert item["lines"][2] == (
        "Equality requirements in the specification: Offer information in alternative "
        "formats and community languages on request."
    )
    assert item["lines"][4] == "Equality clauses: none yet."
    assert [a.rsplit(", but ", 1)[1] for a in item["attention"]] == [
        "links no EIA.",
        "has no equality clause.",
    ]


def test_the_annual_report_lists_contracts_with_equality_requirements(cli: Cli, root: Path) -> None:
    def annual() -> dict[str, object]:
        shown = cli("report", "annual", "--year", "2007", "--as-of", "2008-05-01",
                    "-f", "json", cwd=root)  # fmt: skip
        found: dict[str, object] = json.loads(shown.stdout)["report"]["buying"]
        return found

    buying = annual()
    assert [i["id"] for i in buying["items"]] == ["con-2007-parent-advice-service"]  # type: ignore[attr-defined]
    assert [i["attention"] for i in buying["items"]] == [[]]  # type: ignore[attr-defined]
    # Without requirements, criteria or clauses it is counted, not listed.
    edit(root, "requirements:\n  - Offer", "requirements_:\n  - Offer")
    text = (root / CONTRACT).read_text()
    start = text.index("requirements_:")
    end = text.index("start:")
    (root / CONTRACT).write_text(text[:start] + text[end:])
    buying = annual()
    assert buying["items"] == []
    assert buying["summary"] == [
        "1 contract in force in 2007/08; 0 with equality requirements, award criteria or "
        "clauses written in."
    ]
    assert buying["empty"] == "No contract with equality requirements was in force in the period."


def test_the_export_has_a_contracts_table(cli: Cli, root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("export", "--as-of", "2007-10-15", "-o", str(out), cwd=root).exit_code == 0
    rows = (out / "contracts.csv").read_text("utf-8").splitlines()
    assert rows[0].startswith("partnership_id,contract_id,reference,title,partner_id,")
    assert rows[1].startswith("example-partnership,con-2007-parent-advice-service,PPS-2007-014,")
    assert rows[1].endswith(
        ",in_force,1,1,0,contract-eia-missing;contract-clause-missing,2007-10-15"
    )
