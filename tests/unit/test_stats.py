"""The chi-square test against published reference values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.figures.stats import chi_square_sf, goodness_of_fit

# Critical values from the standard table of the chi-square distribution (for example
# NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.4): P(X >= value) = p.
CRITICAL = [
    (1, 0.05, 3.841),
    (1, 0.01, 6.635),
    (1, 0.001, 10.828),
    (2, 0.05, 5.991),
    (3, 0.05, 7.815),
    (4, 0.05, 9.488),
    (4, 0.01, 13.277),
    (5, 0.05, 11.070),
    (5, 0.001, 20.515),
    (7, 0.05, 14.067),
    (10, 0.05, 18.307),
    (18, 0.05, 28.869),
    (18, 0.001, 42.312),
    (20, 0.01, 37.566),
    (30, 0.05, 43.773),
    (100, 0.05, 124.342),
    (1, 0.90, 0.016),
    (10, 0.95, 3.940),
]


@pytest.mark.parametrize(("df", "p", "value"), CRITICAL)
def test_upper_tail_matches_the_published_table(df: int, p: float, value: float) -> None:
    # The table rounds the critical value to 3 decimals, so p agrees to about 1 in 1000.
    assert chi_square_sf(value, df) == pytest.approx(p, rel=2e-3, abs=2e-5)


def test_exact_closed_forms() -> None:
    assert chi_square_sf(0, 3) == 1.0
    assert chi_square_sf(-1.0, 2) == 1.0
    assert chi_square_sf(4.0, 2) == pytest.approx(math.exp(-2.0), rel=1e-12)
    assert chi_square_sf(2.0, 1) == pytest.approx(math.erfc(1.0), rel=1e-12)
    # A statistic far out in the tail underflows to zero rather than overflowing.
    assert chi_square_sf(5000.0, 40) == 0.0


@given(st.floats(0.001, 500), st.integers(1, 60))
def test_df_2_and_df_1_agree_with_elementary_functions(x: float, df: int) -> None:
    assert chi_square_sf(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-9, abs=1e-300)
    assert chi_square_sf(x, 1) == pytest.approx(math.erfc(math.sqrt(x / 2)), rel=1e-9, abs=1e-300)
    # More degrees of freedom put more weight in the tail.
    assert chi_square_sf(x, df) <= chi_square_sf(x, df + 1) + 1e-12
    assert 0.0 <= chi_square_sf(x, df) <= 1.0


def test_mendel_peas() -> None:
    """Mendel's dihybrid cross, the textbook goodness-of-fit example: 315 round yellow,
    108 round green, 101 wrinkled yellow, 32 wrinkled green against 9:3:3:1 gives a
    chi-square of 0.470 on 3 degrees of freedom, p = 0.925."""
    total = 556
    expected = [total * k / 16 for k in (9, 3, 3, 1)]
    fit = goodness_of_fit([315, 108, 101, 32], expected)
    assert round(fit.statistic, 3) == 0.470
    assert fit.df == 3
    assert round(fit.p_value, 3) == 0.925
    assert fit.reliable and fit.small_expected == 0


def test_cochran_rule_marks_small_expected_counts() -> None:
    fit = goodness_of_fit([3, 1, 16], [2.0, 4.0, 14.0])
    assert fit.small_expected == 2 and not fit.reliable
    assert not goodness_of_fit([1, 9], [0.5, 9.5]).reliable  # an expected count below 1


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        chi_square_sf(3.0, 0)
    with pytest.raises(ValueError, match="two or more"):
        goodness_of_fit([3], [3.0])
    with pytest.raises(ValueError, match="above zero"):
        goodness_of_fit([3, 0], [3.0, 0.0])
