"""Reading HR's spreadsheet of aggregate figures into a workforce return: exact
problems by row and column, and a round trip for any figures, however HR spells its
labels and orders its rows (Hypothesis)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqdiv.authoring.tables import read_table
from eqdiv.authoring.workforce_import import WorkforceImportOptions, import_workforce
from eqdiv.figures.census import builtin_scheme

SCHEME = builtin_scheme()
OPTIONS = WorkforceImportOptions("wf-test", "council", date(2007, 4, 1), date(2008, 3, 31), SCHEME)


def table(tmp_path: Path, rows: list[list[str]], name: str = "hr.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["What", "Measure", "Category", "Count"], *rows])
    return path


def test_a_clean_extract_becomes_a_record(tmp_path: Path) -> None:
    path = table(
        tmp_path,
        [
            ["Staff", "Total", "", "20"],
            ["Staff", "Ethnic group", "White - British", "15"],
            ["Staff", "Ethnic group", "Not known", "3"],
            ["Staff", "Ethnic group", "Prefer not to say", "2"],
            ["Disciplinary", "Started", "", "3"],
            ["Disciplinary", "Outcome", "Final warning", "1"],
            ["Disciplinary", "Closed", "", "1"],
            ["Training", "Due", "Parent Partnership", "7"],
            ["Training", "Completed", "Parent Partnership", "6"],
            ["Training", "Refresher due", "Parent Partnership", "2008-03-31"],
        ],
    )
    result = import_workforce(read_table(path), OPTIONS)
    assert result.problems == ()
    assert result.record == {
        "kind": "workforce",
        "id": "wf-test",
        "organisation": "council",
        "start": "2007-04-01",
        "end": "2008-03-31",
        "staff": {
            "total": 20,
            "profile": {"ethnicity": {"white_british": 15, "not_known": 3, "prefer_not_to_say": 2}},
        },
        "casework": {"disciplinary": {"started": 3, "closed": 1, "outcomes": {"final_warning": 1}}},
        "training": [
            {
                "team": "Parent Partnership",
                "course": "Equality and diversity",
                "due": 7,
                "completed": 6,
                "refresher_due": "2008-03-31",
            }
        ],
    }
    assert result.text.startswith(
        "# Imported from hr.csv: aggregate figures only.\nkind: workforce\n"
    )


def test_each_problem_names_its_cell(tmp_path: Path) -> None:
    path = table(
        tmp_path,
        [
            ["Staff", "Total", "", "20"],
            ["Staf", "Total", "", "20"],
            ["Staff", "Ethnic group", "Indain", "4"],
            ["Staff", "Total", "", "21"],
            ["Grievance", "Opened", "", "two"],
            ["Grievance", "Colour", "", "1"],
            ["Grievance", "Outcome", "Sacked", "1"],
            ["Training", "Due", "", "3"],
        ],
    )
    result = import_workforce(read_table(path), OPTIONS)
    assert [(p.where, p.message) for p in result.problems] == [
        ("row 3, column A (What)", "'Staf' is not something a workforce return counts."),
        ("row 4, column C (Category)", "'Indain' is not a category of ethnic group (ethnicity)."),
        ("row 5, column D (Count)", "A second figure for staff / total (the first is on row 2)."),
        ("row 6, column D (Count)", "'two' is not a count (a whole number, 0 or more)."),
        ("row 7, column B (Measure)", "'Colour' is not a measure of grievance."),
        ("row 8, column C (Category)", "'Sacked' is not an outcome eqdiv knows."),
        ("row 9, column C (Category)", "A training row with no team."),
    ]
    assert (
        result.problems[1].hint is not None and "Did you mean 'indian'?" in result.problems[1].hint
    )


def test_no_heading_row_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text("Section,Item,Count\nStaff,Total,3\n", encoding="utf-8")
    result = import_workforce(read_table(path), OPTIONS)
    assert result.record is None
    [problem] = result.problems
    assert problem.message == (
        "No row of hr.csv heads the columns eqdiv needs (what, measure, category, count)."
    )


def test_a_column_map_names_hr_own_headings(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Report section,Item,Value label,Headcount\nStaff,Total,,12\n", encoding="utf-8"
    )
    options = WorkforceImportOptions(
        "wf-test",
        "council",
        date(2007, 4, 1),
        date(2008, 3, 31),
        SCHEME,
        {"what": "Report section", "measure": "Item", "category": "Value label"},
    )
    result = import_workforce(read_table(path), options)
    assert result.problems == ()
    assert result.record is not None and result.record["staff"] == {"total": 12}


ETHNICITY = SCHEME.dimensions["ethnicity"]
CATEGORIES = [*ETHNICITY.categories, "not_known", "prefer_not_to_say"]


def spellings(category: str) -> st.SearchStrategy[str]:
    """How HR might write a category: its id, its label, in any case, with hyphens or
    extra spaces."""
    label = (
        ETHNICITY.categories[category].label
        if category in ETHNICITY.categories
        else category.replace("_", " ")
    )
    return st.sampled_from(
        [category, label, label.upper(), label.replace(" ", " - "), f"  {label} "]
    )


@st.composite
def extracts(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, int], list[list[str]]]:
    profile = draw(st.dictionaries(st.sampled_from(CATEGORIES), st.integers(0, 5000), max_size=8))
    processes = draw(
        st.dictionaries(
            st.sampled_from(["grievance", "disciplinary", "capability", "discrimination"]),
            st.integers(0, 300),
            max_size=4,
        )
    )
    rows = [["staff", "total", "", str(sum(profile.values()))]]
    for category, n in profile.items():
        rows.append(
            [
                "Staff",
                draw(st.sampled_from(["ethnicity", "Ethnic group"])),
                draw(spellings(category)),
                str(n),
            ]
        )
    for process, n in processes.items():
        rows.append([process.capitalize(), "started", "", f"{n:,}"])
    rows = draw(st.permutations(rows))
    return profile, processes, rows


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extracts())
def test_any_extract_round_trips(
    tmp_path: Path, extract: tuple[dict[str, int], dict[str, int], list[list[str]]]
) -> None:
    profile, processes, rows = extract
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["what", "measure", "category", "count"], *rows])
    path = tmp_path / "extract.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = import_workforce(read_table(path), OPTIONS)
    assert result.problems == ()
    assert result.record is not None
    staff = result.record["staff"]
    assert staff["total"] == sum(profile.values())
    assert staff.get("profile", {}).get("ethnicity", {}) == profile
    assert {p: e["started"] for p, e in result.record.get("casework", {}).items()} == processes
