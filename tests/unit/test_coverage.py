"""Representativeness on the bundled records, with figures checked by hand.

Hand checks (the population profile is records/demographics/area-profile-2021.yaml):

- Age, 16 and over: 113,400 residents; 16-24 are 14,700 (12.96%).
- Sex: 140,000 residents, 51% female, 49% male.
- Ethnic group: 140,000 residents; the Asian group (Bangladeshi 1,300 + Chinese 900 +
  Indian 3,900 + Pakistani 5,600 + Other Asian 1,700) is 13,400 (9.57%); Pakistani
  alone 4%; the Other group (Arab 700 + any other 1,800) 2,500 (1.79%).

The default period for 2007-10-15 is July to September 2007 (2007/08 Q2). Five
activities ran in it: the parent survey (1 June to 13 July), the fathers' group, the
Traveller outreach, the Citizens' Panel and the rural drop-ins; 610 people.
"""

from __future__ import annotations

from datetime import date

import pytest

from eqdiv.figures.census import builtin_scheme
from eqdiv.figures.coverage import (
    Coverage,
    DimensionCoverage,
    Verdict,
    compare_dimension,
    coverage,
    in_period,
    population_profile,
    verdict,
)
from eqdiv.figures.coverage_publish import reach_gaps, view
from eqdiv.figures.publication import publication
from eqdiv.model.config import Thresholds
from eqdiv.model.errors import UsageError
from eqdiv.model.periods import parse_period, previous_quarter, quarter
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import AS_OF, BUNDLED, RepoBuilder

Q2 = quarter(2007, 2)
DEFAULTS = Thresholds()
CENSUS = builtin_scheme()


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED, SchemaSet.load())


@pytest.fixture(scope="module")
def q2(bundled: Repository) -> Coverage:
    return coverage(bundled, previous_quarter(AS_OF))


def dim(cov: Coverage, dim_id: str) -> DimensionCoverage:
    return next(d for d in cov.dimensions if d.id == dim_id)


def row(cov: Coverage, dim_id: str, category: str):  # type: ignore[no-untyped-def]
    return next(c for c in dim(cov, dim_id).categories if c.id == category)


def test_default_period_activities(q2: Coverage) -> None:
    assert q2.period == Q2
    assert [a.id for a in q2.activities] == [
        "cons-2007-parent-survey",
        "cons-2007-fathers-group",
        "cons-2007-traveller-outreach",
        "cons-2007-citizens-panel",
        "cons-2007-rural-drop-ins",
    ]
    assert q2.participants == 148 + 7 + 12 + 412 + 31 == 610
    assert q2.population is not None and q2.population.id == "area-profile-2021"


def test_age_young_people_under_represented(q2: Coverage) -> None:
    age = dim(q2, "age")
    # Asked by the survey (148), fathers (7), panel (412) and drop-ins (31): 598 people;
    # 9 + 0 + 12 + 1 = 22 did not say; the Traveller outreach (12) did not ask.
    assert (age.participants, age.not_known, age.not_recorded) == (598, 22, 12)
    assert age.not_known_rate == pytest.approx(22 / 598)
    young = row(q2, "age", "16-24")
    assert young.count == 6 + 0 + 18 + 7 == 31
    assert young.population_share == pytest.approx(14700 / 113400)
    assert young.expected == pytest.approx(576 * 14700 / 113400)  # 74.67
    assert young.ratio == pytest.approx(0.41518, abs=1e-5)
    assert young.verdict is Verdict.UNDER
    oldest = row(q2, "age", "75+")
    assert (oldest.count, round(oldest.expected or 0, 2), round(oldest.ratio or 0, 3)) == (
        48,
        63.49,
        0.756,
    )
    assert oldest.verdict is Verdict.UNDER
    assert row(q2, "age", "35-49").verdict is Verdict.OVER  # parents of school-age children
    assert [c.verdict for c in age.categories].count(Verdict.IN_LINE) == 3


def test_sex_men_under_represented_with_chi_square(q2: Coverage) -> None:
    sex = dim(q2, "sex")
    female, male = sex.categories
    assert (female.count, male.count, sex.not_known) == (368, 228, 14)
    assert female.expected == pytest.approx(303.96)  # 596 * 0.51
    assert male.expected == pytest.approx(292.04)
    assert female.ratio == pytest.approx(1.21069, abs=1e-5)
    assert male.ratio == pytest.approx(0.78071, abs=1e-5)
    assert (female.verdict, male.verdict) == (Verdict.IN_LINE, Verdict.UNDER)
    # 64.04^2/303.96 + 64.04^2/292.04 = 13.4923 + 14.0430
    assert sex.test is not None
    assert sex.test.statistic == pytest.approx(27.5353, abs=1e-4)
    assert sex.test.df == 1
    assert sex.test.p_value == pytest.approx(1.54e-7, rel=0.01)


def test_ethnicity_rolled_up_because_the_survey_asked_broad_groups(q2: Coverage) -> None:
    ethnicity = dim(q2, "ethnicity")
    assert ethnicity.grouped and ethnicity.grouped_by == ("cons-2007-parent-survey",)
    assert ethnicity.activities == (
        "cons-2007-parent-survey",
        "cons-2007-traveller-outreach",
        "cons-2007-citizens-panel",
    )
    assert (ethnicity.participants, ethnicity.not_known) == (572, 12)
    assert [(c.id, c.count, c.verdict) for c in ethnicity.categories] == [
        ("asian", 16, Verdict.UNDER),
        ("black", 7, Verdict.UNDER),
        ("mixed", 7, Verdict.UNDER),
        ("white", 530, Verdict.IN_LINE),
        ("other", 0, Verdict.NOT_REACHED),
    ]
    asian = row(q2, "ethnicity", "asian")
    assert asian.expected == pytest.approx(53.6)  # 560 * 13,400 / 140,000
    assert asian.ratio == pytest.approx(0.29851, abs=1e-5)
    assert row(q2, "ethnicity", "other").expected == pytest.approx(10.0)
    assert ethnicity.test is not None and ethnicity.test.df == 4


def test_not_asked_and_religion_from_one_activity(q2: Coverage) -> None:
    assert q2.not_asked == (
        ("sexual_orientation", "Sexual orientation"),
        ("gender_identity", "Gender identity"),
    )
    religion = dim(q2, "religion")
    assert religion.activities == ("cons-2007-citizens-panel",)
    assert religion.not_recorded == 610 - 412
    muslim = row(q2, "religion", "muslim")
    assert (muslim.count, round(muslim.expected or 0, 1), muslim.verdict) == (
        4,
        27.2,
        Verdict.UNDER,
    )
    assert row(q2, "religion", "sikh").verdict is Verdict.TOO_SMALL  # 2.7 expected
    assert religion.test is not None and not religion.test.reliable
    assert religion.test.small_expected == 4


def test_disability_in_line(q2: Coverage) -> None:
    disability = dim(q2, "disability")
    assert {c.verdict for c in disability.categories} == {Verdict.IN_LINE}
    assert disability.test is not None and disability.test.p_value > 0.05


def test_one_activity_in_detail(bundled: Repository) -> None:
    panel = coverage(bundled, None, "cons-2007-citizens-panel")
    assert panel.period.label == "2007-09-03 to 2007-09-28"
    ethnicity = dim(panel, "ethnicity")
    assert not ethnicity.grouped and len(ethnicity.categories) == 19
    pakistani = row(panel, "ethnicity", "pakistani")
    # 407 said; 407 * 4% = 16.28 expected; (2/407) / 0.04 = 0.1229.
    assert pakistani.count == 2
    assert pakistani.expected == pytest.approx(16.28)
    assert pakistani.ratio == pytest.approx(0.12285, abs=1e-5)
    assert pakistani.verdict is Verdict.UNDER
    assert row(panel, "ethnicity", "indian").verdict is Verdict.UNDER  # 6 v 11.34
    assert row(panel, "ethnicity", "bangladeshi").verdict is Verdict.TOO_SMALL  # 0 v 3.78
    any_other = row(panel, "ethnicity", "any_other")
    assert (any_other.count, any_other.verdict) == (0, Verdict.NOT_REACHED)  # 0 v 5.23
    assert row(panel, "age", "16-24").verdict is Verdict.UNDER
    assert row(panel, "sex", "male").verdict is Verdict.IN_LINE


def test_targeted_reach(bundled: Repository, q2: Coverage) -> None:
    assert [(t.group, t.local, t.activities) for t in q2.targeted] == [
        ("gypsies_travellers", True, ("cons-2007-traveller-outreach",)),
        ("low_income", True, ("cons-2007-rural-drop-ins",)),
        ("isolation", True, ("cons-2007-rural-drop-ins",)),
        ("ethnicity", False, ("cons-2007-traveller-outreach",)),
        ("gender", False, ("cons-2007-fathers-group",)),
    ]
    q3 = coverage(bundled, quarter(2007, 3))
    assert [(t.group, t.activities) for t in q3.targeted] == [
        ("gypsies_travellers", ()),
        ("low_income", ()),
        ("isolation", ()),
        ("disability", ("cons-2007-disability-forum",)),
    ]


def test_an_activity_across_two_quarters_counts_in_both(bundled: Repository) -> None:
    q1 = in_period(bundled.consultations, quarter(2007, 1))
    assert [c.id for c in q1] == ["cons-2007-parent-survey"]
    year = in_period(bundled.consultations, parse_period("2007/08"))
    assert len(year) == 6


def test_summary_names_the_gaps(q2: Coverage, bundled: Repository) -> None:
    assert view(q2, publication(bundled)).gaps.sentences() == [
        "Under-represented: people aged 16 to 24, people aged 75 and over, Asian "
        "residents, Black residents, residents of mixed ethnicity, Hindu residents, Muslim "
        "residents; not reached: residents of other ethnic groups.",
        "Over-represented: people aged 35 to 49.",
        "Not asked about in any activity: sexual orientation, gender identity.",
        # Saying men were under-represented here too would, with the verdicts of the
        # disability forum and the year, narrow the forum's 8 men to 3 to 8.
        "Withheld to protect small numbers: men.",
    ]


def test_status_gaps_for_the_last_quarter(bundled: Repository) -> None:
    gaps = reach_gaps(bundled, AS_OF)
    assert gaps.period == Q2 and gaps.activities == 5 and gaps.found
    assert gaps.not_reached == ("residents of other ethnic groups",)
    assert gaps.untargeted == ()
    # In January 2008 the last quarter is October to December: one disability forum,
    # and no activity aimed at the local groups. Its disability figures are withheld:
    # 2 of its 23 did not say, and 23 less the 21 who said would give them away.
    later = reach_gaps(bundled, date(2008, 1, 20))
    assert later.period == quarter(2007, 3)
    assert later.under_represented == ("men",)
    assert later.withheld == ("disability",)
    assert later.untargeted == (
        "Gypsies and Travellers",
        "People on low income",
        "People living in isolation",
    )
    assert later.not_asked[:2] == ("age", "ethnic group")


def test_a_quarter_with_no_activity(bundled: Repository) -> None:
    gaps = reach_gaps(bundled, date(2008, 7, 1))
    assert gaps.activities == 0
    assert gaps.sentences() == [
        "No consultation or involvement activity ran in 2008/09 Q1 (April to June 2008).",
        "No activity aimed at: Gypsies and Travellers, People on low income, People "
        "living in isolation.",
    ]


# Verdict rules at their edges.


@pytest.mark.parametrize(
    ("count", "ratio", "expected", "result"),
    [
        (0, 0.0, 5.0, Verdict.NOT_REACHED),  # exactly the minimum expected is judged
        (0, 0.0, 4.99, Verdict.TOO_SMALL),
        (3, 3.0, 1.0, Verdict.TOO_SMALL),  # the gate applies to every verdict
        (8, 0.8, 10.0, Verdict.IN_LINE),  # 'below 0.8' and 'above 1.25' are strict
        (7, 0.79, 10.0, Verdict.UNDER),
        (12, 1.25, 10.0, Verdict.IN_LINE),
        (13, 1.26, 10.0, Verdict.OVER),
        (4, None, None, Verdict.NO_BASELINE),
    ],
)
def test_verdict_edges(
    count: int, ratio: float | None, expected: float | None, result: Verdict
) -> None:
    assert verdict(count, ratio, expected, DEFAULTS) is result


def test_thresholds_come_from_the_config() -> None:
    strict = Thresholds(under_represented=0.9, min_expected=20)
    assert verdict(10, 0.85, 25.0, strict) is Verdict.UNDER
    assert verdict(0, 0.0, 19.0, strict) is Verdict.TOO_SMALL


def test_population_in_broad_groups_rolls_the_profiles_up() -> None:
    ethnicity = CENSUS.dimensions["ethnicity"]
    result = compare_dimension(
        ethnicity,
        [("c", {"pakistani": 5, "indian": 5, "white_british": 80, "not_known": 10})],
        {"asian": 100, "white": 900},
        DEFAULTS,
    )
    assert result.grouped_by == ("population profile",)
    assert [(c.id, c.count, c.expected) for c in result.categories] == [
        ("asian", 10, pytest.approx(9.0)),
        ("white", 80, pytest.approx(81.0)),
    ]


def test_a_category_without_a_population_figure() -> None:
    result = compare_dimension(
        CENSUS.dimensions["sex"],
        [("c", {"female": 40, "male": 40, "intersex": 5})],
        {"female": 510, "male": 490},
        DEFAULTS,
    )
    other = result.categories[-1]
    assert (other.id, other.population_share, other.verdict) == (
        "intersex",
        None,
        Verdict.NO_BASELINE,
    )
    # The test leaves out the 5 with no population figure and rescales to 80 people.
    assert result.test is not None and result.test.statistic == pytest.approx(
        (40 - 40.8) ** 2 / 40.8 + (40 - 39.2) ** 2 / 39.2
    )


def test_no_population_dimension_means_no_baseline() -> None:
    result = compare_dimension(
        CENSUS.dimensions["sexual_orientation"],
        [("c", {"straight": 30, "lgb_plus": 4, "not_known": 6})],
        None,
        DEFAULTS,
    )
    assert not result.baseline and result.test is None
    assert {c.verdict for c in result.categories} == {Verdict.NO_BASELINE}
    assert result.grouped  # lgb_plus is a broad group, so straight is compared as its own


def test_everyone_did_not_say() -> None:
    result = compare_dimension(
        CENSUS.dimensions["sex"], [("c", {"not_known": 12})], {"female": 5, "male": 5}, DEFAULTS
    )
    assert result.known == 0 and result.test is None
    assert [(c.share, c.expected, c.verdict) for c in result.categories] == [
        (None, 0.0, Verdict.TOO_SMALL),
        (None, 0.0, Verdict.TOO_SMALL),
    ]


def test_choosing_the_population_profile(repo: RepoBuilder) -> None:
    profile = """\
        kind: demographics
        id: {id}
        area: Somewhere
        source: Census
        {date}
        dimensions:
          sex: {{categories: {{female: 10, male: 10}}}}
        """
    repo.write(
        {
            "d1.yaml": profile.format(id="census-2011", date="date: 2011-03-27"),
            "d2.yaml": profile.format(id="census-2021", date="date: 2021-03-21"),
            "d3.yaml": profile.format(id="undated", date=""),
        }
    )
    loaded = repo.load()
    chosen = population_profile(loaded)
    assert chosen is not None and chosen.id == "census-2021"
    chosen = population_profile(loaded, "census-2011")
    assert chosen is not None and chosen.id == "census-2011"
    with pytest.raises(UsageError, match="'census-2012' is not a population profile") as err:
        population_profile(loaded, "census-2012")
    assert err.value.hint == (
        "Did you mean 'census-2021'? Profiles: census-2011, census-2021, undated."
    )


def test_unknown_consultation_and_broken_one(repo: RepoBuilder) -> None:
    repo.write(
        {
            "c.yaml": "kind: consultation\nid: broken\ntitle: T\nstart: 2007-13-01\n"
            "methods: [survey]\nparticipants: {total: 3}\n",
            "ok.yaml": "kind: consultation\nid: fine\ntitle: T\nstart: 2007-08-01\n"
            "methods: [survey]\nparticipants: {total: 3}\n",
        }
    )
    loaded = repo.load()
    with pytest.raises(UsageError, match="'fin' is not a consultation") as err:
        coverage(loaded, None, "fin")
    assert err.value.hint == "Did you mean 'fine'? `eqdiv consultation list` shows them all."
    with pytest.raises(UsageError, match=r"'broken' \(c.yaml\) has errors"):
        coverage(loaded, None, "broken")
    result = coverage(loaded, Q2)
    assert [a.id for a in result.activities] == ["fine"]
    assert result.left_out == ("c.yaml",)
    assert result.population is None and result.dimensions == ()


def test_unknown_categories_are_still_counted_and_noted(repo: RepoBuilder) -> None:
    repo.write(
        {
            "c.yaml": """\
                kind: consultation
                id: c
                title: T
                start: 2007-08-01
                methods: [survey]
                participants:
                  total: 20
                  profile:
                    sex: {female: 10, male: 8, femal: 2}
                    faith: {christian: 20}
                """
        }
    )
    result = coverage(repo.load(), Q2)
    assert result.unknown == ("sex: femal", "faith")
    assert [c.id for c in dim(result, "sex").categories] == ["female", "male", "femal"]
    assert dim(result, "faith").label == "faith"
