"""Calendar helpers. Records keep dates as ISO text; the model turns them into dates."""

from __future__ import annotations

import calendar
from datetime import date

# English month names, fixed: ``calendar.month_name`` follows the process locale, and
# records are written (and schemas validated) in English whatever the machine's locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def parse_day(text: str) -> date:
    """``2007-09-30`` as a date (the schema has already checked the form)."""
    return date.fromisoformat(text)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or, if negative, before) ``year``-``month``."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months. A month's last day stays a month's last day, and a
    day the target month lacks becomes its last (31 January + 1 month = 29 February), so
    a schedule of month ends stays on month ends."""
    year, month = add_months(day.year, day.month, months)
    end = month_end(year, month)
    if day == month_end(day.year, day.month):
        return end
    return date(year, month, min(day.day, end.day))


def is_month(text: str) -> bool:
    """True for ``2007-09`` (a month), False for ``2007-09-30`` (a day)."""
    return len(text) == 7


def first_day(text: str) -> date:
    """The first day a day-or-month value covers: ``2007-09`` is 1 September 2007."""
    if is_month(text):
        return date(int(text[:4]), int(text[5:7]), 1)
    return parse_day(text)


def last_day(text: str) -> date:
    """The last day a day-or-month value covers: ``2007-09`` is 30 September 2007."""
    if is_month(text):
        return month_end(int(text[:4]), int(text[5:7]))
    return parse_day(text)


def optional_day(text: str | None) -> date | None:
    return parse_day(text) if text else None
