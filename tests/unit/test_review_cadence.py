"""Review cadences: when the next review falls, for named cadences and named months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.model.dates import MONTH_NAMES, shift_months
from eqdiv.model.plans import CADENCE_MONTHS, Review

TEAM_MEETINGS = ("July", "October", "January")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2007, 7, 31), 3, date(2007, 10, 31)),  # month ends stay month ends
        (date(2007, 10, 31), 1, date(2007, 11, 30)),
        (date(2007, 11, 30), 1, date(2007, 12, 31)),
        (date(2008, 1, 31), 1, date(2008, 2, 29)),  # leap year
        (date(2007, 1, 30), 1, date(2007, 2, 28)),  # a day February lacks
        (date(2007, 9, 15), 6, date(2008, 3, 15)),
        (date(2007, 9, 15), -9, date(2006, 12, 15)),
    ],
)
def test_shift_months(day: date, months: int, expected: date) -> None:
    assert shift_months(day, months) == expected


def test_team_meetings_follow_the_seed() -> None:
    # 5b: "Add to Team Meeting agenda July, October, January - update due July 31st".
    july = Review(TEAM_MEETINGS, date(2007, 7, 31))
    assert july.following() == date(2007, 10, 31)
    october = Review(TEAM_MEETINGS, date(2007, 10, 31))
    assert october.following() == date(2008, 1, 31)
    assert Review(TEAM_MEETINGS, date(2008, 1, 31)).following() == date(2008, 7, 31)
    # A review set for a day inside its month still moves on to the next named month.
    assert Review(TEAM_MEETINGS, date(2007, 10, 9)).following() == date(2008, 1, 31)


def test_a_missed_review_points_at_the_next_meeting() -> None:
    missed = Review(TEAM_MEETINGS, date(2007, 7, 31))
    assert missed.upcoming(date(2007, 10, 15)) == date(2007, 10, 31)
    assert missed.upcoming(date(2007, 11, 1)) == date(2008, 1, 31)
    assert missed.upcoming(date(2007, 7, 1)) == date(2007, 7, 31)  # not yet missed


@pytest.mark.parametrize(
    ("cadence", "following", "upcoming"),
    [
        ("monthly", date(2007, 8, 31), date(2007, 10, 31)),
        ("quarterly", date(2007, 10, 31), date(2007, 10, 31)),
        ("half-yearly", date(2008, 1, 31), date(2008, 1, 31)),
        ("annually", date(2008, 7, 31), date(2008, 7, 31)),
    ],
)
def test_named_cadences_step_from_next(cadence: str, following: date, upcoming: date) -> None:
    review = Review(cadence, date(2007, 7, 31))
    assert review.following() == following
    assert review.upcoming(date(2007, 10, 15)) == upcoming


def test_a_31st_that_became_a_28th_recovers() -> None:
    review = Review("monthly", date(2007, 1, 30))
    assert review.upcoming(date(2007, 3, 1)) == date(2007, 3, 30)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
cadences = st.one_of(
    st.sampled_from(sorted(CADENCE_MONTHS)),
    st.lists(st.sampled_from(MONTH_NAMES), min_size=1, max_size=12, unique=True).map(tuple),
)


def schedule_index(review: Review, day: date) -> int | None:
    """k when ``day`` is ``next`` moved k steps of a named cadence, else None."""
    assert isinstance(review.cadence, str)
    step = CADENCE_MONTHS[review.cadence]
    for k in range(2000):
        point = shift_months(review.next, k * step)
        if point == day:
            return k
        if point > day:
            return None
    return None


def months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


@given(cadences, days, days)
def test_upcoming_is_the_first_review_on_or_after_the_day(
    cadence: str | tuple[str, ...], next_review: date, day: date
) -> None:
    review = Review(cadence, next_review)
    upcoming = review.upcoming(day)
    assert upcoming >= day and upcoming >= next_review
    if day <= next_review:
        assert upcoming == next_review
    elif isinstance(cadence, tuple):
        assert MONTH_NAMES[upcoming.month - 1] in cadence
        assert (upcoming + timedelta(days=1)).day == 1  # the end of its month
        assert months_between(day, upcoming) < 12
        # No named month is skipped between the day and the answer.
        for gap in range(months_between(day, upcoming)):
            month = (day.month - 1 + gap) % 12
            assert MONTH_NAMES[month] not in cadence
    else:
        k = schedule_index(review, upcoming)
        assert k is not None and k >= 1
        assert shift_months(next_review, (k - 1) * CADENCE_MONTHS[cadence]) < day


@given(cadences, days)
def test_following_comes_within_a_year(cadence: str | tuple[str, ...], next_review: date) -> None:
    review = Review(cadence, next_review)
    following = review.following()
    assert following > next_review
    assert 1 <= months_between(next_review, following) <= 12
    if isinstance(cadence, str):
        assert schedule_index(review, following) == 1
    else:
        assert MONTH_NAMES[following.month - 1] in cadence
