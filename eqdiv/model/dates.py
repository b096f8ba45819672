"""Calendar helpers. Records keep dates as ISO text; the model turns them into dates."""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta

# English month names, fixed: ``calendar.month_name`` follows the process locale, and
# records are written (and schemas validated) in English whatever the machine's locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def parse_day(text: str) -> date:
    """``2007-09-30`` as a date (the schema has already checked the form)."""
    return date.fromisoformat(text)


# The years a date or period typed by a person may fall in: wide enough for any real
# plan, narrow enough that a slip such as 9999 or 0001 is caught as one.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def plausible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


# Date arithmetic here saturates at the ends of the calendar Python can hold (years 1 to
# 9999) instead of raising: records are typed by people, and ``9999-12-31`` (a stand-in
# for "never") or ``0001-01-01`` is valid ISO that must not stop a command. A day past
# the end is ``date.max``; a day before the start is ``date.min``.


def _beyond(year: int, month: int) -> date | None:
    """``date.max`` or ``date.min`` for a month outside the calendar; None inside it."""
    if (year, month) > (MAXYEAR, 12):
        return date.max
    if (year, month) < (MINYEAR, 1):
        return date.min
    return None


def month_start(year: int, month: int) -> date:
    return _beyond(year, month) or date(year, month, 1)


def month_end(year: int, month: int) -> date:
    return _beyond(year, month) or date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or, if negative, before) ``year``-``month``.
    The year may fall outside the calendar: ``month_start``/``month_end`` saturate it."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months. A month's last day stays a month's last day, and a
    day the target month lacks becomes its last (31 January + 1 month = 29 February), so
    a schedule of month ends stays on month ends."""
    year, month = add_months(day.year, day.month, months)
    if outside := _beyond(year, month):
        return outside
    end = month_end(year, month)
    if day == month_end(day.year, day.month):
        return end
    return date(year, month, min(day.day, end.day))


def add_days(day: date, days: int) -> date:
    """``day`` moved by ``days`` (negative: back), saturating at the calendar's ends."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def is_month(text: str) -> bool:
    """True for ``2007-09`` (a month), False for ``2007-09-30`` (a day)."""
    return len(text) == 7


def first_day(text: str) -> date:
    """The first day a day-or-month value covers: ``2007-09`` is 1 September 2007."""
    if is_month(text):
        return month_start(int(text[:4]), int(text[5:7]))
    return parse_day(text)


def last_day(text: str) -> date:
    """The last day a day-or-month value covers: ``2007-09`` is 30 September 2007."""
    if is_month(text):
        return month_end(int(text[:4]), int(text[5:7]))
    return parse_day(text)


def optional_day(text: str | None) -> date | None:
    return parse_day(text) if text else None
