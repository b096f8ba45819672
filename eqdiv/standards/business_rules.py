"""Evidence rules read from contracts and information sharing agreements (definitions
in ``frameworks/RULES.md``): contracts that call for equality terms have them, and every
pair of partners that passes work to each other has a signed agreement in date. Each
judges the records on the day of the assessment and names what fell short."""

from __future__ import annotations

from eqdiv.model.blocks import plural
from eqdiv.model.dates import shift_months
from eqdiv.model.frameworks import Rule
from eqdiv.model.sharing import exchanges
from eqdiv.standards.evidence_rules import Outcome, RuleContext, RuleResult, verdict


def contracts_high_relevance_have_clauses(ctx: RuleContext, rule: Rule) -> RuleResult:
    """Every contract in scope, in force, whose relevance and value call for equality
    terms (``Contract.needs_equality_terms``: high relevance, or medium and over
    £100,000) links an EIA and has an equality clause."""
    ids = {p.id for p in ctx.partners}
    due = [
        c
        for c in ctx.repo.contracts
        if c.partner in ids and c.in_force(ctx.as_of) and c.needs_equality_terms
    ]
    if not due:
        return RuleResult(
            rule, Outcome.NOT_APPLICABLE, "No contract in force calls for equality terms."
        )
    short = [c.id for c in due if c.eia is None or not c.clauses]
    return verdict(
        rule,
        not short,
        f"All {len(due)} contracts in force that call for it have an EIA and an equality clause.",
        f"{len(short)} of {len(due)} contracts in force that call for it lack an EIA or an "
        f"equality clause: {', '.join(short)}.",
        [c.id for c in due],
    )


def sharing_agreements_current(ctx: RuleContext, rule: Rule) -> RuleResult:
    """Every pair of partners in scope that passed work to each other in the last 12
    months has an agreement naming both, signed by both, not ended and not past review."""
    ids = {p.id for p in ctx.partners}
    since = shift_months(ctx.as_of, -12)
    pairs = sorted(
        {
            e.pair
            for e in exchanges(ctx.repo.cases, ctx.repo.consultations, since, ctx.as_of)
            if set(e.pair) <= ids
        }
    )
    agreements = ctx.repo.sharing_agreements
    if not pairs:
        # Nothing shared is only "not applicable" while the agreements stand ready: with
        # none in force, the framework's "shared under agreements" is not shown.
        if any(not a.ended(ctx.as_of) for a in agreements):
            return RuleResult(
                rule, Outcome.NOT_APPLICABLE, "No partners passed work to each other in 12 months."
            )
        return RuleResult(
            rule,
            Outcome.NOT_MET,
            "No information sharing agreement is in force (and no partners passed work to "
            "each other in the last 12 months).",
        )
    current = [
        a
        for a in agreements
        if not a.ended(ctx.as_of) and ctx.as_of <= a.review and not a.unsigned()
    ]
    short = [f"{x} and {y}" for x, y in pairs if not any(a.covers(x, y) for a in current)]
    used = [a.id for a in agreements if any(a.covers(*pair) for pair in pairs)]
    return verdict(
        rule,
        not short,
        f"Every pair of partners that shares work ({plural(len(pairs), 'pair')}) has a signed "
        "agreement in date.",
        f"{len(short)} of {len(pairs)} pairs of partners that share work have no signed "
        f"agreement in date: {'; '.join(short)}.",
        used,
    )
