"""Working days: weekends and the nation's bank holidays do not count.

Complaint timescales are in working days (the Ombudsman's code), and the bank holidays
of England and Wales, Scotland and Northern Ireland differ, so the holidays come from
the `holidays` package (maintained, shipped as data: nothing is fetched at run time)
rather than a hand-typed table that would go stale.

Counting follows the usual rule: the day something arrives is day 0, the next working
day is day 1, so "within 10 working days" ends at the close of the tenth working day
after the day received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

# Lazy imports: `holidays` is loaded when a case is first timed, so a repository
# without complaints never pays for it.

# eqdiv.yaml's nation -> the holidays package's subdivision of GB.
SUBDIVISIONS = {"england_and_wales": "ENG", "scotland": "SCT", "northern_ireland": "NIR"}
_ONE = timedelta(days=1)


# The years whose bank holidays are counted: the years eqdiv accepts on the command line.
# Outside them (a slip such as 9999-12-31 in a record) only weekends are not working
# days, so arithmetic at the calendar's edges stays quick and never fails.
FIRST_YEAR, LAST_YEAR = 1900, 2199


@dataclass(frozen=True)
class Calendar:
    """The working days of one nation."""

    nation: str = "england_and_wales"

    def is_working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _bank_holidays(self.nation, day.year)

    def holiday(self, day: date) -> str | None:
        """The bank holiday's name on ``day``, or None."""
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            return None
        name: str | None = _named(self.nation, day.year).get(day)
        return name

    def add(self, day: date, working_days: int) -> date:
        """The ``working_days``-th working day after ``day`` (``day`` itself for 0); the
        calendar's last day when it runs out."""
        for _ in range(working_days):
            day = _next(day)
            while not self.is_working(day) and day < date.max:
                day = _next(day)
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is
        not after ``start``): how long something took. Worked out, not counted day by
        day, so a span of years costs no more than a week."""
        if end <= start:
            return 0
        weekdays = _weekdays_to(end) - _weekdays_to(start)
        holidays = sum(
            1
            for year in range(max(start.year, FIRST_YEAR), min(end.year, LAST_YEAR) + 1)
            for day in _bank_holidays(self.nation, year)
            if start < day <= end and day.weekday() < 5
        )
        return weekdays - holidays


def _next(day: date) -> date:
    return day if day == date.max else day + _ONE


def _weekdays_to(day: date) -> int:
    """Weekdays from the calendar's first day up to and including ``day``."""
    ordinal = day.toordinal()  # 1 is Monday 0001-01-01
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


@cache
def _named(nation: str, year: int) -> dict[date, str]:
    from holidays import country_holidays

    return dict(country_holidays("GB", subdiv=SUBDIVISIONS[nation], years=year).items())


@cache
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    """The bank holidays of ``nation`` in ``year`` (none outside the years counted)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return frozenset()
    return frozenset(_named(nation, year))
