"""`eqdiv import plan`: the seed's own table, as CSV and as an Excel workbook, becomes a
record that validates, with the due dates a reader of the seed would give; cells that
cannot be read are named by row and column."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from eqdiv.authoring.plan_import import ImportOptions, import_plan, split_lettered
from eqdiv.authoring.tables import read_table
from eqdiv.model.plans import Action, ActionPlan
from eqdiv.store.repository import load_repository
from tests.conftest import BUNDLED, DATA, CliResult, RepoBuilder

Cli = Callable[..., CliResult]
SEED_CSV = DATA / "seed-plan.csv"
PLAN_DATE = date(2007, 8, 1)
JOC = ("July", "October", "January")


def seed_rows() -> list[list[str]]:
    with SEED_CSV.open(newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


def seed_xlsx(path: Path) -> Path:
    """The seed's table as an Excel workbook, cells as the seed's text shows them: the
    lettered actions, owners and due dates of elements 1 to 3 run together on one line
    ("DH DH DH DH", "Ongoing. Sept 07 - ongoing Ongoing Sep-07"), element numbers as
    numbers, and the plan's date as an Excel date."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action plan"
    for row in seed_rows():
        values: list[object] = [" ".join(cell.split()) for cell in row]
        if values[0].isdigit():
            values[0] = int(values[0])
        if values[0] == "1-Aug-07":
            values[0] = date(2007, 8, 1)
        sheet.append(values)
    sheet["A20"].number_format = "d-mmm-yy"
    book.save(path)
    return path


def imported(path: Path, **options: object) -> tuple[str, list[tuple[str, str, str]]]:
    defaults: dict[str, object] = {
        "plan_id": "seed-plan",
        "review": JOC,
        "people": frozenset({"DH", "QA"}),
    }
    result = import_plan(read_table(path), PLAN_DATE, ImportOptions(**(defaults | options)))  # type: ignore[arg-type]
    problems = [(p.severity.value, p.where, p.message) for p in result.problems]
    return result.text, problems


def plan_from(repo: RepoBuilder, text: str) -> ActionPlan:
    repo.write({"plans/seed-plan.yaml": text})
    assert repo.findings() == []
    [plan] = repo.load().plans
    return plan


def due_model(action: Action) -> tuple[object, ...]:
    review = action.review
    return (
        action.id,
        action.element,
        action.text,
        action.owners,
        action.due.form,
        action.due.deadline,
        action.start,
        (review.cadence, review.next) if review else None,
        tuple(u.note for u in action.updates),
    )


def bundled_plan() -> ActionPlan:
    [plan] = [p for p in load_repository(BUNDLED).plans if p.id == "parent-partnership-2007"]
    return plan


def test_csv_of_the_seed_table_gives_the_bundled_plan(repo: RepoBuilder) -> None:
    text, problems = imported(SEED_CSV)
    assert [p for p in problems if p[0] == "error"] == []
    plan = plan_from(repo, text)
    assert plan.title == "Parent Partnership Equality and Diversity Action Plan"
    assert plan.owner == "DH" and plan.framework == "eslg-2007"
    # The hand transcription in records/ and the import agree on every action's text,
    # owners and due dates (records/ words one contact's role slightly differently in
    # due_text, so that is compared separately).
    assert [due_model(a) for a in plan.actions] == [due_model(a) for a in bundled_plan().actions]
    assert [a.due_text for a in plan.actions if a.id != "4d"] == [
        a.due_text for a in bundled_plan().actions if a.id != "4d"
    ]


def test_due_dates_read_back_through_the_model(repo: RepoBuilder) -> None:
    plan = plan_from(repo, imported(SEED_CSV)[0])
    due = {a.id: (a.due.form, a.due.deadline, a.start, a.review) for a in plan.actions}
    assert due["1d"][:2] == ("month", date(2007, 9, 30))  # Sep-07
    assert due["2a"][:2] == ("month", date(2007, 10, 31))  # Oct-07
    assert due["2b"][:2] == ("month", date(2007, 7, 31))  # Jul-07
    assert due["1b"][:3] == ("ongoing", None, date(2007, 9, 1))  # Sept 07 - ongoing
    review = due["5a"][3]  # Ongoing - annual assessment
    assert review is not None and (review.cadence, review.next) == ("annually", date(2008, 7, 31))
    review = due["5b"][3]  # ... July, October, January - update due July 31st
    assert review is not None and (review.cadence, review.next) == (JOC, date(2007, 7, 31))
    statuses = {a.id: a.status.value for a in plan.actions}
    assert statuses["1b"] == "not_started"  # starts in September
    assert statuses["1a"] == "ongoing" and statuses["1d"] == "not_started"


def test_what_the_import_noted(repo: RepoBuilder) -> None:
    assert imported(SEED_CSV)[1] == [
        (
            "info",
            "",
            "Columns: element number in A, element in B (Equality Standard for Local "
            "Government), actions in C (ACTION REQUIRED), owners (by whom) in D (By Whom), "
            "due dates (by when) in E (By When/ Update).",
        ),
        (
            "info",
            "",
            "Read as a plan under the Equality Standard for Local Government (2007), "
            "framework eslg-2007. Choose with --framework.",
        ),
        ("info", "", "The plan's owner is DH, who owns every action. Give another with --owner."),
        (
            "info",
            "row 1, column A",
            "The plan's title is taken from this cell: 'Parent Partnership Equality and "
            "Diversity Action Plan'. Give another with --title.",
        ),
        (
            "info",
            "row 8, column A",
            "Skipped: the row has no action ('PARENT PARTNERSHIP EQUALITY AND DIVERSITY "
            "ACTION PLAN').",
        ),
        ("info", "row 9, column A", "Skipped: the row has no action ('AUGUST 2007')."),
        (
            "info",
            "row 17, column E (By When/ Update)",
            "'July 31st' has no year: read as 31 July 2007, the nearest to 2007-09-01. Check it.",
        ),
        (
            "info",
            "row 19, column A",
            "Skipped: the row has no action ('Parent Partnership Manager').",
        ),
        ("info", "row 20, column A", "Skipped: the row has no action ('1-Aug-07')."),
    ]


def test_xlsx_of_the_seed_table_gives_the_same_record(tmp_path: Path, repo: RepoBuilder) -> None:
    workbook = seed_xlsx(tmp_path / "seed-plan.xlsx")
    from_excel, problems = imported(workbook)
    from_csv, _ = imported(SEED_CSV)
    assert [p for p in problems if p[0] == "error"] == []
    # Only the first comment line (naming the source) differs.
    assert from_excel.splitlines()[1:] == from_csv.splitlines()[1:]
    assert from_excel.splitlines()[0] == (
        "# Imported by eqdiv from seed-plan.xlsx (sheet 'Action plan') on 2007-08-01."
    )
    assert ("info", "row 20, column A", "Skipped: the row has no action ('2007-08-01').") in (
        problems
    )
    plan = plan_from(repo, from_excel)
    assert len(plan.actions) == 19


def test_an_excel_date_keeps_the_precision_its_format_shows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["", "Element", "Action", "Owner", "Due"])
    sheet.append([1, "", "a. Shown as Sep-07", "DH", date(2007, 9, 1)])
    sheet.append(["", "", "b. Shown as 14/09/2007", "DH", date(2007, 9, 14)])
    sheet["E2"].number_format = "mmm-yy"
    sheet["E3"].number_format = "dd/mm/yyyy"
    book.save(tmp_path / "dates.xlsx")
    text, _ = imported(tmp_path / "dates.xlsx")
    assert "    due: 2007-09\n    status: not_started\n" in text
    assert "    due: 2007-09-14\n    status: not_started\n" in text
    assert "due_text:" not in text  # an Excel date is exact: there is no wording to keep


def test_cells_it_cannot_read_are_named_by_row_and_column(tmp_path: Path) -> None:
    rows = seed_rows()
    rows[9][4] = "TBC"  # 4a
    rows[10][4] = "When funding allows"  # 4b
    rows[3][3] = "DH DH"  # four actions, two owners
    rows[11][3] = "Service Manager"  # not a people id
    rows[12][3] = "XY"  # not in the people directory
    text, problems = imported(write_csv(tmp_path / "plan.csv", rows))
    assert [p for p in problems if p[0] == "error"] == [
        (
            "error",
            "row 4, column D (By Whom)",
            "The cell names 2 owners for 4 actions: eqdiv cannot tell who owns which.",
        ),
        (
            "error",
            "row 10, column E (By When/ Update)",
            "'TBC' (to be confirmed) is not a date yet.",
        ),
        (
            "error",
            "row 11, column E (By When/ Update)",
            "eqdiv cannot read 'When funding allows' as a due date.",
        ),
        (
            "error",
            "row 12, column D (By Whom)",
            "'Service Manager' is not a people id.",
        ),
        (
            "error",
            "row 13, column D (By Whom)",
            "1 owner is not in the people directory: XY (row 13).",
        ),
    ]
    # What could not be read is left blank and marked, not guessed.
    assert (
        "  # eqdiv could not read row 10, column E: fill this in.\n    due:\n    due_text: TBC\n"
        in text
    )


def test_names_in_the_owner_column_map_to_people_ids(tmp_path: Path) -> None:
    rows = seed_rows()
    for row in rows[9:17]:
        row[3] = "Service Manager"
    path = write_csv(tmp_path / "plan.csv", rows)
    _, problems = imported(path, names={"service manager": "DH"})
    assert [p for p in problems if p[0] == "error"] == []


def test_no_header_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "plan.csv", [["Just", "some"], ["numbers", "1"]])
    text, problems = imported(path)
    assert text == ""
    assert problems == [
        (
            "error",
            "",
            "eqdiv could not find the table's header row: a row with headings for the "
            "actions, who does them and by when.",
        )
    ]


def test_columns_named_by_the_user(tmp_path: Path) -> None:
    rows = [["Ref", "Task", "Person", "Target", "Progress"]]
    rows.append(["1", "Train staff", "DH", "Mar-08", "Half the team trained."])
    path = write_csv(tmp_path / "plan.csv", rows)
    text, problems = imported(
        path, columns={"action": "Task", "owner": "c", "due": "target", "update": "E"}
    )
    assert [p for p in problems if p[0] == "error"] == []
    assert "    text: Train staff\n    owners: [DH]\n    due: 2008-03\n" in text
    assert "        note: Half the team trained.\n" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a. One b. Two", [("a", "One"), ("b", "Two")]),
        ("b. Continues c. On", [("b", "Continues"), ("c", "On")]),
        ("No letters at all", [(None, "No letters at all")]),
        # Only letters in sequence split: 'e.g. ' and a stray 'x. ' stay in the text.
        ("a. Use e.g. leaflets x. y b. Next", [("a", "Use e.g. leaflets x. y"), ("b", "Next")]),
        ("(a) First (b) Second", [("a", "First"), ("b", "Second")]),
    ],
)
def test_lettered_actions(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert split_lettered(text) == expected


# --- the command ----------------------------------------------------------------------


def test_command_writes_the_plan_and_it_validates(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    result = cli(
        "import", "plan", str(SEED_CSV), "--as-of", "2007-08-01",
        "--review", "July,October,January", cwd=repo.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    path = "plans/parent-partnership-equality-diversity-action-plan-2007.yaml"
    assert result.stdout.endswith(f"Wrote {path}: 19 actions from seed-plan.csv.\n")
    assert (repo.root / path).is_file()
    assert cli("validate", "--as-of", "2007-10-15", cwd=repo.root).exit_code == 0
    # A second import is recognised as the same plan (issue 14): nothing is written,
    # unless it is given an id of its own.
    again = cli("import", "plan", str(SEED_CSV), "--as-of", "2007-08-01", cwd=repo.root)
    assert again.exit_code == 2
    assert "seed-plan.csv was imported before" in again.stderr
    anyway = cli("import", "plan", str(SEED_CSV), "--as-of", "2007-08-01",
                 "--id", "seed-plan-copy", cwd=repo.root)  # fmt: skip
    assert anyway.exit_code == 0
    assert "Wrote plans/seed-plan-copy.yaml" in anyway.stdout


def test_eqdiv_actions_reads_the_imported_due_dates(cli: Cli, repo: RepoBuilder) -> None:
    """Imported from the seed's CSV and from its XLSX, the plan gives `eqdiv actions`
    the due dates, reviews and states the hand transcription in records/ gives."""

    def listed(root: Path, plan: str) -> list[dict[str, object]]:
        result = cli("actions", "--plan", plan, "--all", "--format", "json",
                     "--as-of", "2007-10-15", cwd=root)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        keys = ("id", "due", "start", "review", "state", "date", "days_late", "days_left")
        return [{k: a[k] for k in keys} for a in json.loads(result.stdout)["actions"]]

    expected = listed(BUNDLED, "parent-partnership-2007")
    assert [a["id"] for a in expected][:4] == ["2b", "5b", "1d", "2a"]  # most urgent first
    workbook = seed_xlsx(repo.root.parent / "seed-plan.xlsx")
    for source, plan in ((SEED_CSV, "from-csv"), (workbook, "from-xlsx")):
        imported = cli("import", "plan", str(source), "--id", plan, "--as-of", "2007-08-01",
                       "--review", "July,October,January", cwd=repo.root)  # fmt: skip
        assert imported.exit_code == 0, imported.stdout
        assert listed(repo.root, plan) == expected


def test_dry_run_shows_the_record_and_writes_nothing(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("import", "plan", str(SEED_CSV), "--as-of", "2007-08-01", "--dry-run",
                 cwd=repo.root)  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported by eqdiv from seed-plan.csv on 2007-08-01.\n")
    assert "  - id: 5b\n" in result.stdout
    assert "note" in result.stderr and "Wrote" not in result.stderr
    assert not (repo.root / "plans").exists()


def test_problems_stop_the_write(
    cli: Cli, repo: RepoBuilder, tmp_path: Path, no_color: None
) -> None:
    rows = seed_rows()
    rows[9][4] = "TBC"
    path = write_csv(tmp_path / "plan.csv", rows)
    result = cli("import", "plan", str(path), "--as-of", "2007-08-01", cwd=repo.root)
    assert result.exit_code == 1
    assert (
        "plan.csv: row 10, column E (By When/ Update): error 'TBC' (to be confirmed) is not "
        "a date yet.\n  hint: Write the due date as a month (Sep-07), a day (30/09/2007), or "
        "'Ongoing' (with a cadence such as 'Ongoing - quarterly').\n"
    ) in result.stdout
    assert result.stdout.endswith(
        "Nothing was written: fix the problems above in plan.csv and import it again, or "
        "use --allow-gaps to write what could be read.\n"
    )
    assert not (repo.root / "plans").exists()
    gaps = cli("import", "plan", str(path), "--as-of", "2007-08-01", "--allow-gaps",
               cwd=repo.root)  # fmt: skip
    assert gaps.exit_code == 1
    assert "Fill in the blanks marked in it, then run `eqdiv validate`." in gaps.stdout
    findings = cli("validate", "--as-of", "2007-10-15", cwd=repo.root)
    assert "error schema Field 'due' from actions > 4a is blank." in findings.stdout


def test_a_record_that_would_break_the_repository_is_not_written(
    cli: Cli, repo: RepoBuilder, no_color: None
) -> None:
    result = cli("import", "plan", str(SEED_CSV), "--id", "people", "--as-of", "2007-08-01",
                 cwd=repo.root)  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "plans/people.yaml:5:5: error duplicate-id The id 'people' is used twice (first at "
        "people.yaml:2).\n"
        "  5 | id: people\n"
        "    |     ^\n"
        "  hint: Ids must be unique, so that links point at one thing: rename one of them.\n"
        "Nothing was written: the record would bring the problems above into the repository.\n"
    )
    assert not (repo.root / "plans").exists()


def test_json_report(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("import", "plan", str(SEED_CSV), "--as-of", "2007-08-01", "--dry-run",
                 "--format", "json", cwd=repo.root)  # fmt: skip
    report = json.loads(result.stdout)
    assert report["command"] == "import plan" and report["written"] is False
    assert report["actions"] == 19 and report["record"]["actions"][3]["due"] == "2007-09"
    assert report["problems"][6] == {
        "row": 17,
        "column": "E",
        "heading": "By When/ Update",
        "severity": "info",
        "message": "'July 31st' has no year: read as 31 July 2007, the nearest to 2007-09-01. "
        "Check it.",
        "hint": None,
    }


def test_files_it_cannot_read(cli: Cli, repo: RepoBuilder, tmp_path: Path, no_color: None) -> None:
    old = tmp_path / "plan.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = cli("import", "plan", str(old), cwd=repo.root)
    assert result.exit_code == 2
    assert result.stderr == (
        "eqdiv: eqdiv cannot read .xls files: plan.xls.\n"
        "  hint: Save it as .xlsx or CSV from a spreadsheet, or as .docx from a word processor "
        "(File > Save As).\n"
    )
    broken = tmp_path / "plan.xlsx"
    broken.write_bytes(b"not a zip")
    result = cli("import", "plan", str(broken), cwd=repo.root)
    assert result.exit_code == 3
    assert result.stderr.startswith("eqdiv: plan.xlsx cannot be read as an Excel workbook")


def test_a_windows_csv_is_read_and_the_guess_is_said(tmp_path: Path) -> None:
    rows = [
        ["No", "Action", "By Whom", "By When"],
        ["1", "Translate the leaflet’s text", "DH", "Sep-07"],
    ]
    path = tmp_path / "plan.csv"
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode("cp1252"))
    text, problems = imported(path)
    assert problems[0] == (
        "info",
        "",
        "plan.csv is not UTF-8; eqdiv read it as Windows-1252, the encoding Excel uses for "
        "CSV on Windows. Check any accented letters or curly quotes.",
    )
    assert "    text: Translate the leaflet’s text\n" in text


def test_a_table_without_elements(tmp_path: Path) -> None:
    """A flat tracker imports (issue 14): its actions are numbered, under no element."""
    path = write_csv(tmp_path / "plan.csv", [["Action", "Owner", "Due"], ["Train", "DH", "Sep-07"]])
    text, problems = imported(path)
    assert [p for p in problems if p[0] == "error"] == []
    assert problems[0][2].startswith(
        "The header row (row 1) has no column for the framework element each action serves: "
        "imported as a flat plan"
    )
    assert "  - id: '1'\n    text: Train\n" in text
