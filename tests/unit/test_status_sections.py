"""The status sections as values: EIA attention, last quarter's consultation, record
problems, undated actions, and how a new section joins the screen."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

import pytest

from eqdiv.eia.review_dates import next_review, review_due, review_words
from eqdiv.model.blocks import Block, Entry
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.status import SECTIONS, Section, StatusContext, build_status
from eqdiv.status.eia_sections import Need, eia_attention
from eqdiv.status.record_problems import file_problems
from tests.conftest import AS_OF, RepoBuilder

EIA = """\
kind: eia
id: e
title: A change
author: DH
proposal: Change something.
"""


def load_eia(repo: RepoBuilder, extra: str) -> Eia:
    repo.write({"eia.yaml": EIA + extra})
    loaded = repo.load()
    assert [str(f) for f in loaded.findings] == []
    [eia] = loaded.eias
    return eia


def test_review_date_comes_from_monitoring_else_sign_off(repo: RepoBuilder) -> None:
    planned = load_eia(
        repo, "monitoring: {review_date: 2008-03-01}\nsignoff: {by: DH, date: 2005-01-10}\n"
    )
    assert review_due(planned, 36, 30) == date(2008, 3, 1)
    signed = load_eia(repo, "signoff: {by: DH, date: 2004-10-10}\n")
    assert review_due(signed, 36, 30) == date(2007, 10, 10)
    assert review_due(signed, 12, 30) == date(2005, 10, 10)
    assert review_due(load_eia(repo, ""), 36, 30) is None


def test_a_recorded_review_restarts_the_clock(repo: RepoBuilder) -> None:
    reviewed = load_eia(
        repo,
        "signoff: {by: DH, date: 2004-10-10}\n"
        "reviews: [{date: 2007-09-20, by: DH, note: Reviewed at the team meeting.}]\n",
    )
    # Due 2007-10-10; reviewed 20 days before, inside the 30-day window.
    assert review_due(reviewed, 36, 30) == date(2010, 9, 20)
    assert eia_attention(reviewed, AS_OF).needs == (Need.AWAITING_QA,)
    # A review long before the due date (a change, say) does not move it.
    early = load_eia(
        repo,
        "signoff: {by: DH, date: 2004-10-10}\n"
        "reviews: [{date: 2006-01-20, by: DH, note: Updated for the new venue.}]\n",
    )
    assert review_due(early, 36, 30) == date(2007, 10, 10)
    found = eia_attention(early, AS_OF)
    assert found.needs == (Need.REVIEW_OVERDUE, Need.AWAITING_QA)
    assert found.days_late == 5


def test_a_worked_out_review_date_says_where_it_comes_from(repo: RepoBuilder) -> None:
    planned = load_eia(repo, "monitoring: {review_date: 2008-03-01}\n")
    signed = load_eia(repo, "signoff: {by: DH, date: 2004-10-10}\n")
    reviewed = load_eia(
        repo,
        "signoff: {by: DH, date: 2004-10-10}\n"
        "reviews: [{date: 2007-09-20, by: DH, note: Reviewed at the team meeting.}]\n",
    )
    words = [review_words(next_review(e, 36, 30), AS_OF) for e in (planned, signed, reviewed)]
    assert words == [
        "2008-03-01",
        "2007-10-10 (36 months after sign-off; overdue)",
        "2010-09-20 (36 months after the review of 2007-09-20)",
    ]
    assert review_words(next_review(load_eia(repo, ""), 36, 30), AS_OF) == "none set"


def test_what_an_eia_needs(repo: RepoBuilder) -> None:
    draft = eia_attention(load_eia(repo, ""), AS_OF)
    assert draft.needs == (Need.AWAITING_SIGNOFF, Need.AWAITING_QA)
    negative = load_eia(
        repo,
        "impacts:\n"
        "  age: {rating: negative, rationale: Fewer evening slots.}\n"
        "  disability: {rating: negative, rationale: Steps at the door.}\n"
        "  carers: {rating: negative, rationale: Less respite.}\n"
        "mitigation:\n"
        "  - {strand: disability, measure: Use the ramp entrance.}\n"
        "  - {strand: carers, justification: Respite moves to the day centre.}\n"
        "signoff: {by: DH, date: 2007-10-01}\n"
        "qa: {by: QA, date: 2007-10-05}\n"
        "monitoring: {review_date: 2007-11-01}\n",
    )
    found = eia_attention(negative, AS_OF)
    assert found.needs == (Need.UNMITIGATED, Need.REVIEW_DUE_SOON)
    assert found.unmitigated == ("age",)
    assert found.days_left == 17
    # Screened out is judged on C11 like any EIA: it waits for QA until it has it.
    screened = load_eia(
        repo,
        "screening: {decision: screened_out, rationale: No effect on anyone.}\n"
        "signoff: {by: DH, date: 2007-06-01}\n",
    )
    assert eia_attention(screened, AS_OF).needs == (Need.AWAITING_QA,)
    assured = load_eia(
        repo,
        "screening: {decision: screened_out, rationale: No effect on anyone.}\n"
        "signoff: {by: DH, date: 2007-06-01}\nqa: {by: QA, date: 2007-06-04}\n",
    )
    assert eia_attention(assured, AS_OF).needs == ()


def test_consultation_last_quarter_follows_the_year_start(repo: RepoBuilder) -> None:
    def activity(cid: str, start: str, end: str, people: int) -> str:
        return (
            f"kind: consultation\nid: {cid}\ntitle: {cid}\nstart: {start}\nend: {end}\n"
            f"methods: [survey]\nparticipants: {{total: {people}}}\n"
        )

    repo.write(
        {
            "c1.yaml": activity("c1", "2007-06-25", "2007-07-02", 10),  # spans two quarters
            "c2.yaml": activity("c2", "2007-09-30", "2007-09-30", 5),
            "c3.yaml": activity("c3", "2007-10-01", "2007-10-01", 7),
            "c4.yaml": activity("c4", "2007-03-01", "2007-03-31", 3),
        }
    )
    section = build_status(repo.load(), AS_OF).section("consultation").to_dict()
    assert section["period"]["label"] == "2007/08 Q2 (July to September 2007)"
    assert [a["id"] for a in section["activities"]] == ["c1", "c2"]
    # c2's 5 people are hidden, and 15 - 10 (c1 on its own) would give them away.
    assert (section["participants"], section["participants_text"]) == (None, "hidden")
    assert section["this_quarter"]["count"] == 1
    # A calendar year: the last quarter before 15 October is still July to September;
    # before 15 January 2008 it is October to December.
    config = (repo.root / "eqdiv.yaml").read_text() + "year_start_month: 1\n"
    repo.write({"eqdiv.yaml": config})
    january = build_status(repo.load(), date(2008, 1, 15)).section("consultation").to_dict()
    assert january["period"]["label"] == "2007 Q4 (October to December 2007)"
    assert [a["id"] for a in january["activities"]] == ["c3"]


def test_file_problems_count_errors_and_warnings_not_notes() -> None:
    def finding(path: str, severity: Severity, line: int) -> Finding:
        return Finding("x", severity, f"{severity} at {line}", Location(path, line))

    problems = file_problems(
        [
            finding("b.yaml", Severity.WARNING, 3),
            finding("b.yaml", Severity.ERROR, 9),
            finding("a.yaml", Severity.INFO, 1),
            finding("c.yaml", Severity.ERROR, 2),
        ],
        left_out=["c.yaml"],
    )
    assert [
        (p.path, p.errors, p.warnings, p.left_out, p.first.location.line) for p in problems
    ] == [
        ("c.yaml", 1, 0, True, 2),  # left out of every list: named first
        ("b.yaml", 1, 1, False, 3),
    ]


def test_undated_actions_appear_only_when_there_are_some(repo: RepoBuilder) -> None:
    repo.write(
        {
            "plan.yaml": (
                "kind: action-plan\nid: p\ntitle: Plan\nowner: DH\nframework: eslg-2007\n"
                "actions:\n"
                "  - {id: 1a, element: 1, text: Sometime, owners: [DH], status: not_started}\n"
                "  - {id: 1b, element: 1, text: Always, owners: [QA], due: ongoing, status: ongoing}\n"
            )
        }
    )
    status = build_status(repo.load(), AS_OF)
    block = status.section("undated").block()
    assert block is not None
    assert block.heading == "Undated actions (2)"
    assert [(e.key, e.tag) for e in block.entries] == [
        ("1a", "no due date"),
        ("1b", "ongoing, no review"),
    ]
    # Both are warnings in the records section too, and nothing is left out.
    records = status.section("records").to_dict()
    assert (records["warnings"], records["left_out"]) == (2, 0)
    dated = (
        (repo.root / "plan.yaml")
        .read_text()
        .replace("owners: [DH],", "owners: [DH], due: 2008-01,")
    )
    repo.write({"plan.yaml": dated.replace("due: ongoing,", "due: 2008-02,")})
    assert build_status(repo.load(), AS_OF).section("undated").block() is None


def test_every_section_has_a_unique_key_and_is_in_the_json(repo: RepoBuilder) -> None:
    status = build_status(repo.load(), AS_OF)
    keys = [s.key for s in status.sections]
    assert len(keys) == len(SECTIONS) == len(set(keys))
    assert list(status.to_dict()["sections"]) == keys


@dataclass(frozen=True)
class Greeting(Section):
    """A section as another issue would add one."""

    key: ClassVar[str] = "greeting"
    people: int

    def to_dict(self) -> dict[str, Any]:
        return {"people": self.people}

    def block(self) -> Block:
        return Block("Greeting", (f"{self.people} people in the directory.",), (Entry("hi", "ok"),))


def greeting(ctx: StatusContext) -> Greeting:
    return Greeting(len(ctx.repo.people))


def test_a_new_section_joins_json_and_text(
    repo: RepoBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eqdiv.output.status import write_text

    monkeypatch.setattr("eqdiv.status.SECTIONS", [*SECTIONS, greeting])
    status = build_status(repo.load(), AS_OF)
    assert status.to_dict()["sections"]["greeting"] == {"people": 2}
    out = io.StringIO()
    write_text(status, out)
    assert out.getvalue().endswith("\nGreeting\n  2 people in the directory.\n  hi  ok\n")


def test_long_lists_are_cut_to_a_screen_and_say_where_the_rest_are(repo: RepoBuilder) -> None:
    actions = "".join(
        f"  - {{id: a{n:02d}, element: 1, text: Late {n}, owners: [DH], "
        f"due: 2007-09-{n + 1:02d}, status: not_started}}\n"
        for n in range(12)
    )
    repo.write(
        {
            "plan.yaml": "kind: action-plan\nid: p\ntitle: Plan\nowner: DH\n"
            "framework: eslg-2007\nactions:\n" + actions
        }
    )
    status = build_status(repo.load(), AS_OF)
    block = status.section("overdue").block()
    assert block is not None
    # The most overdue ten, then a line for the rest; the JSON keeps all twelve.
    assert [e.key for e in block.entries] == [f"a{n:02d}" for n in range(10)]
    assert block.after == ("...and 2 more: `eqdiv actions --status overdue` shows them all.",)
    assert status.section("overdue").to_dict()["count"] == 12
    assert len(status.section("overdue").to_dict()["actions"]) == 12
