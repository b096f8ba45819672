"""The workforce measures: the relative likelihood's arithmetic against hand-worked
examples (WRES indicator 3), its "too few to judge" rule, and its properties."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.figures.workforce_measures import Likelihood, relative_likelihood, workforce
from eqdiv.model.workforce import WorkforceSettings
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import BUNDLED

DEFAULT = WorkforceSettings()


def test_hand_worked_example() -> None:
    """14 of 160 ethnic minority staff entered the disciplinary process, and 24 of 930
    White staff: 0.0875 / 0.025806 = 3.3906. The log standard error is
    sqrt(1/14 - 1/160 + 1/24 - 1/930) = 0.32522, so the 95% interval is
    3.3906 x exp(-/+ 1.96 x 0.32522) = 1.7925 to 6.4134. The smaller group would expect
    160 x 38 / 1090 = 5.58 entries: enough to judge, and 3.39 is above 1.25."""
    r = relative_likelihood(14, 160, 24, 930, DEFAULT)
    assert r.ratio == pytest.approx(3.390625, rel=1e-6)
    assert r.low == pytest.approx(1.7925, abs=5e-4)
    assert r.high == pytest.approx(6.4134, abs=5e-4)
    assert r.corrected is False
    assert r.verdict is Likelihood.MORE
    assert r.significant


def test_zero_in_the_comparison_group_adds_a_half_to_each_cell() -> None:
    """12 of 100 entered against none of 100: with a half added to each cell (Haldane
    and Anscombe) the ratio is (12.5/101) / (0.5/101) = 25, and the standard error
    sqrt(1/12.5 - 1/101 + 1/0.5 - 1/101) = 1.4351. Expected entries 100 x 12 / 200 = 6:
    judged, and far above the band."""
    r = relative_likelihood(12, 100, 0, 100, DEFAULT)
    assert r.corrected is True
    assert r.ratio == pytest.approx(25.0)
    error = math.sqrt(1 / 12.5 - 1 / 101 + 1 / 0.5 - 1 / 101)
    assert r.low == pytest.approx(25 * math.exp(-1.959963984540054 * error))
    assert r.high == pytest.approx(25 * math.exp(1.959963984540054 * error))
    assert r.verdict is Likelihood.MORE


def test_zero_in_the_comparison_group_with_few_cases_is_not_judged() -> None:
    """6 of 40 against 0 of 200: the corrected ratio is (6.5/41) / (0.5/201) = 63.73,
    but the smaller group would expect 40 x 6 / 240 = 1 entry: too few to judge."""
    r = relative_likelihood(6, 40, 0, 200, DEFAULT)
    assert r.ratio == pytest.approx((6.5 / 41) / (0.5 / 201))
    assert r.verdict is Likelihood.TOO_FEW


@pytest.mark.parametrize(
    ("args", "verdict"),
    [
        ((10, 100, 100, 1000), Likelihood.IN_BAND),  # 1.0: parity
        ((12, 100, 100, 1000), Likelihood.IN_BAND),  # 1.2: inside 0.8 to 1.25
        ((6, 200, 60, 1000), Likelihood.LESS),  # 0.5, expected 200 x 66 / 1200 = 11
        ((5, 9, 5, 1000), Likelihood.TOO_FEW),  # a group of 9 is under min_group (10)
        ((5, 50, 5, 50), Likelihood.IN_BAND),  # expected 50 x 10 / 100 = 5: just enough
        ((5, 50, 4, 50), Likelihood.TOO_FEW),  # expected 4.5: too few
        ((0, 100, 0, 100), Likelihood.TOO_FEW),  # nobody entered: no ratio at all
    ],
)
def test_verdicts(args: tuple[int, int, int, int], verdict: Likelihood) -> None:
    assert relative_likelihood(*args, DEFAULT).verdict is verdict


def test_nobody_entered_has_no_ratio() -> None:
    r = relative_likelihood(0, 100, 0, 300, DEFAULT)
    assert (r.ratio, r.low, r.high) == (None, None, None)


def test_the_band_and_rules_are_settings() -> None:
    narrow = WorkforceSettings(band=(0.9, 1.1), min_group=5, min_cases=1)
    assert relative_likelihood(12, 100, 100, 1000, narrow).verdict is Likelihood.MORE
    # A group of 9 is judged once min_group is 5 (expected 9 x 105 / 109 = 8.7).
    assert relative_likelihood(5, 9, 100, 100, narrow).verdict is Likelihood.LESS
    assert relative_likelihood(5, 9, 100, 100, DEFAULT).verdict is Likelihood.TOO_FEW


def test_more_entered_than_there_are_is_an_error() -> None:
    with pytest.raises(ValueError, match="headcount"):
        relative_likelihood(11, 10, 1, 10, DEFAULT)


@st.composite
def groups(draw: st.DrawFn) -> tuple[int, int, int, int]:
    n1 = draw(st.integers(1, 5000))
    n2 = draw(st.integers(1, 5000))
    return draw(st.integers(0, n1)), n1, draw(st.integers(0, n2)), n2


@given(groups())
def test_swapping_the_groups_inverts_the_ratio_and_interval(g: tuple[int, int, int, int]) -> None:
    a, n1, c, n2 = g
    one, other = (
        relative_likelihood(a, n1, c, n2, DEFAULT),
        relative_likelihood(c, n2, a, n1, DEFAULT),
    )
    if one.ratio is None:
        assert other.ratio is None and a + c == 0
        return
    assert other.ratio is not None
    assert one.ratio * other.ratio == pytest.approx(1.0)
    assert one.low is not None and other.high is not None
    assert one.low * other.high == pytest.approx(1.0)
    assert (one.verdict is Likelihood.TOO_FEW) == (other.verdict is Likelihood.TOO_FEW)


@given(groups())
def test_interval_holds_the_ratio_and_verdicts_follow_the_band(
    g: tuple[int, int, int, int],
) -> None:
    a, n1, c, n2 = g
    r = relative_likelihood(a, n1, c, n2, DEFAULT)
    if r.ratio is None:
        return
    assert r.low is not None and r.high is not None
    assert 0 < r.low <= r.ratio <= r.high
    assert r.corrected == (a == 0 or c == 0)
    if min(n1, n2) < DEFAULT.min_group:
        assert r.verdict is Likelihood.TOO_FEW
    if r.verdict is Likelihood.MORE:
        assert r.ratio > DEFAULT.band[1]
    elif r.verdict is Likelihood.LESS:
        assert r.ratio < DEFAULT.band[0]
    elif r.verdict is Likelihood.IN_BAND:
        assert DEFAULT.band[0] <= r.ratio <= DEFAULT.band[1]


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED, SchemaSet.load())


def test_bundled_returns_on_the_annual_report_day(bundled: Repository) -> None:
    result = workforce(bundled, date(2008, 4, 30))
    assert [m.ret.id for m in result.returns] == [
        "wf-council-2007",
        "wf-pct-2007",
        "wf-cvs-2007",
    ]
    assert [m.publishes for m in result.returns] == [True, True, False]
    assert result.missing == ("police", "schools")
    pct = result.returns[1]
    assert [(c.dimension, c.recorded, c.total) for c in pct.gaps] == [("ethnicity", 1104, 1240)]
    [concern] = pct.concerns
    assert (concern.process, concern.group.label, concern.comparison.label) == (
        "disciplinary",
        "All but White",
        "White",
    )
    assert (concern.entered, concern.headcount) == (14, 160)
    assert (concern.comparison_entered, concern.comparison_headcount) == (24, 930)
    council = result.returns[0]
    assert [(t.line.team, t.overdue) for t in council.training] == [
        ("Parent Partnership", True),
        ("Children's Services", False),
        ("Corporate Policy", False),
    ]
    assert [p.ret for p in result.trends[0].points] == [
        "wf-council-2006",
        "wf-council-2007q2",
        "wf-council-2007",
    ]


def test_in_october_2007_only_the_returns_then_in_count(bundled: Repository) -> None:
    result = workforce(bundled, date(2007, 10, 15))
    assert [m.ret.id for m in result.returns] == ["wf-council-2007q2"]
