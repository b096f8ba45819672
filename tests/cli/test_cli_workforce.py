"""``eqdiv workforce`` on the example records, its formats, its protection of small
counts, its exit codes, and the status section built from the same view."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import TEXT_80, CliResult, RepoBuilder

Cli = Callable[..., CliResult]
ANNUAL_DAY = ("--as-of", "2008-04-30")


def test_text_shows_each_partner_with_verdicts(cli: Cli) -> None:
    result = cli("workforce", *ANNUAL_DAY, env=TEXT_80)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    for heading in (
        "Example District Council: 2007-04-01 to 2008-03-31 (wf-council-2007)",
        "Example Primary Care Trust: 2007-04-01 to 2008-03-31 (wf-pct-2007)",
        "Example Council for Voluntary Service: 2007-04-01 to 2008-03-31 (wf-cvs-2007)",
    ):
        assert heading in out
    assert "89.0% recorded (target 95%); 136 not known, 14 preferred not to say." in out
    assert "likelihood: disciplinary more likely (a concern)" in out
    assert "3.39 (95% interval 1.79 to 6.41)" in out
    assert "training: Parent Partnership refresher overdue" in out
    assert "casework: grievance" in out
    assert "No return in view from: police, schools." in out


def _counts(node: Any) -> Iterator[int]:
    """Every count of people in the JSON (not rates, ratios or targets)."""
    names = {
        "staff",
        "volunteers",
        "total",
        "recorded",
        "not_known",
        "prefer_not_to_say",
        "count",
        "entered",
        "headcount",
        "comparison_entered",
        "comparison_headcount",
        "started",
        "closed",
        "closed_in_time",
        "due",
        "completed",
        "cases_started",
    }
    if isinstance(node, dict):
        for key, value in node.items():
            if key in names and isinstance(value, int) and not isinstance(value, bool):
                yield value
            elif key == "outcomes" and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, int))
            else:
                yield from _counts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _counts(item)


def test_json_publishes_no_small_count(cli: Cli) -> None:
    result = cli("workforce", *ANNUAL_DAY, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    counts = list(_counts(data))
    assert counts and all(n == 0 or n >= 10 for n in counts)
    [council, pct, cvs] = data["returns"]
    assert [council["publishes_employee_information"], cvs["publishes_employee_information"]] == [
        True,
        False,
    ]
    [gap] = [c for c in pct["completeness"] if c["meets_target"] is False]
    assert (gap["dimension"], gap["rate"], gap["not_known"]) == ("ethnicity", 0.8903, 136)
    [concern] = [v for v in pct["likelihoods"] if v["verdict"] == "more_likely"]
    assert (concern["ratio"], concern["low"], concern["high"]) == (3.39, 1.79, 6.41)
    assert (concern["entered"], concern["headcount"]) == (14, 160)


def test_unsuppressed_shows_exact_small_counts(cli: Cli) -> None:
    data = json.loads(cli("workforce", *ANNUAL_DAY, "--format", "json", "--unsuppressed").stdout)
    assert data["suppression"]["applied"] is False
    council = data["returns"][0]
    [training] = [t for t in council["training"] if t["team"] == "Parent Partnership"]
    assert (training["due"], training["completed"], training["refresher_overdue"]) == (7, 6, True)


def test_csv_has_a_row_per_figure(cli: Cli) -> None:
    result = cli("workforce", *ANNUAL_DAY, "--format", "csv", "--partner", "pct")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["partner"] for r in rows} == {"pct"}
    [monitoring] = [r for r in rows if r["measure"] == "monitoring" and r["subject"] == "ethnicity"]
    assert (monitoring["count"], monitoring["of"], monitoring["verdict"]) == (
        "1104",
        "1240",
        "below target",
    )


def test_markdown_has_tables(cli: Cli) -> None:
    out = cli("workforce", *ANNUAL_DAY, "--format", "md").stdout
    assert "## Example Primary Care Trust: 2007-04-01 to 2008-03-31" in out
    assert (
        "| Disciplinary | All but White staff | White staff | 14 | 160 | 3.39 (1.79 to 6.41) "
        "| more likely (a concern) |"
    ) in out


def test_a_period_picks_its_returns(cli: Cli) -> None:
    data = json.loads(
        cli("workforce", "--as-of", "2007-10-15", "--period", "2007-Q2", "--format", "json").stdout
    )
    assert [r["id"] for r in data["returns"]] == ["wf-council-2007q2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--partner", "counsil"), "'counsil' is not a partner in eqdiv.yaml."),
        (("--period", "2007-Q9"), "'2007-Q9' is not a period eqdiv knows."),
        (("--as-of", "2007-13-01"), "2007-13-01"),
        (("--format", "pdf"), "pdf"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("workforce", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_no_records_repository_exits_3(cli: Cli, tmp_path: Any) -> None:
    result = cli("workforce", cwd=tmp_path)
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr


def test_a_repository_without_returns_says_so(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("workforce", "--as-of", "2007-10-15", cwd=repo.root, env=TEXT_80)
    assert result.exit_code == 0
    assert "No workforce return is in for 2007-10-15." in result.stdout
    assert "`eqdiv new workforce`" in result.stdout


def test_status_names_gaps_overdue_training_and_concerns(cli: Cli) -> None:
    result = cli("status", *ANNUAL_DAY, "--format", "json")
    section = json.loads(result.stdout)["sections"]["workforce"]
    assert [(g["partner"], g["dimension"]) for g in section["monitoring_gaps"]] == [
        ("pct", "ethnicity")
    ]
    assert [(t["partner"], t["team"]) for t in section["training_overdue"]] == [
        ("council", "Parent Partnership")
    ]
    assert [(c["partner"], c["process"], c["ratio"]) for c in section["likelihood_concerns"]] == [
        ("pct", "disciplinary", 3.39)
    ]
    text = cli("status", *ANNUAL_DAY, env=TEXT_80).stdout
    assert "Employees and volunteers" in text


def test_status_leaves_the_section_off_when_nothing_needs_attention(cli: Cli) -> None:
    text = cli("status", "--as-of", "2007-10-15", env=TEXT_80).stdout
    assert "Employees and volunteers" not in text


HR_EXTRACT = (
    "Report section,Item,Value label,Headcount\n"
    "Staff,Total,,20\n"
    "Staff,Ethnic group,White - British,15\n"
    "Staff,Ethnic group,Not known,5\n"
    "Grievance,Started,,3\n"
)
HR_COLUMNS = ("--column", "what=Report section", "--column", "measure=Item")
HR_COLUMNS += ("--column", "category=Value label")


def test_import_writes_a_return_that_validates(cli: Cli, repo: RepoBuilder) -> None:
    (repo.root / "hr.csv").write_text(HR_EXTRACT, encoding="utf-8")
    args = ("import", "workforce", "hr.csv", "--partner", "council", "--period", "2007/08")
    result = cli(*args, *HR_COLUMNS, "--as-of", "2008-04-30", cwd=repo.root, env=TEXT_80)
    assert result.exit_code == 0, result.stderr
    assert "Wrote workforce/wf-council-2007.yaml: 4 figures from hr.csv." in result.stdout
    written = (repo.root / "workforce/wf-council-2007.yaml").read_text(encoding="utf-8")
    assert "      white_british: 15\n      not_known: 5\n" in written
    assert cli("validate", "--as-of", "2008-04-30", cwd=repo.root).exit_code == 0
    again = cli(*args, *HR_COLUMNS, cwd=repo.root)
    assert again.exit_code == 2
    assert "The id 'wf-council-2007' is already used." in again.stderr


def test_import_with_problems_writes_nothing_and_exits_1(cli: Cli, repo: RepoBuilder) -> None:
    (repo.root / "hr.csv").write_text(HR_EXTRACT.replace("White - British", "Whit"), "utf-8")
    result = cli(
        "import",
        "workforce",
        "hr.csv",
        "--partner",
        "council",
        "--period",
        "2007/08",
        *HR_COLUMNS,
        cwd=repo.root,
        env=TEXT_80,
    )
    assert result.exit_code == 1
    assert "row 3, column C (Value label): error 'Whit' is not a category" in result.stdout
    assert not (repo.root / "workforce").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--partner", "counsil", "--period", "2007"), "'counsil' is not a partner in eqdiv.yaml."),
        (("--partner", "council"), "Say which period the figures cover"),
        (
            ("--partner", "council", "--period", "2007", "--column", "colour=X"),
            "is not ROLE=HEADING",
        ),
        (("--partner", "council", "--period", "2007", "--prepared-by", "ZZ"), "ZZ"),
    ],
)
def test_import_usage_errors_exit_2(
    cli: Cli, repo: RepoBuilder, args: tuple[str, ...], message: str
) -> None:
    (repo.root / "hr.csv").write_text(HR_EXTRACT, encoding="utf-8")
    result = cli("import", "workforce", "hr.csv", *args, cwd=repo.root)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_new_writes_a_skeleton_with_blanks_to_fill(cli: Cli, repo: RepoBuilder) -> None:
    result = cli(
        "new",
        "workforce",
        "--partner",
        "council",
        "--owner",
        "QA",
        "--date",
        "2007-04-01",
        "--yes",
        "--as-of",
        "2007-10-15",
        cwd=repo.root,
        env=TEXT_80,
    )
    assert result.exit_code == 0, result.stderr
    path = repo.root / "workforce/wf-council-2007.yaml"
    text = path.read_text(encoding="utf-8")
    assert "organisation: council\n" in text and "prepared_by: QA\n" in text
    assert "error schema Field 'end' is blank." in result.stdout
    assert "error schema Field 'total' from staff is blank." in result.stdout
