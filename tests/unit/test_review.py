"""`eqdiv review`'s core: real git repositories holding the bundled records, changed the
way pull requests change them, and what the review says about each change."""

from __future__ import annotations

from pathlib import Path

import pytest

from eqdiv.model.findings import Severity
from eqdiv.review import RecordReview, Review, review
from tests.conftest import AS_OF
from tests.gitsupport import GitRepo, new_repo

PLAN = "plans/parent-partnership-2007.yaml"
HOME_VISITS = "eias/eia-2007-home-visits.yaml"
LEAFLET = "eias/eia-2007-service-leaflet.yaml"

ACTION_2B = """\
    due: 2007-07
    due_text: Jul-07
    status: in_progress
"""
AUDIT_UPDATE = """\
    updates:
      - date: 2007-10-12
        by: DH
        note: The audit waits for the new monitoring form, agreed at the October meeting.
"""


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return new_repo(tmp_path)


def changes(result: Review) -> list[tuple[str, str, str]]:
    """Each change as (level, code, message)."""
    return [(c.severity.value, c.code, c.message) for c in result.changes]


def changes_of(record: RecordReview) -> list[tuple[str, str]]:
    return [(c.severity.value, c.message) for c in record.changes]


def run(repo: GitRepo, base: str | None = "HEAD", head: str | None = None) -> Review:
    return review(repo.records, base, head, as_of=AS_OF)


def test_nothing_changed(repo: GitRepo) -> None:
    result = run(repo)
    assert result.records == ()
    assert result.findings.introduced == ()
    assert not result.fails()


def test_a_slipped_deadline_with_no_update_is_a_warning(repo: GitRepo) -> None:
    repo.edit(PLAN, ACTION_2B, ACTION_2B.replace("2007-07", "2008-01", 1))
    result = run(repo)
    assert changes(result) == [
        (
            "warning",
            "deadline-slipped",
            "Action 2b: due date moved from 2007-07-31 to 2008-01-31, 184 days (about 6 "
            "months) later, and no update explains why.",
        )
    ]
    change = result.changes[0]
    assert (change.location.path, change.location.line, change.location.column) == (PLAN, 91, 10)
    assert change.location.pointer == "/actions/5/due"
    assert change.subject == "parent-partnership-2007/2b"
    assert (change.before, change.after) == ("2007-07-31", "2008-01-31")
    assert change.hint == (
        "Add an update (date, by, note) saying why it slipped, in the same change."
    )
    assert not result.fails() and result.fails(Severity.WARNING)


def test_a_slip_explained_by_an_update_is_information(repo: GitRepo) -> None:
    repo.edit(PLAN, ACTION_2B, ACTION_2B.replace("2007-07", "2008-01", 1) + AUDIT_UPDATE)
    assert changes(run(repo)) == [
        (
            "info",
            "deadline-slipped-explained",
            "Action 2b: due date moved from 2007-07-31 to 2008-01-31, 184 days (about 6 "
            "months) later. The update of 2007-10-12 says: “The audit waits for the new "
            "monitoring form, agreed at the October meeting.”",
        ),
        (
            "info",
            "update-added",
            "Action 2b: update of 2007-10-12 by DH: “The audit waits for the new monitoring "
            "form, agreed at the October meeting.”",
        ),
    ]


def test_deadlines_brought_forward_removed_and_set(repo: GitRepo) -> None:
    repo.edit(
        PLAN, "    due: 2007-10\n    due_text: Oct-07", "    due: 2007-09-15\n    due_text: Oct-07"
    )
    repo.edit(
        PLAN,
        ACTION_2B,
        ACTION_2B.replace(
            "due: 2007-07",
            "due: ongoing\n    review:\n      cadence: quarterly\n      next: 2007-12-31",
        ),
    )
    repo.edit(
        PLAN,
        "    due: ongoing\n    due_text: Ongoing - annual assessment",
        "    due: 2008-03\n    due_text: Ongoing - annual assessment",
    )
    assert changes(run(repo)) == [
        (
            "info",
            "deadline-earlier",
            "Action 2a: due date moved from 2007-10-31 to 2007-09-15, 46 days earlier.",
        ),
        (
            "warning",
            "deadline-removed",
            "Action 2b: no longer has a deadline (was 2007-07-31): it is now ongoing, "
            "reviewed quarterly, with no date to miss.",
        ),
        ("info", "review-changed", "Action 2b: review cadence none → quarterly."),
        ("info", "deadline-set", "Action 5a: now due 2008-03-31 (was ongoing, reviewed annually)."),
    ]


def test_a_reopened_complete_action_is_flagged(repo: GitRepo) -> None:
    repo.edit(
        PLAN, ACTION_2B, ACTION_2B.replace("in_progress", "complete\n    completed: 2007-09-28")
    )
    repo.commit("2b done", "2007-09-28T16:00:00+01:00")
    repo.edit(PLAN, "    status: complete\n    completed: 2007-09-28", "    status: in_progress")
    result = run(repo)
    assert changes(result) == [
        (
            "warning",
            "action-reopened",
            "Action 2b: reopened: complete (2007-09-28) → in progress.",
        )
    ]
    assert result.changes[0].hint == "Add an update saying why it was reopened."


def test_status_owners_review_and_text_changes(repo: GitRepo) -> None:
    repo.edit(
        PLAN, "    status: not_started\n\n  # Element 2", "    status: in_progress\n\n  # Element 2"
    )
    repo.edit(
        PLAN,
        "  - id: 2a\n    element: 2\n    text: Team to identify",
        "  - id: 2a\n    element: 2\n    text: Each team to identify",
    )
    repo.edit(PLAN, "    owners: [DH]\n    due: 2007-10", "    owners: [PPO]\n    due: 2007-10")
    repo.edit(PLAN, "      next: 2007-07-31", "      next: 2007-10-31")
    assert changes(run(repo)) == [
        ("info", "action-status", "Action 1d: status not started → in progress."),
        (
            "info",
            "owners-changed",
            "Action 2a: owners Parent Partnership Manager (DH) → Parent Partnership Officer (PPO).",
        ),
        ("info", "action-edited", "Action 2a: its text changed."),
        ("info", "review-changed", "Action 5b: next review 2007-07-31 → 2007-10-31."),
    ]


def test_editing_or_deleting_a_past_update_is_a_warning(repo: GitRepo) -> None:
    repo.edit(
        PLAN,
        "Discussed at Team meetings - staff aware where to find a copies.",
        "Discussed at the team meeting.",
    )
    repo.edit(
        PLAN,
        "    updates:\n      - date: 2007-08-01\n        by: DH\n        note: >-\n"
        "          Discussed at Team meeting - the translation services contact is first contact\n"
        "          if need arises.\n",
        "",
    )
    result = run(repo)
    assert changes(result) == [
        ("warning", "update-changed", "Action 4b: the update of 2007-08-01 by DH was edited."),
        ("warning", "update-changed", "Action 4d: the update of 2007-08-01 by DH was deleted."),
    ]
    assert result.changes[0].hint == (
        "Updates are the record of what happened: keep the old one and add a new one."
    )


def test_a_deleted_action_should_have_been_cancelled(repo: GitRepo) -> None:
    text = repo.read(PLAN)
    start, end = text.index("  - id: 4c"), text.index("  - id: 4d")
    (repo.records / PLAN).write_text(text[:start] + text[end:])
    result = run(repo)
    assert changes(result) == [
        (
            "warning",
            "action-removed",
            "Action 4c (Ensure staff aware of changes to HR policies (Intranet)) was deleted "
            "from the plan.",
        )
    ]
    change = result.changes[0]
    assert change.hint == (
        "It should have been cancelled: put it back with `status: cancelled` and an update "
        "saying why, so that the plan keeps a record of it."
    )
    assert (change.location.line, change.location.pointer) == (22, "/actions")
    assert change.before == {
        "id": "4c",
        "text": "Ensure staff aware of changes to HR policies (Intranet)",
        "status": "ongoing",
        "due": "ongoing",
        "owners": ["DH"],
    }


def test_an_added_action(repo: GitRepo) -> None:
    repo.edit(
        PLAN,
        "  # Element 5",
        "  - id: 4g\n    element: 4\n    text: Publish the leaflet in Polish.\n"
        "    owners: [PPO]\n    due: 2007-12\n    status: not_started\n\n  # Element 5",
    )
    assert changes(run(repo)) == [
        (
            "info",
            "action-added",
            "New action 4g: Publish the leaflet in Polish. Due 2007-12-31. Owner: Parent "
            "Partnership Officer (PPO).",
        )
    ]


def test_moving_actions_within_a_plan_is_not_a_change(repo: GitRepo) -> None:
    text = repo.read(PLAN)
    start, end = text.index("  - id: 2a"), text.index("  - id: 2b")
    moved = text[:start] + text[end:]
    moved = moved.replace("  # Element 5", text[start:end] + "  # Element 5")
    (repo.records / PLAN).write_text(moved)
    assert changes(run(repo)) == []


def test_a_deleted_action_that_records_rely_on(repo: GitRepo) -> None:
    """The links to it break (errors the change introduces, in files it did not touch),
    and the EIA that counted on it for a mitigation scores less."""
    text = repo.read(PLAN)
    start, end = text.index("  - id: 2c"), text.index("  - id: 2d")
    (repo.records / PLAN).write_text(text[:start] + text[end:])
    result = run(repo)
    assert [str(f) for f in result.findings.introduced] == [
        "consultations/cons-2007-citizens-panel.yaml:64:13: error ref-missing "
        "'parent-partnership-2007/2c' is not a known action.",
        "eias/eia-2007-home-visits.yaml:132:13: error ref-missing "
        "'parent-partnership-2007/2c' is not a known action.",
        "objectives/obj-involve-communities.yaml:24:5: error ref-missing "
        "'parent-partnership-2007/2c' is not a known action.",
        "outcomes/oe-2007-fathers-evening-sessions.yaml:14:13: error ref-missing "
        "'parent-partnership-2007/2c' is not a known action.",
    ]
    assert result.fails()
    plan, eia = result.records
    assert [c.code for c in plan.changes] == ["action-removed"]
    assert (eia.id, eia.state, eia.path) == ("eia-2007-home-visits", "affected", HOME_VISITS)
    assert [(c.severity.value, c.code, c.message) for c in eia.changes] == [
        (
            "info",
            "eia-grade",
            "Score changed from 21 to 20 of 22, because a record it relies on changed; the "
            "grade is still Excellent. Points: C8 Mitigation 2 → 1.",
        )
    ]


def test_cancelling_the_actions_an_eia_counts_on_lowers_its_grade(repo: GitRepo) -> None:
    repo.edit(
        PLAN,
        "    status: ongoing\n    links:\n      consultations: [cons-2007-citizens-panel]",
        "    status: cancelled\n    links:\n      consultations: [cons-2007-citizens-panel]",
    )
    repo.edit(
        PLAN,
        "    status: ongoing\n    links:\n      eias: [eia-2007-home-visits]\n\n  - id: 1b",
        "    status: cancelled\n    links:\n      eias: [eia-2007-home-visits]\n\n  - id: 1b",
    )
    result = run(repo)
    assert changes(result) == [
        ("info", "action-status", "Action 1a: status ongoing → cancelled."),
        ("info", "action-status", "Action 2c: status ongoing → cancelled."),
        (
            "info",
            "eia-grade",
            "Score changed from 21 to 20 of 22, because a record it relies on changed; the "
            "grade is still Excellent. Points: C8 Mitigation 2 → 1.",
        ),
    ]
    before, after = result.records[-1].scores or (None, None)
    assert before is not None and after is not None
    assert (before.total, after.total) == (21, 20)


def test_a_new_local_group_lowers_the_eias_that_do_not_rate_it(repo: GitRepo) -> None:
    repo.edit(
        "eqdiv.yaml",
        "  local_groups:\n",
        "  local_groups:\n    - id: carers\n      label: Carers\n",
    )
    result = run(repo)
    config, *eias = result.records
    assert [c.message for c in config.changes] == ["Changed: strands."]
    fell = (
        "Grade fell from Excellent ({}%) to Inadequate ({}%), because a record it relies on "
        "changed. Points: C3 Every group rated 2 → 0."
    )
    assert [(e.id, e.state, changes_of(e)) for e in eias] == [
        ("eia-2007-case-records", "affected", [("warning", fell.format(90, 70))]),
        (
            "eia-2007-drop-in-sessions",
            "affected",
            [
                (
                    "info",
                    "Score changed from 15 to 13 of 22, because a record it relies on "
                    "changed; the grade is still Inadequate. Points: C3 Every group rated "
                    "2 → 0.",
                )
            ],
        ),
        ("eia-2007-home-visits", "affected", [("warning", fell.format(95, 86))]),
    ]


def test_a_config_that_cannot_be_read_moves_no_grade(repo: GitRepo) -> None:
    # Broken, eqdiv.yaml gives no strand set: the EIAs' grades are not judged against
    # the defaults standing in (which would fail every one), nor compared across it.
    repo.edit("eqdiv.yaml", "set: six-strands", "set: seven-strands")
    result = run(repo)
    assert [c.code for c in result.changes] == ["record-edited"]
    [config] = result.records
    assert config.changes[0].hint == (
        "EIA grades are not compared across this change: eqdiv.yaml can be read on one "
        "side only, so the scores would be judged on different grounds (the partnership's "
        "strand set and review cycle, or none). Fix it, and the review compares them again."
    )
    assert [f.code for f in result.findings.introduced] == ["schema"]
    # An EIA changed in the same change shows its grade now, but not as a move.
    repo.edit(LEAFLET, "author: PPO", "author: DH")
    leaflet = next(r for r in run(repo).records if r.id == "eia-2007-service-leaflet")
    assert [c.code for c in leaflet.changes] == ["record-edited"]
    assert leaflet.scores is not None and leaflet.scores[0] is None


def test_editing_a_signed_off_eia_without_a_review_is_an_error(repo: GitRepo) -> None:
    repo.edit(
        HOME_VISITS,
        "Visits save families the cost of travel to the office.",
        "Visits save families the cost of travel.",
    )
    result = run(repo)
    assert changes(result) == [
        (
            "error",
            "signed-off-edit",
            "Edited after it was signed off (by Head of Children's Services (HCS) on "
            "2007-09-25), with no review recorded: impacts changed.",
        )
    ]
    change = result.changes[0]
    assert (change.location.line, change.location.column) == (71, 1)
    assert change.hint == (
        "Sign-off must mean something: add an entry under `reviews:` (date, by, note) "
        "saying what changed and who agreed it, or have the EIA signed off again."
    )
    assert result.fails()


def test_an_edit_with_a_review_recorded_is_not_an_error(repo: GitRepo) -> None:
    repo.edit(
        HOME_VISITS,
        "Visits save families the cost of travel to the office.",
        "Visits save families the cost of travel.",
    )
    with (repo.records / HOME_VISITS).open("a") as f:
        f.write(
            "reviews:\n  - by: EDO\n    date: 2007-10-12\n    note: Low income rationale shortened; no change to the rating.\n"
        )
    result = run(repo)
    assert changes(result) == [
        (
            "info",
            "eia-reviewed",
            "Review recorded on 2007-10-12 by Equality and Diversity Officer (EDO): “Low "
            "income rationale shortened; no change to the rating.”",
        ),
        ("info", "record-edited", "Changed: impacts."),
    ]
    assert not result.fails()


def test_signing_off_again_is_not_an_error(repo: GitRepo) -> None:
    repo.edit(
        HOME_VISITS,
        "Visits save families the cost of travel to the office.",
        "Visits save families the cost of travel.",
    )
    repo.edit(HOME_VISITS, "  by: HCS\n  date: 2007-09-25", "  by: HCS\n  date: 2007-10-12")
    assert changes(run(repo)) == [
        (
            "info",
            "eia-signed-off",
            "Signed off by Head of Children's Services (HCS) on 2007-10-12 again (it was "
            "signed off by Head of Children's Services (HCS) on 2007-09-25).",
        ),
        ("info", "record-edited", "Changed: impacts."),
        (
            "info",
            "eia-grade",
            "Score changed from 21 to 20 of 22; the grade is still Excellent. Points: C2 "
            "Done before the decision 2 → 1.",
        ),
    ]


def test_sign_off_qa_and_publication_removed(repo: GitRepo) -> None:
    text = repo.read(HOME_VISITS)
    (repo.records / HOME_VISITS).write_text(text[: text.index("signoff:")])
    result = run(repo)
    assert changes(result) == [
        (
            "warning",
            "eia-signoff-removed",
            "Its sign-off (by Head of Children's Services (HCS) on 2007-09-25) was removed.",
        ),
        (
            "warning",
            "eia-stage-removed",
            "Its quality assurance (by Equality and Diversity Officer (EDO) on 2007-10-02) "
            "was removed.",
        ),
        (
            "warning",
            "eia-stage-removed",
            "Its publication (on 2007-10-05, Council website, equality impact assessments "
            "page) was removed.",
        ),
        (
            "warning",
            "eia-grade-fell",
            "Grade fell from Excellent (95%) to Adequate (86%). Points: C11 Sign-off, "
            "quality assurance, publication 2 → 0.",
        ),
    ]


def test_signing_off_a_draft_eia_raises_its_grade(repo: GitRepo) -> None:
    with (repo.records / LEAFLET).open("a") as f:
        f.write("signoff:\n  by: DH\n  date: 2007-10-12\n")
    result = run(repo)
    assert changes(result) == [
        (
            "info",
            "eia-signed-off",
            "Signed off by Parent Partnership Manager (DH) on 2007-10-12.",
        ),
        (
            "info",
            "eia-grade",
            "Score changed from 4 to 5 of 22; the grade is still Inadequate. Points: C11 "
            "Sign-off, quality assurance, publication 0 → 1.",
        ),
    ]
    record = result.records[0]
    assert record.scores is not None
    before, after = record.scores
    assert before is not None and after is not None
    assert (before.total, after.total) == (4, 5)


def test_records_added_deleted_moved_and_renamed(repo: GitRepo) -> None:
    repo.git(
        "mv",
        "records/consultations/cons-2007-fathers-group.yaml",
        "records/consultations/fathers.yaml",
    )
    repo.remove("consultations/cons-2007-rural-drop-ins.yaml")
    repo.edit(
        "consultations/cons-2007-disability-forum.yaml",
        "id: cons-2007-disability-forum",
        "id: cons-2007-forum",
    )
    repo.write(
        "consultations/cons-2007-young-carers.yaml",
        """\
        kind: consultation
        id: cons-2007-young-carers
        title: Young carers' group
        start: 2007-10-03
        methods: [focus_group]
        participants:
          total: 9
        """,
    )
    result = run(repo)
    summary = [(r.id, r.state, r.path, r.old_path) for r in result.records]
    assert summary == [
        ("cons-2007-forum", "modified", "consultations/cons-2007-disability-forum.yaml",
         "consultations/cons-2007-disability-forum.yaml"),
        ("cons-2007-rural-drop-ins", "removed", None, "consultations/cons-2007-rural-drop-ins.yaml"),
        ("cons-2007-young-carers", "added", "consultations/cons-2007-young-carers.yaml", None),
        ("cons-2007-fathers-group", "modified", "consultations/fathers.yaml",
         "consultations/cons-2007-fathers-group.yaml"),
    ]  # fmt: skip
    assert changes(result) == [
        (
            "warning",
            "record-renamed",
            "Its id changed from cons-2007-disability-forum to cons-2007-forum.",
        ),
        (
            "warning",
            "record-removed",
            "The consultation cons-2007-rural-drop-ins (Drop-in sessions in village halls "
            "and the food bank) was deleted.",
        ),
        (
            "info",
            "record-added",
            "New consultation cons-2007-young-carers: Young carers' group (2007-10-03 to "
            "2007-10-03, 9 participants).",
        ),
        (
            "info",
            "record-moved",
            "Moved from consultations/cons-2007-fathers-group.yaml to consultations/fathers.yaml.",
        ),
    ]
    removed = result.changes[1]
    assert (
        removed.on_base and removed.location.path == "consultations/cons-2007-rural-drop-ins.yaml"
    )


def test_a_changed_consultation_names_its_fields(repo: GitRepo) -> None:
    repo.edit("consultations/cons-2007-fathers-group.yaml", "  total: 7\n", "  total: 9\n")
    repo.edit("consultations/cons-2007-fathers-group.yaml", "      male: 7", "      male: 9")
    repo.edit("consultations/cons-2007-fathers-group.yaml", "      50-64: 1", "      50-64: 3")
    repo.edit(
        "consultations/cons-2007-fathers-group.yaml",
        "  - Meetings in working hours shut fathers out.",
        "  - Meetings in working hours shut fathers out.\n  - Letters go to mothers.",
    )
    assert changes(run(repo)) == [
        ("info", "record-edited", "Changed: participants (7 → 9) and said."),
    ]


def test_comments_and_layout_only(repo: GitRepo) -> None:
    repo.edit("people.yaml", "kind: people", "# Owners, by role.\nkind: people")
    assert changes(run(repo)) == [("info", "record-layout", "Only comments or layout changed.")]


def test_people_added_and_removed(repo: GitRepo) -> None:
    repo.edit(
        "people.yaml",
        "  - id: EDO",
        "  - id: YCW\n    role: Young Carers Worker\n    organisation: council\n  - id: EDO",
    )
    assert changes(run(repo)) == [("info", "record-edited", "Changed: people added: YCW.")]


def test_findings_already_there_are_kept_apart(repo: GitRepo) -> None:
    """A problem committed earlier stays "existing" even when lines above it move; a new
    one is "introduced"; one put right is "fixed"."""
    repo.edit(PLAN, "    owners: [DH]\n    due: 2007-10", "    owners: [XX]\n    due: 2007-10")
    repo.edit(LEAFLET, "author: PPO", "author: YY")
    repo.commit("Two unknown owners")
    repo.edit(
        PLAN, "kind: action-plan", "# Two comment lines push\n# everything down.\nkind: action-plan"
    )
    repo.edit(PLAN, "    owners: [DH]\n    due: 2007-07", "    owners: [ZZ]\n    due: 2007-07")
    repo.edit(LEAFLET, "author: YY", "author: PPO")
    result = run(repo)
    delta = result.findings
    assert [f.message for f in delta.introduced] == ["'ZZ' is not a known person."]
    # The advice contract's two warnings (seed action 4e) were there all along too.
    assert [(f.message, f.location.line) for f in delta.existing if f.code == "ref-missing"] == [
        ("'XX' is not a known person.", 84)
    ]
    assert sorted(f.code for f in delta.existing if f.code != "ref-missing") == [
        "contract-clause-missing",
        "contract-eia-missing",
        "sharing-agreement-missing",
        "sharing-review-overdue",
    ]
    assert [f.message for f in delta.fixed] == ["'YY' is not a known person."]


def test_a_file_that_does_not_parse_on_the_newer_side(repo: GitRepo) -> None:
    repo.edit(LEAFLET, "title: New Parent Partnership leaflet", "title: [New leaflet")
    result = run(repo)
    assert changes(result) == [
        (
            "info",
            "record-unreadable",
            "This file cannot be read as a record after this change (see the problems this "
            "change introduces), so what changed in it cannot be listed.",
        )
    ]
    assert [f.code for f in result.findings.introduced] == ["yaml-syntax"]
    assert result.fails()


def test_a_file_that_did_not_parse_on_the_older_side(repo: GitRepo) -> None:
    repo.edit(LEAFLET, "title: New Parent Partnership leaflet", "title: [New leaflet")
    repo.commit("A broken leaflet EIA")
    repo.edit(LEAFLET, "title: [New leaflet", "title: New leaflet")
    result = run(repo)
    assert changes(result) == [
        (
            "info",
            "record-unreadable",
            "This file could not be read as a record before this change, so what changed in "
            "it cannot be listed.",
        )
    ]
    assert [f.code for f in result.findings.fixed] == ["yaml-syntax"]
    assert not result.fails()


def test_a_file_with_schema_errors_is_compared_field_by_field(repo: GitRepo) -> None:
    repo.edit(PLAN, ACTION_2B, ACTION_2B.replace("in_progress", "in progres"))
    result = run(repo)
    assert changes(result) == [
        (
            "info",
            "record-edited",
            "Changed: actions. It has errors after this change, so it is compared field by field.",
        ),
        (
            "info",
            "eia-grade",
            "Score changed from 21 to 19 of 22, because a record it relies on changed; the "
            "grade is still Excellent. Points: C4 Evidence 2 → 1 and C8 Mitigation 2 → 1.",
        ),
    ]
    assert [f.code for f in result.findings.introduced] == ["schema"]


def test_comparing_two_commits_and_untracked_files(repo: GitRepo) -> None:
    repo.edit(
        PLAN, ACTION_2B, ACTION_2B.replace("in_progress", "complete\n    completed: 2007-09-28")
    )
    first = repo.commit("2b done")
    repo.edit(
        PLAN, "    status: not_started\n\n  # Element 2", "    status: in_progress\n\n  # Element 2"
    )
    repo.write(
        "consultations/new.yaml",
        "kind: consultation\nid: cons-new\ntitle: New\nstart: 2007-10-01\nmethods: [survey]\nparticipants:\n  total: 3\n",
    )
    assert [c.subject for c in run(repo, "HEAD~1", "HEAD").changes] == [
        "parent-partnership-2007/2b"
    ]
    assert [c.subject for c in run(repo, "HEAD~1", first).changes] == ["parent-partnership-2007/2b"]
    assert [c.subject for c in run(repo).changes] == ["cons-new", "parent-partnership-2007/1d"]


def test_the_default_base_is_where_the_branch_left_main(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "slip-2b")
    repo.edit(PLAN, ACTION_2B, ACTION_2B.replace("2007-07", "2008-01", 1))
    repo.commit("Move 2b to January")
    repo.git("checkout", "-q", "main")
    repo.edit(LEAFLET, "author: PPO", "author: DH")
    repo.commit("Meanwhile on main")
    repo.git("checkout", "-q", "slip-2b")
    result = review(repo.records, as_of=AS_OF)
    assert result.base.branch == "main"
    assert result.base.commit is not None
    assert result.base.commit.subject == "Records as approved in August 2007"
    assert [c.code for c in result.changes] == ["deadline-slipped"]


def test_levels_come_from_the_base_sides_configuration(repo: GitRepo) -> None:
    repo.edit(
        "eqdiv.yaml",
        "year_start_month: 4",
        "year_start_month: 4\nreview:\n  deadline-slipped: error\n  record-layout: ignore",
    )
    repo.commit("Slips are errors here")
    repo.edit("eqdiv.yaml", "  deadline-slipped: error", "  deadline-slipped: info")
    repo.edit(PLAN, ACTION_2B, ACTION_2B.replace("2007-07", "2008-01", 1))
    repo.edit("people.yaml", "kind: people", "# Owners.\nkind: people")
    result = run(repo)
    assert [(c.severity.value, c.code) for c in result.changes] == [
        ("info", "record-edited"),
        ("error", "deadline-slipped"),
    ]
    assert result.fails()


def test_excerpts_come_from_the_side_each_finding_is_on(repo: GitRepo) -> None:
    repo.edit(LEAFLET, "author: PPO", "author: YY")
    repo.commit("An unknown author")
    repo.edit(LEAFLET, "author: YY", "author: ZZ")  # in the working tree only
    result = run(repo, "HEAD~1", "HEAD")
    (finding,) = result.findings.introduced
    assert (finding.message, finding.excerpt) == ("'YY' is not a known person.", "author: YY")
    result = run(repo, "HEAD")
    ((fixed,), (introduced,)) = (result.findings.fixed, result.findings.introduced)
    assert (fixed.excerpt, introduced.excerpt) == ("author: YY", "author: ZZ")
