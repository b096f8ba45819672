"""Information sharing agreements (kind: sharing-agreement): the findings pinned on a
copy of the example records, through `eqdiv validate`, `eqdiv status`, the reports and
the export."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]
COUNCIL_PCT = "sharing/isa-2006-council-pct.yaml"
NO_WRONG_DOOR = "sharing/isa-2007-no-wrong-door.yaml"
CVS_CASES = "cases/cases-cvs-2007.yaml"
Found = tuple[str, str, int, int]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new, 1))


def findings(cli: Cli, root: Path, as_of: str = "2007-10-15") -> list[Found]:
    result = cli("validate", "--as-of", as_of, "--format", "json", cwd=root)
    return [
        (f["code"], f["path"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"].startswith("sharing-")
    ]


def test_the_example_records_pin_both_findings(cli: Cli, root: Path) -> None:
    assert findings(cli, root) == [
        ("sharing-agreement-missing", CVS_CASES, 15, 9),
        ("sharing-review-overdue", COUNCIL_PCT, 25, 9),
    ]
    result = cli("validate", "--as-of", "2007-10-15", "--format", "json", cwd=root)
    [review] = [
        f for f in json.loads(result.stdout)["findings"] if f["code"] == "sharing-review-overdue"
    ]
    assert review["severity"] == "warning"
    assert review["record"] == "isa-2006-council-pct"
    assert review["message"] == (
        "Information sharing agreement isa-2006-council-pct (Referrals between the Parent "
        "Partnership service and health visiting) was due for review on 2007-09-30, 15 days ago."
    )


def test_before_the_review_date_only_the_missing_agreement(cli: Cli, root: Path) -> None:
    assert findings(cli, root, "2007-09-30") == [("sharing-agreement-missing", CVS_CASES, 15, 9)]
    # A year after the last hand-off, the two partners no longer pass work.
    edit(root, COUNCIL_PCT, "review: 2007-09-30", "review: 2009-09-30")
    edit(root, NO_WRONG_DOOR, "review: 2008-04-01", "review: 2009-04-01")
    assert findings(cli, root, "2008-06-29") == []


def test_an_agreement_covering_the_pair_clears_the_finding(cli: Cli, root: Path) -> None:
    edit(root, NO_WRONG_DOOR, "parties: [council, police, schools, cvs]",
         "parties: [council, police, schools, cvs, pct]")  # fmt: skip
    # The PCT has not signed the protocol it joined.
    assert findings(cli, root) == [
        ("sharing-review-overdue", COUNCIL_PCT, 25, 9),
        ("sharing-unsigned", NO_WRONG_DOOR, 21, 3),
    ]
    # An agreement that has ended covers nobody.
    edit(root, NO_WRONG_DOOR, "end: 2011-03-31", "end: 2007-09-01")
    assert [(f[0], f[1]) for f in findings(cli, root)] == [
        ("sharing-agreement-missing", CVS_CASES),
        ("sharing-agreement-missing", "cases/cases-police-2007.yaml"),
        ("sharing-agreement-missing", "cases/cases-schools-2007.yaml"),
        ("sharing-review-overdue", COUNCIL_PCT),
    ]


def test_a_joint_consultation_needs_an_agreement(cli: Cli, root: Path) -> None:
    path = "consultations/cons-2007-rural-drop-ins.yaml"
    edit(root, path, "organisation: cvs\n", "organisation: cvs\npartners: [police]\n")
    assert ("sharing-agreement-missing", CVS_CASES, 15, 9) in findings(cli, root)
    edit(root, path, "partners: [police]", "partners: [pct]")
    found = findings(cli, root)
    # The pair's latest exchange is the consultation, where the finding points.
    assert [f for f in found if f[0] == "sharing-agreement-missing"] == [
        ("sharing-agreement-missing", path, 5, 12)
    ]


def test_an_unknown_party_is_a_missing_reference(cli: Cli, root: Path) -> None:
    edit(root, COUNCIL_PCT, "parties: [council, pct]", "parties: [council, nhs]")
    result = cli("validate", "--as-of", "2007-10-15", "--format", "json", cwd=root)
    refs = [
        (f["line"], f["column"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"] == "ref-missing"
    ]
    assert refs == [(9, 20, "'nhs' is not a known partner organisation.")]


def test_status_shows_the_agreement_past_review(cli: Cli, root: Path) -> None:
    text = cli("status", "--as-of", "2007-10-15", cwd=root).stdout
    assert (
        "Information sharing needing attention\n"
        "  isa-2006-council-pct  review due 2007-09-30\n"
        "      Referrals between the Parent Partnership service and health visiting\n"
        "  cvs and pct  no agreement; 1 case hand-off\n"
    ) in text
    shown = json.loads(cli("status", "--as-of", "2007-10-15", "-f", "json", cwd=root).stdout)
    assert shown["sections"]["sharing"] == {
        "count": 2,
        "needing_attention": [
            {"subject": "isa-2006-council-pct", "problem": "sharing-review-overdue",
             "path": COUNCIL_PCT, "line": 25},
            {"subject": "cvs and pct", "problem": "sharing-agreement-missing",
             "path": CVS_CASES, "line": 15},
        ],
    }  # fmt: skip


def test_the_reports_list_the_agreements(cli: Cli, root: Path) -> None:
    shown = cli("report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15",
                "-f", "json", cwd=root)  # fmt: skip
    sharing = json.loads(shown.stdout)["report"]["sharing"]
    assert [i["id"] for i in sharing["items"]] == ["isa-2006-council-pct", "isa-2007-no-wrong-door"]
    assert sharing["items"][0]["attention"] == [
        "Information sharing agreement isa-2006-council-pct (Referrals between the Parent "
        "Partnership service and health visiting) was due for review on 2007-09-30, 15 days ago."
    ]
    assert sharing["summary"][0] == (
        "2 information sharing agreements in force in 2007/08 Q2 (July to September 2007)."
    )
    assert sharing["summary"][1].startswith(
        "Example Council for Voluntary Service and Example Primary Care Trust passed work"
    )
    annual = cli("report", "annual", "--year", "2007", "--as-of", "2008-05-01",
                 "-f", "json", cwd=root)  # fmt: skip
    published = json.loads(annual.stdout)["report"]["sharing"]
    assert [i["attention"] for i in published["items"]] == [[], []]
    assert published["items"][1]["lines"][5] == (
        "Signed for Example District Council (Chief Executive, 2 April 2007); Example Police "
        "(district command) (District Commander, 10 April 2007); Example Schools Forum (Chair "
        "of the Schools Forum, 16 April 2007); Example Council for Voluntary Service (Chief "
        "Officer, 20 April 2007)."
    )


def test_the_export_has_a_row_per_party(cli: Cli, root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("export", "--as-of", "2007-10-15", "-o", str(out), cwd=root).exit_code == 0
    rows = (out / "sharing_agreements.csv").read_text("utf-8").splitlines()
    assert rows[0] == (
        "partnership_id,agreement_id,title,partner_id,signed_role,signed,review,end,"
        "data_kinds,problems,as_of"
    )
    assert rows[1] == (
        "example-partnership,isa-2006-council-pct,Referrals between the Parent Partnership "
        "service and health visiting,council,Head of Children's Services,2006-09-04,"
        "2007-09-30,2010-03-31,3,sharing-review-overdue,2007-10-15"
    )
    assert len(rows) == 1 + 2 + 4
