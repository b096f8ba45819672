"""`--format junit` and `--format sarif`: the XML parses and says what validate says;
the SARIF log has the structure SARIF 2.1.0 requires, rules named by finding codes and
results located by relative URIs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from eqdiv.model import codes
from tests.conftest import CliResult, RepoBuilder

Cli = Callable[..., CliResult]

BROKEN = """\
kind: action-plan
id: broken-plan
title: Broken
owner: DH
framework: eslg-2007
actions:
  - id: 1a
    element: 1
    text: Do it
    owners: [DH]
    due: 2007-09
    status: in progres
"""
UNDATED = """\
kind: action-plan
id: undated-plan
title: Undated
owner: XX
framework: eslg-2007
actions:
  - id: 1a
    element: 1
    text: Some day
    owners: [DH]
    status: not_started
"""


def test_junit_one_case_per_file(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plans/broken.yaml": BROKEN, "plans/undated.yaml": UNDATED, "a & b.yaml": "\x01"})
    result = cli("validate", "--format", "junit", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 1
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suites = ET.fromstring(result.stdout)
    suite = suites.find("testsuite")
    assert suite is not None
    assert [suites.get(k) for k in ("name", "tests", "failures", "errors")] == [
        "eqdiv validate",
        "5",
        "3",
        "0",
    ]
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert sorted(cases) == [
        "a & b.yaml",
        "eqdiv.yaml",
        "people.yaml",
        "plans/broken.yaml",
        "plans/undated.yaml",
    ]
    assert all(c.get("classname") == "eqdiv.validate" for c in cases.values())
    failure = cases["plans/broken.yaml"].find("failure")
    assert failure is not None
    assert failure.get("type") == "schema"
    assert failure.get("message") == (
        "1 problem: 'in progres' is not an allowed value here. Allowed: not_started, "
        "in_progress, ongoing, complete, deferred, cancelled."
    )
    assert failure.text is not None
    assert failure.text.splitlines()[0] == (
        "plans/broken.yaml:12:13: error schema 'in progres' is not an allowed value here. "
        "Allowed: not_started, in_progress, ongoing, complete, deferred, cancelled."
    )
    # The failure lists every finding in the file, warnings too.
    undated = cases["plans/undated.yaml"].find("failure")
    assert undated is not None and undated.text is not None
    lines = [line for line in undated.text.splitlines() if not line.startswith("  hint:")]
    assert [line.split(" ")[1:3] for line in lines] == [
        ["error", "ref-missing"],
        ["warning", "undated"],
    ]
    # Characters XML cannot hold are replaced, not written.
    bad = cases["a & b.yaml"].find("failure")
    assert bad is not None and "\x01" not in (bad.text or "")


def test_warnings_fail_a_case_only_with_fail_on_warning(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plans/undated.yaml": UNDATED.replace("owner: XX", "owner: DH")})
    result = cli("validate", "-f", "junit", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 0
    suites = ET.fromstring(result.stdout)
    case = next(c for c in suites.iter("testcase") if c.get("name") == "plans/undated.yaml")
    out = case.find("system-out")
    assert case.find("failure") is None and out is not None and out.text is not None
    assert out.text.startswith("plans/undated.yaml:7:5: warning undated")
    args = ("validate", "-f", "junit", "--fail-on", "warning", "--as-of", "2007-10-15")
    result = cli(*args, cwd=repo.root)
    assert result.exit_code == 1
    assert ET.fromstring(result.stdout).get("failures") == "1"


def test_junit_for_clean_records(cli: Cli) -> None:
    result = cli("validate", "-f", "junit", "--as-of", "2007-10-15")
    assert result.exit_code == 0
    suites = ET.fromstring(result.stdout)
    files = json.loads(cli("validate", "-f", "json", "--as-of", "2007-10-15").stdout)["summary"]
    assert (suites.get("tests"), suites.get("failures")) == (str(files["files"]), "0")
    assert all(c.find("failure") is None for c in suites.iter("testcase"))


def check_sarif(log: dict[str, Any]) -> None:
    """The parts of SARIF 2.1.0 that a log must have, and that viewers rely on."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "eqdiv" and isinstance(driver["version"], str)
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        # Every code eqdiv emits is catalogued, so every rule says what it means.
        assert set(rule) == {"id", "shortDescription", "fullDescription", "defaultConfiguration"}
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
    bases = run.get("originalUriBaseIds", {})
    for base in bases.values():
        assert base["uri"].startswith("file:///") and base["uri"].endswith("/")
    assert run["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
    for result in run["results"]:
        assert result["level"] in ("none", "note", "warning", "error")
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            artifact = physical["artifactLocation"]
            uri = artifact["uri"]
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] in bases
                assert not re.match(r"^[a-z][a-z0-9+.-]*:", uri) and not uri.startswith("/")
            else:
                assert uri.startswith("file:///")
            region = physical["region"]
            assert isinstance(region["startLine"], int) and region["startLine"] >= 1
            assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1


def test_sarif_log(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plans/broken.yaml": BROKEN, "plans/un dated.yaml": UNDATED})
    result = cli("validate", "--format", "sarif", "--as-of", "2007-10-15", cwd=repo.root)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    check_sarif(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"] == [
        {
            "id": code.id,
            "shortDescription": {"text": code.title},
            "fullDescription": {"text": code.description},
            "defaultConfiguration": {"level": level},
        }
        for code, level in [
            (codes.SCHEMA, "error"),
            (codes.REF_MISSING, "error"),
            (codes.UNDATED, "warning"),
        ]
    ]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": repo.root.resolve().as_uri() + "/"}}
    assert run["results"][0] == {
        "ruleId": "schema",
        "ruleIndex": 0,
        "level": "error",
        "message": {
            "text": "'in progres' is not an allowed value here. Allowed: not_started, "
            "in_progress, ongoing, complete, deferred, cancelled. Hint: Did you mean "
            "'in_progress'?"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "plans/broken.yaml", "uriBaseId": "SRCROOT"},
                    "region": {"startLine": 12, "startColumn": 13},
                }
            }
        ],
    }
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "error", "warning"]
    last = run["results"][-1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert last["uri"] == "plans/un%20dated.yaml"


def test_sarif_with_records_outside_the_current_folder(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plans/broken.yaml": BROKEN})
    elsewhere = repo.root.parent / "elsewhere"
    elsewhere.mkdir()
    result = cli("--repo", str(repo.root), "validate", "-f", "sarif", cwd=elsewhere)
    log = json.loads(result.stdout)
    check_sarif(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (repo.root / "plans/broken.yaml").resolve().as_uri()}
