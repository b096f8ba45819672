"""`eqdiv eia list|score|rubric` as a user runs them: golden outputs, the JSON the API
gives, exit codes (--fail-under), usage errors, broken records and rubrics."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from eqdiv.eia import eia_quality, result_to_dict, shipped_rubric_text
from eqdiv.store.repository import load_repository
from tests.conftest import BUNDLED, CliResult, RepoBuilder, documentation
from tests.eia_support import break_config, eia, with_eia

Cli = Callable[..., CliResult]
WIDTH = {"COLUMNS": "80"}  # rich reads the width from COLUMNS; pin it


@pytest.fixture(autouse=True)
def plain(no_color: None) -> None:
    """Every test here reads plain text."""


def test_markdown_for_several_eias_starts_with_the_register(cli: Cli) -> None:
    result = cli("eia", "score", "--format", "md", "--fail-under", "Adequate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "## EIA quality",
        "",
        "| EIA | Status | Decided | Review | Score | Grade |",
        "|---|---|---|---|---|---|",
    ]
    assert [line for line in lines if line.startswith("### ")] == [
        "### `eia-2007-case-records`: Moving case records to the council's document server",
        "### `eia-2007-drop-in-sessions`: Moving drop-in sessions to the civic centre",
        "### `eia-2007-home-visits`: Home visits and information in alternative formats",
        "### `eia-2007-service-leaflet`: New Parent Partnership leaflet",
    ]
    assert lines[-3:] == [
        "**Failed:** below Adequate or not scored: `eia-2007-drop-in-sessions`, "
        "`eia-2007-service-leaflet`.",
        "",
        "_Scored with eqdiv EIA quality rubric, shipped with eqdiv._",
    ]


def test_json_is_what_the_api_gives(cli: Cli) -> None:
    result = cli("eia", "score", "--format", "json")
    assert result.exit_code == 0
    api = result_to_dict(eia_quality(load_repository(BUNDLED)), "eia score", full=True)
    assert json.loads(result.stdout) == json.loads(json.dumps(api))
    listed = json.loads(cli("eia", "list", "--format", "json", "--as-of", "2008-11-15").stdout)
    assert listed["command"] == "eia list" and listed["as_of"] == "2008-11-15"
    assert listed["summary"] == {
        "scored": 4,
        "unscored": 0,
        "config_read": True,
        "grades": {"Inadequate": 2, "Adequate": 0, "Good": 0, "Excellent": 2},
        "minimum_grade": "Adequate",
        "below_minimum": ["eia-2007-drop-in-sessions", "eia-2007-service-leaflet"],
        "fail_under": None,
        "failing": [],
    }
    assert listed["eias"][1] == {
        "id": "eia-2007-drop-in-sessions",
        "title": "Moving drop-in sessions to the civic centre",
        "path": "eias/eia-2007-drop-in-sessions.yaml",
        "screened_out": False,
        "status": "signed off",
        "decision_date": "2007-10-10",
        "review_date": "2008-10-10",
        "review_derived_from": None,
        "review_overdue": True,
        "points": 15,
        "maximum": 22,
        "percentage": 68.1,
        "grade": "Inadequate",
        "points_grade": "Good",
        "capped": True,
        "changed_since_signoff": None,
    }


def test_list_and_status_give_the_same_review_dates(cli: Cli) -> None:
    # By 2011 every signed-off EIA is overdue, so status lists them all.
    as_of = ("--as-of", "2011-01-01", "--format", "json")
    listed = json.loads(cli("eia", "list", *as_of).stdout)["eias"]
    status = json.loads(cli("status", *as_of).stdout)["sections"]["eias"]["eias"]
    assert {e["id"]: e["review_date"] for e in listed} == {e["id"]: e["review_due"] for e in status}
    case_records = listed[0]
    assert (case_records["review_date"], case_records["review_derived_from"]) == (
        "2010-08-08",
        {"event": "signoff", "date": "2007-08-08", "months": 36},
    )
    assert [e["review_overdue"] for e in listed] == [True, True, True, False]


@pytest.mark.parametrize(
    ("args", "code", "last"),
    [
        ((), 0, "Below the partnership's minimum grade (Adequate): eia-2007-drop-in-sessions,"),
        (("--fail-under", "Inadequate"), 0, "OK: every EIA scored is Inadequate or better."),
        (("--fail-under", "adequate"), 1, "  eia-2007-service-leaflet."),
        (
            ("eia-2007-home-visits", "--fail-under", "Excellent"),
            0,
            "OK: every EIA scored is Excellent or better.",
        ),
        (
            ("eia-2007-case-records", "--fail-under", "Excellent"),
            0,
            "OK: every EIA scored is Excellent or better.",
        ),
        (
            ("eia-2007-home-visits", "eia-2007-drop-in-sessions", "--fail-under", "Good"),
            1,
            "FAILED: below Good or not scored: eia-2007-drop-in-sessions.",
        ),
    ],
    ids=["no-gate", "all-pass", "two-fail", "top-passes", "screened-passes", "one-fails"],
)
def test_fail_under_exits_1_exactly_when_an_eia_is_below(
    cli: Cli, args: tuple[str, ...], code: int, last: str
) -> None:
    result = cli("eia", "score", *args, env=WIDTH)
    assert result.exit_code == code
    assert last in result.stdout.splitlines()[-2:]


def test_unknown_grade_or_eia_is_a_usage_error(cli: Cli) -> None:
    result = cli("eia", "score", "--fail-under", "Fair")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "eqdiv: 'Fair' is not a grade of the rubric in use (eqdiv EIA quality rubric).\n"
        "  hint: Grades, lowest first: Inadequate, Adequate, Good, Excellent.\n"
    )
    result = cli("eia", "score", "eia-2007-home-visit")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"eqdiv: There is no EIA called 'eia-2007-home-visit' in {BUNDLED}."
    )
    assert result.stderr.splitlines()[1].startswith(
        "  hint: Did you mean 'eia-2007-home-visits'? `eqdiv eia list` lists the EIAs: "
    )


def test_an_eia_with_errors_is_not_scored_and_fails_the_gate(cli: Cli, repo: RepoBuilder) -> None:
    with_eia(repo, eia())
    repo.write({"eias/broken.yaml": "kind: eia\nid: eia-broken\ntitle: Half written\n"})
    result = cli("eia", "score", "--fail-under", "Inadequate", cwd=repo.root, env=WIDTH)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-5:] == [
        "eias/broken.yaml: not scored: EIA eia-broken has errors; run `eqdiv validate`.",
        "",
        "Rubric: eqdiv EIA quality rubric (shipped with eqdiv).",
        "1 EIA scored: 1 Excellent.",
        "FAILED: below Inadequate or not scored: eia-broken.",
    ]
    # Named on its own, it is reported, not a usage error.
    result = cli("eia", "score", "eia-broken", cwd=repo.root)
    assert result.exit_code == 0
    assert "not scored: EIA eia-broken has errors" in result.stdout


def test_a_broken_rubric_is_reported_and_the_shipped_one_scores(
    cli: Cli, repo: RepoBuilder
) -> None:
    with_eia(repo, eia())
    broken = shipped_rubric_text().replace(
        "  - criterion: C8\n    cap: Inadequate", "  - criterion: C8\n    cap: Poor"
    )
    repo.write({"rubric.yaml": broken})
    result = cli("eia", "score", cwd=repo.root, env=WIDTH)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "rubric.yaml:8:1: warning rubric-fallback This rubric has errors, so EIAs are "
        "scored with eqdiv's shipped rubric until they are fixed.",
        "  hint: Fix the errors reported for this file; `eqdiv eia rubric` shows the rubric "
        "in use.",
        "rubric.yaml:214:10: error rubric-invalid 'Poor' is not a grade in this rubric.",
        "  hint: Grades: Inadequate, Adequate, Good, Excellent.",
    ]
    assert result.stdout.splitlines()[-2] == (
        "Rubric: eqdiv EIA quality rubric (shipped with eqdiv; the partnership's rubric "
        "has errors)."
    )
    assert cli("validate", "--as-of", "2007-10-15", cwd=repo.root).exit_code == 1


def test_an_unreadable_file_is_a_warning_beside_the_scores(cli: Cli, repo: RepoBuilder) -> None:
    with_eia(repo, eia())
    repo.write({"rubric.yaml": "kind: rubric\nid: [unclosed\n"})
    result = cli("eia", "list", "--as-of", "2007-10-15", cwd=repo.root, env=WIDTH)
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: these files have errors, so scores cannot use what they hold: "
        "rubric.yaml. Run `eqdiv validate`.\n"
    )


def test_a_config_that_cannot_be_read_is_said_beside_the_scores(
    cli: Cli, repo: RepoBuilder
) -> None:
    with_eia(repo, eia())
    break_config(repo.root)
    result = cli("eia", "list", "--as-of", "2007-10-15", cwd=repo.root, env=WIDTH)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-4:] == [
        "Rubric: eqdiv EIA quality rubric (shipped with eqdiv).",
        "eqdiv.yaml has errors, so EIAs are scored without the partnership's strand set",
        "  (C3) and review cycle (C10), and its minimum grade is not known.",
        "1 EIA scored: 1 Excellent.",
    ]
    assert "eqdiv.yaml" in result.stderr
    data = json.loads(cli("eia", "list", "--format", "json", cwd=repo.root).stdout)
    assert (data["summary"]["config_read"], data["summary"]["minimum_grade"]) == (False, None)
    status = cli("status", "--as-of", "2007-10-15", "--format", "json", cwd=repo.root)
    quality = json.loads(status.stdout)["sections"]["eia_quality"]
    assert (quality["config_read"], quality["minimum"]) == (False, None)
    text = cli("status", "--as-of", "2007-10-15", cwd=repo.root, env=WIDTH).stdout
    assert "  eqdiv.yaml has errors, so EIAs are scored without the partnership's" in text


def test_rubric_command(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("eia", "rubric", "--format", "yaml")
    assert (result.exit_code, result.stdout) == (0, shipped_rubric_text())
    text = cli("eia", "rubric", env=WIDTH).stdout.splitlines()
    assert text[0] == "eqdiv EIA quality rubric (shipped with eqdiv)"
    assert "C8 Mitigation" in text
    assert text[-2:] == [
        "Judged on, for full assessment: C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11",
        "Judged on, for screened out: C1, C2, C3, C11, S1",
    ]
    md = cli("eia", "rubric", "--format", "md").stdout.splitlines()
    assert md[0] == "## eqdiv EIA quality rubric"
    data = json.loads(cli("eia", "rubric", "--format", "json").stdout)
    assert data["rubric"]["id"] == "eqdiv-eia-rubric" and len(data["rubric"]["criteria"]) == 12
    # A partnership's own rubric is the one shown, word for word.
    own = shipped_rubric_text().replace("title: eqdiv EIA quality rubric", "title: Our rubric")
    repo.write({"rubric.yaml": own})
    assert cli("eia", "rubric", "-f", "yaml", cwd=repo.root).stdout == own
    assert cli("eia", "rubric", cwd=repo.root).stdout.startswith("Our rubric (rubric.yaml)\n")


def test_an_empty_repository_has_nothing_to_score(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("eia", "list", cwd=repo.root)
    assert result.exit_code == 0
    assert result.stdout == (
        "Rubric: eqdiv EIA quality rubric (shipped with eqdiv).\n0 EIAs scored.\n"
    )
    assert cli("eia", "score", "--fail-under", "Good", cwd=repo.root).exit_code == 0


def test_the_eia_commands_are_documented() -> None:
    readme = documentation()
    for command in ("eqdiv eia list", "eqdiv eia score", "eqdiv eia rubric"):
        assert command in readme, command
    assert "--fail-under" in readme


def test_scoring_an_eia_that_cannot_be_read_says_so(cli, repo) -> None:  # type: ignore[no-untyped-def]
    repo.write({"eias/tabbed.yaml": "kind: eia\nid: eia-tabbed\n\ttitle: x\n"})
    result = cli("eia", "score", "eia-tabbed", cwd=repo.root)
    assert result.exit_code == 2
    assert (
        "The EIA 'eia-tabbed' (eias/tabbed.yaml) cannot be read, so it cannot be scored."
        in result.stderr
    )
