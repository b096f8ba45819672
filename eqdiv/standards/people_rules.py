"""Evidence rules read from workforce returns and complaint logs (definitions in
``frameworks/RULES.md``): monitoring recorded, training current, and cases answered on
time. Each judges only what the records hold on the day of the assessment, and says
which records it read and what fell short, in words a scrutiny panel can check.
"""

from __future__ import annotations

from eqdiv.figures.case_timing import Clock, time_cases
from eqdiv.figures.workforce_measures import latest
from eqdiv.model.categories import NOT_KNOWN
from eqdiv.model.frameworks import Rule
from eqdiv.model.workforce import WorkforceReturn
from eqdiv.standards.evidence_rules import (
    Outcome,
    RuleContext,
    RuleResult,
    percent_of,
    sentence,
    verdict,
)

# How an answer's clock counts towards "answered on time": done in time, or not. A
# withdrawn case needed no answer; one still inside its timescale is not due yet.
_ON_TIME = frozenset({Clock.ON_TIME})
_DUE = frozenset({Clock.ON_TIME, Clock.LATE, Clock.OVERDUE, Clock.NOT_RECORDED})


def _recent_returns(ctx: RuleContext) -> tuple[dict[str, WorkforceReturn], list[str]]:
    """Each partner's latest return whose period ended in the last 12 months, and the
    partners with none."""
    partners = ctx.partners
    ids = {p.id for p in partners}
    received = [
        w
        for w in ctx.repo.workforce
        if w.organisation in ids and w.received(ctx.as_of) and ctx.year_ago < w.end
    ]
    found = latest(received)
    missing = [p.name for p in partners if p.id not in found]
    return found, missing


def _no_return(missing: list[str]) -> str:
    return f"no workforce return for the last 12 months from {', '.join(missing)}"


def workforce_monitoring_complete_at_least(ctx: RuleContext, rule: Rule) -> RuleResult:
    """Each partner's latest return: for every strand it monitors, the share of staff
    whose answer is recorded ("prefer not to say" counts: the person was asked)."""
    target = percent_of(rule)
    returns, missing = _recent_returns(ctx)
    problems = [_no_return(missing)] if missing else []
    for partner, w in returns.items():
        if not w.staff.profile:
            problems.append(f"the return {w.id} records no monitoring of {partner}'s staff")
        for dimension, counts in w.staff.profile.items():
            total = w.staff.total
            recorded = total - counts.get(NOT_KNOWN, 0)
            if total and 100 * recorded < target * total:
                problems.append(
                    f"in {w.id}, {dimension.replace('_', ' ')} is recorded for "
                    f"{100 * recorded / total:.1f}% of staff"
                )
    return verdict(
        rule,
        not problems,
        f"Every partner's latest workforce return records each monitored strand for at "
        f"least {target:g}% of staff.",
        sentence("; ".join(problems)),
        [w.id for w in returns.values()],
    )


def training_complete_at_least(ctx: RuleContext, rule: Rule) -> RuleResult:
    """Each partner's latest return: the share of those due equality training who have
    completed it, a team past its refresher date counting as not completed."""
    target = percent_of(rule)
    returns, missing = _recent_returns(ctx)
    problems = [_no_return(missing)] if missing else []
    for w in returns.values():
        due = sum(t.due for t in w.training)
        done = sum(0 if t.refresher_overdue(ctx.as_of) else t.completed for t in w.training)
        if not due:
            problems.append(f"the return {w.id} records no equality training")
        elif 100 * done < target * due:
            problems.append(
                f"in {w.id}, {done} of {due} have current training ({100 * done / due:.1f}%)"
            )
    return verdict(
        rule,
        not problems,
        f"In every partner's latest workforce return at least {target:g}% of those due "
        "equality training have it, and it is current.",
        sentence("; ".join(problems)),
        [w.id for w in returns.values()],
    )


def complaints_answered_on_time_at_least(ctx: RuleContext, rule: Rule) -> RuleResult:
    """Cases whose answer fell due in the last 12 months: the share answered in time.
    One still open past its date is late; a closed case that does not say when it was
    answered cannot show it was in time."""
    target = percent_of(rule)
    config = ctx.repo.config
    ids = {p.id for p in ctx.partners}
    cases = [c for c in ctx.repo.cases if c.received <= ctx.as_of and c.owner in ids]
    timings = [
        t
        for t in time_cases(cases, config.cases, ctx.as_of)
        if ctx.year_ago < t.respond_by <= ctx.as_of and t.response in _DUE
    ]
    logs = sorted({t.case.log for t in timings})
    if not timings:
        return RuleResult(
            rule,
            Outcome.NOT_APPLICABLE,
            "No complaint or query was due an answer in the last 12 months.",
            tuple(logs),
        )
    on_time = sum(t.response in _ON_TIME for t in timings)
    share = 100 * on_time / len(timings)
    return verdict(
        rule,
        100 * on_time >= target * len(timings),
        f"{on_time} of {len(timings)} cases due in the last 12 months were answered on time "
        f"({share:.1f}%, at least {target:g}%).",
        f"{on_time} of {len(timings)} cases due in the last 12 months were answered on time "
        f"({share:.1f}%, below {target:g}%).",
        logs,
    )
