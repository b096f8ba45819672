"""The self-assessment rules on contracts and information sharing, on the example
records: what they find on 15 October 2007, and what puts them right."""

from __future__ import annotations

import shutil
from pathlib import Path

from eqdiv.model.frameworks import Rule
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.standards.business_rules import (
    contracts_high_relevance_have_clauses,
    sharing_agreements_current,
)
from eqdiv.standards.evidence_rules import Outcome, RuleContext
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED


def context(scope: tuple[str, ...] = ()) -> RuleContext:
    return RuleContext(load_repository(BUNDLED, SchemaSet.load()), AS_OF, "eslg-2007", scope)


def rule(name: str) -> Rule:
    return Rule(name, None)


def test_the_advice_contract_lacks_its_equality_terms() -> None:
    found = contracts_high_relevance_have_clauses(
        context(), rule("contracts_high_relevance_have_clauses")
    )
    assert found.outcome is Outcome.NOT_MET
    assert found.reason == (
        "1 of 1 contracts in force that call for it lack an EIA or an equality clause: "
        "con-2007-parent-advice-service."
    )
    # The police buy nothing: for them the rule does not apply.
    police = contracts_high_relevance_have_clauses(
        context(("police",)), rule("contracts_high_relevance_have_clauses")
    )
    assert police.outcome is Outcome.NOT_APPLICABLE


def test_pairs_that_share_work_need_a_signed_agreement_in_date() -> None:
    found = sharing_agreements_current(context(), rule("sharing_agreements_current"))
    assert found.outcome is Outcome.NOT_MET
    # council-pct's agreement is past review; cvs-pct have none.
    assert found.reason == (
        "2 of 4 pairs of partners that share work have no signed agreement in date: "
        "council and pct; cvs and pct."
    )
    assert found.records == ("isa-2006-council-pct", "isa-2007-no-wrong-door")
    # Within the protocol, the police and the council are covered.
    police = sharing_agreements_current(
        context(("council", "police")), rule("sharing_agreements_current")
    )
    assert police.outcome is Outcome.MET


def test_a_review_done_in_time_meets_the_rule_for_that_pair(tmp_path: Path) -> None:
    root = Path(shutil.copytree(BUNDLED, tmp_path / "records"))
    path = root / "sharing" / "isa-2006-council-pct.yaml"
    path.write_text(path.read_text().replace("review: 2007-09-30", "review: 2008-09-30"))
    ctx = RuleContext(
        load_repository(root, SchemaSet.load()), AS_OF, "eslg-2007", ("council", "pct")
    )
    found = sharing_agreements_current(ctx, rule("sharing_agreements_current"))
    assert found.outcome is Outcome.MET
    assert found.reason == (
        "Every pair of partners that shares work (1 pair) has a signed agreement in date."
    )
