"""Each rule on inline EIAs: the full-marks EIA, then one weakness at a time, with the
exact points, reason and fields that lost them."""

from __future__ import annotations

from typing import Any

import pytest

from eqdiv.eia import eia_quality
from tests.conftest import RepoBuilder
from tests.eia_support import FULL, break_config, eia, impacts, lost, points, score, screened

ALL_TWO = {cid: 2 for cid in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11")}


def only(changed: dict[str, int]) -> dict[str, int]:
    """Full marks, except ``changed``."""
    return {**ALL_TWO, **changed}


def test_the_full_eia_is_valid_and_earns_full_marks(repo: RepoBuilder) -> None:
    scored = score(repo)
    assert repo.findings() == []
    assert points(scored) == ALL_TWO
    assert (scored.total, scored.maximum, scored.grade.name) == (22, 22, "Excellent")
    assert scored.gates == () and scored.next is None
    assert scored.criterion("C3").reason == (
        "All 7 groups (6 strands and 1 local group) are rated, each with a reason."
    )
    assert scored.criterion("C5").reason == (
        "Groups asked about the impacts: Carers, Disability. Every group rated negative was asked."
    )
    assert scored.criterion("C8").reason == (
        "Every negative impact has a live action or a justification: Carers."
    )
    assert scored.criterion("C10").reason == (
        "1 measure, and a review by Service Manager (DH) on 2010-09-30, within 36 months of "
        "the decision."
    )


# --- C1 purpose and scope ---------------------------------------------------------


def test_c1_partial_and_missing(repo: RepoBuilder) -> None:
    scored = score(repo, eia(aims=None, affected=None))
    c1 = scored.criterion("C1")
    assert (c1.points, c1.reason) == (
        1,
        "It gives who decides and when, but not the aims or who is affected.",
    )
    assert c1.advice == "Add the aims (`aims:`) and who is affected (`affected:`)."
    scored = score(repo, eia(aims=None, affected=None, decision=None, started="2007-05-01"))
    c1 = scored.criterion("C1")
    assert (c1.points, c1.reason) == (
        0,
        "Only the proposal is described: not the aims, who is affected, who decides or when.",
    )


# --- C2 done before the decision -----------------------------------------------------


def test_c2_a_decision_dated_before_the_assessment_started_scores_0_and_caps(
    repo: RepoBuilder,
) -> None:
    scored = score(repo, eia(started="2007-10-02"))
    c2 = scored.criterion("C2")
    assert c2.points == 0
    assert c2.reason == (
        "The assessment began on 2007-10-02, after the decision on 2007-09-30, so it cannot "
        "have informed it."
    )
    assert lost(scored, "C2") == [
        "13:10 started: began 2007-10-02, after the decision",
        "12:9 decision/date: decided 2007-09-30",
    ]
    # 20 of 22 points would be Excellent; the gate holds it at Inadequate.
    assert (scored.points_grade.name, scored.grade.name, scored.capped) == (
        "Excellent",
        "Inadequate",
        True,
    )
    [gate] = scored.gates
    assert (gate.criterion.id, gate.cap.name, gate.lowered) == ("C2", "Inadequate", True)
    assert scored.next is not None
    assert [(s.criterion.id, s.points, s.to, s.lifts_cap) for s in scored.next.steps] == [
        ("C2", 0, 1, True)
    ]


def test_c2_begun_on_the_day_of_the_decision_is_too_late(repo: RepoBuilder) -> None:
    c2 = score(repo, eia(started="2007-09-30")).criterion("C2")
    assert (c2.points, c2.reason) == (
        0,
        "The assessment began on 2007-09-30, on the day of the decision on 2007-09-30, so "
        "it cannot have informed it.",
    )


def test_c2_undated(repo: RepoBuilder) -> None:
    data = eia(started=None, screening={"decision": "full_assessment"})
    c2 = score(repo, data).criterion("C2")
    assert (c2.points, c2.reason) == (
        0,
        "The assessment is undated, so nothing shows it came before the decision.",
    )
    c2 = score(repo, eia(decision={"maker": "Service board"})).criterion("C2")
    assert c2.points == 0
    assert c2.reason.startswith("The decision date is not recorded")


def test_c2_the_screening_date_stands_in_for_a_missing_start(repo: RepoBuilder) -> None:
    scored = score(repo, eia(started=None))
    assert scored.criterion("C2").points == 2
    assert scored.criterion("C2").fields[0].field == "screening/date"


def test_c2_consultation_before_the_assessment_or_sign_off_after_the_decision(
    repo: RepoBuilder,
) -> None:
    scored = score(repo, eia(started="2007-06-15", screening=None))
    c2 = scored.criterion("C2")
    assert (c2.points, c2.reason) == (
        1,
        "It began on 2007-06-15, before the decision on 2007-09-30, but the consultation "
        "cons-carers began on 2007-06-01, before it.",
    )
    assert lost(scored, "C2") == [
        "24:19 engagement/activities/0/consultation: cons-carers began 2007-06-01, before "
        "the assessment"
    ]
    scored = score(repo, eia(signoff={"by": "DH", "date": "2007-10-03"}))
    c2 = scored.criterion("C2")
    assert (c2.points, c2.reason) == (
        1,
        "It began on 2007-05-01, before the decision on 2007-09-30, but it was signed off "
        "on 2007-10-03, after the decision.",
    )


# --- C3 every group rated -------------------------------------------------------------


def test_c3_a_strand_missing_scores_0_and_caps(repo: RepoBuilder) -> None:
    scored = score(repo, eia(impacts=impacts(sexual_orientation=None, carers=None)))
    c3 = scored.criterion("C3")
    assert (c3.points, c3.reason) == (
        0,
        "2 of 7 groups are not rated: Sexual orientation, Carers.",
    )
    assert c3.advice == (
        "Under `impacts:`, rate the likely impact on Sexual orientation, Carers, each with "
        "a reason."
    )
    assert lost(scored, "C3") == [
        "35:3 impacts/sexual_orientation: not rated",
        "35:3 impacts/carers: not rated",
    ]
    assert scored.grade.name == "Inadequate"
    assert [g.criterion.id for g in scored.gates] == ["C3"]


def test_c3_ratings_without_reasons(repo: RepoBuilder) -> None:
    scored = score(repo, eia(impacts=impacts(age={"rating": "neutral"})))
    c3 = scored.criterion("C3")
    assert (c3.points, c3.reason) == (1, "All 7 groups are rated, but 1 has no reason: Age.")
    assert lost(scored, "C3") == ["36:5 impacts/age/rationale: rated, with no reason"]


def test_c3_counts_the_configured_groups_not_others(repo: RepoBuilder) -> None:
    # A group outside the configuration is a validation finding (strand-unknown), not
    # a rated group: the configured carers are still missing.
    data = eia(impacts=impacts(carers=None, veterans="neutral"))
    assert score(repo, data).criterion("C3").reason == "1 of 7 groups is not rated: Carers."


UNREAD = (
    " eqdiv.yaml has errors, so the partnership's strand set cannot be read: whether a "
    "group is missing is not judged until it is fixed."
)


def test_c3_without_a_readable_config_judges_the_groups_the_eia_rates(
    repo: RepoBuilder,
) -> None:
    # The defaults standing in (the 2010 nine) are not the partnership's set: an EIA
    # written for the six strands and carers is not missing pregnancy and maternity.
    break_config(repo.root)
    scored = score(repo)
    c3 = scored.criterion("C3")
    assert (c3.points, c3.reason) == (2, "The 7 groups it rates each have a reason." + UNREAD)
    assert points(scored) == ALL_TWO
    c3 = score(repo, eia(impacts=impacts(age={"rating": "neutral"}))).criterion("C3")
    assert (c3.points, c3.reason) == (1, "Of the 7 groups it rates, 1 has no reason: Age." + UNREAD)
    assert c3.advice == "Give the reason for each rating (`rationale:`) for Age."
    unexplained = {g: {"rating": "neutral"} for g in FULL["impacts"]}
    c3 = score(repo, eia(impacts=unexplained)).criterion("C3")
    assert (c3.points, c3.reason) == (1, "None of the 7 groups it rates has a reason." + UNREAD)


# --- C4 evidence ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"evidence": None}, (0, "No evidence is given.")),
        (
            {"evidence": [{"source": "National carers survey", "type": "national_data"}]},
            (1, "1 source of 1 kind, but none of it is local data."),
        ),
        (
            {"evidence": [{"source": "Visits", "type": "local_data"}]},
            (1, "1 source of 1 kind, but no other kind of evidence backs it up."),
        ),
        (
            {"gaps": [{"gap": "Unknown"}]},
            (1, "2 sources of 2 kinds, but 1 evidence gap is without a live action to fill it."),
        ),
        (
            {"gaps": [{"gap": "Unknown", "action": "plan/1b"}]},
            (1, "2 sources of 2 kinds, but 1 evidence gap is without a live action to fill it."),
        ),
        (
            {"gaps": None, "impacts": impacts(age="unknown")},
            (1, "2 sources of 2 kinds, but Age is rated unknown with no evidence gap recorded."),
        ),
    ],
    ids=["none", "no-local", "one-kind", "gap-unactioned", "gap-cancelled", "unknown-no-gap"],
)
def test_c4_evidence(repo: RepoBuilder, changes: dict[str, Any], expected: tuple[int, str]) -> None:
    c4 = score(repo, eia(**changes)).criterion("C4")
    assert (c4.points, c4.reason) == expected


def test_c4_a_gap_linked_to_a_cancelled_action_says_so(repo: RepoBuilder) -> None:
    scored = score(repo, eia(gaps=[{"gap": "Unknown", "action": "plan/1b"}]))
    assert lost(scored, "C4") == [
        "25:11 gaps/0/action: does not count: action plan/1b is cancelled"
    ]


# --- C5 engagement --------------------------------------------------------------------


def test_c5_engagement(repo: RepoBuilder) -> None:
    c5 = score(repo, eia(engagement=None)).criterion("C5")
    assert (c5.points, c5.reason) == (0, "No engagement is recorded, and no reason is given.")
    c5 = score(repo, eia(engagement={"none_reason": "An internal change."})).criterion("C5")
    assert (c5.points, c5.reason) == (1, "No one was engaged, but a reason is given.")
    general = {"activities": [{"groups": ["carers"], "summary": "A general survey."}]}
    c5 = score(repo, eia(engagement=general)).criterion("C5")
    assert (c5.points, c5.reason) == (
        1,
        "1 activity recorded, but none asked named groups about the equality impacts.",
    )


def test_c5_a_group_rated_negative_that_was_not_asked(repo: RepoBuilder) -> None:
    scored = score(
        repo,
        eia(
            impacts=impacts(age="negative"),
            mitigation=[
                *FULL["mitigation"],
                {"strand": "age", "justification": "Hours suit all ages."},
            ],
        ),
    )
    c5 = scored.criterion("C5")
    assert (c5.points, c5.reason) == (
        1,
        "Groups asked about the impacts: Carers, Disability; not asked, though rated "
        "negative: Age.",
    )
    assert lost(scored, "C5") == ["35:3 impacts/age: rated negative; this group was not asked"]


# --- C6, C7, C9 ------------------------------------------------------------------------


def test_c6_psed_aims(repo: RepoBuilder) -> None:
    c6 = score(repo, eia(psed=None)).criterion("C6")
    assert (c6.points, c6.reason) == (
        0,
        "None of the three aims of the equality duty is considered.",
    )
    c6 = score(repo, eia(psed={"good_relations": "Yes."})).criterion("C6")
    assert (c6.points, c6.reason) == (
        1,
        "1 of the 3 aims of the equality duty is considered (fostering good relations); not "
        "eliminating discrimination or advancing equality of opportunity.",
    )


def test_c7_intersectional_and_cumulative(repo: RepoBuilder) -> None:
    c7 = score(repo, eia(cumulative=None)).criterion("C7")
    assert (c7.points, c7.reason) == (
        1,
        "Intersectional effects are considered, but not cumulative ones.",
    )
    # A related EIA that does not exist does not count as considering cumulative effects.
    c7 = score(repo, eia(intersectional=None, cumulative={"related": ["eia-nowhere"]})).criterion(
        "C7"
    )
    assert (c7.points, c7.reason) == (
        0,
        "Neither intersectional nor cumulative effects are considered.",
    )


def test_c9_outcome(repo: RepoBuilder) -> None:
    c9 = score(repo, eia(outcome=None)).criterion("C9")
    assert (c9.points, c9.reason) == (0, "No outcome is recorded.")
    c9 = score(repo, eia(outcome={"decision": "stop"})).criterion("C9")
    assert (c9.points, c9.reason) == (1, "The outcome is recorded (stop), but not why.")


# --- C8 mitigation ----------------------------------------------------------------------


def test_c8_a_dangling_mitigation_link_does_not_count(repo: RepoBuilder) -> None:
    data = eia(mitigation=[{"strand": "carers", "action": "plan/9z"}])
    scored = score(repo, data)
    c8 = scored.criterion("C8")
    assert (c8.points, c8.reason) == (
        0,
        "Carers is rated negative, with no mitigation that counts.",
    )
    assert lost(scored, "C8") == [
        "65:11 mitigation/0/action: does not count: plan plan has no action 9z"
    ]
    assert c8.advice == (
        "Under `mitigation:`, add one for Carers: a live action in the plan (`action: "
        "PLAN/ACTION`, which gives it an owner and a due date) or a justification for going "
        "ahead."
    )
    assert scored.grade.name == "Inadequate"
    assert "ref-missing" in " ".join(repo.findings())  # and validate reports the link


def test_c8_a_cancelled_action_as_mitigation_does_not_count(repo: RepoBuilder) -> None:
    data = eia(mitigation=[{"strand": "carers", "measure": "A survey.", "action": "plan/1b"}])
    scored = score(repo, data)
    c8 = scored.criterion("C8")
    # The measure is still a response in words, so this is partial, not uncovered.
    assert (c8.points, c8.reason) == (
        1,
        "Every negative impact has a response, but for Carers it is only a measure, with no "
        "live action or justification.",
    )
    assert lost(scored, "C8") == [
        "66:11 mitigation/0/action: does not count: action plan/1b is cancelled"
    ]
    assert scored.grade.name == "Excellent"  # 21 of 22: no gate on a 1


def test_c8_a_justification_covers_and_no_negative_needs_nothing(repo: RepoBuilder) -> None:
    data = eia(mitigation=[{"strand": "carers", "justification": "Proportionate."}])
    assert score(repo, data).criterion("C8").points == 2
    c8 = score(repo, eia(impacts=impacts(carers="neutral"), mitigation=None)).criterion("C8")
    assert (c8.points, c8.reason) == (
        2,
        "No impact is rated negative, so there is nothing to mitigate.",
    )


def test_c8_one_uncovered_among_several(repo: RepoBuilder) -> None:
    scored = score(repo, eia(impacts=impacts(age="negative", gender="negative")))
    c8 = scored.criterion("C8")
    assert (c8.points, c8.reason) == (
        0,
        "Of 3 negative impacts, 1 has a response, but Age, Gender (including gender "
        "identity) have none that counts.",
    )


# --- C10 monitoring and review -------------------------------------------------------------


def test_c10_monitoring_and_review(repo: RepoBuilder) -> None:
    c10 = score(repo, eia(monitoring=None)).criterion("C10")
    assert (c10.points, c10.reason) == (0, "There are no monitoring measures and no review date.")
    late = {"measures": ["Visits"], "review_date": "2010-10-01", "review_owner": "DH"}
    scored = score(repo, eia(monitoring=late))
    c10 = scored.criterion("C10")
    assert (c10.points, c10.reason) == (
        1,
        "It has 1 measure, a review date (2010-10-01) and a review owner, but the review "
        "date (2010-10-01) is more than 36 months after the decision (by 2010-09-30 at the "
        "latest).",
    )
    c10 = score(repo, eia(monitoring={"review_date": "2008-09-30"})).criterion("C10")
    assert (c10.points, c10.reason) == (
        1,
        "It has a review date (2008-09-30), but no monitoring measures and no review owner.",
    )


def test_c10_follows_the_configured_review_cycle(repo: RepoBuilder) -> None:
    config = (repo.root / "eqdiv.yaml").read_text() + "timescales:\n  eia_review_months: 12\n"
    repo.write({"eqdiv.yaml": config})
    c10 = score(repo).criterion("C10")
    assert c10.points == 1
    assert c10.reason.endswith(
        "more than 12 months after the decision (by 2008-09-30 at the latest)."
    )


def test_c10_without_a_readable_config_does_not_check_the_cycle(repo: RepoBuilder) -> None:
    # The default cycle (36 months) is not the partnership's: a review date 37 months
    # after the decision is judged only to come after it.
    break_config(repo.root)
    late = {"measures": ["Visits"], "review_date": "2010-10-01", "review_owner": "DH"}
    c10 = score(repo, eia(monitoring=late)).criterion("C10")
    assert (c10.points, c10.reason) == (
        2,
        "1 measure, and a review by Service Manager (DH) on 2010-10-01, after the decision. "
        "eqdiv.yaml has errors, so the partnership's review cycle cannot be read: whether "
        "the review date is within it is not judged until it is fixed.",
    )
    c10 = score(repo, eia(monitoring={"review_date": "2007-09-01"})).criterion("C10")
    assert c10.points == 1
    assert c10.advice == (
        "Give measures, a review owner and a review date within the partnership's review "
        "cycle of the decision, under `monitoring:`."
    )


# --- C11 sign-off, QA, publication -----------------------------------------------------------


def test_c11_sign_off_qa_publication(repo: RepoBuilder) -> None:
    scored = score(repo, eia(signoff=None, qa=None, published=None))
    assert scored.criterion("C11").points == 0
    # No sign-off caps at Adequate: the other 20 points would earn Excellent.
    assert (scored.points_grade.name, scored.grade.name) == ("Excellent", "Adequate")
    c11 = score(repo, eia(qa={"by": "DH", "date": "2007-10-01"})).criterion("C11")
    assert (c11.points, c11.reason) == (
        1,
        "Signed off by Service Manager (DH) on 2007-09-30, but not quality-assured by a "
        "second person (its author did the QA).",
    )


# --- the screened-out short list -----------------------------------------------------------


def test_a_screened_out_eia_is_judged_on_the_short_list(repo: RepoBuilder) -> None:
    scored = score(repo, screened())
    assert points(scored) == {"C1": 2, "C2": 2, "C3": 2, "C11": 1, "S1": 2}
    assert (scored.total, scored.maximum, scored.grade.name) == (9, 10, "Excellent")
    assert scored.criterion("S1").reason == (
        "A reason is given, the screening came before the decision, and no group is rated "
        "negative or unknown."
    )


def test_screening_out_with_a_negative_rating_or_no_reason(repo: RepoBuilder) -> None:
    data = screened(impacts={**screened()["impacts"], "disability": {"rating": "negative"}})
    s1 = score(repo, data).criterion("S1")
    assert (s1.points, s1.reason) == (
        1,
        "A reason is given, but Disability is rated negative or unknown, which a "
        "screened-out proposal cannot be.",
    )
    s1 = score(repo, screened(screening={"decision": "screened_out"})).criterion("S1")
    assert (s1.points, s1.reason) == (0, "No reason is given for the screening decision.")


# --- what would raise the grade ------------------------------------------------------------


def test_next_grade_takes_the_fewest_raises(repo: RepoBuilder) -> None:
    # 17 of 22 (77%) is Good; Excellent needs 19 (85% is 18.7).
    scored = score(repo, eia(psed=None, intersectional=None, cumulative=None, qa=None))
    assert (scored.total, scored.grade.name) == (17, "Good")
    assert scored.next is not None
    assert scored.next.grade.name == "Excellent"
    assert [(s.criterion.id, s.points, s.to) for s in scored.next.steps] == [("C6", 0, 2)]


def test_next_grade_is_the_grade_the_steps_reach(repo: RepoBuilder) -> None:
    # Carers rated negative with nothing that counts as mitigation: C8 scores 0 and its
    # gate holds 20 of 22 (Excellent) at Inadequate. One step lifts it two grades up.
    scored = score(repo, eia(mitigation=[{"strand": "carers", "action": "plan/1b"}]))
    assert (scored.total, scored.points_grade.name, scored.grade.name) == (
        20,
        "Excellent",
        "Inadequate",
    )
    assert scored.next is not None
    assert scored.next.grade.name == "Excellent"
    assert [(s.criterion.id, s.points, s.to, s.lifts_cap) for s in scored.next.steps] == [
        ("C8", 0, 1, True)
    ]


@pytest.mark.parametrize(
    ("ref", "broken_plan", "found"),
    [
        ("nowhere/1a", False, "there is no action plan nowhere"),
        ("plan/1a", True, "plan plan has errors, so plan/1a cannot be checked"),
    ],
    ids=["no-plan", "broken-plan"],
)
def test_c8_links_that_cannot_be_followed_do_not_count(
    repo: RepoBuilder, ref: str, broken_plan: bool, found: str
) -> None:
    data = eia(mitigation=[{"strand": "carers", "action": ref}])
    score(repo, data)
    if broken_plan:
        plan = (
            (repo.root / "plans/plan.yaml")
            .read_text()
            .replace("status: in_progress", "status: doing")
        )
        repo.write({"plans/plan.yaml": plan})
    [scored] = eia_quality(repo.load()).scores
    assert scored.criterion("C8").points == 0
    assert lost(scored, "C8") == [f"65:11 mitigation/0/action: does not count: {found}"]
