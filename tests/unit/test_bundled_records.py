"""The example records in records/: they validate, and they are the seed, faithfully."""

from __future__ import annotations

from datetime import date

import pytest

from eqdiv.checks.validation import validate
from eqdiv.model.plans import ActionPlan
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import AS_OF, BUNDLED


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED, SchemaSet.load())


def test_bundled_records_validate_cleanly_today(bundled: Repository) -> None:
    assert [str(f) for f in validate(bundled, date(2026, 11, 23)).findings] == []


def test_in_2007_the_advice_contract_and_information_sharing_are_flagged(
    bundled: Repository,
) -> None:
    # Seed action 4e: the advice-service contract does not yet reflect the RES; the
    # council-PCT sharing agreement is past review; the CVS hands cases to the PCT with
    # no agreement between them.
    found = [(f.code, f.location.path) for f in validate(bundled, AS_OF).findings]
    where = "contracts/con-2007-parent-advice-service.yaml"
    assert found == [
        ("sharing-agreement-missing", "cases/cases-cvs-2007.yaml"),
        ("contract-clause-missing", where),
        ("contract-eia-missing", where),
        ("sharing-review-overdue", "sharing/isa-2006-council-pct.yaml"),
    ]


def test_every_kind_is_represented(bundled: Repository) -> None:
    assert {kind: len(values) for kind, values in bundled.models.items()} == {
        "config": 1,
        "people": 1,
        "action-plan": 1,
        "eia": 4,
        "consultation": 6,
        "demographics": 1,
        "indicator": 5,
        "objective": 4,
        "self-assessment": 2,
        "case-log": 6,
        "contract": 1,
        "workforce": 5,
        "sharing-agreement": 2,
        "outcome-evidence": 2,
    }


def test_config_follows_the_seed(bundled: Repository) -> None:
    config = bundled.config
    assert config.strand_set == "six-strands"
    assert [s.id for s in config.strands] == [
        "age",
        "disability",
        "ethnicity",
        "sexual_orientation",
        "religion_or_belief",
        "gender",
    ]
    assert [g.label for g in config.local_groups] == [
        "Gypsies and Travellers",
        "People on low income",
        "People living in isolation",
    ]
    assert config.crosswalk["gender"] == ("sex", "gender_reassignment")
    assert config.year_start_month == 4


def test_seed_plan_is_transcribed_whole(bundled: Repository) -> None:
    [plan] = bundled.plans
    assert isinstance(plan, ActionPlan)
    assert [a.id for a in plan.actions] == [
        "1a",
        "1b",
        "1c",
        "1d",
        "2a",
        "2b",
        "2c",
        "2d",
        "3a",
        "3b",
        "3c",
        "4a",
        "4b",
        "4c",
        "4d",
        "4e",
        "4f",
        "5a",
        "5b",
    ]
    assert {a.element for a in plan.actions} == {1, 2, 3, 4, 5}
    assert all(a.owners == ("DH",) for a in plan.actions)
    by_id = {a.id: a for a in plan.actions}
    # The seed's dated actions: Sep-07, Oct-07, Jul-07 are months, due at their end.
    assert by_id["1d"].due.deadline == date(2007, 9, 30) and by_id["1d"].due_text == "Sep-07"
    assert by_id["2a"].due.deadline == date(2007, 10, 31)
    assert by_id["2b"].due.deadline == date(2007, 7, 31)
    # "Sept 07 - ongoing": starts in September, then ongoing.
    assert by_id["1b"].start == date(2007, 9, 1) and by_id["1b"].due.form == "ongoing"
    # "Ongoing - annual assessment" and the team-meeting rhythm of 5b.
    assert by_id["5a"].review is not None and by_id["5a"].review.cadence == "annually"
    assert by_id["5b"].review is not None
    assert by_id["5b"].review.cadence == ("July", "October", "January")
    assert by_id["5b"].review.next == date(2007, 7, 31)
    # Update notes from the "By When/Update" column.
    assert [u.note for u in by_id["4b"].updates] == [
        "Discussed at Team meetings - staff aware where to find a copies."
    ]


def test_no_personal_names_from_the_seed(bundled: Repository) -> None:
    text = "\n".join(p.read_text() for p in BUNDLED.rglob("*.yaml"))
    for name in ("Dorothy", "Harrington", "Pam Stamps", "Bucknall", "Rosie", "Barnard", "3251"):
        assert name not in text


def test_eias_of_clearly_different_quality(bundled: Repository) -> None:
    eias = {e.id: e for e in bundled.eias}
    assert eias["eia-2007-case-records"].screened_out
    thorough, thin = eias["eia-2007-home-visits"], eias["eia-2007-service-leaflet"]
    assert len(thorough.impacts) == 9 and all(i.rationale for i in thorough.impacts)
    assert thorough.signoff and thorough.qa and thorough.published
    assert thin.signoff is None and not thin.evidence and len(thin.impacts) == 4
