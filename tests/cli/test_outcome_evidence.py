"""Evidence of outcomes (kind: outcome-evidence): anonymised accounts tied to objectives,
refused when they look like personal data (never echoed), shown in the quarterly
report's "Measures of success" and the annual report's objectives, and objectives with
none in the last year named by `eqdiv status`. Pinned on a copy of the example records."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]
FATHERS = "outcomes/oe-2007-fathers-evening-sessions.yaml"
LEAFLET = "outcomes/oe-2007-leaflet-languages.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new, 1))


def validate(cli: Cli, root: Path) -> CliResult:
    return cli("validate", "--as-of", "2007-10-15", "--format", "json", cwd=root)


def test_the_example_evidence_is_valid(cli: Cli, root: Path) -> None:
    found = json.loads(validate(cli, root).stdout)["findings"]
    assert [f for f in found if f["path"].startswith("outcomes/")] == []


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("dad@example.org", "an e-mail address"),
        ("07700 900123", "a phone number"),
        ("AB 12 34 56 C", "a National Insurance number"),
    ],
)
def test_personal_data_is_refused_and_never_echoed(
    cli: Cli, root: Path, value: str, what: str
) -> None:
    edit(root, FATHERS, "where before they rarely took part.",
         f"where before they rarely took part. Contact {value} for more.")  # fmt: skip
    result = validate(cli, root)
    assert result.exit_code == 1
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["path"] == FATHERS]
    lines = (root / FATHERS).read_text().splitlines()
    [line] = [i + 1 for i, text in enumerate(lines) if value in text]
    assert (finding["code"], finding["severity"], finding["line"]) == (
        "personal-data",
        "error",
        line,
    )
    assert finding["message"] == (
        f"Outcome evidence oe-2007-fathers-evening-sessions's account looks like it holds "
        f"{what} (not shown here)."
    )
    assert finding["column"] == lines[line - 1].index(value) + 1
    assert finding["pointer"] == "/account"
    assert value not in result.stdout
    text = cli("validate", "--as-of", "2007-10-15", cwd=root).stdout
    assert value not in text and "personal-data" in text


def test_links_must_resolve(cli: Cli, root: Path) -> None:
    edit(root, LEAFLET, "objectives: [obj-fair-access]", "objectives: [obj-fair-acess]")
    found = json.loads(validate(cli, root).stdout)["findings"]
    [ref] = [f for f in found if f["path"] == LEAFLET]
    assert (ref["code"], ref["line"], ref["message"]) == (
        "ref-missing",
        19,
        "'obj-fair-acess' is not a known objective.",
    )
    assert ref["hint"].startswith("Did you mean 'obj-fair-access'?")


def test_the_quarterly_report_shows_the_evidence_under_measures_of_success(
    cli: Cli, root: Path
) -> None:
    shown = cli("report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15",
                "-f", "json", cwd=root)  # fmt: skip
    report = json.loads(shown.stdout)["report"]
    [measure] = [m for m in report["measures"] if m["number"] == 3]
    assert measure["findings"] == [
        "12 pieces of evidence recorded this quarter. No evidence in the last 12 months for "
        "1 objective: Know who uses our services, and who does not."
    ]
    [leaflet] = [o for o in report["outcomes"] if o["note"].startswith("Parents whose")]
    assert leaflet["note"].endswith(
        "Community languages the service leaflet is published in: from 2 to 6."
    )
    assert leaflet["attribution"] == (
        "Impact assessment of the service leaflet (eia-2007-service-leaflet); objective: "
        "Every parent can use the service, whatever their background; for: Ethnicity (race); "
        "vouched for by Parent Partnership Manager (DH), 14 September 2007"
    )
    md = cli("report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15",
             "-f", "md", cwd=root).stdout  # fmt: skip
    measures = md[md.index("## Measures of success") :]
    assert "Since the monthly evening sessions began in September" in measures


def test_the_annual_report_shows_evidence_per_objective(cli: Cli, root: Path) -> None:
    shown = cli("report", "annual", "--year", "2007", "--as-of", "2008-05-01",
                "-f", "json", cwd=root)  # fmt: skip
    objectives = {o["id"]: o for o in json.loads(shown.stdout)["report"]["objectives"]}
    sources = {k: [e["source"] for e in o["outcomes"]] for k, o in objectives.items()}
    assert sources["obj-know-our-users"] == []
    assert (
        "Fathers' group discussion (cons-2007-fathers-group)" in sources["obj-involve-communities"]
    )
    assert (
        "Impact assessment of the service leaflet (eia-2007-service-leaflet)"
        in sources["obj-fair-access"]
    )


def test_status_names_the_objective_without_evidence(cli: Cli, root: Path) -> None:
    text = cli("status", "--as-of", "2007-10-15", cwd=root).stdout
    assert (
        "Objectives without evidence of outcomes in the last year\n"
        "  obj-know-our-users  no evidence yet\n"
        "      Know who uses our services, and who does not\n"
    ) in text
    # Evidence linked through one of its actions counts for the objective.
    edit(root, FATHERS, "  actions: [parent-partnership-2007/2c]",
         "  actions: [parent-partnership-2007/2c, parent-partnership-2007/3c]")  # fmt: skip
    shown = json.loads(cli("status", "--as-of", "2007-10-15", "-f", "json", cwd=root).stdout)
    assert shown["sections"]["outcome_evidence"] == {"objectives": 4, "without_evidence": []}
    # A year and a day later, the 2007 evidence is too old.
    later = json.loads(cli("status", "--as-of", "2008-09-29", "-f", "json", cwd=root).stdout)
    assert [
        (o["id"], o["last_evidence"])
        for o in later["sections"]["outcome_evidence"]["without_evidence"]
    ] == [
        ("obj-decisions-assessed", "2007-09-25"),
        ("obj-fair-access", "2007-09-28"),
        ("obj-involve-communities", "2007-09-28"),
        ("obj-know-our-users", "2007-09-27"),
    ]
