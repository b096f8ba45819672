"""Reading due dates as people write them in spreadsheets and Word tables.

The seed plan's "By When/Update" column mixes "Sep-07", "Sept 07 - ongoing", "Ongoing.",
"Ongoing - annual assessment", "Ongoing - discussed at Team meetings - ..." and "Add to
Team Meeting agenda July, October, January - update due July 31st". ``read_due`` turns
one such entry into the due-date model of an action (a day, a month, or ``ongoing`` with
a start, a review cadence and a next review date) and keeps what was written. What it
cannot read it says so, with the reason, instead of guessing; where it had to assume
something (a date written without a year) the reading says what it assumed.

Pure functions: the reference date that year-less dates are read against is a
parameter, never the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import MAXYEAR, date
from typing import Literal

from eqdiv.model.dates import MONTH_NAMES as MONTHS
from eqdiv.model.dates import add_days, add_months, month_end, month_start
from eqdiv.model.errors import UsageError
from eqdiv.model.periods import quarter, year_label
from eqdiv.model.periods import year as reporting_year
from eqdiv.model.plans import CADENCE_MONTHS

CADENCES = tuple(CADENCE_MONTHS)
Cadence = str | tuple[str, ...]
Precision = Literal["day", "month"]

# "Sept" and "Sept." are the commonest spellings after the three-letter ones.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORDINAL_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
_YEAR = r"(?:\d{4}|'?\d{2})"

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("iso_day", r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
        ("iso_month", r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
        # Day first, as the UK writes it: 30/09/2007, 30.9.07, 30-09-2007.
        ("numeric_day", r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})"),
        ("numeric_month", r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})"),
        # 31 July 2007, 1-Aug-07 (Excel's d-mmm-yy), 31st July.
        ("day_month", rf"(?P<d>{_DAY})[\s-]*(?:of\s+)?(?P<mn>{_MONTH})(?:[\s,-]+(?P<y>{_YEAR}))?"),
        # July 31st, July 31st 2007, July 31, 2007 (a bare two-digit number after a month
        # is a year, as Excel's mmm-yy writes it: "Sep 07").
        ("month_day", rf"(?P<mn>{_MONTH})\s*(?P<d>{_ORDINAL_DAY})(?:,?\s+(?P<y>{_YEAR}))?"),
        ("month_day_year", rf"(?P<mn>{_MONTH})\s*(?P<d>{_DAY}),?\s+(?P<y>\d{{4}})"),
        # Sep-07, Sept 07, September 2007, Sept '07.
        ("month_year", rf"(?P<mn>{_MONTH})[\s,-]*(?P<y>{_YEAR})"),
        ("month", rf"(?P<mn>{_MONTH})"),
        # Q3 2007/08, Q3 07/08, Q3 2007: the reporting year's quarter.
        ("quarter", r"q(?:tr|uarter)?\s*(?P<q>[1-4])"
                    r"(?:[\s,-]+(?P<y>\d{4}|\d{2})(?:/(?P<y2>\d{2}))?)?"),
        ("fin_year", r"(?P<y>\d{4})/(?P<y2>\d{2})"),
    )
)  # fmt: skip

# Words around a date that say what it is.
_START_WORDS = r"(?:from|starting|start|commencing|beginning|begin)"
_DUE_WORDS = (
    r"(?:by\s+(?:the\s+)?end\s+of|by\s+end|by|before|end\s+of|end|due(?:\s+by)?|deadline"
    r"|target|in|w/c|week\s+commencing)"
)
_PREFIX = re.compile(rf"^(?:(?P<start>{_START_WORDS})|(?P<due>{_DUE_WORDS}))[\s:]+", re.I)
_ONWARDS = re.compile(r"\s+(?:onwards?|on)$", re.IGNORECASE)
_ONGOING = re.compile(r"on[\s-]?going|continuous|continuing", re.IGNORECASE)
_REVIEW = re.compile(
    r"^(?:(?:next\s+)?(?:review|update|report)(?:ed)?(?:\s+(?:due|by|on|at|in))?)[\s:]+(?P<date>.+)$",
    re.IGNORECASE,
)
_CADENCE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cadence, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for cadence, pattern in (
        ("half-yearly", r"half[\s-]?yearly|six[\s-]?monthly|6[\s-]?monthly|twice\s+a\s+year"
         r"|every\s+(?:six|6)\s+months"),
        ("quarterly", r"quarterly|every\s+quarter|each\s+quarter|every\s+(?:three|3)\s+months"),
        ("monthly", r"monthly|every\s+month|each\s+month"),
        ("annually", r"annual(?:ly)?|yearly|every\s+year|each\s+year|once\s+a\s+year"),
    )
)  # fmt: skip
_MONTH_LIST = re.compile(
    rf"\b(?P<list>{_MONTH}(?:\s*(?:,|and|&|/)\s*{_MONTH})+)(?![\s,-]*'?\d)", re.IGNORECASE
)
_SEGMENTS = re.compile(r"\s+[-–—]+\s+|\s*;\s*")
_LEADING_ONGOING = re.compile(rf"^(?P<word>{_ONGOING.pattern})[.,:;]?\s+(?P<rest>.+)$", re.I)
# Signs that free text holds a date eqdiv did not read: a year, a numeric date, or a
# month with a year. ("May" alone is too often a verb to count.)
_DATE_LIKE = re.compile(
    rf"\b(?:19|20)\d\d\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b|\b{_MONTH}[\s-]+'?\d{{2}}\b",
    re.IGNORECASE,
)
_NOT_DATES = {
    "tbc": "'{text}' (to be confirmed) is not a date yet.",
    "tba": "'{text}' (to be arranged) is not a date yet.",
    "tbd": "'{text}' (to be decided) is not a date yet.",
    "asap": "'{text}' is not a date.",
    "as soon as possible": "'{text}' is not a date.",
    "as required": "'{text}' is not a date.",
    "as and when": "'{text}' is not a date.",
    "n/a": "'{text}' says there is no due date.",
    "na": "'{text}' says there is no due date.",
    "none": "'{text}' says there is no due date.",
}
_YEAR_ONLY = re.compile(r"(?:by\s+|in\s+|end\s+of\s+)?(?P<year>(?:19|20)\d\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DatePart:
    """A date read from text: ISO ``value`` (``2007-09`` or ``2007-09-30``) and how
    precise it is. ``assumed`` explains a year that had to be supplied."""

    value: str
    precision: Precision
    assumed: str | None = None

    @property
    def last_day(self) -> date:
        if self.precision == "month":
            return month_end(int(self.value[:4]), int(self.value[5:7]))
        return date.fromisoformat(self.value)


@dataclass(frozen=True, slots=True)
class DueReading:
    """What a due entry says, in the terms of the action-plan schema.

    ``due`` is ``ongoing``, a month (``2007-09``) or a day (``2007-09-30``). ``note``
    is any progress update that shared the cell ("Ongoing - discussed at Team
    meetings"). ``assumptions`` lists what eqdiv had to assume, for the user to check.
    """

    text: str
    due: str
    start: str | None = None
    cadence: Cadence | None = None
    next_review: date | None = None
    note: str | None = None
    assumptions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ongoing(self) -> bool:
        return self.due == "ongoing"

    def describe(self) -> str:
        """In words: 'September 2007', 'ongoing from September 2007'."""
        if not self.ongoing:
            return describe_date(self.due)
        said = "ongoing"
        if self.start:
            said += f" from {describe_date(self.start)}"
        if self.cadence:
            said += f", reviewed {cadence_words(self.cadence)}"
        return said


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A due entry eqdiv could not read, and why, in words for the person who wrote it."""

    text: str
    reason: str


def read_due(
    text: str, reference: date | None = None, year_start_month: int = 4
) -> DueReading | Unreadable:
    """Read one due entry. ``reference`` (the plan's date) places dates written
    without a year; without it such dates are unreadable."""
    original = text
    text = " ".join(text.split())
    if not text:
        return Unreadable(original, "It is empty: every action needs a due date.")
    known = _NOT_DATES.get(text.rstrip(".").lower())
    if known:
        return Unreadable(original, known.format(text=text))
    if year_only := _YEAR_ONLY.fullmatch(text.rstrip(".")):
        return Unreadable(
            original,
            f"'{text}' is a year: say the month or the day it is due (such as March "
            f"{year_only['year']}).",
        )
    reader = _Reader(reference, year_start_month)
    for segment in _split_segments(text):
        reader.add(segment)
    return reader.result(original)


def read_date(
    text: str, reference: date | None = None, year_start_month: int = 4
) -> DatePart | None:
    """One date on its own ("Sep-07", "31/07/2007", "July 31st"), or None."""
    text = " ".join(text.split()).rstrip(".,;:")
    for name, pattern in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            return _date_from(name, match, reference, year_start_month)
    return None


def describe_date(value: str) -> str:
    """``2007-09`` as 'September 2007', ``2007-09-30`` as '30 September 2007'."""
    if len(value) == 7:
        return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    day = date.fromisoformat(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def cadence_words(cadence: Cadence) -> str:
    if isinstance(cadence, str):
        return cadence
    return "in " + ", ".join(cadence)


def parse_cadence(text: str) -> Cadence | None:
    """``quarterly`` or ``July, October, January`` as a cadence, or None."""
    cleaned = text.strip().lower()
    if cleaned in CADENCES:
        return cleaned
    names = [part.strip() for part in re.split(r"[,/&]|\band\b", text) if part.strip()]
    months = [_month_number(name) for name in names]
    if names and all(months):
        return tuple(dict.fromkeys(MONTHS[m - 1] for m in months if m))
    return None


def cadence_from_text(text: str) -> Cadence:
    """``parse_cadence`` for text a user gave: a usage error naming the cadences
    eqdiv knows when it is not one."""
    cadence = parse_cadence(text)
    if cadence is None:
        raise UsageError(
            f"'{text}' is not a review cadence.",
            "Use monthly, quarterly, half-yearly, annually, or months such as "
            "'July,October,January'.",
        )
    return cadence


def first_review(cadence: Cadence, reference: date) -> date:
    """When an ongoing action is first reviewed: one cadence period after
    ``reference`` (a quarterly action started on 1 August is reviewed by 31 October),
    or the end of the first named month on or after it."""
    if isinstance(cadence, str):
        # The day before the same date a period later; when that month is too short
        # for the date (31 January + 3 months), its last day: the period ends the day
        # before "31 April", that is on 30 April.
        year, month = add_months(reference.year, reference.month, CADENCE_MONTHS[cadence])
        if year > MAXYEAR:  # past the calendar's last day, where date arithmetic stops
            return date.max
        end = month_end(year, month)
        if reference.day > end.day:
            return end
        return add_days(date(year, month, reference.day), -1)
    wanted = {MONTHS.index(name) + 1 for name in cadence}
    year, month = reference.year, reference.month
    for _ in range(13):
        if month in wanted:
            return month_end(year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise ValueError(f"no month in {cadence!r}")  # unreachable: cadence is never empty


def split_due_cell(text: str, count: int) -> list[str] | None:
    """Split a cell holding the due entries of ``count`` actions, one per line (as a
    spreadsheet cell with line breaks holds them) or run together on one line (as a
    Word table copied as text does: "Ongoing. Sept 07 - ongoing Ongoing Sep-07")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == count:
        return lines
    items = _scan_items(" ".join(text.split()))
    if items is not None and len(items) == count:
        return items
    return None


# --- reading a whole entry ----------------------------------------------------------


class _Reader:
    """Collects the pieces of one entry (dates, 'ongoing', a cadence, a review date,
    free text) and decides what they mean together."""

    def __init__(self, reference: date | None, year_start_month: int) -> None:
        self.reference = reference
        self.start_month = year_start_month
        self.dates: list[tuple[DatePart, str | None]] = []  # (date, role word)
        self.ongoing = False
        self.cadence: Cadence | None = None
        self.review: tuple[DatePart, str] | None = None
        self.free: list[str] = []
        self.problem: str | None = None

    def add(self, segment: str) -> None:
        segment = segment.strip().rstrip(".,;:").strip()
        if not segment:
            return
        if _ONGOING.fullmatch(segment):
            self.ongoing = True
            return
        leading = _LEADING_ONGOING.match(segment)
        if leading and not self.free:
            self.ongoing = True
            self.add(leading["rest"])
            return
        dated = self._dated(segment)
        if dated is not None:
            self.dates.append(dated)
            return
        review = _REVIEW.match(segment)
        if review and (part := read_date(review["date"], self.reference, self.start_month)):
            self.review = (part, segment)
            return
        cadence = _cadence_in(segment)
        if cadence is not None:
            self.cadence = cadence
            start = re.search(rf"\b{_START_WORDS}\s+(?P<date>.+)$", segment, re.IGNORECASE)
            if start and (part := read_date(start["date"], self.reference, self.start_month)):
                self.dates.append((part, "start"))
            return
        self.free.append(segment)

    def _dated(self, segment: str) -> tuple[DatePart, str | None] | None:
        role: str | None = None
        onwards = _ONWARDS.search(segment)
        if onwards:
            segment, role = segment[: onwards.start()], "start"
            self.ongoing = True
        prefix = _PREFIX.match(segment)
        if prefix:
            role = "start" if prefix["start"] else "due"
            segment = segment[prefix.end() :]
        part = read_date(segment, self.reference, self.start_month)
        if part is None:
            if self.reference is None and _needs_year(segment):
                self.problem = (
                    f"'{segment}' has no year, and there is no plan date to read it against."
                )
            elif _looks_like_a_date(segment):
                self.problem = f"'{segment}' is not a real date."
            return None
        return part, role

    def _span(self) -> tuple[DatePart | None, str] | str:
        """The start (if any) and the due value (a date, or ``ongoing``) the dates and
        words give; or, when they contradict each other, what is wrong."""
        ongoing = self.ongoing or self.cadence is not None
        if len(self.dates) == 2:
            (first, _), (second, _) = self.dates
            if ongoing:
                return "It gives two dates and also says ongoing."
            if second.last_day < first.last_day:
                return "Its second date is before its first."
            return first, second.value
        if len(self.dates) == 1:
            part, role = self.dates[0]
            if not ongoing and role != "start":
                return None, part.value
            if role == "due":
                return "It says both ongoing and due by a date."
            return part, "ongoing"
        return None, "ongoing"

    def result(self, text: str) -> DueReading | Unreadable:
        if self.problem:
            return Unreadable(text, self.problem)
        anchored = self.dates or self.ongoing or self.cadence is not None
        if not anchored:
            said = " - ".join(self.free)
            return Unreadable(text, f"eqdiv cannot read '{said}' as a due date.")
        unread = [part for part in self.free if _DATE_LIKE.search(part)]
        if unread:
            return Unreadable(text, f"eqdiv cannot read the date in '{unread[0]}'.")
        if len(self.dates) > 2:
            return Unreadable(text, "It gives more than two dates: which is the due date?")
        assumptions = tuple(p.assumed for p, _ in self.dates if p.assumed)
        span = self._span()
        if isinstance(span, str):
            return Unreadable(text, span)
        start, due = span
        free = list(self.free)
        next_review = None
        if self.review is not None:
            review, said = self.review
            if due == "ongoing":
                next_review = review.last_day
                assumptions += (review.assumed,) if review.assumed else ()
            else:  # a review date on a dated action is progress news, not a cadence
                free.append(said)
        note = _sentence(" - ".join(free)) if free else None
        return DueReading(
            text=text,
            due=due,
            start=start.value if start else None,
            cadence=self.cadence if due == "ongoing" else None,
            next_review=next_review,
            note=note,
            assumptions=assumptions,
        )


def _split_segments(text: str) -> list[str]:
    return [part for part in _SEGMENTS.split(text) if part.strip()]


def _cadence_in(segment: str) -> Cadence | None:
    months = _MONTH_LIST.search(segment)
    if months:
        return parse_cadence(months["list"])
    for cadence, pattern in _CADENCE_WORDS:
        if pattern.search(segment):
            return cadence
    return None


def _sentence(text: str) -> str:
    """A note as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1].isalnum():
        text += "."
    return text


# --- reading one date ---------------------------------------------------------------


def _date_from(
    form: str, match: re.Match[str], reference: date | None, start_month: int
) -> DatePart | None:
    groups = match.groupdict()
    if form == "quarter":
        return _quarter(groups, reference, start_month)
    if form == "fin_year":
        first = int(groups["y"])
        if (first + 1) % 100 != int(groups["y2"]):
            return None
        return DatePart(reporting_year(first, start_month).end.isoformat(), "day")
    month = (_month_number(groups["mn"]) if groups.get("mn") else _int(groups.get("m"))) or 0
    if not 1 <= month <= 12:
        return None
    day = _int(re.sub(r"\D", "", groups["d"])) if groups.get("d") else None
    year_text = groups.get("y")
    if year_text is not None:
        year = _full_year(year_text)
        assumed = None
    else:
        if reference is None:
            return None
        year = _nearest_year(reference, month, day)
        written = match.group(0)
        whole = f"{day} {MONTHS[month - 1]} {year}" if day else f"{MONTHS[month - 1]} {year}"
        assumed = (
            f"'{written}' has no year: read as {whole}, the nearest to {reference.isoformat()}"
        )
    if day is None:
        return DatePart(f"{year:04d}-{month:02d}", "month", assumed)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return DatePart(value.isoformat(), "day", assumed)


def _quarter(
    groups: dict[str, str | None], reference: date | None, start_month: int
) -> DatePart | None:
    number = int(groups["q"] or 0)
    if groups.get("y"):
        first = _full_year(groups["y"] or "")
        if groups.get("y2") and (first + 1) % 100 != int(groups["y2"] or 0):
            return None
        return DatePart(quarter(first, number, start_month).end.isoformat(), "day")
    if reference is None:
        return None
    candidates = [reference.year + offset for offset in (-1, 0, 1)]
    chosen = min(
        candidates, key=lambda y: abs((quarter(y, number, start_month).end - reference).days)
    )
    return DatePart(
        quarter(chosen, number, start_month).end.isoformat(),
        "day",
        f"'Q{number}' has no year: read as Q{number} of {year_label(chosen, start_month)}, "
        f"the nearest to {reference.isoformat()}",
    )


def _looks_like_a_date(text: str) -> bool:
    """A date's shape with impossible numbers (31/02/2007, 2007-13)."""
    return any(pattern.fullmatch(text.strip().rstrip(".")) for _, pattern in _FORMS)


def _needs_year(text: str) -> bool:
    text = text.strip().rstrip(".")
    for name in ("month", "day_month", "month_day", "quarter"):
        pattern = dict(_FORMS)[name]
        match = pattern.fullmatch(text)
        if match and not match.groupdict().get("y"):
            return True
    return False


def _nearest_year(reference: date, month: int, day: int | None) -> int:
    def distance(year: int) -> int:
        if day is None:
            first, last = month_start(year, month), month_end(year, month)
            if first <= reference <= last:
                return 0
            return min(abs((first - reference).days), abs((last - reference).days))
        try:
            return abs((date(year, month, day) - reference).days)
        except ValueError:  # 29 February in a year that has none
            return 10**6

    return min((reference.year - 1, reference.year, reference.year + 1), key=distance)


def _month_number(name: str | None) -> int | None:
    if not name:
        return None
    key = name.strip().rstrip(".").lower()[:3]
    for number, month in enumerate(MONTHS, start=1):
        if month.lower().startswith(key) and len(key) == 3:
            return number
    return None


def _full_year(text: str) -> int:
    digits = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return digits
    return 2000 + digits if digits < 70 else 1900 + digits


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


# --- splitting a cell that holds several entries -----------------------------------

_ITEM = re.compile(
    rf"(?:{_ONGOING.pattern})\.?"
    rf"|(?:(?:{_START_WORDS}|{_DUE_WORDS})\s+)?"
    rf"(?:\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})"
    rf"|{_DAY}[\s-]+{_MONTH}[\s-]+{_YEAR}|{_MONTH}[\s-]*{_YEAR})"
    rf"(?:\s+[-–]\s+(?:{_ONGOING.pattern})\.?)?",
    re.IGNORECASE,
)


def _scan_items(text: str) -> list[str] | None:
    items: list[str] = []
    position = 0
    while position < len(text):
        match = _ITEM.match(text, position)
        if match is None:
            return None
        end = match.end()
        if end < len(text) and not text[end].isspace():
            return None
        items.append(match.group(0))
        position = end
        while position < len(text) and text[position].isspace():
            position += 1
    return items
