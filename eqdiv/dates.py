"""Calendar helpers. Records keep dates as ISO text; the model turns them into dates."""

from __future__ import annotations

import calendar
from datetime import date


def parse_day(text: str) -> date:
    """``2007-09-30`` as a date (the schema has already checked the form)."""
    return date.fromisoformat(text)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


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
