"""Indicators against their targets (eqdiv.figures.indicator_progress): the verdicts, which figure is
the latest, and what small numbers hide."""

from __future__ import annotations

from datetime import date

import pytest

from eqdiv.eia import eia_quality
from eqdiv.figures.indicator_progress import Verdict, progress
from eqdiv.figures.suppression import Hidden
from eqdiv.model.indicators import Indicator
from eqdiv.model.periods import quarter, year
from tests.conftest import BUNDLED, RepoBuilder
from tests.eia_support import eia, with_eia

Q2 = quarter(2007, 2)  # July to September 2007


def indicator(repo: RepoBuilder, body: str) -> Indicator:
    head = "kind: indicator\nid: ind\ntitle: Satisfied users\nsource: A survey\n"
    repo.write({"ind.yaml": head + body})
    loaded = repo.load()
    assert [str(f) for f in loaded.findings] == []
    [found] = loaded.indicators
    return found


PERCENT = """\
unit: percent
better: {better}
baseline: {{period: 2006/07, value: 70}}
target: {{period: {target}, value: 80}}
values:
  - {{period: 2007-Q1, value: 60}}
  - {{period: 2007-Q2, value: {latest}, base: {base}}}
  - {{period: 2007-Q3, value: 99}}
"""


@pytest.mark.parametrize(
    ("better", "target", "latest", "verdict"),
    [
        ("higher", "2008/09", 80, Verdict.MET),
        ("higher", "2008/09", 75, Verdict.IMPROVING),
        ("higher", "2008/09", 70, Verdict.NOT_IMPROVING),
        ("higher", "2007-Q2", 75, Verdict.MISSED),  # the target's quarter is over
        ("lower", "2008/09", 90, Verdict.NOT_IMPROVING),  # worse than the baseline of 70
        ("lower", "2008/09", 65, Verdict.MET),
        ("lower", "2008/09", 80, Verdict.MET),
    ],
)
def test_verdicts_follow_the_direction_and_the_target_date(
    repo: RepoBuilder, better: str, target: str, latest: int, verdict: Verdict
) -> None:
    # Over 200 people, no percentage here counts (or leaves out) fewer than 10 of them.
    found = indicator(repo, PERCENT.format(better=better, target=target, latest=latest, base=200))
    result = progress(found, Q2, 4, 10)
    assert result.verdict is verdict
    # The figure for the quarter after the period is not the latest yet.
    assert [r.period.label.split(" (")[0] for r in result.history] == [
        "2007/08 Q1",
        "2007/08 Q2",
    ]


def test_lower_is_better_improves_when_it_falls(repo: RepoBuilder) -> None:
    body = PERCENT.format(better="lower", target="2008/09", latest=75, base=50)
    body = body.replace("value: 80}", "value: 50}")  # target 50, baseline 70, latest 75
    assert progress(indicator(repo, body), Q2, 4, 10).verdict is Verdict.NOT_IMPROVING
    body = body.replace("value: 75,", "value: 60,")
    assert progress(indicator(repo, body), Q2, 4, 10).verdict is Verdict.IMPROVING


def test_a_figure_over_too_few_people_is_not_shown(repo: RepoBuilder) -> None:
    found = indicator(repo, PERCENT.format(better="higher", target="2008/09", latest=75, base=9))
    result = progress(found, Q2, 4, 10)
    latest = result.latest
    assert latest is not None
    assert (latest.value, latest.hidden, latest.base) == (None, "protected", latest.base)
    assert latest.base is not None and latest.base.exact() is None
    assert result.verdict is Verdict.NOT_SHOWN


def test_a_small_number_of_people_is_fewer_than_the_threshold(repo: RepoBuilder) -> None:
    found = indicator(
        repo,
        "unit: people\nbetter: higher\nvalues:\n"
        "  - {period: 2007-Q1, value: 6}\n  - {period: 2007-Q2, value: 0}\n",
    )
    result = progress(found, Q2, 4, 10)
    first, second = result.history
    assert (first.value, first.hidden) == (None, Hidden.PROTECTED)
    assert (second.value, second.hidden) == (0, None)  # nobody identifies no one
    assert result.verdict is Verdict.NO_TARGET


def test_no_figure_yet_and_no_baseline(repo: RepoBuilder) -> None:
    found = indicator(repo, "unit: percent\nbetter: higher\ntarget: {period: 2009, value: 5}\n")
    assert progress(found, Q2, 4, 10).verdict is Verdict.NO_DATA
    found = indicator(
        repo,
        "unit: percent\nbetter: higher\ntarget: {period: 2009, value: 50}\n"
        "values: [{period: 2007-Q2, value: 40}]\n",
    )
    assert progress(found, Q2, 4, 10).verdict is Verdict.NOT_YET


def test_a_breakdown_hides_small_groups_and_what_would_reveal_them(repo: RepoBuilder) -> None:
    found = indicator(
        repo,
        """\
unit: percent
better: higher
breakdown: sex
values:
  - period: 2007-Q2
    value: 60
    base: 45
    by:
      female: {value: 50, base: 30}
      male: {value: 50, base: 20}
      not_known: {value: 100, base: 3}
""",
    )
    by = {c.category: c for c in progress(found, Q2, 4, 10).breakdown}
    # 3 did not say: hidden; 20 men would then give it away (45 - 30 - 20... no: the
    # bases do not add up here, 53 against 45, so each stands alone).
    assert by["not_known"].hidden == "protected" and by["not_known"].value is None
    assert (by["male"].value, by["male"].hidden) == (50, None)
    assert (by["female"].value, by["female"].hidden) == (50, None)


def test_a_breakdown_that_adds_up_hides_what_would_reveal_a_small_group(
    repo: RepoBuilder,
) -> None:
    found = indicator(
        repo,
        """\
unit: percent
better: higher
breakdown: sex
values:
  - period: 2007-Q2
    value: 51
    base: 55
    by:
      female: {value: 50, base: 30}
      male: {value: 50, base: 20}
      not_known: {value: 60, base: 5}
""",
    )
    result = progress(found, Q2, 4, 10)
    by = {c.category: c for c in result.breakdown}
    latest = result.latest
    assert latest is not None and latest.base is not None
    # 5 did not say (3 of them counted): hidden. 55 - 30 - 20 would give the 5 away, and
    # the figure's 28 counted less the categories' 15 and 10 the 3: more is hidden.
    assert by["not_known"].hidden == "protected" and by["not_known"].value is None
    bases = [latest.base, *(by[c].base for c in ("female", "male"))]
    assert not all(b is not None and b.visible for b in bases)
    assert not all(v is not None for v in (latest.value, by["female"].value, by["male"].value))


def test_the_eia_measure_is_worked_out_from_the_scores(repo: RepoBuilder) -> None:
    with_eia(repo, eia())
    found = indicator(
        repo,
        "unit: percent\nbetter: higher\ntarget: {period: 2008, value: 90}\n"
        "computed: {measure: eia_grade, at_least: Good}\n",
    )
    loaded = repo.load()
    result = eia_quality(loaded)
    [score] = result.scores
    assert score.eia.signoff is not None
    signed = score.eia.signoff.date
    period = year(signed.year if signed.month >= 4 else signed.year - 1)
    reading = progress(found, period, 4, 10, result.scores, result.rubric).latest
    assert reading is not None and reading.period == period
    assert reading.value == 100.0 and reading.base is not None and reading.base.value == 1


def test_bundled_indicators_in_the_second_quarter_of_2007() -> None:
    from eqdiv.store.repository import load_repository

    repo = load_repository(BUNDLED)
    result = eia_quality(repo)
    found = {i.id: progress(i, Q2, 4, 10, result.scores, result.rubric) for i in repo.indicators}
    assert {k: v.verdict for k, v in found.items()} == {
        # 89% of 19 people who asked for another format got it in time: 2 did not, a
        # count that may not be published, so neither may the percentage.
        "ind-alternative-formats": Verdict.NOT_SHOWN,
        "ind-eia-quality": Verdict.MET,  # both EIAs signed off in the quarter are Excellent
        "ind-ethnicity-recorded": Verdict.IMPROVING,
        "ind-good-relations": Verdict.IMPROVING,
        "ind-parent-satisfaction": Verdict.IMPROVING,
    }
    # The first quarter's figure for alternative formats is over 6 requests: not shown.
    formats = found["ind-alternative-formats"].history
    assert [(r.value, r.hidden) for r in formats] == [(None, "protected"), (None, "protected")]
    assert date(2007, 9, 30) == Q2.end
