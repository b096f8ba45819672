"""Dates at the calendar's edges: records dated 9999-12-31 (a stand-in for "never") or
0001-01-01 are valid ISO, so every command must read them; date arithmetic saturates
at ``date.max``/``date.min`` instead of raising. Dates and periods typed on the command
line are held to the years 1900 to 2199: outside them is a usage error that says so."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.checks.validation import validate
from eqdiv.model.dates import add_days, first_day, last_day, month_end, month_start, shift_months
from eqdiv.model.due_text import first_review
from eqdiv.model.periods import Period, previous_quarter, quarter, quarter_of, year
from eqdiv.model.plans import CADENCE_MONTHS, Review
from eqdiv.report import annual_report, quarterly_report
from eqdiv.status import build_status
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED, CliResult
from tests.gitsupport import GitRepo, new_repo

Cli = Callable[..., CliResult]
END, START = date.max, date.min


# --- the arithmetic ---------------------------------------------------------------


def test_month_arithmetic_saturates_at_the_ends_of_the_calendar() -> None:
    assert shift_months(date(9999, 12, 31), 1) == END
    assert shift_months(date(9999, 11, 15), 3) == END
    assert shift_months(date(9999, 11, 15), 1) == date(9999, 12, 15)
    assert shift_months(date(1, 1, 31), -1) == START
    assert shift_months(date(1, 2, 28), -1) == date(1, 1, 31)  # a month end stays one
    assert month_end(10000, 3) == END
    assert month_start(0, 12) == START
    assert (first_day("0000-05"), last_day("0000-05")) == (START, START)
    assert add_days(END, 1) == END
    assert add_days(START, -1) == START
    assert add_days(date(2007, 10, 15), -15) == date(2007, 9, 30)


def test_periods_at_the_ends_of_the_calendar() -> None:
    # 9999/00 Q4 would be January to March 10000: it saturates to the last day.
    assert quarter(9999, 4) == Period(END, END, "9999/00 Q4 (January to March 10000)")
    assert year(9999) == Period(date(9999, 4, 1), END, "9999/00")
    assert quarter_of(END) == Period(
        date(9999, 10, 1), END, "9999/00 Q3 (October to December 9999)"
    )
    # The quarter holding 1 January 0001 began in year 0: it starts on the first day.
    assert quarter_of(START) == Period(START, date(1, 3, 31), "0/01 Q4 (January to March 1)")
    assert previous_quarter(START) == quarter_of(START)


def test_reviews_at_the_end_of_the_calendar() -> None:
    monthly = Review("monthly", END)
    assert monthly.following() == END
    assert monthly.upcoming(END) == END
    meetings = Review(("July", "October", "January"), date(9999, 10, 31))
    assert meetings.following() == END  # January 10000
    assert meetings.upcoming(date(9999, 11, 1)) == END
    assert first_review("quarterly", END) == END
    assert first_review("monthly", date(9999, 11, 30)) == date(9999, 12, 29)


@given(st.dates(), st.integers(-12 * 10_000, 12 * 10_000))
def test_shift_months_never_raises_and_keeps_order(day: date, months: int) -> None:
    moved = shift_months(day, months)
    assert moved >= day if months >= 0 else moved <= day


@given(st.dates(), st.dates(), st.sampled_from(sorted(CADENCE_MONTHS)))
def test_the_next_review_is_never_before_the_day_asked(nxt: date, day: date, cadence: str) -> None:
    assert Review(cadence, nxt).upcoming(day) >= day


@pytest.mark.parametrize("as_of", [END, START])
def test_the_core_runs_on_the_calendars_last_and_first_days(as_of: date) -> None:
    """The command line keeps --as-of to 1900-2199; the Python API takes any date."""
    repo = load_repository(BUNDLED)
    validate(repo, as_of)
    assert build_status(repo, as_of).as_of == as_of
    quarterly_report(repo, as_of, quarter_of(as_of))
    annual_report(repo, as_of, year(as_of.year))


# --- records that hold extreme dates ----------------------------------------------


def with_dates(where: Path, day: str) -> GitRepo:
    """A git repository of the bundled records, then a commit that sets every date in
    them to ``day`` (and every month to its month)."""
    repo = new_repo(where)
    for path in repo.records.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", day, text)
        text = re.sub(r"\b(?:19|20)\d{2}-\d{2}\b", day[:7], text)
        # Moving the dates changes what was signed off: drop the sign-offs' record of
        # it, which is not what these tests are about.
        text = re.sub(r"  (?:digest: \S+\n|(?:fields|ratings):\n(?:    .*\n)+)", "", text)
        path.write_text(text, encoding="utf-8")
    repo.commit("Every date moved to the edge")
    return repo


@pytest.fixture(scope="module")
def far(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return with_dates(tmp_path_factory.mktemp("far"), "9999-12-31")


@pytest.fixture(scope="module")
def early(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return with_dates(tmp_path_factory.mktemp("early"), "0001-01-01")


COMMANDS = [
    ("validate", "--as-of", "2007-10-15"),
    ("status", "--as-of", "2007-10-15"),
    ("status", "--as-of", "2199-12-31", "--format", "json"),
    ("actions", "--all", "--as-of", "2007-10-15", "--format", "json"),
    ("actions", "--due-within", "30", "--as-of", "1900-01-01"),
    ("eia", "list", "--as-of", "2007-10-15"),
    ("eia", "score"),
    ("consultation", "list", "--as-of", "2007-10-15"),
    ("consultation", "coverage", "--as-of", "2007-10-15", "--format", "json"),
    ("report", "quarterly", "--as-of", "2007-10-15", "--format", "md"),
    ("report", "annual", "--as-of", "2199-12-31", "--format", "json"),
    ("review", "HEAD~1", "--as-of", "2007-10-15"),
    ("history", "parent-partnership-2007/1a"),
    ("history", "eia-2007-home-visits"),
]
# (9999: updates and sign-offs dated after today are errors, and review says the
# change brings them; 0001: every date is long past, which is no error.)
FAR_EXITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]
EARLY_EXITS = [0] * len(COMMANDS)


@pytest.mark.parametrize(("args", "code"), list(zip(COMMANDS, FAR_EXITS, strict=True)))
def test_records_dated_9999_12_31(cli: Cli, far: GitRepo, args: tuple[str, ...], code: int) -> None:
    result = cli(*args, cwd=far.records)
    assert result.exit_code == code, result.stdout + result.stderr


@pytest.mark.parametrize(("args", "code"), list(zip(COMMANDS, EARLY_EXITS, strict=True)))
def test_records_dated_0001_01_01(
    cli: Cli, early: GitRepo, args: tuple[str, ...], code: int
) -> None:
    result = cli(*args, cwd=early.records)
    assert result.exit_code == code, result.stdout + result.stderr


def test_a_review_far_away_is_shown_as_written(cli: Cli, far: GitRepo) -> None:
    result = cli(
        "actions",
        "--plan",
        "parent-partnership-2007",
        "--as-of",
        "2007-10-15",
        cwd=far.records,
        env={"NO_COLOR": "1", "COLUMNS": "80"},
    )
    assert "next review 9999-12-31" in result.stdout


# --- dates typed on the command line ----------------------------------------------

DATE_RANGE = "give a date from 1900-01-01 to 2199-12-31."
PERIOD_RANGE = "give a period from 1900 to 2199."
OPTIONS = [
    (("status", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("actions", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("validate", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("eia", "list", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("review", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("report", "quarterly", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("report", "annual", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("consultation", "coverage", "--as-of", "{d}"), "--as-of", DATE_RANGE),
    (("consultation", "coverage", "--since", "{d}"), "--since", DATE_RANGE),
    (("consultation", "list", "--since", "2007-01-01", "--until", "{d}"), "--until", DATE_RANGE),
    (("consultation", "coverage", "--period", "{y}-Q4"), "--period", PERIOD_RANGE),
    (("consultation", "list", "--period", "{y}"), "--period", PERIOD_RANGE),
    (("report", "quarterly", "--quarter", "{y}-Q4"), "--quarter", PERIOD_RANGE),
    (("report", "annual", "--year", "{y}"), "--year", PERIOD_RANGE),
    (("report", "render", "quarterly.md", "--quarter", "{y}-Q1"), "--quarter", PERIOD_RANGE),
    (("new", "consultation", "--date", "{d}", "--yes", "--dry-run"), "--date", DATE_RANGE),
    (
        ("action", "update", "parent-partnership-2007", "2b", "--completed", "{d}"),
        "--completed",
        DATE_RANGE,
    ),
    (
        ("action", "update", "parent-partnership-2007", "2b", "--next-review", "{d}"),
        "--next-review",
        DATE_RANGE,
    ),
    (("import", "plan", "plan.csv", "--as-of", "{d}"), "--as-of", DATE_RANGE),
]


@pytest.mark.parametrize(("day", "year_"), [("9999-12-31", "9999"), ("0001-01-01", "0001")])
@pytest.mark.parametrize(("args", "option", "said"), OPTIONS)
def test_dates_and_periods_outside_1900_to_2199_are_usage_errors(
    cli: Cli, args: tuple[str, ...], option: str, said: str, day: str, year_: str
) -> None:
    given_args = [a.format(d=day, y=year_) for a in args]
    result = cli(*given_args, env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 2
    value = next(a for a in given_args if day in a or a.startswith(year_))
    assert f"Invalid value for '{option}': '{value}' is outside the" in result.stderr
    assert said in result.stderr


@pytest.mark.parametrize("due", ["9999-12", "0001-01-01", "Dec-9999", "31/12/1899"])
def test_action_update_refuses_a_due_date_outside_the_years(
    cli: Cli, tmp_path: Path, due: str
) -> None:
    repo = new_repo(tmp_path, commit=False)
    before = repo.read("plans/parent-partnership-2007.yaml")
    result = cli(
        "action",
        "update",
        "parent-partnership-2007",
        "2b",
        "--due",
        due,
        "--as-of",
        AS_OF.isoformat(),
        cwd=repo.records,
        env={"NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"eqdiv: --due '{due}' is outside the dates eqdiv accepts.\n"
        "  hint: Give a date from 1900 to 2199, or 'ongoing' for an action with no end date.\n"
    )
    assert repo.read("plans/parent-partnership-2007.yaml") == before


def test_the_edges_of_the_range_are_accepted(cli: Cli) -> None:
    assert cli("status", "--as-of", "2199-12-31").exit_code == 0
    assert cli("status", "--as-of", "1900-01-01").exit_code == 0
    assert (
        cli(
            "report", "annual", "--year", "2198", "--as-of", "2199-12-31", "--format", "json"
        ).exit_code
        == 0
    )
