"""Indicators and objectives must add up: periods that exist and have ended, one value
per period, percentages from 0 to 100, breakdowns by known categories that add up to
their base, a computed measure with no typed-in values, and objectives that run for no
more than the duty's four-year cycle.

Periods are read with the partnership's year start (``year_start_month``), as reports
read them, so ``2007-Q2`` here is the quarter a report calls 2007/08 Q2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from eqdiv.checks.categories import category_unknown, dimension_unknown
from eqdiv.checks.check_context import CheckContext
from eqdiv.eia import load_rubric
from eqdiv.figures.census import category_scheme
from eqdiv.model import codes
from eqdiv.model.categories import NOT_KNOWN
from eqdiv.model.dates import shift_months
from eqdiv.model.errors import UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.indicators import Indicator, Measurement
from eqdiv.model.periods import Period, parse_period
from eqdiv.model.suggest import did_you_mean
from eqdiv.yamlio.loader import escape_pointer_token as escape

# The specific duties ask for equality objectives at least every four years.
OBJECTIVE_CYCLE_MONTHS = 48


def check_indicators(ctx: CheckContext) -> Iterator[Finding]:
    for indicator in ctx.repo.indicators:
        yield from _check_indicator(ctx, indicator)
    for objective in ctx.repo.objectives:
        if objective.end > shift_months(objective.start, OBJECTIVE_CYCLE_MONTHS):
            yield ctx.finding(
                codes.OBJECTIVE_CYCLE,
                f"Objective {objective.id} runs from {objective.start.isoformat()} to "
                f"{objective.end.isoformat()}: longer than the four-year cycle of the "
                "equality duty.",
                ctx.repo.locate(objective.location, "/period/end"),
                "Equality objectives are set at least every four years: end this one within "
                "four years of its start, and publish the next cycle's objectives then.",
                severity=Severity.WARNING,
                record=objective.id,
            )


def _check_indicator(ctx: CheckContext, indicator: Indicator) -> Iterator[Finding]:
    repo = ctx.repo
    start_month = repo.config.year_start_month

    def period_of(measurement: Measurement) -> Period | None:
        try:
            return parse_period(measurement.period, start_month)
        except UsageError:
            return None

    measured = [m for m in (indicator.baseline, indicator.target) if m is not None]
    for measurement in (*measured, *indicator.values):
        if period_of(measurement) is None:
            yield ctx.finding(
                codes.INDICATOR_PERIOD,
                f"'{measurement.period}' is not a period: the second year of a year "
                "written YYYY/YY must follow the first.",
                repo.locate(measurement.location, "/period"),
                "Write a quarter (2007-Q2) or a year (2007, or 2007/08).",
                record=indicator.id,
            )
    if indicator.computed is not None:
        yield from _check_computed(ctx, indicator)
    yield from _check_value_periods(ctx, indicator, period_of)
    baseline, target = indicator.baseline, indicator.target
    if baseline is not None and target is not None:
        first, last = period_of(baseline), period_of(target)
        if first is not None and last is not None and last.end < first.end:
            yield ctx.finding(
                codes.DATE_ORDER,
                f"{indicator.id}'s target ({target.period}) is before its baseline "
                f"({baseline.period}).",
                repo.locate(target.location, "/period"),
                "Check both periods: one of them is probably mistyped.",
                record=indicator.id,
            )
    for measurement in (*measured, *indicator.values):
        yield from _check_value(ctx, indicator, measurement)
    yield from _check_breakdown(ctx, indicator)


def _check_value_periods(
    ctx: CheckContext, indicator: Indicator, period_of: Callable[[Measurement], Period | None]
) -> Iterator[Finding]:
    """One value per period, and only for periods that have ended."""
    seen: dict[str, int] = {}
    for measurement in indicator.values:
        period = period_of(measurement)
        if period is not None and period.label in seen:
            yield ctx.finding(
                codes.INDICATOR_PERIOD,
                f"{indicator.id} has a second value for {period.label}; the first is on "
                f"line {seen[period.label]}.",
                ctx.repo.locate(measurement.location, "/period"),
                "Keep one value per period: correct the period, or delete the older figure.",
                record=indicator.id,
            )
        elif period is not None:
            seen[period.label] = measurement.location.line
        if period is not None and period.end > ctx.as_of:
            yield ctx.finding(
                codes.DATE_FUTURE,
                f"The value for {measurement.period} is for a period that ends "
                f"{period.end.isoformat()}, after today ({ctx.as_of.isoformat()}).",
                ctx.repo.locate(measurement.location, "/period"),
                "Record a figure once its period is over; a figure so far belongs in a note.",
                record=indicator.id,
            )


def _check_value(
    ctx: CheckContext, indicator: Indicator, measurement: Measurement
) -> Iterator[Finding]:
    value = measurement.value
    problem = None
    if indicator.unit == "percent" and not 0 <= value <= 100:
        problem = f"{value:g} is not a percentage: write it from 0 to 100."
    elif indicator.unit == "people" and (value < 0 or value != int(value)):
        problem = f"{value:g} is not a number of people: write a whole number."
    if problem is not None:
        yield ctx.finding(
            codes.INDICATOR_VALUE,
            problem,
            ctx.repo.locate(measurement.location, "/value"),
            f"The indicator's unit is `{indicator.unit}`; check the figure, or the unit.",
            record=indicator.id,
        )


def _check_breakdown(ctx: CheckContext, indicator: Indicator) -> Iterator[Finding]:
    repo = ctx.repo
    broken_down = [m for m in indicator.values if m.by]
    if indicator.breakdown is None:
        for measurement in broken_down:
            yield ctx.finding(
                codes.INDICATOR_BREAKDOWN,
                f"This value of {indicator.id} is broken down `by` category, but the "
                "indicator does not say by which dimension.",
                repo.locate(measurement.location, "/by", key=True),
                "Add `breakdown:` to the indicator, naming the dimension (such as "
                "`breakdown: ethnicity`).",
                record=indicator.id,
            )
        return
    scheme = category_scheme(repo.config)
    dimension = scheme.dimensions.get(indicator.breakdown)
    if dimension is None:
        where = repo.locate(indicator.location, "/breakdown")
        yield dimension_unknown(ctx, scheme, indicator.breakdown, where, indicator.id)
        return
    for measurement in broken_down:
        for key in measurement.by:
            if key not in dimension.known:
                where = repo.locate(measurement.location, f"/by/{escape(key)}", key=True)
                yield category_unknown(ctx, dimension, key, where, indicator.id)
        bases = [f.base for f in measurement.by.values()]
        if measurement.base is None or None in bases:
            continue
        total = sum(b for b in bases if b is not None)
        if total != measurement.base:
            yield ctx.finding(
                codes.INDICATOR_TOTAL,
                f"The breakdown of {measurement.period} is over {total} people, but the "
                f"figure is over {measurement.base} (`base`).",
                repo.locate(measurement.location, "/base"),
                "Every person counted in `base` belongs in one category of `by` (those who "
                f"did not say under `{NOT_KNOWN}`): correct the counts.",
                record=indicator.id,
            )


def _check_computed(ctx: CheckContext, indicator: Indicator) -> Iterator[Finding]:
    computed = indicator.computed
    assert computed is not None
    if indicator.values:
        yield ctx.finding(
            codes.INDICATOR_COMPUTED,
            f"{indicator.id} is computed by eqdiv (`computed:`), so its `values` would "
            "never be used.",
            ctx.repo.locate(indicator.location, "/values", key=True),
            "Delete `values:`, or delete `computed:` to report typed-in figures instead.",
            record=indicator.id,
        )
    rubric = load_rubric(ctx.repo).rubric
    if rubric.grade_named(computed.at_least) is None:
        grades = [g.name for g in rubric.grades]
        yield ctx.finding(
            codes.GRADE_UNKNOWN,
            f"'{computed.at_least}' is not a grade of the rubric in use ({rubric.title}).",
            ctx.repo.locate(computed.location, "/at_least"),
            did_you_mean(computed.at_least, grades) + f"Grades: {', '.join(grades)}.",
            record=indicator.id,
        )
