"""The bundled EIAs score as a reader of the rubric would expect: the thorough one
Excellent, the thin one (written after its decision) Inadequate, the screened-out one on
its short list, and the one waiting for QA, with a negative impact left unanswered,
held at Inadequate by the mitigation gate though its points earn Good."""

from __future__ import annotations

from pathlib import Path

import pytest

from eqdiv.eia import EiaResult, eia_quality, summary_row
from eqdiv.eia.review_dates import review_words
from eqdiv.output.eia_text import points
from eqdiv.report.assessments import grade_view
from eqdiv.review.eia_changes import grade_data, grade_words
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.status.quality import EiaQuality
from eqdiv.store.repository import load_repository
from tests.conftest import BUNDLED
from tests.eia_support import break_config
from tests.gitsupport import copy_records


@pytest.fixture(scope="module")
def result() -> EiaResult:
    return eia_quality(load_repository(BUNDLED, SchemaSet.load()))


CRITERIA = {
    "eia-2007-case-records": [
        ("C1", 2, "It gives the aims, who is affected, who decides and when."),
        (
            "C2",
            2,
            "It began on 2007-08-06, before the decision on 2007-08-20, and was signed off by the day of the decision.",
        ),
        ("C3", 2, "All 9 groups (6 strands and 3 local groups) are rated, each with a reason."),
        (
            "C11",
            1,
            "Signed off by Parent Partnership Manager (DH) on 2007-08-08, but not quality-assured or published.",
        ),
        (
            "S1",
            2,
            "A reason is given, the screening came before the decision, and no group is rated negative or unknown.",
        ),
    ],
    "eia-2007-drop-in-sessions": [
        ("C1", 2, "It gives the aims, who is affected, who decides and when."),
        (
            "C2",
            2,
            "It began on 2007-09-17, before the decision on 2007-10-10 and before the consultation it relies on, and was signed off by the day of the decision.",
        ),
        ("C3", 2, "All 9 groups (6 strands and 3 local groups) are rated, each with a reason."),
        (
            "C4",
            1,
            "2 sources of 2 kinds, but Gypsies and Travellers is rated unknown with no evidence gap recorded.",
        ),
        (
            "C5",
            2,
            "Groups asked about the impacts: Disability, People living in isolation, People on low income. Every group rated negative was asked.",
        ),
        (
            "C6",
            1,
            "1 of the 3 aims of the equality duty is considered (advancing equality of opportunity); not eliminating discrimination or fostering good relations.",
        ),
        ("C7", 0, "Neither intersectional nor cumulative effects are considered."),
        (
            "C8",
            0,
            "Of 3 negative impacts, 2 have a response, but People living in isolation has none that counts.",
        ),
        ("C9", 2, "The outcome (continue despite the impact) and why are both recorded."),
        (
            "C10",
            2,
            "1 measure, and a review by Parent Partnership Officer (PPO) on 2008-10-10, within 36 months of the decision.",
        ),
        (
            "C11",
            1,
            "Signed off by Head of Children's Services (HCS) on 2007-10-10, but not quality-assured or published.",
        ),
    ],
    "eia-2007-home-visits": [
        ("C1", 2, "It gives the aims, who is affected, who decides and when."),
        (
            "C2",
            2,
            "It began on 2007-05-14, before the decision on 2007-09-25 and before the consultation it relies on, and was signed off by the day of the decision.",
        ),
        ("C3", 2, "All 9 groups (6 strands and 3 local groups) are rated, each with a reason."),
        ("C4", 2, "4 sources of 4 kinds, including local data; 2 gaps, each with a live action."),
        (
            "C5",
            1,
            "Groups asked about the impacts: Age, Gender (including gender identity), Disability, Ethnicity (race), Gypsies and Travellers; not asked, though rated negative: Religion or belief.",
        ),
        ("C6", 2, "All three aims of the equality duty are considered."),
        ("C7", 2, "Both intersectional and cumulative effects are considered."),
        (
            "C8",
            2,
            "Every negative impact has a live action or a justification: Religion or belief, Gender (including gender identity).",
        ),
        ("C9", 2, "The outcome (adjust the proposal) and why are both recorded."),
        (
            "C10",
            2,
            "2 measures, and a review by Parent Partnership Manager (DH) on 2010-09-25, within 36 months of the decision.",
        ),
        (
            "C11",
            2,
            "Signed off by Head of Children's Services (HCS) on 2007-09-25, quality-assured by Equality and Diversity Officer (EDO) on 2007-10-02, and published on 2007-10-05.",
        ),
    ],
    "eia-2007-service-leaflet": [
        ("C1", 1, "It gives who decides and when, but not the aims or who is affected."),
        (
            "C2",
            0,
            "The assessment began on 2007-07-02, after the decision on 2007-06-01, so it cannot have informed it.",
        ),
        (
            "C3",
            0,
            "5 of 9 groups are not rated: Sexual orientation, Religion or belief, Gypsies and Travellers, People on low income, People living in isolation.",
        ),
        ("C4", 0, "No evidence is given."),
        ("C5", 0, "No engagement is recorded, and no reason is given."),
        ("C6", 0, "None of the three aims of the equality duty is considered."),
        ("C7", 0, "Neither intersectional nor cumulative effects are considered."),
        ("C8", 2, "No impact is rated negative, so there is nothing to mitigate."),
        ("C9", 1, "The outcome is recorded (no change), but not why."),
        ("C10", 0, "There are no monitoring measures and no review date."),
        ("C11", 0, "It is not signed off."),
    ],
}


@pytest.mark.parametrize("eia_id", sorted(CRITERIA))
def test_each_criterion_of_each_bundled_eia(result: EiaResult, eia_id: str) -> None:
    [scored] = [s for s in result.scores if s.eia.id == eia_id]
    assert [(c.criterion.id, c.points, c.reason) for c in scored.criteria] == CRITERIA[eia_id]


def test_totals_grades_and_gates(result: EiaResult) -> None:
    assert [
        (
            s.eia.id,
            s.total,
            s.maximum,
            s.percent(1),
            s.points_grade.name,
            s.grade.name,
            [(g.criterion.id, g.cap.name, g.lowered) for g in s.gates],
        )
        for s in result.scores
    ] == [
        ("eia-2007-case-records", 9, 10, 90.0, "Excellent", "Excellent", []),
        (
            "eia-2007-drop-in-sessions",
            15,
            22,
            68.1,
            "Good",
            "Inadequate",
            [("C8", "Inadequate", True)],
        ),
        ("eia-2007-home-visits", 21, 22, 95.4, "Excellent", "Excellent", []),
        (
            "eia-2007-service-leaflet",
            4,
            22,
            18.1,
            "Inadequate",
            "Inadequate",
            [("C2", "Inadequate", False), ("C3", "Inadequate", False), ("C11", "Adequate", False)],
        ),
    ]
    assert [(g.name, n) for g, n in result.distribution] == [
        ("Inadequate", 2),
        ("Adequate", 0),
        ("Good", 0),
        ("Excellent", 2),
    ]
    assert [s.eia.id for s in result.below_minimum] == [
        "eia-2007-drop-in-sessions",
        "eia-2007-service-leaflet",
    ]
    assert result.unscored == ()


def test_what_would_raise_each_grade(result: EiaResult) -> None:
    steps = {
        s.eia.id: (
            s.next.grade.name,
            [(t.criterion.id, t.points, t.to, t.lifts_cap) for t in s.next.steps],
        )
        if s.next
        else None
        for s in result.scores
    }
    assert steps == {
        "eia-2007-case-records": None,
        "eia-2007-home-visits": None,
        # One mitigation for people living in isolation lifts the cap, and 16 of 22 is
        # Good: the step reaches Good, not just the Adequate above Inadequate.
        "eia-2007-drop-in-sessions": ("Good", [("C8", 0, 1, True)]),
        # 9 of 22 (41%) is the least that is Adequate, and C2 and C3 must leave 0.
        "eia-2007-service-leaflet": (
            "Adequate",
            [("C1", 1, 2, False), ("C2", 0, 2, True), ("C3", 0, 2, True)],
        ),
    }


def test_the_fields_behind_the_points_are_located(result: EiaResult) -> None:
    by_id = {s.eia.id: s for s in result.scores}
    c8 = by_id["eia-2007-drop-in-sessions"].criterion("C8")
    assert [(n.effect.value, n.field, str(n.location), n.note) for n in c8.fields] == [
        (
            "earned",
            "mitigation/0/action",
            "eias/eia-2007-drop-in-sessions.yaml:76:13",
            "action parent-partnership-2007/1a (ongoing)",
        ),
        (
            "earned",
            "mitigation/1/justification",
            "eias/eia-2007-drop-in-sessions.yaml:78:20",
            "a justification for going ahead",
        ),
        (
            "lost",
            "impacts/isolation",
            "eias/eia-2007-drop-in-sessions.yaml:67:3",
            "rated negative, with no mitigation",
        ),
    ]
    c2 = by_id["eia-2007-service-leaflet"].criterion("C2")
    assert [(n.field, str(n.location)) for n in c2.fields] == [
        ("started", "eias/eia-2007-service-leaflet.yaml:12:10"),
        ("decision/date", "eias/eia-2007-service-leaflet.yaml:11:9"),
    ]


def test_a_config_that_cannot_be_read_keeps_every_grade(result: EiaResult, tmp_path: Path) -> None:
    # The bundled EIAs rate the 2007 six strands and three local groups. With eqdiv.yaml
    # broken, the 2010 nine stand in as defaults; judged against those, every EIA would
    # miss a strand and fall to Inadequate. Instead C3 judges the groups each EIA rates.
    root = copy_records(tmp_path / "records")
    break_config(root)
    broken = eia_quality(load_repository(root))
    assert not broken.config_read and broken.minimum is None
    assert [(s.eia.id, s.grade.name) for s in broken.scores] == [
        (s.eia.id, s.grade.name) for s in result.scores
    ]
    # The leaflet rated 4 groups, none with a reason: 1 point now (its grade is capped
    # by C2 either way), where the partnership's set finds 5 groups missing.
    c3 = {s.eia.id: (s.total, s.criterion("C3").points) for s in broken.scores}
    assert c3 == {
        "eia-2007-case-records": (9, 2),
        "eia-2007-drop-in-sessions": (15, 2),
        "eia-2007-home-visits": (21, 2),
        "eia-2007-service-leaflet": (5, 1),
    }
    # A review date worked out from the cycle says the cycle is eqdiv's default.
    [case] = [s.eia for s in broken.scores if s.eia.id == "eia-2007-case-records"]
    assert review_words(broken.next_review(case), None) == (
        "2010-08-08 (36 months after sign-off, eqdiv's default cycle: eqdiv.yaml cannot be read)"
    )
    assert review_words(result.next_review(case), None) == "2010-08-08 (36 months after sign-off)"


def test_every_view_shows_the_same_percentage(result: EiaResult) -> None:
    # 15 of 22 is 68.18...%: rounded down everywhere, never 68.2 in one place and 68.1
    # in another.
    [drop_in] = [s for s in result.scores if s.eia.id == "eia-2007-drop-in-sessions"]
    status = EiaQuality(result)
    report, review = grade_view(drop_in), grade_data(drop_in)
    assert report is not None and review is not None
    shown = {
        "eia": summary_row(drop_in)["percentage"],
        "status": status.to_dict()["below_minimum"][0]["percentage"],
        "report": report.percentage,
        "review": review["percentage"],
    }
    assert shown == dict.fromkeys(shown, 68.1)
    block = status.block()
    assert block is not None
    words = [
        points(drop_in),
        block.entries[0].tag,
        report.words,
        grade_words(drop_in),
    ]
    assert words == [
        "15/22 (68%)",
        "Inadequate, 68%, capped",
        "Inadequate (68%, capped)",
        "Inadequate (68%)",
    ]
