"""Indicators against their targets, as they may be published.

For a reporting period, an indicator's *latest* figure is the most recent value for a
period that ends by the end of the reporting period. Its verdict compares it with the
target and the baseline, in the indicator's direction (``better: higher|lower``):

- ``met``: at or better than the target;
- ``missed``: not met, and the target's period is over;
- ``improving``: not met yet, and better than the baseline (or, with no baseline,
  than the previous figure);
- ``not_improving``: no better than the baseline (or the previous figure);
- ``not_yet``: not met yet, with nothing earlier to compare with;
- ``no_target``: a figure, but no target to judge it by;
- ``no_data``: no figure yet; ``not_shown``: the figure may not be published.

Small numbers: every count of people an indicator publishes (a figure's base, a figure
in people, and the people a percentage counts and does not count) is read from the one
protection of the grid (``figures.publication``; laid out in ``figures.indicator_grid``).
A figure is published only when the counts it gives away are shown, and never over a
``base`` of fewer people than the threshold; a category whose base is hidden has no
figure. Without a publication (a figure worked out away from its repository) the
indicator's own tables are protected on their own, by the same method.

A ``computed`` indicator (``eia_grade``) is worked out from the EIA scores: the share
of the EIAs signed off in the period whose grade is at least the one named. It counts
records, not people, so nothing in it is suppressed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from eqdiv.eia.scoring import EiaScore
from eqdiv.figures.audit import Figure
from eqdiv.figures.indicator_grid import Part, indicators_contribution, measurement_figures
from eqdiv.figures.suppression import Shown
from eqdiv.model.dates import add_days
from eqdiv.model.errors import UsageError
from eqdiv.model.indicators import Indicator, Measurement
from eqdiv.model.periods import Period, parse_period, quarter_of
from eqdiv.model.rubric import Rubric

if TYPE_CHECKING:
    from eqdiv.figures.publication import Publication

# Lazy imports: the publication (and its protection, with numpy and HiGHS) is loaded
# only to read counts of people through it; a threshold of 0 or 1 (the standards'
# rules) reads them as they are.


class Verdict(StrEnum):
    MET = "met"
    MISSED = "missed"
    IMPROVING = "improving"
    NOT_IMPROVING = "not_improving"
    NOT_YET = "not_yet"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    NOT_SHOWN = "not_shown"

    @property
    def words(self) -> str:
        return _WORDS[self]


_WORDS = {
    Verdict.MET: "target met",
    Verdict.MISSED: "target missed",
    Verdict.IMPROVING: "improving",
    Verdict.NOT_IMPROVING: "not improving",
    Verdict.NOT_YET: "target not met yet",
    Verdict.NO_TARGET: "no target set",
    Verdict.NO_DATA: "no figure yet",
    Verdict.NOT_SHOWN: "too few people to publish",
}


@dataclass(frozen=True, slots=True)
class Reading:
    """One figure as it may be published: ``value`` is None when it is hidden, and
    ``hidden`` says why (``small``, ``secondary``, or ``base`` for a figure over too
    few people). ``base`` is the number of people (or, for a computed indicator, of
    EIAs) it is over, itself suppressed."""

    period: Period
    value: float | None
    hidden: str | None
    base: Shown | None
    note: str | None = None

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class CategoryReading:
    category: str
    value: float | None
    hidden: str | None
    base: Shown | None


@dataclass(frozen=True, slots=True)
class Progress:
    """An indicator at the end of a reporting period."""

    indicator: Indicator
    period: Period
    baseline: Reading | None
    target: Reading | None
    history: tuple[Reading, ...]  # every figure up to the period's end, oldest first
    breakdown: tuple[CategoryReading, ...]  # the latest figure's, when broken down
    verdict: Verdict
    threshold: int

    @property
    def latest(self) -> Reading | None:
        return self.history[-1] if self.history else None


def _period(text: str, start_month: int) -> Period | None:
    try:
        return parse_period(text, start_month)
    except UsageError:
        return None  # `eqdiv validate` reports it (indicator-period)


Reader = Callable[[Figure | None, int], Shown]


def _as_is(figure: Figure | None, value: int) -> Shown:
    return Shown(value)


def _hidden(part: Part, base: Shown | None, read: Reader, threshold: int) -> str | None:
    """Why the figure of ``part`` may not be published (None when it may)."""
    if base is not None and not base.visible:
        return base.hidden.value if base.hidden is not None else "base"
    if base is not None and threshold > 1 and base.value < threshold:
        return "base"
    for found in (part.count, part.counted, part.not_counted):
        if found is not None:
            shown = read(*found)
            if not shown.visible:
                return shown.hidden.value if shown.hidden is not None else "protected"
    return None


def _base(part: Part, read: Reader) -> Shown | None:
    return None if part.base is None else read(*part.base)


def _reading(
    indicator: Indicator, measurement: Measurement, period: Period, read: Reader, threshold: int
) -> Reading:
    total = measurement_figures(indicator, measurement).total
    base = _base(total, read)
    hidden = _hidden(total, base, read, threshold)
    return Reading(period, None if hidden else measurement.value, hidden, base, measurement.note)


def _breakdown(
    indicator: Indicator, measurement: Measurement, read: Reader, threshold: int
) -> tuple[CategoryReading, ...]:
    parts = measurement_figures(indicator, measurement).by
    readings = []
    for category, figure in measurement.by.items():
        part = parts[category]
        base = _base(part, read)
        hidden = _hidden(part, base, read, threshold)
        readings.append(CategoryReading(category, None if hidden else figure.value, hidden, base))
    return tuple(readings)


def _better(indicator: Indicator, a: float, b: float) -> bool:
    """Whether ``a`` is strictly better than ``b``."""
    return a > b if indicator.better == "higher" else a < b


def _verdict(
    indicator: Indicator,
    latest: Reading | None,
    previous: Reading | None,
    baseline: Reading | None,
    target: Reading | None,
    period: Period,
) -> Verdict:
    if latest is None:
        return Verdict.NO_DATA
    if latest.value is None:
        return Verdict.NOT_SHOWN
    if target is None or target.value is None:
        return Verdict.NO_TARGET
    value = latest.value
    if not _better(indicator, target.value, value):
        return Verdict.MET
    if target.period.end <= period.end:
        return Verdict.MISSED
    compare = baseline if baseline is not None and baseline.value is not None else previous
    if compare is None or compare.value is None:
        return Verdict.NOT_YET
    if _better(indicator, value, compare.value):
        return Verdict.IMPROVING
    return Verdict.NOT_IMPROVING


def progress(
    indicator: Indicator,
    period: Period,
    start_month: int,
    threshold: int,
    eia_scores: Sequence[EiaScore] = (),
    rubric: Rubric | None = None,
    *,
    published: Publication | None = None,
) -> Progress:
    """``indicator`` at the end of ``period``. ``eia_scores`` and ``rubric`` are
    needed for a computed ``eia_grade`` indicator (from ``eqdiv.eia.eia_quality``).
    Counts of people read as ``published`` (the repository's publication) shows them;
    a threshold of 1 or less shows them all."""
    read = _reader(indicator, threshold, published)
    if indicator.computed is not None:
        history = computed_history(indicator, period, start_month, eia_scores, rubric)
    else:
        dated = [(m, _period(m.period, start_month)) for m in indicator.values]
        ordered = sorted(
            ((m, p) for m, p in dated if p is not None and p.end <= period.end),
            key=lambda mp: (mp[1].end, mp[1].start),
        )
        history = tuple(_reading(indicator, m, p, read, threshold) for m, p in ordered)
    baseline = _fixed(indicator, indicator.baseline, start_month, read, threshold)
    target = _fixed(indicator, indicator.target, start_month, read, threshold)
    latest = history[-1] if history else None
    previous = history[-2] if len(history) > 1 else None
    breakdown: tuple[CategoryReading, ...] = ()
    if latest is not None and indicator.computed is None:
        source = next(
            (m for m in indicator.values if _period(m.period, start_month) == latest.period), None
        )
        if source is not None:
            breakdown = _breakdown(indicator, source, read, threshold)
    return Progress(
        indicator=indicator,
        period=period,
        baseline=baseline,
        target=target,
        history=history,
        breakdown=breakdown,
        verdict=_verdict(indicator, latest, previous, baseline, target, period),
        threshold=threshold,
    )


def _reader(indicator: Indicator, threshold: int, published: Publication | None) -> Reader:
    if threshold <= 1:
        return _as_is
    if published is not None:
        return published.reader()
    from eqdiv.figures.publication import publish_tables

    return publish_tables([indicators_contribution([indicator])], threshold).reader()


def _fixed(
    indicator: Indicator,
    measurement: Measurement | None,
    start_month: int,
    read: Reader,
    threshold: int,
) -> Reading | None:
    if measurement is None:
        return None
    period = _period(measurement.period, start_month)
    if period is None:
        return None
    return _reading(indicator, measurement, period, read, threshold)


def computed_history(
    indicator: Indicator,
    period: Period,
    start_month: int,
    scores: Sequence[EiaScore],
    rubric: Rubric | None,
) -> tuple[Reading, ...]:
    """The ``eia_grade`` figure for ``period`` itself (the quarter or year reported),
    preceded, for a year, by each of its quarters that had any EIA signed off."""
    computed = indicator.computed
    assert computed is not None
    grade = rubric.grade_named(computed.at_least) if rubric is not None else None
    if grade is None:
        return ()  # an unknown grade: `eqdiv validate` reports it (grade-unknown)
    quarters: list[Period] = []
    if period.days > 92:
        quarters.append(quarter_of(period.start, start_month))
        # Compared, not stepped past: a period ending on the calendar's last day has no
        # day after it.
        while quarters[-1].end < period.end:
            quarters.append(quarter_of(add_days(quarters[-1].end, 1), start_month))
    readings = []
    for span in [*quarters, period]:
        signed = [s for s in scores if s.eia.signoff is not None and s.eia.signoff.date in span]
        if not signed:
            continue
        good = sum(1 for s in signed if s.grade.rank >= grade.rank)
        readings.append(Reading(span, 100 * good / len(signed), None, Shown(len(signed))))
    return tuple(readings)


def progress_all(
    indicators: Sequence[Indicator],
    period: Period,
    start_month: int,
    threshold: int,
    eia_scores: Sequence[EiaScore] = (),
    rubric: Rubric | None = None,
    *,
    published: Publication | None = None,
) -> dict[str, Progress]:
    """Every indicator's progress, by id, in the order given."""
    return {
        i.id: progress(i, period, start_month, threshold, eia_scores, rubric, published=published)
        for i in indicators
    }


__all__ = [
    "CategoryReading",
    "Progress",
    "Reading",
    "Verdict",
    "progress",
    "progress_all",
]
