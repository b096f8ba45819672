"""``eqdiv assess``: where the partnership stands against the Equality Standard, and
self-assessment claims checked by ``validate``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT, CliResult

Cli = Callable[..., CliResult]
RECORDS = PROJECT / "records"
DAY = "2007-10-15"
SA = "self-assessments/sa-2007-eslg-level-2.yaml"


@pytest.fixture
def records(tmp_path: Path) -> Path:
    copy = tmp_path / "records"
    shutil.copytree(RECORDS, copy)
    return copy


def assess_json(cli: Cli, repo: Path = RECORDS, *options: str) -> tuple[int, dict[str, Any]]:
    result = cli("--repo", str(repo), "assess", "--as-of", DAY, "-f", "json", *options)
    return result.exit_code, json.loads(result.stdout)


def criteria(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for g in report["groups"] for c in g["criteria"]}


def test_level_2_of_the_standard_is_not_met_on_the_bundled_records(cli: Cli) -> None:
    code, report = assess_json(cli)
    assert code == 0
    assert report["framework"]["id"] == "eslg-2007"
    assert report["self_assessment"]["id"] == "sa-2007-eslg-level-2"
    assert report["target"] == {
        "level": "L2",
        "reached": False,
        "needs": ["L1.4", "L2.1", "L2.3", "L2.4", "L2.5"],
    }
    assert report["reached"] is None and report["next_level"] == "L1"
    found = criteria(report)
    reached = {k: found[k]["reached"] for k in ("L1.1", "L1.4", "L2.1", "L2.2", "L2.3", "L2.5")}
    assert reached == {
        "L1.1": "met",
        "L1.4": "not_met",
        "L2.1": "not_met",
        "L2.2": "met",
        "L2.3": "not_met",
        "L2.5": "not_met",
    }
    # The evidence it found, and the gaps the seed plan's own actions are meant to close.
    assert found["L2.2"]["evidence_found"][:2] == [
        "cons-2007-citizens-panel",
        "area-profile-2021",
    ] or ("area-profile-2021" in found["L2.2"]["evidence_found"])
    assert (
        "Below Adequate: eia-2007-drop-in-sessions, eia-2007-service-leaflet."
        in (found["L2.1"]["gaps"])
    )
    assert [a["ref"] for a in found["L2.1"]["actions"]][:2] == [
        "parent-partnership-2007/1c",
        "parent-partnership-2007/1d",
    ]
    assert {a["ref"].split("/")[1] for a in found["L2.3"]["actions"]} == {"3a", "3b", "3c"}
    assert report["problems"] == []


def test_text_says_whether_the_target_is_reached(cli: Cli) -> None:
    result = cli("--repo", str(RECORDS), "assess", "--as-of", DAY)
    assert result.exit_code == 0
    assert "Target L2: not reached; still needed: L1.4, L2.1, L2.3, L2.4, L2.5." in result.stdout
    assert "L2.2 Consultation with designated groups begun: claimed met; records show met" in (
        result.stdout
    )


def test_deleted_evidence_is_a_finding_in_validate_and_assess(cli: Cli, records: Path) -> None:
    (records / "consultations" / "cons-2007-traveller-outreach.yaml").unlink()
    result = cli("--repo", str(records), "validate", "--as-of", DAY)
    assert result.exit_code == 1
    assert (
        f"{SA}:59:17: error assessment-evidence-missing The evidence for L2.2, record "
        "'cons-2007-traveller-outreach', does not exist." in result.stdout
    )
    code, report = assess_json(cli, records)
    assert code == 1
    assert [p["code"] for p in report["problems"]] == ["assessment-evidence-missing"]


def test_a_claim_the_eia_grades_do_not_back_is_flagged(cli: Cli, records: Path) -> None:
    path = records / SA
    data = yaml.safe_load(path.read_text("utf-8"))
    text = path.read_text("utf-8")
    assert data["criteria"][5]["criterion"] == "L2.1"
    path.write_text(text.replace("claim: partly", "claim: met", 1), "utf-8")
    result = cli("--repo", str(records), "validate", "--as-of", DAY)
    assert result.exit_code == 0  # a warning: the claim is a judgement, the records question it
    assert (
        "warning assessment-claim-unsupported L1.4 is claimed as met, but the records do not "
        "show it: Action parent-partnership-2007/5b has not been reviewed since 2007-07-31."
    ) in result.stdout
    text = path.read_text("utf-8").replace("claim: met\n    evidence:\n      - record: eia", "X")
    path.write_text(
        path.read_text("utf-8").replace(
            "  - criterion: L2.1\n    claim: partly", "  - criterion: L2.1\n    claim: met"
        ),
        "utf-8",
    )
    result = cli("--repo", str(records), "validate", "--as-of", DAY)
    assert (
        "L2.1 is claimed as met, but the records do not show it: Below Adequate: "
        "eia-2007-drop-in-sessions, eia-2007-service-leaflet." in result.stdout
    )
    code, report = assess_json(cli, records)
    assert code == 1
    assert sorted(p["criterion"] for p in report["problems"]) == ["L1.4", "L2.1"]


def test_unknown_criteria_and_claims_are_errors(cli: Cli, records: Path) -> None:
    path = records / SA
    text = path.read_text("utf-8")
    text = text.replace("criterion: L1.2\n    claim: met", "criterion: L9.9\n    claim: met")
    text = text.replace("criterion: L1.3\n    claim: met", "criterion: L1.3\n    claim: Excellent")
    path.write_text(text, "utf-8")
    result = cli("--repo", str(records), "validate", "--as-of", DAY)
    assert result.exit_code == 1
    assert "error assessment-criterion-unknown ESLG has no criterion 'L9.9'." in result.stdout
    assert (
        "error assessment-claim-unknown 'Excellent' is not a claim ESLG criterion L1.3 can "
        "make: not_met, partly, met." in result.stdout
    )


def test_draft_writes_a_self_assessment_that_validates(cli: Cli, records: Path) -> None:
    for old in (records / "self-assessments").iterdir():
        old.unlink()
    result = cli("--repo", str(records), "assess", "--as-of", "2007-11-01", "--draft")
    assert result.exit_code == 0
    written = records / "self-assessments" / "sa-2007-11-01-eslg-2007.yaml"
    assert f"Wrote {written.relative_to(records)}" in result.stdout.replace("\\", "/")
    data = yaml.safe_load(written.read_text("utf-8"))
    claims = {c["criterion"]: c for c in data["criteria"]}
    assert claims["L2.2"]["claim"] == "met"
    assert claims["L2.1"]["claim"] == "not_met"
    assert claims["L1.1"]["claim"] == "partly"  # no rule: a person decides
    assert "parent-partnership-2007/1d" in claims["L2.1"]["actions"]
    assert cli("--repo", str(records), "validate", "--as-of", "2007-11-01").exit_code == 0
    _, report = assess_json(cli, records, "--as-of", "2007-11-01")
    assert report["self_assessment"]["id"] == "sa-2007-11-01-eslg-2007"


def test_eflg_criteria_are_reached_level_by_level(cli: Cli) -> None:
    result = cli(
        "--repo", str(RECORDS), "assess", "--as-of", "2022-04-30", "--framework", "eflg-2021",
        "-f", "json",
    )  # fmt: skip
    report = json.loads(result.stdout)
    found = criteria(report)
    assert report["self_assessment"]["id"] == "sa-2022-eflg"
    assert found["M1.1"]["reached"] == "Developing"
    assert found["M1.1"]["rules"][0] == {
        "rule": "demographics_current",
        "outcome": "met",
        "reason": "The population profile is from the 2011 census or later.",
        "records": ["area-profile-2021"],
    }
    assert found["M4.3"]["reached"] == "not_yet"
    # ESLG-tagged actions roll up under EFLG through the crosswalk (element 1 -> M2.3).
    assert {a["ref"].split("/")[1] for a in found["M2.3"]["actions"]} >= {"1a", "1c", "1d"}
    assert report["self_assessment"]["views"][0]["by"] == "scrutiny"


def test_a_repository_framework_replaces_the_shipped_one(cli: Cli, records: Path) -> None:
    shipped = yaml.safe_load((PROJECT / "frameworks" / "eslg-2007.yaml").read_text("utf-8"))
    level_two = shipped["levels"][1]["criteria"][0]
    level_two["evidence"][1]["rule"] = {"eia_register_at_least": "Inadequate"}
    (records / "frameworks").mkdir()
    (records / "frameworks" / "eslg-2007.yaml").write_text(yaml.safe_dump(shipped), "utf-8")
    _, report = assess_json(cli, records)
    assert criteria(report)["L2.1"]["reached"] == "met"
    (records / "frameworks" / "eslg-2007.yaml").write_text(
        "kind: framework\nid: eslg-2007\nname: Broken\nlevels: [{id: L1}]\n", "utf-8"
    )
    result = cli("--repo", str(records), "validate", "--as-of", DAY)
    assert "error framework-invalid" in result.stdout
    _, report = assess_json(cli, records)
    assert criteria(report)["L2.1"]["reached"] == "not_met"  # the shipped one, as before


def test_unknown_framework_is_a_usage_error(cli: Cli) -> None:
    result = cli("--repo", str(RECORDS), "assess", "--framework", "eslg-2008", "--as-of", DAY)
    assert result.exit_code == 2
    assert "--framework 'eslg-2008' is not a framework eqdiv has." in result.stderr


def test_markdown_and_html_say_the_same(cli: Cli, tmp_path: Path) -> None:
    md = cli("--repo", str(RECORDS), "assess", "--as-of", DAY, "-f", "md").stdout
    assert "Target L2: not reached; still needed: L1.4, L2.1, L2.3, L2.4, L2.5." in md
    assert "| L2.2 Consultation with designated groups begun | met | met |  |  |" in md
    page = tmp_path / "assess.html"
    result = cli("--repo", str(RECORDS), "assess", "--as-of", DAY, "-f", "html", "-o", str(page))
    assert result.exit_code == 0
    html = page.read_text("utf-8")
    assert '<html lang="en-GB">' in html
    assert "Target L2: not reached; still needed: L1.4, L2.1, L2.3, L2.4, L2.5." in html
    assert "<caption>What the records show for L2.1</caption>" in html
