"""A consultation whose profile does not add up (`profile-total`) is left out of that
dimension, and named."""

from __future__ import annotations

from collections.abc import Callable

from eqdiv.coverage import NotCounted, coverage
from eqdiv.findings import Location
from eqdiv.periods import quarter
from tests.conftest import CliResult, RepoBuilder

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
