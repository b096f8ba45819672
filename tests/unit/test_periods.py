"""Quarters and years follow the configured year start (April for local government)."""

from __future__ import annotations

from datetime import date

import pytest

from eqdiv.model.errors import UsageError
from eqdiv.model.periods import (
    Period,
    between,
    parse_period,
    previous_quarter,
    quarter,
    quarter_of,
    year,
)


def test_local_government_quarters() -> None:
    assert quarter(2007, 1) == Period(
        date(2007, 4, 1), date(2007, 6, 30), "2007/08 Q1 (April to June 2007)"
    )
    assert quarter(2007, 2).label == "2007/08 Q2 (July to September 2007)"
    assert quarter(2007, 4) == Period(
        date(2008, 1, 1), date(2008, 3, 31), "2007/08 Q4 (January to March 2008)"
    )


def test_calendar_quarters_and_a_quarter_across_new_year() -> None:
    assert quarter(2007, 1, start_month=1) == Period(
        date(2007, 1, 1), date(2007, 3, 31), "2007 Q1 (January to March 2007)"
    )
    assert quarter(2007, 3, start_month=11).label == "2007/08 Q3 (May to July 2008)"
    assert quarter(2007, 1, start_month=11).label == "2007/08 Q1 (November 2007 to January 2008)"


def test_years() -> None:
    assert year(2007) == Period(date(2007, 4, 1), date(2008, 3, 31), "2007/08")
    assert year(2007, start_month=1) == Period(date(2007, 1, 1), date(2007, 12, 31), "2007")


def test_quarter_of_and_previous_quarter() -> None:
    assert quarter_of(date(2007, 10, 15)) == quarter(2007, 3)
    assert quarter_of(date(2008, 2, 29)) == quarter(2007, 4)
    assert quarter_of(date(2008, 4, 1)) == quarter(2008, 1)
    assert previous_quarter(date(2007, 10, 15)) == quarter(2007, 2)
    assert previous_quarter(date(2007, 4, 1)) == quarter(2006, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2007-Q3", quarter(2007, 3)),
        ("2007q2", quarter(2007, 2)),
        ("2007", year(2007)),
        ("2007/08", year(2007)),
    ],
)
def test_parse_period(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2007-Q5", "Q3", "2007/09", "last quarter", ""])
def test_parse_period_refuses_nonsense(text: str) -> None:
    with pytest.raises(UsageError):
        parse_period(text)


def test_membership_and_between() -> None:
    q = quarter(2007, 2)
    assert date(2007, 7, 1) in q and date(2007, 10, 1) not in q
    assert q.overlaps(date(2007, 6, 1), date(2007, 7, 1))
    assert between(date(2007, 1, 1), date(2007, 1, 31)).days == 31
    with pytest.raises(UsageError):
        between(date(2007, 2, 1), date(2007, 1, 1))
