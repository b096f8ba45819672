"""``eqdiv export``: flat tables for analytics, and a regional picture with DuckDB."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from eqdiv.figures.suppression import STAFF_ONLY
from tests.conftest import PROJECT, CliResult

Cli = Callable[..., CliResult]
RECORDS = PROJECT / "records"
DAY = "2007-10-15"
TABLES = [
    "partners",
    "actions",
    "eias",
    "eia_criteria",
    "consultations",
    "coverage",
    "indicator_values",
    "workforce",
    "open_innovations_workforce",
    "case_timeliness",
    "cases",
    "contracts",
    "sharing_agreements",
    "outcome_evidence",
]


def export(cli: Cli, out: Path, *options: str, repo: Path = RECORDS) -> dict[str, object]:
    result = cli("--repo", str(repo), "export", "--as-of", DAY, "-o", str(out), *options)
    assert result.exit_code == 0, result.stdout + result.stderr
    dictionary: dict[str, object] = json.loads((out / "tables.json").read_text("utf-8"))
    return dictionary


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_tables_match_their_data_dictionary(cli: Cli, tmp_path: Path) -> None:
    dictionary = export(cli, tmp_path)
    assert dictionary["published"] is False
    assert dictionary["audience"] == STAFF_ONLY
    described = dictionary["tables"]
    assert isinstance(described, list)
    assert [t["name"] for t in described] == TABLES
    for table in described:
        rows = read_csv(tmp_path / f"{table['name']}.csv")
        assert len(rows) == table["rows"]
        assert list(rows[0]) == [c["name"] for c in table["columns"]]
        assert all(row["partnership_id"] == "example-partnership" for row in rows)
    overdue = [
        r["action_id"] for r in read_csv(tmp_path / "actions.csv") if r["state"] == "overdue"
    ]
    assert overdue == ["1d", "2b"]
    grades = {r["eia_id"]: r["grade"] for r in read_csv(tmp_path / "eias.csv")}
    assert grades == {
        "eia-2007-case-records": "Excellent",
        "eia-2007-drop-in-sessions": "Inadequate",
        "eia-2007-home-visits": "Excellent",
        "eia-2007-service-leaflet": "Inadequate",
    }


def test_jsonl_keeps_types(cli: Cli, tmp_path: Path) -> None:
    export(cli, tmp_path, "--format", "jsonl")
    lines = (tmp_path / "eias.jsonl").read_text("utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["eia_id"] == "eia-2007-case-records"
    assert first["screened_out"] is True
    assert first["percentage"] == 90.0
    assert first["decision_date"] == "2007-08-20"


def test_record_text_never_becomes_a_spreadsheet_formula(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "records"
    shutil.copytree(RECORDS, repo)
    plan = repo / "plans" / "parent-partnership-2007.yaml"
    text = plan.read_text("utf-8")
    needle = "Audit information for each group"
    assert needle in text
    plan.write_text(text.replace(needle, '\'=HYPERLINK("http://x","y")\'', 1), "utf-8")
    export(cli, tmp_path / "out", repo=repo)
    texts = [r["text"] for r in read_csv(tmp_path / "out" / "actions.csv")]
    assert '\'=HYPERLINK("http://x","y")' in texts
    assert not any(t.startswith("=") for t in texts)


def test_published_export_never_holds_a_protected_count(cli: Cli, tmp_path: Path) -> None:
    export(cli, tmp_path / "staff", "--format", "jsonl")
    dictionary = export(cli, tmp_path / "public", "--format", "jsonl", "--published")
    assert dictionary["published"] is True

    def rows(folder: str, name: str) -> list[dict[str, object]]:
        text = (tmp_path / folder / f"{name}.jsonl").read_text("utf-8")
        return [json.loads(line) for line in text.splitlines()]

    staff, public = rows("staff", "coverage"), rows("public", "coverage")
    assert len(staff) == len(public)
    hidden = 0
    for exact, shown in zip(staff, public, strict=True):
        assert shown["count"] in (None, exact["count"])
        if shown["count"] is None:
            hidden += 1
            assert shown["count_text"] != str(exact["count"])
            assert shown["share"] is None and shown["ratio"] is None
        else:
            assert shown["count_text"] == str(shown["count"])
    assert hidden > 0  # the bundled records have small counts to protect
    for exact, shown in zip(
        rows("staff", "consultations"), rows("public", "consultations"), strict=True
    ):
        assert shown["participants"] in (None, exact["participants"])


@pytest.fixture
def three_partnerships(cli: Cli, tmp_path: Path) -> Path:
    """Three partnerships' Parquet exports in exports/<id>/, as a region gathers them."""
    for number in (1, 2, 3):
        repo = tmp_path / f"repo{number}"
        shutil.copytree(RECORDS, repo)
        config = repo / "eqdiv.yaml"
        text = config.read_text("utf-8").replace(
            "id: example-partnership", f"id: partnership-{number}", 1
        )
        config.write_text(text, "utf-8")
        if number == 3:  # a partnership that has dealt with its overdue actions
            plan = repo / "plans" / "parent-partnership-2007.yaml"
            plan.write_text(
                plan.read_text("utf-8").replace("status: in_progress", "status: deferred"), "utf-8"
            )
        export(
            cli,
            tmp_path / "exports" / f"partnership-{number}",
            "-f",
            "parquet",
            "--published",
            repo=repo,
        )
    return tmp_path


def test_duckdb_reads_many_partnerships_by_glob(
    three_partnerships: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(three_partnerships)
    sql = (PROJECT / "docs" / "examples" / "regional.sql").read_text("utf-8")
    grades_query, overdue_query = [q for q in sql.split(";") if "SELECT" in q]
    connection = duckdb.connect()
    grades = connection.sql(grades_query).fetchall()
    assert ("partnership-1", "Example District Council", "Excellent", 2) in grades
    assert ("partnership-3", "Example District Council", "Inadequate", 2) in grades
    assert {row[0] for row in grades} == {"partnership-1", "partnership-2", "partnership-3"}
    overdue = connection.sql(overdue_query).fetchall()
    assert overdue == [
        ("partnership-1", 2, 19),
        ("partnership-2", 2, 19),
        ("partnership-3", 1, 19),
    ]


def test_published_workforce_figures_are_the_protected_ones(cli: Cli, tmp_path: Path) -> None:
    args = ("--format", "jsonl")
    export(cli, tmp_path / "staff", *args)
    export(cli, tmp_path / "public", *args, "--published")

    def rows(folder: str) -> list[dict[str, object]]:
        text = (tmp_path / folder / "workforce.jsonl").read_text("utf-8")
        return [json.loads(line) for line in text.splitlines()]

    staff, public = rows("staff"), rows("public")
    assert len(staff) == len(public) > 0
    # In October 2007 two of the council's returns are in.
    assert {r["return_id"] for r in public} == {"wf-council-2006", "wf-council-2007q2"}
    hidden = 0
    for exact, shown in zip(staff, public, strict=True):
        for key in ("count", "base"):
            assert shown[key] in (None, exact[key])
            if isinstance(shown[key], int):
                assert shown[key] == 0 or shown[key] >= 10
        if shown["count"] is None and exact["count"] is not None:
            hidden += 1
            assert shown["rate"] is None
    assert hidden > 0


def test_complaints_export_times_each_partner_and_keeps_cases_for_staff(
    cli: Cli, tmp_path: Path
) -> None:
    export(cli, tmp_path / "staff")
    export(cli, tmp_path / "public", "--published")
    timeliness = read_csv(tmp_path / "public" / "case_timeliness.csv")
    first = timeliness[0]
    assert (first["quarter_start"], first["partner_id"], first["stage"]) == (
        "2006-10-01",
        "council",
        "1",
    )
    assert (first["received"], first["answered_in_time"], first["answers_due"]) == ("3", "2", "3")
    assert first["answered_share"] == "0.6667"
    assert timeliness == read_csv(tmp_path / "staff" / "case_timeliness.csv")
    cases = read_csv(tmp_path / "staff" / "cases.csv")
    late = next(c for c in cases if c["case_ref"] == "CC-0612")
    assert (late["response"], late["respond_days"], late["outcome"]) == ("late", "14", "upheld")
    assert read_csv(tmp_path / "public" / "cases.csv") == []
    header = (tmp_path / "public" / "cases.csv").read_text("utf-8").splitlines()
    assert header[0].startswith("partnership_id,log_id,case_ref,")


def test_open_innovations_layout_follows_the_standard_and_the_protection(
    cli: Cli, tmp_path: Path
) -> None:
    export(cli, tmp_path / "staff")
    export(cli, tmp_path / "public", "--published")
    staff = read_csv(tmp_path / "staff" / "open_innovations_workforce.csv")
    public = read_csv(tmp_path / "public" / "open_innovations_workforce.csv")
    names = list(staff[0])
    assert names[:6] == [
        "partnership_id",
        "return_id",
        "published",
        "organisation",
        "organisation_grouping",
        "employees",
    ]
    # The standard's names: <section>_<key>[_<breakdown>], its sections only.
    sections = {"age", "disability", "ethnicity", "gender", "trans", "religion", "sexuality"}
    assert {n.split("_")[0] for n in names[6:]} == sections
    assert "disability_yes_daytodayalot" in names and "sexuality_gaylesbian" in names
    latest = next(r for r in staff if r["return_id"] == "wf-council-2007q2")
    assert (latest["published"], latest["organisation"], latest["employees"]) == (
        "2007-09-30",
        "Example District Council",
        "479",
    )
    assert latest["ethnicity_asian"] == "16"
    parts = ("bangladeshi", "chinese", "indian", "pakistani", "other")
    assert sum(int(latest[f"ethnicity_asian_{p}"]) for p in parts) == 16
    assert latest["ethnicity_total"] == "479" and latest["ethnicity_undisclosed"] == "19"
    shown = next(r for r in public if r["return_id"] == "wf-council-2007q2")
    assert shown["ethnicity_asian_indian"] == ""  # 8 people: hidden
    assert shown["ethnicity_asian"] == ""  # a sum over a hidden count
    assert shown["ethnicity_white_british"] == "418"
    for exact, row in zip(staff, public, strict=True):
        for name, value in row.items():
            if name in names[5:] and value:
                assert value == exact[name]
                assert int(value) == 0 or int(value) >= 10, name


def test_open_innovations_layout_takes_a_broad_disability_count(cli: Cli, tmp_path: Path) -> None:
    """A return that counts "disabled" without saying how much fills disability_yes."""
    repo = Path(shutil.copytree(RECORDS, tmp_path / "records"))
    path = repo / "workforce" / "wf-council-2007q2.yaml"
    text = path.read_text("utf-8")
    added = "      not_known: 19\n    disability:\n      disabled: 30\n      not_disabled: 449\n"
    path.write_text(text.replace("      not_known: 19\n", added, 1), "utf-8")
    export(cli, tmp_path / "staff", repo=repo)
    rows = read_csv(tmp_path / "staff" / "open_innovations_workforce.csv")
    row = next(r for r in rows if r["return_id"] == "wf-council-2007q2")
    assert (row["disability_yes"], row["disability_no"], row["disability_total"]) == (
        "30",
        "449",
        "479",
    )
