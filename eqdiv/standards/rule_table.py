"""Every evidence rule eqdiv checks, by the name frameworks use (``frameworks/RULES.md``),
and ``check_rule``, which the standing of a claim asks."""

from __future__ import annotations

from collections.abc import Mapping

from eqdiv.model.frameworks import Rule
from eqdiv.standards import business_rules, evidence_rules, people_rules
from eqdiv.standards.evidence_rules import Outcome, RuleCheck, RuleContext, RuleResult

RULES: Mapping[str, RuleCheck] = {
    "key_decisions_listed": evidence_rules.key_decisions_listed,
    "key_decisions_assessed_at_least": evidence_rules.key_decisions_assessed_at_least,
    "eia_register_at_least": evidence_rules.eia_register_at_least,
    "eia_actions_in_plan": evidence_rules.eia_actions_in_plan,
    "demographics_current": evidence_rules.demographics_current,
    "consultation_coverage_reported": evidence_rules.consultation_coverage_reported,
    "consultation_reaches_all_groups": evidence_rules.consultation_reaches_all_groups,
    "indicators_have_baselines_and_targets": evidence_rules.indicators_have_baselines_and_targets,
    "targets_met_at_least": evidence_rules.targets_met_at_least,
    "objectives_published": evidence_rules.objectives_published,
    "action_plan_in_force": evidence_rules.action_plan_in_force,
    "outcome_evidence_in_last_year": evidence_rules.outcome_evidence_in_last_year,
    "self_assessment_within": evidence_rules.self_assessment_within,
    "workforce_monitoring_complete_at_least": people_rules.workforce_monitoring_complete_at_least,
    "training_complete_at_least": people_rules.training_complete_at_least,
    "complaints_answered_on_time_at_least": people_rules.complaints_answered_on_time_at_least,
    "contracts_high_relevance_have_clauses": business_rules.contracts_high_relevance_have_clauses,
    "sharing_agreements_current": business_rules.sharing_agreements_current,
}


def check_rule(ctx: RuleContext, rule: Rule) -> RuleResult:
    """What the records show for ``rule``; a rule eqdiv does not know is for a person."""
    found = RULES.get(rule.name)
    if found is None:
        return RuleResult(
            rule, Outcome.TO_CHECK, f"eqdiv has no rule '{rule.name}': check by hand."
        )
    return found(ctx, rule)
