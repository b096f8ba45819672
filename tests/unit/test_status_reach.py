"""The status section on consultation reach: what a team should act on from last
quarter's coverage, following the status screen's --owner and --as-of."""

from __future__ import annotations

from datetime import date

import pytest

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.status import build_status
from eqdiv.status.reach import ConsultationReach
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import AS_OF, BUNDLED, RepoBuilder


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED, SchemaSet.load())


def reach(repo: Repository, as_of: date = AS_OF, owner: str | None = None) -> ConsultationReach:
    section = build_status(repo, as_of, owner).section("reach")
    assert isinstance(section, ConsultationReach)
    return section


def test_the_block_leaves_out_over_representation(bundled: Repository) -> None:
    block = reach(bundled).block()
    assert block is not None
    assert block.heading == "Consultation reach last quarter"
    assert block.lines == (
        "Under-represented: people aged 16 to 24, people aged 75 and over, Asian "
        "residents, Black residents, residents of mixed ethnicity, Hindu residents, Muslim "
        "residents; not reached: residents of other ethnic groups.",
        "Not asked about in any activity: sexual orientation, gender identity.",
        "Withheld to protect small numbers: men.",
    )
    assert block.after == ("`eqdiv consultation coverage` shows the figures.",)
    # The JSON keeps everything the summary says.
    assert reach(bundled).to_dict()["over_represented"] == ["people aged 35 to 49"]


def test_a_quarter_with_only_the_disability_forum(bundled: Repository) -> None:
    block = reach(bundled, date(2008, 1, 20)).block()
    assert block is not None
    # The forum's disability figures are withheld (2 of its 23 did not say): status
    # names no disability gap, and says it was withheld rather than nothing found.
    # Men's under-representation is published though their count is hidden.
    assert block.lines == (
        "Under-represented: men.",
        "Not asked about in any activity: age, ethnic group, religion, sexual orientation, "
        "gender identity.",
        "Withheld to protect small numbers: disability.",
        "No activity aimed at: Gypsies and Travellers, People on low income, People living "
        "in isolation.",
    )


def test_owner_sees_the_reach_of_what_they_led(bundled: Repository) -> None:
    # CDW led the rural drop-ins (September) and the disability forum (October).
    section = reach(bundled, owner="CDW")
    assert section.gaps.activities == 1
    assert section.to_dict()["no_targeted_activity"] == ["Gypsies and Travellers"]


def test_no_activity_says_only_who_was_not_aimed_at(bundled: Repository, repo: RepoBuilder) -> None:
    block = reach(bundled, date(2008, 7, 1)).block()
    assert block is not None
    assert block.lines == (
        "No activity aimed at: Gypsies and Travellers, People on low income, People living "
        "in isolation.",
    )
    # With no local groups either, the consultation section has said it all.
    repo.write(
        {
            "eqdiv.yaml": "kind: config\nid: t\npartnership:\n  name: T\n  partners:\n"
            "    - {id: council, name: Council}\nstrands:\n  set: six-strands\n"
        }
    )
    assert reach(repo.load()).block() is None
