"""Pearson's chi-square goodness-of-fit test, written out in the standard library.

The p-value is the chi-square distribution's upper tail, the regularised upper
incomplete gamma function Q(df/2, x/2). A chi-square test only ever has a whole number
of degrees of freedom, so ``a = df/2`` is a whole or half number, where Q has exact
finite forms (Abramowitz and Stegun 6.5.13 and 26.4.4-5):

- ``df`` even:  Q = exp(-x/2) * sum_{i=0}^{df/2-1} (x/2)^i / i!
- ``df`` odd:   Q = erfc(sqrt(x/2)) + exp(-x/2) * sum_{i=1}^{(df-1)/2} (x/2)^(i-1/2) / Gamma(i+1/2)

Both are sums of positive terms, so they are accurate to rounding for any ``df`` a
profile can have, with no series to truncate. That is why eqdiv does not depend on
SciPy (a large compiled package) for one function.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def chi_square_sf(statistic: float, df: int) -> float:
    """P(X >= ``statistic``) for X chi-square distributed with ``df`` degrees of freedom."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    if statistic <= 0:
        return 1.0
    half = statistic / 2
    log_half = math.log(half)
    if df % 2 == 0:
        terms = (i * log_half - math.lgamma(i + 1) for i in range(df // 2))
        tail = 0.0
    else:
        terms = ((i - 0.5) * log_half - math.lgamma(i + 0.5) for i in range(1, (df + 1) // 2))
        tail = math.erfc(math.sqrt(half))
    # Each term carries exp(-x/2) inside its logarithm, so large statistics underflow
    # gracefully to 0 instead of overflowing (x/2)^i first.
    return min(1.0, tail + sum(math.exp(term - half) for term in terms))


@dataclass(frozen=True, slots=True)
class GoodnessOfFit:
    """The outcome of a chi-square goodness-of-fit test.

    ``small_expected`` counts the categories expected to hold fewer than 5 people;
    ``reliable`` is Cochran's rule of thumb for trusting the chi-square approximation
    (no expected count below 1, and at most a fifth below 5).
    """

    statistic: float
    df: int
    p_value: float
    small_expected: int
    reliable: bool


def goodness_of_fit(observed: Sequence[int], expected: Sequence[float]) -> GoodnessOfFit:
    """Pearson's chi-square of ``observed`` counts against ``expected`` counts (same
    length, at least two, every expected count above zero)."""
    if len(observed) != len(expected) or len(observed) < 2:
        raise ValueError("goodness_of_fit needs two or more paired counts")
    if any(e <= 0 for e in expected):
        raise ValueError("every expected count must be above zero")
    statistic = sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))
    df = len(observed) - 1
    small = sum(1 for e in expected if e < 5)
    reliable = all(e >= 1 for e in expected) and small <= len(expected) / 5
    return GoodnessOfFit(statistic, df, chi_square_sf(statistic, df), small, reliable)
