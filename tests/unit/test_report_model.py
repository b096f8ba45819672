"""The quarterly report's view model from inline records: what changed in a quarter,
the red/amber/green ratings, and what the meeting has to decide."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from eqdiv.model.periods import quarter
from eqdiv.report import QuarterlyReport, quarterly_report
from eqdiv.report.parts import ActionView
from tests.conftest import RepoBuilder

Q2 = quarter(2007, 2)  # July to September 2007
AS_OF = date(2007, 10, 15)

PLAN = """\
kind: action-plan
id: plan
title: Test plan
owner: DH
framework: eslg-2007
approved: 2007-05-01
actions:
  - id: done
    element: 1
    text: Finished in August
    owners: [DH]
    due: 2007-09
    status: complete
    completed: 2007-08-20
  - id: late-done
    element: 1
    text: Finished after its deadline
    owners: [DH]
    due: 2007-07-31
    status: complete
    completed: 2007-08-10
  - id: begun
    element: 2
    text: Started in July
    owners: [DH]
    due: 2008-03
    start: 2007-07
    status: in_progress
  - id: idle
    element: 2
    text: Should have started in September
    owners: [DH]
    due: 2008-03
    start: 2007-09-01
    status: not_started
  - id: new
    element: 3
    text: Added in September
    owners: [DH]
    due: 2008-06
    added: 2007-09-10
    status: not_started
    updates:
      - {date: 2007-09-10, by: DH, note: Added after the team meeting.}
      - {date: 2007-06-01, by: DH, note: An older note.}
  - id: missed
    element: 4
    text: Review missed in July
    owners: [DH]
    due: ongoing
    review: {cadence: quarterly, next: 2007-07-31}
    status: ongoing
  - id: orphan
    element: 5
    text: Owned by someone who has left
    owners: [GONE]
    due: 2008-06
    status: not_started
"""

PEOPLE = """\
kind: people
id: people
people:
  - {id: DH, role: Service Manager, organisation: council}
  - {id: QA, role: Equality Officer, organisation: council}
  - {id: GONE, role: Former Officer, organisation: council, left: 2007-08-31}
"""


def model(repo: RepoBuilder) -> QuarterlyReport:
    repo.write({"plans/plan.yaml": PLAN, "people.yaml": PEOPLE})
    loaded = repo.load()
    assert [str(f) for f in loaded.findings] == []
    return quarterly_report(loaded, AS_OF, Q2)


def names(items: Sequence[ActionView]) -> list[str]:
    return [i.name for i in items]


def test_changes_are_read_from_the_records_dates(repo: RepoBuilder) -> None:
    changes = model(repo).changes
    assert names(changes.completed) == ["done", "late-done"]
    assert names(changes.started) == ["begun"]
    assert {a.name: a.why for a in changes.slipped} == {
        "missed": ("Review due 31 July 2007; not recorded.",),
        "late-done": ("Due 31 July 2007; completed 10 August 2007.",),
        "idle": ("Due to start 1 September 2007; not started.",),
    }
    assert names(changes.added.actions) == ["new"]
    assert changes.added.plans == ()  # approved in May, before the quarter
    [updated] = changes.updated
    assert updated.name == "new"
    assert [u.note for u in updated.updates] == ["Added after the team meeting."]


def test_ratings_by_element(repo: RepoBuilder) -> None:
    [plan] = model(repo).plans
    ratings = {e.id: (e.rag.word, e.rag.reason) for e in plan.elements}
    assert ratings == {
        1: ("Green", "Every action is on track or complete."),
        2: ("Amber", "Not started on time: idle."),
        3: ("Green", "Every action is on track or complete."),
        4: ("Red", "1 action late: missed."),
        5: ("Green", "Every action is on track or complete."),
    }
    assert (plan.rag.word, plan.rag.reason) == ("Red", "An action is late in element 4.")
    counts = {c.key: c.count for c in plan.counts}
    assert counts == {
        "late": 1,
        "due_soon": 0,
        "undated": 0,
        "on_track": 4,
        "complete": 2,
        "closed": 0,
    }


def test_the_meeting_decides_on_late_and_unowned_items(repo: RepoBuilder) -> None:
    decisions = {g.key: g for g in model(repo).decisions}
    # No consultation at all, so nobody reached the local group either.
    assert list(decisions) == ["reviews", "not_started", "unowned_actions", "reach"]
    assert [e.title for e in decisions["reach"].entries] == ["No activity aimed at Carers"]
    assert [(e.name, e.detail) for e in decisions["unowned_actions"].entries] == [
        ("orphan", "Owners: GONE.")
    ]
    assert decisions["reviews"].entries[0].detail == "Review overdue, 76 days late."


def test_nothing_in_the_quarter(repo: RepoBuilder) -> None:
    found = quarterly_report(repo.load(), AS_OF, Q2)
    assert found.plans == ()
    assert found.consultation.summary == (
        "No consultation or involvement activity was recorded in this period."
    )
    assert found.summary[-1] == "1 item for the meeting to decide."  # reach carers
    assert found.indicator_chart is None


def test_the_json_view_is_every_field_in_order(repo: RepoBuilder) -> None:
    """``to_dict`` writes each view's fields in their order, nested views as objects
    and tuples as lists: the shape ``--format json`` prints and templates read."""
    found = model(repo).to_dict()
    assert list(found)[:11] == [
        "kind",
        "title",
        "partnership",
        "period",
        "as_of",
        "suppression",
        "alternative_formats",
        "left_out",
        "no_plan",
        "generator",
        "next_period",
    ]
    assert found["as_of"] == {"iso": "2007-10-15", "text": "15 October 2007"}
    [slipped] = [a for a in found["changes"]["slipped"] if a["name"] == "idle"]
    assert slipped["why"] == ["Due to start 1 September 2007; not started."]
    assert slipped["state"]["group"] == "on_track"
