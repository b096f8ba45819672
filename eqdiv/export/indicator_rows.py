"""The ``indicator_values`` table: every figure of every indicator up to the day.

Figures go through the same test the reports apply before publishing an indicator: a
number of people below the threshold, or a figure over too few people, is empty in a
``--published`` export, with ``hidden`` saying why.
"""

from __future__ import annotations

from datetime import date

from eqdiv.eia.summary import EiaResult
from eqdiv.export.table import ExportTable, Value, columns
from eqdiv.figures.indicator_progress import progress
from eqdiv.figures.publication import publication
from eqdiv.model.periods import year, year_of
from eqdiv.store.repository import Repository

COLUMNS = columns(
    ("indicator_id", "text", "The indicator's id."),
    ("title", "text", "What it measures."),
    ("unit", "text", "percent, people, number, rate or grade."),
    ("better", "text", "Whether higher or lower is better."),
    ("kind", "text", "`baseline`, `target` or `value`."),
    ("period", "text", "The period the figure is for (`2007/08`, `2007-Q2`)."),
    ("period_end", "date", "The last day of that period."),
    ("value", "number", "The figure (empty when it must not be published)."),
    ("hidden", "text", "Why the figure is empty: protected (small numbers) or base."),
    ("base", "integer", "How many people (or EIAs) it is over, when recorded and shown."),
)


def indicator_table(
    repo: Repository, as_of: date, eias: EiaResult, *, published: bool
) -> ExportTable:
    config = repo.config
    start = config.year_start_month
    # Staff exports show every figure: a threshold of zero hides nothing.
    threshold = config.thresholds.suppression if published else 0
    period = year(year_of(as_of, start), start)
    made = publication(repo) if published else None
    rows: list[tuple[Value, ...]] = []
    for indicator in repo.indicators:
        seen = progress(
            indicator, period, start, threshold, eias.scores, eias.rubric, published=made
        )
        readings = [("baseline", seen.baseline), ("target", seen.target)]
        readings += [("value", r) for r in seen.history]
        for kind, reading in readings:
            if reading is None:
                continue
            base = reading.base.exact() if reading.base is not None else None
            rows.append(
                (
                    config.id,
                    indicator.id,
                    indicator.title,
                    indicator.unit,
                    indicator.better,
                    kind,
                    reading.period.label,
                    reading.period.end,
                    reading.value,
                    reading.hidden,
                    base,
                )
            )
    return ExportTable("indicator_values", "Every figure of every indicator.", COLUMNS, tuple(rows))
