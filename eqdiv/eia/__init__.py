"""EIA quality: scoring Equality Impact Assessments against a rubric.

The public API (other features build on these; the command line is ``eqdiv eia``)::

    loaded = load_rubric(repo)               # LoadedRubric(rubric, findings)
    score = score_eia(eia, repo, loaded.rubric)  # EiaScore: criteria, total, grade...
    scores = score_all(repo, loaded.rubric)  # every valid EIA, in file order
    result = eia_quality(repo)               # EiaResult: grade spread, below the minimum
    result.next_review(eia)                  # ReviewDue: when, and whether worked out
    score_to_dict(score)                     # the stable JSON shape (README: eqdiv eia score)

The rubric is data (``rubric.yaml`` here, or a partnership's ``kind: rubric`` record);
the rules that read EIAs are code, in ``rules_process`` and ``rules_content``.
"""

from __future__ import annotations

from eqdiv.eia.eia_json import result_to_dict, rubric_to_dict, score_to_dict, summary_row
from eqdiv.eia.judging import Effect, FieldNote
from eqdiv.eia.review_dates import ReviewDue, next_review, review_words
from eqdiv.eia.rubric_loader import (
    LoadedRubric,
    load_rubric,
    rubric_problems,
    shipped_rubric,
    shipped_rubric_text,
)
from eqdiv.eia.rules import RULES
from eqdiv.eia.scoring import (
    CriterionScore,
    EiaScore,
    GateResult,
    NextGrade,
    Step,
    score_all,
    score_eia,
)
from eqdiv.eia.summary import (
    CONFIG_UNREAD,
    EiaResult,
    below,
    distribution,
    eia_quality,
    stage,
    unscored,
)

__all__ = [
    "CONFIG_UNREAD",
    "RULES",
    "CriterionScore",
    "Effect",
    "EiaResult",
    "EiaScore",
    "FieldNote",
    "GateResult",
    "LoadedRubric",
    "NextGrade",
    "ReviewDue",
    "Step",
    "below",
    "distribution",
    "eia_quality",
    "load_rubric",
    "next_review",
    "result_to_dict",
    "review_words",
    "rubric_problems",
    "rubric_to_dict",
    "score_all",
    "score_eia",
    "score_to_dict",
    "shipped_rubric",
    "shipped_rubric_text",
    "stage",
    "summary_row",
    "unscored",
]
