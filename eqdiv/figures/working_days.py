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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase

# Lazy imports: `holidays` is loaded when a case is first timed, so a repository
# without complaints never pays for it.

# eqdiv.yaml's nation -> the holidays package's subdivision of GB.
SUBDIVISIONS = {"england_and_wales": "ENG", "scotland": "SCT", "northern_ireland": "NIR"}
_ONE = timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """The working days of one nation."""

    nation: str = "england_and_wales"

    def is_working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _bank_holidays(self.nation)

    def holiday(self, day: date) -> str | None:
        """The bank holiday's name on ``day``, or None."""
        name: str | None = _bank_holidays(self.nation).get(day)
        return name

    def add(self, day: date, working_days: int) -> date:
        """The ``working_days``-th working day after ``day`` (``day`` itself for 0)."""
        for _ in range(working_days):
            day += _ONE
            while not self.is_working(day):
                day += _ONE
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is
        not after ``start``): how long something took."""
        count, day = 0, start
        while day < end:
            day += _ONE
            if self.is_working(day):
                count += 1
        return count


@cache
def _bank_holidays(nation: str) -> HolidayBase:
    from holidays import country_holidays

    # The package works out each year's holidays when a day of it is first asked for.
    return country_holidays("GB", subdiv=SUBDIVISIONS[nation])
