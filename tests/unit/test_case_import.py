"""The case import's parser, under Hypothesis: dates in every form a complaints system
writes them, any cell text without a crash, and cases that survive the round trip from
a spreadsheet to a record that validates."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.authoring.case_import import CaseImportOptions, import_cases, parse_day
from eqdiv.authoring.tables import Cell, Table
from eqdiv.model.personal_data import spans

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
OPTIONS = CaseImportOptions(
    partner="council",
    period="2007",
    log_id="cases-council-2007",
    partners=frozenset({"council", "pct"}),
    groups={"disability": "disability", "age": "age"},
)


def table(rows: list[list[str]]) -> Table:
    return Table(
        "export.csv",
        tuple(
            tuple(Cell(r, c, v or None) for c, v in enumerate(row, 1))
            for r, row in enumerate(rows, 1)
        ),
    )


@given(DAYS)
def test_every_written_form_of_a_day_reads_back(day: date) -> None:
    for text in (
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d-%b-%Y"),
        day.strftime("%d %B %Y"),
        f"  {day.strftime('%d/%m/%Y')}  ",
    ):
        assert parse_day(text) == day, text


@given(st.text(max_size=40))
def test_any_text_is_a_day_or_none_never_an_error(text: str) -> None:
    day = parse_day(text)
    assert day is None or 1900 <= day.year <= 2199


@given(st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=8), max_size=8))
def test_any_table_gives_problems_never_a_crash(rows: list[list[str]]) -> None:
    width = max((len(r) for r in rows), default=0)
    padded = [["Case No", "Date Logged", *["Notes"] * max(0, width - 2)]] + [
        r + [""] * (width - len(r)) for r in rows
    ]
    result = import_cases(table(padded), OPTIONS)
    assert result.record is not None
    assert result.cases + len(result.left_out) == sum(1 for r in rows if any(c.strip() for c in r))
    for problem in result.problems:
        assert problem.row is None or 1 <= problem.row <= len(padded)


CASE = st.fixed_dictionaries(
    {
        "ref": st.from_regex(r"[A-Z]{1,3}-[0-9]{1,5}", fullmatch=True),
        "received": st.dates(min_value=date(2007, 4, 1), max_value=date(2008, 3, 31)),
        "days": st.integers(min_value=0, max_value=40),
        "outcome": st.sampled_from(["Upheld", "Partly upheld", "Not upheld", "Resolved"]),
        "channel": st.sampled_from(["Telephone", "Letter", "E-mail", "Face to face"]),
        "strand": st.sampled_from(["", "Disability", "Age"]),
    }
)


@settings(max_examples=40, deadline=None)
@given(st.lists(CASE, min_size=1, max_size=6, unique_by=lambda c: c["ref"]))
def test_cases_round_trip_from_a_spreadsheet(cases: list[dict[str, object]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Case No", "Date Logged", "How Received", "Equality Strand",
                     "Response Sent", "Result"])  # fmt: skip
    for c in cases:
        received = c["received"]
        assert isinstance(received, date) and isinstance(c["days"], int)
        answered = received + timedelta(days=c["days"])
        writer.writerow([c["ref"], received.strftime("%d/%m/%Y"), c["channel"], c["strand"],
                         answered.isoformat(), c["outcome"]])  # fmt: skip
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    result = import_cases(table(rows), OPTIONS)
    assert result.problems == ()
    assert result.record is not None
    got = result.record["cases"]
    assert [g["ref"] for g in got] == [c["ref"] for c in cases]
    for g, c in zip(got, cases, strict=True):
        assert g["received"] == c["received"].isoformat()  # type: ignore[attr-defined]
        assert g["strands"] == [str(c["strand"]).lower()] if c["strand"] else "strands" not in g
        assert g["outcome"] == str(c["outcome"]).lower().replace(" ", "_")


@given(st.emails())
def test_an_email_in_a_note_is_never_imported(email: str) -> None:
    rows = [["Case No", "Date Logged", "Notes"], ["C-1", "01/05/2007", f"Reply to {email}"]]
    result = import_cases(table(rows), OPTIONS)
    assert result.left_out == (2,)
    assert all(email not in (p.message + (p.hint or "")) for p in result.problems)
    assert email not in result.text
    assert spans(f"Reply to {email}")


def test_the_bundled_export_reads(tmp_path: Path) -> None:
    from eqdiv.authoring.tables import read_table
    from tests.conftest import DATA

    result = import_cases(read_table(DATA / "council-complaints-export.csv"), OPTIONS)
    assert result.cases == 3
    assert result.left_out == (6, 7)
