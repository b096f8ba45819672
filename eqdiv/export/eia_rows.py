"""The ``eias`` and ``eia_criteria`` tables: each EIA's quality score, and its score on
each criterion of the rubric."""

from __future__ import annotations

from datetime import date

from eqdiv.eia.summary import EiaResult, stage
from eqdiv.export.table import ExportTable, columns

EIA_COLUMNS = columns(
    ("eia_id", "text", "The EIA's id."),
    ("title", "text", "What is being assessed."),
    ("service", "text", "The service it concerns."),
    ("partner_id", "text", "The partner organisation it belongs to."),
    ("stage", "text", "draft, or the steps passed: signed off, quality-assured, published."),
    ("decision_date", "date", "When the decision it informs is taken."),
    ("review_date", "date", "When it is next due for review."),
    ("screened_out", "boolean", "Screened out: no full assessment was needed."),
    ("percentage", "number", "Its quality score, as a percentage (rounded down to 0.1)."),
    ("grade", "text", "Its grade after the rubric's gates (Inadequate ... Excellent)."),
    ("points_grade", "text", "The grade its percentage alone earns."),
    ("below_minimum", "boolean", "Whether its grade is below the partnership's minimum."),
    ("as_of", "date", "The day the score is judged on."),
)

CRITERION_COLUMNS = columns(
    ("eia_id", "text", "The EIA's id."),
    ("criterion_id", "text", "The rubric criterion's id (C1, C2 ...)."),
    ("criterion", "text", "What the criterion asks."),
    ("points", "integer", "Points scored: 0, 1 or 2."),
    ("weight", "number", "The criterion's weight in the rubric."),
    ("weighted", "number", "Points times weight."),
    ("level", "text", "What the rubric says this many points means."),
)


def eia_tables(result: EiaResult, partnership: str, as_of: date) -> tuple[ExportTable, ...]:
    below = {s.eia.id for s in result.below_minimum}
    eias = []
    criteria = []
    for score in result.scores:
        eia = score.eia
        due = result.next_review(eia)
        eias.append(
            (
                partnership,
                eia.id,
                eia.title,
                eia.service,
                eia.organisation,
                stage(eia),
                eia.decision_date,
                due.date if due else None,
                eia.screened_out,
                score.percent(1),
                score.grade.name,
                score.points_grade.name,
                eia.id in below,
                as_of,
            )
        )
        criteria += [
            (
                partnership,
                eia.id,
                c.criterion.id,
                c.criterion.title,
                c.points,
                float(c.criterion.weight),
                float(c.weighted),
                c.level,
            )
            for c in score.criteria
        ]
    return (
        ExportTable("eias", "Every scored EIA and its quality grade.", EIA_COLUMNS, tuple(eias)),
        ExportTable(
            "eia_criteria",
            "Each EIA's score on each criterion of the rubric.",
            CRITERION_COLUMNS,
            tuple(criteria),
        ),
    )
