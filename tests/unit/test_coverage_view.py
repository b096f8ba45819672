"""What coverage may show: suppression applied to the comparison, the same for every
output format."""

from __future__ import annotations

import pytest

from eqdiv.figures.coverage import Coverage, Verdict, coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.coverage_view import CoverageView, DimensionView
from eqdiv.figures.coverage_words import p_band
from eqdiv.figures.publication import publication
from eqdiv.figures.suppression import Hidden
from eqdiv.model.periods import quarter
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import BUNDLED, RepoBuilder


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED, SchemaSet.load())


@pytest.fixture(scope="module")
def q2(bundled: Repository) -> Coverage:
    return coverage(bundled, quarter(2007, 2))


def dim(v: CoverageView, dim_id: str) -> DimensionView:
    return next(d for d in v.dimensions if d.dimension.id == dim_id)


def test_small_counts_lose_share_and_ratio_but_keep_their_verdict(
    q2: Coverage, bundled: Repository
) -> None:
    ethnicity = dim(view(q2, publication(bundled)), "ethnicity")
    black = ethnicity.categories[1]
    assert black.row.id == "black"
    assert black.count.hidden is Hidden.PROTECTED and black.count.text(10) == "hidden"
    assert (black.share, black.ratio) == (None, None)
    assert black.expected == pytest.approx(16.0)
    assert black.verdict is Verdict.UNDER
    asian = ethnicity.categories[0]
    assert asian.count.visible and asian.ratio == pytest.approx(0.2985, abs=1e-4)
    # 'Other' was not reached: a zero is shown.
    assert ethnicity.categories[-1].count.text(10) == "0"
    assert not ethnicity.exact_test  # a hidden count: the chi-square value is not shown
    assert not dim(view(q2, publication(bundled)), "sex").exact_test


def test_unsuppressed_shows_everything(q2: Coverage) -> None:
    shown = view(q2, None)
    assert not shown.suppressed
    black = dim(shown, "ethnicity").categories[1]
    assert black.count.text(10) == "7" and black.ratio == pytest.approx(0.4375)
    assert all(d.exact_test for d in shown.dimensions)


def test_a_total_that_would_give_a_count_away_is_hidden_too(bundled: Repository) -> None:
    # The disability forum (October): 15 women and 8 men. 8 is small, and 23 - 15 = 8.
    forum = view(coverage(bundled, quarter(2007, 3)), publication(bundled))
    female, male = dim(forum, "sex").categories
    assert (female.count.hidden, male.count.hidden) == (Hidden.PROTECTED, Hidden.PROTECTED)
    assert (female.verdict, male.verdict) == (Verdict.OVER, Verdict.UNDER)


def test_too_few_answers_withhold_a_dimension(bundled: Repository) -> None:
    fathers = view(coverage(bundled, None, "cons-2007-fathers-group"), publication(bundled))
    assert [d.withheld for d in fathers.dimensions] == [True, True]
    assert all(
        c.verdict is None and c.expected is None for d in fathers.dimensions for c in d.categories
    )
    assert all(d.test is None and d.not_known_rate is None for d in fathers.dimensions)
    gaps = fathers.gaps
    assert gaps.withheld == ("age", "sex")
    assert gaps.sentences()[0] == "Nothing could be compared with the population."
    # Staff can still see them.
    exact = view(coverage(bundled, None, "cons-2007-fathers-group"), None)
    assert [c.count.value for c in exact.dimensions[1].categories] == [0, 7]


def test_a_dimension_with_two_hidden_counts_keeps_its_base(repo: RepoBuilder) -> None:
    # 10 women and 1 man: hiding the 10 is not enough, since a hidden count is at least
    # 10 and 11 - 10 = 1.
    repo.write(
        {
            "c.yaml": """\
                kind: consultation
                id: c
                title: T
                start: 2007-08-01
                methods: [survey]
                participants:
                  total: 11
                  profile:
                    sex: {female: 10, male: 1}
                """,
            "d.yaml": """\
                kind: demographics
                id: d
                area: A
                source: S
                dimensions:
                  sex: {categories: {female: 500, male: 500}}
                """,
        }
    )
    loaded = repo.load()
    shown = view(coverage(loaded, quarter(2007, 2)), publication(loaded))
    # Both counts are hidden: a hidden count may be 0, so 11 less one of them says
    # nothing of the other. The base of the shares stays, and so does the dimension.
    female, male = shown.dimensions[0].categories
    assert not shown.dimensions[0].withheld
    assert (female.count.text(10), male.count.text(10)) == ("hidden", "hidden")
    assert (female.share, male.share, male.ratio) == (None, None, None)


def test_json_for_a_hidden_count_and_the_chi_square_band(q2: Coverage, bundled: Repository) -> None:
    data = view(q2, publication(bundled)).to_dict("/records", None)
    ethnicity = next(d for d in data["dimensions"] if d["id"] == "ethnicity")
    assert ethnicity["compared_by"] == "group"
    assert ethnicity["categories"][1] == {
        "id": "black",
        "label": "Black",
        "people": "Black residents",
        "count": None,
        "count_text": "hidden",
        "suppressed": "protected",
        "share": None,
        "population_share": 0.0286,
        "ratio": None,
        "expected": 16.0,
        "verdict": "under_represented",
        "verdict_text": "under-represented",
    }
    assert ethnicity["chi_square"] == {
        "statistic": None,
        "df": 4,
        "p_value": None,
        "p_band": None,
        "significant": None,
        "withheld": True,
        "reliable": True,
        "small_expected": 0,
    }
    # The sex counts are hidden too (the quarter's women less the other views' would
    # give the fathers' group away): no chi-square result at all, not even its band,
    # which says how far the hidden counts are from the expected ones.
    sex = next(d for d in data["dimensions"] if d["id"] == "sex")
    chi = sex["chi_square"]
    assert (chi["statistic"], chi["p_band"], chi["significant"], chi["withheld"]) == (
        None,
        None,
        None,
        True,
    )
    unsuppressed = view(q2, None).to_dict("/records", None)
    sex = next(d for d in unsuppressed["dimensions"] if d["id"] == "sex")
    assert sex["chi_square"]["p_band"] == "< 0.001" and not sex["chi_square"]["withheld"]


@pytest.mark.parametrize(
    ("p", "band"), [(0.0004, "< 0.001"), (0.001, "< 0.01"), (0.049, "< 0.05"), (0.05, ">= 0.05")]
)
def test_p_bands(p: float, band: str) -> None:
    assert p_band(p) == band
