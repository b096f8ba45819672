"""`eqdiv consultation list` and `eqdiv consultation coverage` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv.figures.coverage import coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.publication import publication
from eqdiv.figures.suppression import STAFF_ONLY
from eqdiv.model.periods import quarter
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED, TEXT_80, CliResult, RepoBuilder, documentation

Cli = Callable[..., CliResult]
WIDTH = TEXT_80


def test_list_never_cuts_an_id(cli: Cli) -> None:
    # The longest bundled id (28 characters) keeps its column; the titles wrap.
    out = cli("consultation", "list", env=WIDTH).stdout
    assert "2007-08-14     cons-2007-traveller-outreach      12  Gypsies and Travellers," in out
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_list_puts_an_id_too_long_for_the_table_on_its_own_line(
    cli: Cli, repo: RepoBuilder
) -> None:
    long_id = "cons-2007-focus-group-with-fathers-of-children-with-sen-july"
    assert len(long_id) == 60
    repo.write(
        {
            "consultations/long.yaml": SURVEY.replace("id: small-survey", f"id: {long_id}"),
            "consultations/short.yaml": SURVEY.replace("start: 2007-08-01", "start: 2007-09-01"),
        }
    )
    out = cli("consultation", "list", cwd=repo.root, env=WIDTH).stdout
    assert out == (
        f"{STAFF_ONLY}\n"
        f"{long_id}\n"
        "  A small survey\n"
        "  2007-08-01; 30 people; aimed at Carers.\n"
        "\n"
        "small-survey\n"
        "  A small survey\n"
        "  2007-09-01; 30 people; aimed at Carers.\n"
        "\n"
        "2 activities; 60 people took part.\n"
    )


def test_list_for_a_period(cli: Cli) -> None:
    result = cli("consultation", "list", "--period", "2007-Q1", env=WIDTH)
    assert result.exit_code == 0
    assert "cons-2007-parent-survey" in result.stdout
    assert "cons-2007-citizens-panel" not in result.stdout
    assert result.stdout.endswith(
        "1 activity in 2007/08 Q1 (April to June 2007); 148 people took part.\n"
    )
    empty = cli("consultation", "list", "--since", "2006-01-01", "--until", "2006-12-31")
    assert (
        empty.stdout == "No consultation or involvement activities in 2006-01-01 to 2006-12-31.\n"
    )


def test_list_json(cli: Cli) -> None:
    result = cli("consultation", "list", "--format", "json")
    data = json.loads(result.stdout)
    assert data["command"] == "consultation list" and data["period"] is None
    # Participants are exact counts, not protected: the JSON says it is not to publish.
    assert data["audience"] == STAFF_ONLY
    assert [a["id"] for a in data["activities"]][:2] == [
        "cons-2007-parent-survey",
        "cons-2007-fathers-group",
    ]
    assert data["activities"][2] == {
        "id": "cons-2007-traveller-outreach",
        "title": "Outreach visit to the Traveller site with the Traveller Education Service",
        "organisation": "council",
        "lead": "DH",
        "start": "2007-08-14",
        "end": "2007-08-14",
        "methods": ["outreach", "interview"],
        "about_impacts": True,
        "targeted": ["gypsies_travellers", "ethnicity"],
        "participants": 12,
        "profile": ["ethnicity", "sex"],
        "accessible_formats": ["audio", "plain_text"],
        "eias": ["eia-2007-home-visits"],
        "actions": [],
        "path": "consultations/cons-2007-traveller-outreach.yaml",
        "line": 1,
    }
    assert data["left_out"] == []


def test_coverage_json_equals_the_api(cli: Cli) -> None:
    result = cli(
        "consultation",
        "coverage",
        "--period",
        "2007-Q2",
        "--format",
        "json",
        "--as-of",
        "2007-10-15",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    repo = load_repository(BUNDLED)
    expected = view(coverage(repo, quarter(2007, 2)), publication(repo)).to_dict(
        str(BUNDLED), AS_OF
    )
    assert data == json.loads(json.dumps(expected))
    assert data["command"] == "consultation coverage"
    assert data["suppressed"] is True and data["suppression_threshold"] == 10
    assert data["summary"]["not_reached"] == ["residents of other ethnic groups"]
    assert data["summary"]["text"][0].startswith("Under-represented: people aged 16 to 24")
    assert [d["id"] for d in data["dimensions"]] == [
        "age",
        "sex",
        "ethnicity",
        "disability",
        "religion",
    ]


def test_unsuppressed_is_explicit_and_says_so(cli: Cli) -> None:
    shown = cli("consultation", "coverage", "--as-of", "2007-10-15", "--unsuppressed", env=WIDTH)
    assert "Staff only — unsuppressed: exact counts, however small." in shown.stdout
    assert "fewer than 10" not in shown.stdout
    assert (
        "  Black                      7  1.2%  2.9%  0.44     16.0 under-represented\n"
        in shown.stdout
    )
    data = json.loads(
        cli(
            "consultation",
            "coverage",
            "--as-of",
            "2007-10-15",
            "--unsuppressed",
            "--format",
            "json",
        ).stdout
    )
    assert data["suppressed"] is False
    black = data["dimensions"][2]["categories"][1]
    assert (black["count"], black["suppressed"], black["ratio"]) == (7, None, 0.438)
    md = cli(
        "consultation", "coverage", "--as-of", "2007-10-15", "--format", "md", "--unsuppressed"
    )
    assert "Staff only — unsuppressed" in md.stdout and "fewer than 10" not in md.stdout


def test_one_activity(cli: Cli) -> None:
    result = cli("consultation", "coverage", "--id", "cons-2007-citizens-panel", env=WIDTH)
    assert result.exit_code == 0
    assert result.stdout.startswith("Consultation coverage: 2007-09-03 to 2007-09-28\n")
    # Everyone in it was asked their ethnic group, and 5 did not say: 412 took part, so
    # the 407 who said would give the 5 away. The ethnic group figures are withheld.
    assert (
        "Ethnic group\n"
        "  Asked in 1 activity: 412 people. A hidden number said, the base for the\n"
        "  shares; a hidden number did not say. Figures withheld to protect small\n"
        "  numbers: the number who said is hidden, as it is below 10 or would let a\n"
        "  hidden count be worked out.\n"
    ) in result.stdout
    exact = cli(
        "consultation", "coverage", "--id", "cons-2007-citizens-panel", "--unsuppressed", env=WIDTH
    )
    assert "Pakistani residents" in exact.stdout
    assert (
        "  Pakistani                      2  0.5%  4.0%  0.12     16.3 under-represented \n"
        in exact.stdout
    )


def test_default_period_follows_as_of(cli: Cli) -> None:
    result = cli("consultation", "coverage", "--as-of", "2008-01-20", env=WIDTH)
    assert result.stdout.startswith(
        "Consultation coverage: 2007/08 Q3 (October to December 2007)\n"
    )
    assert (
        "  No activity aimed at: Gypsies and Travellers, People on low income, People\n"
        in result.stdout
    )
    assert (
        "  Gypsies and Travellers: no activity in this period was aimed at them.\n" in result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2007-Q5"], "eqdiv: '2007-Q5' is not a period eqdiv knows."),
        (
            ["--period", "2007", "--since", "2007-01-01"],
            "eqdiv: Give --period, or --since and --until, not both.",
        ),
        (["--until", "2007-01-01"], "eqdiv: --until needs --since"),
        (
            ["--since", "2007-09-01", "--until", "2007-08-01"],
            "eqdiv: The period ends (2007-08-01) before it starts",
        ),
        (
            ["--id", "cons-2007-fathers-group", "--period", "2007"],
            "eqdiv: --id reports on one activity",
        ),
        (["--id", "cons-2007-fathers"], "hint: Did you mean 'cons-2007-fathers-group'?"),
        (["--profile", "census"], "eqdiv: 'census' is not a population profile in the records."),
        (["--since", "2007-9-1"], "'2007-9-1' is not a date: write YYYY-MM-DD"),
        (["--format", "xml"], "'xml' is not one of 'text', 'json', 'md'"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str], message: str) -> None:
    result = cli("consultation", "coverage", *args, env=WIDTH)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in " ".join(result.stderr.split())


def test_no_repository_exits_3(cli: Cli, tmp_path: Path) -> None:
    result = cli("consultation", "coverage", cwd=tmp_path)
    assert result.exit_code == 3
    assert "No records repository was found" in result.stderr


BROKEN = """\
kind: consultation
id: broken-consultation
title: Broken
start: 2007-08-01
methods: [survey]
participants: {total: many}
"""

SURVEY = """\
kind: consultation
id: small-survey
title: A small survey
start: 2007-08-01
methods: [survey]
targeted: [carers]
participants:
  total: 30
  profile:
    sex: {female: 18, male: 12}
"""


def test_a_broken_record_is_left_out_and_named(cli: Cli, repo: RepoBuilder) -> None:
    repo.write({"consultations/bad.yaml": BROKEN, "consultations/ok.yaml": SURVEY})
    unknown = SURVEY.replace("id: small-survey", "id: typo").replace("male: 12", "mal: 12")
    listed = cli("consultation", "list", cwd=repo.root, env=WIDTH)
    assert listed.exit_code == 0
    assert listed.stdout.endswith(
        "1 activity; 30 people took part.\n"
        "Not listed, because of errors (run `eqdiv validate`): consultations/bad.yaml.\n"
    )
    result = cli("consultation", "coverage", "--period", "2007-Q2", cwd=repo.root, env=WIDTH)
    assert result.exit_code == 0
    out = result.stdout
    assert "There is no population profile (kind: demographics) in the records" in out
    assert (
        "Not counted, because of errors: consultations/bad.yaml. The figures below are\n"
        "incomplete until then: run `eqdiv validate` to see what to fix.\n"
    ) in out
    assert "  Carers: small-survey.\n" in out
    assert "Nothing could be compared with the population." in out
    assert (
        "  Asked in 1 activity: 30 people. 30 said, the base for the shares; 0 did not\n"
        "  say. The population profile has no figures for this dimension.\n"
    ) in out
    assert "  Female          18 60.0% none                no population figure\n" in out
    repo.write({"consultations/typo.yaml": unknown})
    typo = cli("consultation", "coverage", "--id", "typo", cwd=repo.root, env=WIDTH)
    assert "Not known to eqdiv: sex: mal. Run `eqdiv validate` for what to do.\n" in typo.stdout
    bad = cli("consultation", "coverage", "--id", "broken-consultation", cwd=repo.root)
    assert bad.exit_code == 2
    assert "has errors, so eqdiv cannot count it" in bad.stderr


def test_help(cli: Cli) -> None:
    for command in ("list", "coverage"):
        result = cli("consultation", command, "--help")
        assert result.exit_code == 0
        assert f"Usage: eqdiv consultation {command}" in result.stdout


def test_commands_are_in_the_readme() -> None:
    readme = documentation()
    assert "eqdiv consultation list" in readme and "eqdiv consultation coverage" in readme


PROFILE = """\
kind: demographics
id: area
area: Somewhere
source: Census 2021
dimensions:
  sex: {categories: {female: 500, male: 500}}
"""


@pytest.mark.parametrize(
    ("suppression", "female", "male", "banner"),
    [
        (5, "18", "12", "Counts of people from 1 to 4 are hidden"),
        (15, "hidden", "hidden", "Counts of people from 1 to 14 are hidden"),
        (1, "18", "12", "No counts are suppressed"),
    ],
)
def test_the_configured_threshold_is_used(
    cli: Cli, repo: RepoBuilder, suppression: int, female: str, male: str, banner: str
) -> None:
    config = (repo.root / "eqdiv.yaml").read_text() + f"thresholds:\n  suppression: {suppression}\n"
    repo.write({"eqdiv.yaml": config, "c.yaml": SURVEY, "d.yaml": PROFILE})
    result = cli(
        "consultation", "coverage", "--period", "2007-Q2", "--format", "json", cwd=repo.root
    )
    data = json.loads(result.stdout)
    assert data["suppression_threshold"] == suppression
    assert [c["count_text"] for c in data["dimensions"][0]["categories"]] == [female, male]
    text = cli("consultation", "coverage", "--period", "2007-Q2", cwd=repo.root, env=WIDTH).stdout
    assert banner in " ".join(text.split())


def test_audit_disclosure_finds_nothing_in_what_eqdiv_publishes(cli: Cli) -> None:
    result = cli("audit", "disclosure", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["ok"], data["disclosures"], data["tables"], data["threshold"]) == (
        True,
        [],
        32,
        10,
    )
    text = cli("audit", "disclosure")
    assert text.exit_code == 0
    assert "No hidden count can be worked out" in text.stdout
