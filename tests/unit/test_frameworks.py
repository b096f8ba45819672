"""The shipped frameworks as data: every rule they name exists, and a claim at a level
is checked against the right rules."""

from __future__ import annotations

import pytest

from eqdiv.model.frameworks import FrameworkError, Rule, parse_framework
from eqdiv.standards.framework_set import shipped
from eqdiv.standards.rule_table import RULES


def test_every_rule_the_frameworks_name_is_one_eqdiv_checks() -> None:
    frameworks, crosswalk = shipped()
    named = {
        item.rule.name
        for fw in frameworks
        for c in fw.criteria
        for item in c.evidence
        if item.rule is not None
    }
    assert named == set(RULES)
    eflg = frameworks[1]
    assert {e.primary for e in crosswalk.entries} <= {c.id for c in eflg.criteria}


def test_the_frameworks_have_their_shape() -> None:
    eslg, eflg = shipped()[0]
    assert [lv.id for lv in eslg.levels] == ["L1", "L2", "L3", "L4", "L5"]
    assert len(eslg.criteria) == 25 and not eslg.graded
    assert eslg.claims == ("not_met", "partly", "met")
    assert [lv.id for lv in eflg.levels] == ["Developing", "Achieving", "Excellent"]
    assert list(eflg.groups) == ["M1", "M2", "M3", "M4"] and eflg.graded
    assert len(eflg.criteria) == 16


def test_a_claim_is_checked_against_the_highest_item_of_each_rule_at_or_below_it() -> None:
    eflg = shipped()[0][1]
    m23 = eflg.criterion("M2.3")
    assert m23 is not None

    def rules(level: str) -> list[str]:
        return sorted(str(i.rule) for i in eflg.applicable(m23, level))

    assert rules("Developing") == ["eia_register_at_least: Adequate", "key_decisions_listed"]
    assert rules("Achieving") == [
        "eia_actions_in_plan",
        "eia_register_at_least: Good",
        "key_decisions_assessed_at_least: 90",
        "key_decisions_listed",
    ]
    assert "key_decisions_assessed_at_least: 100" in rules("Excellent")


def test_a_framework_that_is_not_one_is_refused_with_where() -> None:
    with pytest.raises(FrameworkError, match=r"mine\.yaml"):
        parse_framework({"id": "x", "name": "X", "levels": [{"id": "L1"}]}, "mine.yaml")
    assert str(Rule("targets_met_at_least", 50)) == "targets_met_at_least: 50"


def test_the_shipped_frameworks_are_valid_framework_records() -> None:
    """A partnership starts its own from a copy of a shipped file: the copy must pass."""
    import yaml

    from eqdiv.model.resources import framework_dir
    from eqdiv.schema.schema_set import SchemaSet

    validator = SchemaSet.load().validator("framework")
    for name in ("eslg-2007", "eflg-2021"):
        data = yaml.safe_load((framework_dir() / f"{name}.yaml").read_text("utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == []
    eslg = shipped()[0][0]
    assert eslg.criterion("L2.1") is not None
