"""The EIA rubric in use must be usable, and the partnership's minimum EIA grade must
be one of its grades. A broken partnership rubric is reported here (scoring falls back
to eqdiv's shipped rubric, and says so); its schema errors come from loading, as for
any record."""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.eia import load_rubric
from eqdiv.model import codes
from eqdiv.model.findings import Finding
from eqdiv.model.suggest import did_you_mean


def check_rubric(ctx: CheckContext) -> Iterator[Finding]:
    loaded = load_rubric(ctx.repo)
    yield from loaded.findings
    config = ctx.repo.config
    rubric = loaded.rubric
    if rubric.grade_named(config.eia_minimum_grade) is not None:
        return
    grades = [g.name for g in rubric.grades]
    yield ctx.finding(
        codes.GRADE_UNKNOWN,
        f"The minimum EIA grade '{config.eia_minimum_grade}' is not a grade of the rubric in "
        f"use ({rubric.title}).",
        ctx.repo.locate(config.location, "/eia_minimum_grade"),
        did_you_mean(config.eia_minimum_grade, grades)
        + f"Set `eia_minimum_grade` in eqdiv.yaml to one of: {', '.join(grades)}.",
        record=config.id,
    )
