"""Reporting periods: quarters and years that follow the partnership's year start.

Local government years start in April, so ``2007-Q1`` is April to June 2007 and
``2007-Q4`` is January to March 2008; ``2007`` is the year April 2007 to March 2008
(written 2007/08). With a January start they are calendar quarters and years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import MONTH_NAMES, add_days, add_months, month_end, month_start
from eqdiv.model.errors import UsageError

_QUARTER = re.compile(r"(\d{4})-?Q([1-4])", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})(?:/(\d{2}))?")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """An inclusive range of days, with the name people use for it."""

    start: date
    end: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        return first <= self.end and last >= self.start

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def year_label(year: int, start_month: int) -> str:
    return str(year) if start_month == 1 else f"{year}/{(year + 1) % 100:02d}"


def quarter(year: int, number: int, start_month: int = 4) -> Period:
    """Quarter ``number`` (1-4) of the year that starts in ``year``."""
    first_year, first_month = add_months(year, start_month, 3 * (number - 1))
    last_year, last_month = add_months(first_year, first_month, 2)
    first_name, last_name = MONTH_NAMES[first_month - 1], MONTH_NAMES[last_month - 1]
    span = f"{first_name} to {last_name} {last_year}"
    if first_year != last_year:
        span = f"{first_name} {first_year} to {last_name} {last_year}"
    return Period(
        month_start(first_year, first_month),
        month_end(last_year, last_month),
        f"{year_label(year, start_month)} Q{number} ({span})",
    )


def year(year: int, start_month: int = 4) -> Period:
    """The reporting year that starts in ``year``."""
    last_year, last_month = add_months(year, start_month, 11)
    return Period(
        month_start(year, start_month),
        month_end(last_year, last_month),
        year_label(year, start_month),
    )


def year_of(day: date, start_month: int = 4) -> int:
    """The starting calendar year of the reporting year that holds ``day``."""
    return day.year if day.month >= start_month else day.year - 1


def quarter_of(day: date, start_month: int = 4) -> Period:
    """The quarter that holds ``day``."""
    first = year_of(day, start_month)
    months_in = (day.year - first) * 12 + day.month - start_month
    return quarter(first, months_in // 3 + 1, start_month)


def previous_quarter(day: date, start_month: int = 4) -> Period:
    """The last complete quarter before the one holding ``day``."""
    return quarter_of(add_days(quarter_of(day, start_month).start, -1), start_month)


def parse_period(text: str, start_month: int = 4) -> Period:
    """``2007-Q3`` (a quarter) or ``2007`` / ``2007/08`` (a year); a usage error otherwise."""
    text = text.strip()
    if match := _QUARTER.fullmatch(text):
        return quarter(int(match[1]), int(match[2]), start_month)
    if (match := _YEAR.fullmatch(text)) and (
        match[2] is None or int(match[2]) == (int(match[1]) + 1) % 100
    ):
        return year(int(match[1]), start_month)
    raise UsageError(
        f"'{text}' is not a period eqdiv knows.",
        "Write a quarter such as 2007-Q3, or a year such as 2007 (the year that starts in "
        "2007, following year_start_month in eqdiv.yaml).",
    )


def between(since: date, until: date) -> Period:
    """Any span of days, for --since/--until."""
    if until < since:
        raise UsageError(f"The period ends ({until}) before it starts ({since}).")
    return Period(since, until, f"{since.isoformat()} to {until.isoformat()}")
