"""Free-text due dates: every form in the seed plan, the common spreadsheet forms, and
what eqdiv refuses to guess."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.model.due_text import (
    DueReading,
    Unreadable,
    first_review,
    parse_cadence,
    read_date,
    read_due,
    split_due_cell,
)

PLAN_DATE = date(2007, 8, 1)
JOC = ("July", "October", "January")


@pytest.mark.parametrize(
    ("text", "due", "start", "cadence", "next_review", "note"),
    [
        # Every entry of the seed's "By When/Update" column.
        ("Ongoing.", "ongoing", None, None, None, None),
        ("Ongoing", "ongoing", None, None, None, None),
        ("ongoing", "ongoing", None, None, None, None),
        ("Sept 07 - ongoing", "ongoing", "2007-09", None, None, None),
        ("Sep-07", "2007-09", None, None, None, None),
        ("Oct-07", "2007-10", None, None, None, None),
        ("Jul-07", "2007-07", None, None, None, None),
        (
            "Ongoing - discussed at Team meetings - staff aware where to find a copies",
            "ongoing",
            None,
            None,
            None,
            "Discussed at Team meetings - staff aware where to find a copies.",
        ),
        ("Ongoing - annual assessment", "ongoing", None, "annually", None, None),
        (
            "Add to Team Meeting agenda July, October, January - update due July 31st",
            "ongoing",
            None,
            JOC,
            date(2007, 7, 31),
            None,
        ),
        # Other ways people write them.
        ("2007-09-30", "2007-09-30", None, None, None, None),
        ("2007-09", "2007-09", None, None, None, None),
        ("30/09/2007", "2007-09-30", None, None, None, None),
        ("30/9/07", "2007-09-30", None, None, None, None),
        ("09/2007", "2007-09", None, None, None, None),
        ("1-Aug-07", "2007-08-01", None, None, None, None),
        ("31st July 2007", "2007-07-31", None, None, None, None),
        ("July 31, 2007", "2007-07-31", None, None, None, None),
        ("September 2007", "2007-09", None, None, None, None),
        ("Sept. 2007", "2007-09", None, None, None, None),
        ("Sept '07", "2007-09", None, None, None, None),
        ("by end of March 2008", "2008-03", None, None, None, None),
        ("Q3 2007/08", "2007-12-31", None, None, None, None),
        ("2007/08", "2008-03-31", None, None, None, None),
        ("from Sept 07", "ongoing", "2007-09", None, None, None),
        ("Sept 07 onwards", "ongoing", "2007-09", None, None, None),
        ("Sept 07 - Mar 08", "2008-03", "2007-09", None, None, None),
        ("Quarterly from Sept 07", "ongoing", "2007-09", "quarterly", None, None),
        ("Ongoing, reviewed six-monthly", "ongoing", None, "half-yearly", None, None),
        (
            "Ongoing. Reviewed at team meetings",
            "ongoing",
            None,
            None,
            None,
            "Reviewed at team meetings.",
        ),
        ("Sep-07 - update due Oct 07", "2007-09", None, None, None, "Update due Oct 07."),
    ],
)
def test_reads_each_form(
    text: str,
    due: str,
    start: str | None,
    cadence: str | tuple[str, ...] | None,
    next_review: date | None,
    note: str | None,
) -> None:
    reading = read_due(text, PLAN_DATE)
    assert isinstance(reading, DueReading), reading
    assert (reading.due, reading.start, reading.cadence, reading.next_review, reading.note) == (
        due,
        start,
        cadence,
        next_review,
        note,
    )
    assert reading.text == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("TBC", "'TBC' (to be confirmed) is not a date yet."),
        ("", "It is empty: every action needs a due date."),
        ("When funding allows", "eqdiv cannot read 'When funding allows' as a due date."),
        ("soon", "eqdiv cannot read 'soon' as a due date."),
        ("31/02/2007", "'31/02/2007' is not a real date."),
        ("2007-13", "'2007-13' is not a real date."),
        ("2008", "'2008' is a year: say the month or the day it is due (such as March 2008)."),
        (
            "Ongoing - review in Spring 2008",
            "eqdiv cannot read the date in 'review in Spring 2008'.",
        ),
        ("Sep-07 - Oct-07 - Nov-07", "It gives more than two dates: which is the due date?"),
        ("Mar 08 - Sep 07", "Its second date is before its first."),
        ("by Sep-07 - ongoing", "It says both ongoing and due by a date."),
    ],
)
def test_refuses_to_guess(text: str, reason: str) -> None:
    assert read_due(text, PLAN_DATE) == Unreadable(text, reason)


def test_a_date_without_a_year_is_read_against_the_plan_date_and_says_so() -> None:
    reading = read_due("September", PLAN_DATE)
    assert isinstance(reading, DueReading)
    assert reading.due == "2007-09"
    assert reading.assumptions == (
        "'September' has no year: read as September 2007, the nearest to 2007-08-01",
    )
    # The nearest July 31st to 1 August 2007 is the day before, not a year on.
    review = read_due("Ongoing - update due July 31st", PLAN_DATE)
    assert isinstance(review, DueReading) and review.next_review == date(2007, 7, 31)


def test_without_a_plan_date_a_date_without_a_year_is_unreadable() -> None:
    assert read_due("July 31st") == Unreadable(
        "July 31st", "'July 31st' has no year, and there is no plan date to read it against."
    )
    reading = read_due("Sep-07")
    assert isinstance(reading, DueReading) and reading.due == "2007-09"


def test_quarters_follow_the_year_start() -> None:
    assert read_date("Q1 2007") == read_date("2007-06-30")
    calendar = read_date("Q1 2007", year_start_month=1)
    assert calendar is not None and calendar.value == "2007-03-31"


@pytest.mark.parametrize(
    ("cell", "count", "expected"),
    [
        # As Word's table reads when copied as text: entries run together.
        (
            "Ongoing. Sept 07 - ongoing Ongoing Sep-07",
            4,
            ["Ongoing.", "Sept 07 - ongoing", "Ongoing", "Sep-07"],
        ),
        ("Oct-07 Jul-07 Ongoing Ongoing", 4, ["Oct-07", "Jul-07", "Ongoing", "Ongoing"]),
        ("Sept 07 - ongoing ongoing Ongoing", 3, ["Sept 07 - ongoing", "ongoing", "Ongoing"]),
        # As a spreadsheet cell holds them: one per line.
        ("Ongoing - see notes\nSep-07", 2, ["Ongoing - see notes", "Sep-07"]),
        ("Oct-07 Jul-07", 3, None),
        ("Ongoing then whenever Sep-07", 2, None),
    ],
)
def test_splits_a_cell_holding_several_entries(
    cell: str, count: int, expected: list[str] | None
) -> None:
    assert split_due_cell(cell, count) == expected


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [
        ("monthly", date(2007, 8, 31)),
        ("quarterly", date(2007, 10, 31)),
        ("half-yearly", date(2008, 1, 31)),
        ("annually", date(2008, 7, 31)),
        (JOC, date(2007, 10, 31)),
        (("August",), date(2007, 8, 31)),
    ],
)
def test_first_review_is_one_period_on(cadence: str | tuple[str, ...], expected: date) -> None:
    assert first_review(cadence, PLAN_DATE) == expected


@pytest.mark.parametrize(
    ("cadence", "start", "expected"),
    [
        # A period from a day the target month lacks ends on that month's last day.
        ("quarterly", date(2007, 1, 31), date(2007, 4, 30)),
        ("monthly", date(2008, 1, 30), date(2008, 2, 29)),
        # From a month's last day that the next month also has: the day before it.
        ("monthly", date(2007, 4, 30), date(2007, 5, 29)),
        ("annually", date(2008, 2, 29), date(2009, 2, 28)),
        ("monthly", date(2007, 12, 15), date(2008, 1, 14)),
    ],
)
def test_first_review_from_the_end_of_a_month(cadence: str, start: date, expected: date) -> None:
    assert first_review(cadence, start) == expected


def test_cadences_as_written() -> None:
    assert parse_cadence("quarterly") == "quarterly"
    assert parse_cadence("July,October,January") == JOC
    assert parse_cadence("jul / oct and jan") == JOC
    assert parse_cadence("fortnightly") is None


@given(st.text(max_size=80))
def test_never_raises(text: str) -> None:
    assert isinstance(read_due(text, PLAN_DATE), DueReading | Unreadable)
    assert isinstance(read_due(text), DueReading | Unreadable)
