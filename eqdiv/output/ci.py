"""Findings for CI systems: JUnit XML (GitLab's merge request widget, Jenkins, Azure) and
SARIF 2.1.0 (GitHub code scanning and other static-analysis viewers).

Both take any list of findings, so ``validate`` and ``review`` share them. Paths are
shown as they are on the command line (relative to the current folder when inside it),
which in CI is the top of the checkout: what these systems expect.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from eqdiv import __version__
from eqdiv.model.codes import CATALOGUE
from eqdiv.model.findings import Finding, Severity, sort_findings
from eqdiv.output.console import display_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Characters XML 1.0 cannot hold at all; a record can contain them, a report cannot.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def descriptions() -> dict[str, str]:
    """Every code's meaning, from the one catalogue: the findings' and the review's
    changes'."""
    return {code.id: code.description for code in CATALOGUE.values()}


@dataclass(frozen=True)
class Report:
    """What a CI format is given: ``command`` (``validate``, ``review``), the records
    repository, the files looked at, the findings, the level that fails the run, and
    files that no longer exist (a finding about one has no place to point at)."""

    command: str
    root: Path
    files: Sequence[str]
    findings: Sequence[Finding]
    fail_level: Severity = Severity.ERROR
    gone: Collection[str] = ()

    def shown(self, path: str) -> str:
        return display_path(self.root, path)

    def fails(self, finding: Finding) -> bool:
        return finding.severity.rank >= self.fail_level.rank


def write_junit(report: Report, stream: IO[str]) -> None:
    """One test case per file: failed when it has a finding at the failing level, with
    every finding in the failure's text; findings below that level go to its output."""
    by_path: dict[str, list[Finding]] = {path: [] for path in report.files}
    for finding in sort_findings(report.findings):
        by_path.setdefault(finding.location.path, []).append(finding)
    name = f"eqdiv {report.command}"
    failed = sum(any(report.fails(f) for f in found) for found in by_path.values())
    counts = {"tests": str(len(by_path)), "failures": str(failed), "errors": "0"}
    suites = ET.Element("testsuites", {"name": name, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": name, **counts, "skipped": "0"})
    for path in sorted(by_path):
        shown = report.shown(path)
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": f"eqdiv.{report.command}", "name": shown, "file": shown},
        )
        failing = [f for f in by_path[path] if report.fails(f)]
        others = [f for f in by_path[path] if not report.fails(f)]
        if failing:
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "type": failing[0].code,
                    "message": _xml(_count_words(failing) + ": " + failing[0].message),
                },
            )
            failure.text = _xml("\n".join(_line(f, shown) for f in by_path[path]))
        elif others:
            ET.SubElement(case, "system-out").text = _xml(
                "\n".join(_line(f, shown) for f in others)
            )
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")


def write_sarif(report: Report, stream: IO[str]) -> None:
    """A SARIF 2.1.0 log with one run: a rule per finding code, a result per finding
    located by its file (relative to the current folder), line and column."""
    codes = list(dict.fromkeys(f.code for f in report.findings))
    rules = [_rule(code) for code in codes]
    results = [_result(report, f, codes.index(f.code)) for f in report.findings]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "eqdiv",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    json.dump(
        {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]},
        stream,
        indent=2,
        ensure_ascii=False,
    )
    stream.write("\n")


def _rule(code_id: str) -> dict[str, Any]:
    """A SARIF rule from the catalogue: its title, what it means and its default level.
    (A code read back from an older cache may be unknown: it keeps its id alone.)"""
    rule: dict[str, Any] = {"id": code_id}
    code = CATALOGUE.get(code_id)
    if code is not None:
        rule["shortDescription"] = {"text": code.title}
        rule["fullDescription"] = {"text": code.description}
        rule["defaultConfiguration"] = {"level": SARIF_LEVEL[code.severity]}
    return rule


def _result(report: Report, finding: Finding, index: int) -> dict[str, Any]:
    text = finding.message + (f" Hint: {finding.hint}" if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": SARIF_LEVEL[finding.severity],
        "message": {"text": text},
    }
    loc = finding.location
    if loc.path not in report.gone:
        shown = report.shown(loc.path)
        artifact: dict[str, Any] = {"uri": _uri(shown)}
        if not Path(shown).is_absolute():
            artifact["uriBaseId"] = "SRCROOT"
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": loc.line, "startColumn": loc.column},
                }
            }
        ]
    return result


def _uri(path: str) -> str:
    """A path as a URI reference: relative ones percent-encoded, absolute ones file URIs."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path)


def _line(finding: Finding, shown: str) -> str:
    loc = finding.location
    said = f"{shown}:{loc.line}:{loc.column}: {finding.severity.value} {finding.code}"
    return f"{said} {finding.message}" + (f"\n  hint: {finding.hint}" if finding.hint else "")


def _count_words(findings: Iterable[Finding]) -> str:
    found = list(findings)
    return f"{len(found)} problem" + ("" if len(found) == 1 else "s")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


CI_WRITERS = {"junit": write_junit, "sarif": write_sarif}
