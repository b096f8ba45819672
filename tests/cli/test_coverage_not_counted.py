"""A consultation whose profile does not add up (`profile-total`) is left out of that
dimension, and every output says so: coverage (text, Markdown, JSON), the status reach
section and the reports."""

from __future__ import annotations

import json
from collections.abc import Callable

from eqdiv.figures.coverage import NotCounted, coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.publication import publication
from eqdiv.model.findings import Location
from eqdiv.model.periods import quarter
from eqdiv.status import build_status
from tests.conftest import AS_OF, TEXT_80, CliResult, RepoBuilder

Cli = Callable[..., CliResult]
Q2 = quarter(2007, 2)

PROFILE = """\
kind: demographics
id: area
area: Somewhere
source: Census 2021
dimensions:
  sex: {categories: {female: 500, male: 500}}
  ethnicity: {categories: {white: 800, asian: 200}}
"""

ADDS_UP = """\
kind: consultation
id: survey
title: A survey
start: 2007-08-01
methods: [survey]
participants:
  total: 40
  profile:
    sex: {female: 22, male: 18}
    ethnicity: {white: 25, asian: 15}
"""

# 20 + 11 = 31 of the 35 who took part: which four are missing, eqdiv cannot tell.
SHORT = """\
kind: consultation
id: meeting
title: A public meeting
start: 2007-08-02
methods: [public_meeting]
participants:
  total: 35
  profile:
    sex: {female: 20, male: 15}
    ethnicity: {white: 20, asian: 11}
"""


def records(repo: RepoBuilder, short: str = SHORT) -> RepoBuilder:
    return repo.write(
        {
            "demographics/area.yaml": PROFILE,
            "consultations/survey.yaml": ADDS_UP,
            "consultations/meeting.yaml": short,
        }
    )


def test_the_dimension_that_does_not_add_up_is_left_out(repo: RepoBuilder) -> None:
    result = coverage(records(repo).load(), Q2)
    sex, ethnicity = result.dimensions
    # Sex adds up in both: 75 people.
    assert (sex.participants, sex.activities, sex.not_counted) == (75, ("survey", "meeting"), ())
    # Ethnicity counts the survey only; the meeting's 35 are neither asked nor 'not asked'.
    assert ethnicity.activities == ("survey",)
    assert (ethnicity.participants, ethnicity.not_recorded) == (40, 0)
    assert [(c.id, c.count) for c in ethnicity.categories] == [("asian", 15), ("white", 25)]
    assert ethnicity.not_counted == (
        NotCounted(
            "meeting",
            "ethnicity",
            "Ethnic group",
            31,
            35,
            Location("consultations/meeting.yaml", 10, 5, "/participants/profile/ethnicity"),
        ),
    )
    assert result.not_counted == ethnicity.not_counted
    # The validation finding points at the same line.
    assert repo.findings() == [
        "consultations/meeting.yaml:10:5: warning profile-total The ethnicity profile "
        "counts 31 of the 35 people who took part."
    ]


def test_more_counted_than_took_part_is_left_out_too(repo: RepoBuilder) -> None:
    over = SHORT.replace("asian: 11", "asian: 19")  # 39 of 35
    ethnicity = coverage(records(repo, over).load(), Q2).dimensions[1]
    assert ethnicity.activities == ("survey",)
    assert [(n.counted, n.participants) for n in ethnicity.not_counted] == [(39, 35)]


def test_every_coverage_output_says_so(cli: Cli, repo: RepoBuilder) -> None:
    root = records(repo).root
    text = cli("consultation", "coverage", "--period", "2007-Q2", cwd=root, env=TEXT_80).stdout
    assert (
        "  No activity aimed at: Carers.\n"
        "  Not counted: the ethnic group figures of meeting add up to 31, not 35\n"
        "  (consultations/meeting.yaml:10).\n"
    ) in text
    assert (
        "  meeting (2007-08-02): 35 people took part; not counted: its ethnic group\n"
        "  figures add up to 31, not 35 (consultations/meeting.yaml:10).\n"
    ) in text
    assert (
        "Ethnic group\n"
        "  Asked in 1 activity: 40 people. 40 said, the base for the shares; 0 did not\n"
        "  say. Not counted: meeting, whose figures do not add up. Compared by broad\n"
    ) in text
    md = cli("consultation", "coverage", "--period", "2007-Q2", "-f", "md", cwd=root).stdout
    assert (
        "- Not counted: the ethnic group figures of meeting add up to 31, not 35 "
        "(consultations/meeting.yaml:10).\n"
    ) in md
    data = json.loads(
        cli("consultation", "coverage", "--period", "2007-Q2", "-f", "json", cwd=root).stdout
    )
    ethnicity = data["dimensions"][1]
    assert (ethnicity["asked"], ethnicity["said"]) == (40, 40)
    assert ethnicity["not_counted"] == [
        {
            "activity": "meeting",
            "path": "consultations/meeting.yaml",
            "line": 10,
            "text": "the ethnic group figures of meeting add up to 31, not 35 "
            "(consultations/meeting.yaml:10)",
        }
    ]
    assert data["summary"]["not_counted"] == [
        "Not counted: the ethnic group figures of meeting add up to 31, not 35 "
        "(consultations/meeting.yaml:10)."
    ]


def test_small_figures_that_do_not_add_up_are_not_quoted(repo: RepoBuilder) -> None:
    # Seven at the meeting, and 'fewer than 10' everywhere: the sentence keeps no count.
    tiny = SHORT.replace("total: 35", "total: 7").replace(
        "sex: {female: 20, male: 15}", "sex: {female: 4, male: 3}"
    )
    tiny = tiny.replace("ethnicity: {white: 20, asian: 11}", "ethnicity: {white: 5}")
    loaded = records(repo, tiny).load()
    cov = coverage(loaded, Q2)
    [left_out] = cov.not_counted
    assert view(cov, publication(loaded)).gaps.not_counted == (
        "Not counted: the ethnic group figures of meeting do not add up to the number who "
        "took part (consultations/meeting.yaml:10).",
    )
    assert view(cov, None).not_counted_words(left_out) == (
        "the ethnic group figures of meeting add up to 5, not 7 (consultations/meeting.yaml:10)"
    )


def test_status_and_reports_say_so(cli: Cli, repo: RepoBuilder) -> None:
    loaded = records(repo).load()
    reach = build_status(loaded, AS_OF).section("reach")
    assert reach.to_dict()["not_counted"] == [
        "Not counted: the ethnic group figures of meeting add up to 31, not 35 "
        "(consultations/meeting.yaml:10)."
    ]
    block = reach.block()
    assert block is not None and block.lines[-1].startswith("Not counted: the ethnic group")
    report = cli(
        "report",
        "quarterly",
        "--quarter",
        "2007-Q2",
        "--as-of",
        "2007-10-15",
        "-f",
        "md",
        cwd=repo.root,
    ).stdout
    assert (
        "- Not counted: the ethnic group figures of meeting add up to 31, not 35 "
        "(consultations/meeting.yaml:10).\n"
    ) in report
