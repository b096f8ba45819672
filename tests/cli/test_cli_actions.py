"""`eqdiv actions` as a user runs it: the seed's late actions, filters, formats, errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from tests.conftest import AS_OF, BUNDLED, OCTOBER_REVIEWS, TEXT_80, CliResult, RepoBuilder

Cli = Callable[..., CliResult]


def actions(cli: Cli, *args: str, **kwargs: object) -> CliResult:
    return cli("actions", "--as-of", "2007-10-15", *args, env=TEXT_80, **kwargs)


def listed(cli: Cli, *args: str) -> list[tuple[str, str, int | None]]:
    result = actions(cli, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [(a["id"], a["state"], a["days_late"]) for a in json.loads(result.stdout)["actions"]]


def test_overdue_on_the_bundled_records_is_what_a_manager_calls_late(cli: Cli) -> None:
    # The seed plan on 15 October 2007: 2b was due in July (Jul-07), 1d in September
    # (Sep-07), and 5b's update was due on 31 July. Everything else is ongoing with its
    # review at the October team meeting, or (2a, Oct-07) due at the end of the month.
    result = actions(cli, "--overdue")
    assert result.exit_code == 0
    assert result.stdout == (
        "3 of 19 actions on 2007-10-15: 2 overdue, 1 review overdue\n"
        "  Plan parent-partnership-2007.\n"
        "  2b  overdue, 76 days late\n"
        "      Audit information for each group\n"
        "      Due 2007-07-31 (Jul-07). In progress.\n"
        "      Owner: Parent Partnership Manager (DH).\n"
        "  5b  review overdue, 76 days late\n"
        "      Monitor Action Plan via Team meetings quarterly\n"
        "      Ongoing, reviewed in July, October and January; review was due 2007-07-31,\n"
        "      the next is 2007-10-31.\n"
        "      Owner: Parent Partnership Manager (DH).\n"
        "  1d  overdue, 15 days late\n"
        "      Identify and list all key decisions taken in the Parent Partnership servi…\n"
        "      Due 2007-09-30 (Sep-07). Not started.\n"
        "      Owner: Parent Partnership Manager (DH).\n"
    )
    assert listed(cli, "--overdue") == [
        ("2b", "overdue", 76),
        ("5b", "review_overdue", 76),
        ("1d", "overdue", 15),
    ]


def test_every_action_by_urgency(cli: Cli) -> None:
    assert listed(cli) == [
        ("2b", "overdue", 76),
        ("5b", "review_overdue", 76),
        ("1d", "overdue", 15),
        ("2a", "due_soon", None),
        *[(i, "review_due_soon", None) for i in OCTOBER_REVIEWS],
        ("5a", "on_track", None),
    ]


def test_json_action_shape(cli: Cli) -> None:
    data = json.loads(actions(cli, "--overdue", "--format", "json").stdout)
    assert data["command"] == "actions"
    assert data["as_of"] == "2007-10-15"
    assert data["repository"] == str(BUNDLED)
    assert data["filters"] == {
        "overdue": True,
        "due_within": None,
        "owner": None,
        "plan": None,
        "element": None,
        "status": [],
        "all": False,
    }
    assert data["summary"]["listed"] == 3 and data["summary"]["considered"] == 19
    assert data["summary"]["by_state"]["overdue"] == 2
    assert data["actions"][1] == {
        "plan": "parent-partnership-2007",
        "id": "5b",
        "ref": "parent-partnership-2007/5b",
        "element": 5,
        "text": "Monitor Action Plan via Team meetings quarterly",
        "owners": [{"id": "DH", "role": "Parent Partnership Manager"}],
        "status": "ongoing",
        "due": {"form": "ongoing", "value": "ongoing", "deadline": None},
        "due_text": "Add to Team Meeting agenda July, October, January - update due July 31st",
        "start": None,
        "review": {
            "cadence": ["July", "October", "January"],
            "next": "2007-07-31",
            "following": "2007-10-31",
            "upcoming": "2007-10-31",
        },
        "completed": None,
        "state": "review_overdue",
        "date": "2007-07-31",
        "days_late": 76,
        "days_left": None,
        "path": "plans/parent-partnership-2007.yaml",
        "line": 263,
    }
    assert data["actions"][0]["due"] == {
        "form": "month",
        "value": "2007-07",
        "deadline": "2007-07-31",
    }


def test_json_equals_the_api_result(cli: Cli) -> None:
    from eqdiv.actions.action_json import listing_to_dict
    from eqdiv.actions.listing import ActionFilter, list_actions
    from eqdiv.store.repository import load_repository

    listing = list_actions(load_repository(BUNDLED), AS_OF, ActionFilter(due_within=20))
    result = actions(cli, "--due-within", "20", "--format", "json")
    assert json.loads(result.stdout) == listing_to_dict(listing, str(BUNDLED))


def test_csv(cli: Cli) -> None:
    result = actions(cli, "--overdue", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["action"], r["state"], r["days_late"]) for r in rows] == [
        ("2b", "overdue", "76"),
        ("5b", "review_overdue", "76"),
        ("1d", "overdue", "15"),
    ]
    assert rows[0] == {
        "plan": "parent-partnership-2007",
        "action": "2b",
        "element": "2",
        "text": "Audit information for each group",
        "owners": "DH",
        "owner_roles": "Parent Partnership Manager",
        "status": "in_progress",
        "due": "2007-07",
        "deadline": "2007-07-31",
        "due_text": "Jul-07",
        "review_cadence": "",
        "review_next": "",
        "state": "overdue",
        "date": "2007-07-31",
        "days_late": "76",
        "days_left": "",
    }
    assert rows[1]["review_cadence"] == "July, October, January"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--due-within", "20"), ["2a", *OCTOBER_REVIEWS]),
        (("--due-within", "15"), []),
        (
            ("--overdue", "--due-within", "16"),
            ["2b", "5b", "1d", "2a", *OCTOBER_REVIEWS],
        ),
        (("--element", "2"), ["2b", "2a", "2c", "2d"]),
        (("--element", "2", "--overdue"), ["2b"]),
        (("--status", "not_started"), ["1d", "2a", "1b", "3a"]),
        (("--status", "due_soon", "--status", "on_track"), ["2a", "5a"]),
        (("--status", "review_overdue"), ["5b"]),
        (("--owner", "DH", "--plan", "parent-partnership-2007", "--overdue"), ["2b", "5b", "1d"]),
        (("--owner", "PPO"), []),  # in the directory, owns nothing: an empty list
    ],
)
def test_filters(cli: Cli, args: tuple[str, ...], expected: list[str]) -> None:
    assert [i for i, _, _ in listed(cli, *args)] == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--owner", "HD"),
            "eqdiv: 'HD' is not in the people directory and owns no action.\n  hint: Did you mean 'DH'?",
        ),
        (
            ("--plan", "parent-partnership-2006"),
            "eqdiv: There is no action plan 'parent-partnership-2006'.\n  hint: Did you mean 'parent-partnership-2007'?",
        ),
        (
            ("--element", "6"),
            "eqdiv: No action is under element '6'.\n  hint: Elements in use: 1, 2, 3, 4, 5.",
        ),
        (("--status", "late"), "eqdiv: 'late' is not a status.\n  hint: Statuses: not_started,"),
        (
            ("--status", "in-progress"),
            "eqdiv: 'in-progress' is not a status.\n  hint: Did you mean 'in_progress'?",
        ),
    ],
)
def test_a_name_that_matches_nothing_is_a_usage_error(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    result = actions(cli, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--due-within", "-1"), "Invalid value for '--due-within': It must be 0 or more."),
        (("--due-within", "soon"), "Invalid value for '--due-within': Write a whole number"),
        (("--format", "xlsx"), "'xlsx' is not one of 'text', 'json', 'csv'."),
        (("--as-of", "15/10/2007"), "'15/10/2007' is not a date: write YYYY-MM-DD"),
    ],
)
def test_bad_options_are_usage_errors_in_plain_words(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    result = cli("actions", *args, env=TEXT_80)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert message in said
    # Not the words of the library that checked the value.
    assert "Input should be" not in said and "Value error" not in said


PLAN = """\
kind: action-plan
id: {plan}
title: Plan
owner: DH
framework: eslg-2007
actions:
  - id: 1a
    element: 1
    text: Finished
    owners: [DH]
    due: 2007-09
    status: complete
    completed: 2007-09-20
  - id: 1b
    element: 1
    text: Nobody knows when
    owners: [DH, QA]
    status: in_progress
  - id: 1c
    element: 1
    text: Dropped
    owners: [QA]
    due: 2007-08
    status: cancelled
  - id: 1d
    element: 1
    text: Late
    owners: [QA]
    due: 2007-10-01
    status: in_progress
"""


def test_closed_actions_only_when_asked(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"plan.yaml": PLAN.format(plan="one")})
    ids = lambda *args: [  # noqa: E731
        a["id"]
        for a in json.loads(actions(cli, "--format", "json", *args, cwd=repo.root).stdout)[
            "actions"
        ]
    ]
    assert ids() == ["1d", "1b"]
    assert ids("--all") == ["1d", "1b", "1a", "1c"]
    assert ids("--status", "complete") == ["1a"]
    assert ids("--status", "undated") == ["1b"]
    assert ids("--owner", "QA") == ["1d", "1b"]


def test_several_plans_name_actions_by_plan(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"a.yaml": PLAN.format(plan="plan-a"), "b.yaml": PLAN.format(plan="plan-b")})
    result = actions(cli, "--owner", "QA", cwd=repo.root)
    assert result.exit_code == 0
    assert result.stdout == (
        "4 of 8 actions on 2007-10-15: 2 overdue, 2 undated\n"
        "  plan-a/1d  overdue, 14 days late\n"
        "      Late\n"
        "      Due 2007-10-01. In progress.\n"
        "      Owner: Equality Officer (QA).\n"
        "  plan-b/1d  overdue, 14 days late\n"
        "      Late\n"
        "      Due 2007-10-01. In progress.\n"
        "      Owner: Equality Officer (QA).\n"
        "  plan-a/1b  undated\n"
        "      Nobody knows when\n"
        "      No due date, with no review. In progress.\n"
        "      Owners: Service Manager (DH), Equality Officer (QA).\n"
        "  plan-b/1b  undated\n"
        "      Nobody knows when\n"
        "      No due date, with no review. In progress.\n"
        "      Owners: Service Manager (DH), Equality Officer (QA).\n"
    )


def test_a_broken_plan_is_named_not_hidden(cli: Cli, repo: RepoBuilder) -> None:
    repo.write(
        {"plan.yaml": PLAN.format(plan="one").replace("status: in_progress", "status: late", 1)}
    )
    result = actions(cli, "--plan", "one", cwd=repo.root)
    assert result.exit_code == 2
    assert result.stderr == (
        "eqdiv: The plan 'one' (plan.yaml) cannot be read, so its actions cannot be listed.\n"
        "  hint: Run `eqdiv validate` to see what to fix.\n"
    )


def test_text_fits_80_columns(cli: Cli) -> None:
    for line in actions(cli).stdout.splitlines():
        assert len(line) <= 80, line


def test_a_plan_with_errors_is_named_in_the_listing(cli: Cli, repo: RepoBuilder) -> None:
    broken = PLAN.format(plan="two").replace("status: in_progress", "status: late", 1)
    repo.write({"a.yaml": PLAN.format(plan="one"), "b.yaml": broken})
    result = actions(cli, "--owner", "QA", cwd=repo.root)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "2 of 4 actions on 2007-10-15: 1 overdue, 1 undated\n"
        "  Left out: 1 plan with errors (b.yaml); its actions are not listed. `eqdiv\n"
        "  validate` shows what to fix.\n"
    )
    listing = json.loads(actions(cli, "--format", "json", cwd=repo.root).stdout)
    assert listing["left_out"] == ["b.yaml"]
