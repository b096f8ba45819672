"""The evidence rules: what the records show for each rule a framework names.

A rule never decides a level by itself. It proposes the evidence the records hold (ids
of records) and says whether they support a claim: ``met``, ``not met`` (with the
reason, naming the records or the record that is missing), ``not applicable`` (nothing
to check), or ``to check`` (the records of that kind exist, but eqdiv cannot judge them:
a person does). The definitions are in ``frameworks/RULES.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from eqdiv.actions.state import State, derive_state
from eqdiv.eia.summary import EiaResult, eia_quality
from eqdiv.figures.census import category_scheme
from eqdiv.figures.coverage import Verdict as Reach
from eqdiv.figures.coverage import assess, population_profile
from eqdiv.figures.indicator_progress import Verdict as Progress
from eqdiv.figures.indicator_progress import progress
from eqdiv.model.config import Partner
from eqdiv.model.dates import shift_months
from eqdiv.model.demographics import CENSUS_RELEASES
from eqdiv.model.frameworks import Rule
from eqdiv.model.periods import Period, year, year_of
from eqdiv.store.repository import Repository

OBJECTIVE_CYCLE_MONTHS = 48
REVIEW_GRACE_DAYS = 31


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    NOT_APPLICABLE = "not applicable"
    TO_CHECK = "to check"


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: Rule
    outcome: Outcome
    reason: str
    records: tuple[str, ...] = ()  # the records that evidence it (or that fail it)

    @property
    def supports(self) -> bool:
        """Whether it backs a claim: met, or nothing to check."""
        return self.outcome in (Outcome.MET, Outcome.NOT_APPLICABLE)


@dataclass
class RuleContext:
    """The records on the day of the assessment, with what several rules share worked
    out once."""

    repo: Repository
    as_of: date
    framework: str
    scope: tuple[str, ...] = ()  # partner ids the assessment covers; () for all

    @property
    def partners(self) -> tuple[Partner, ...]:
        """The partners in scope, in the order eqdiv.yaml lists them."""
        every = self.repo.config.partners
        return tuple(p for p in every if not self.scope or p.id in self.scope)

    @cached_property
    def eias(self) -> EiaResult:
        return eia_quality(self.repo, as_of=self.as_of)

    @property
    def year_ago(self) -> date:
        return shift_months(self.as_of, -12)

    @property
    def last_year(self) -> Period:
        return Period(self.year_ago, self.as_of, f"the 12 months to {self.as_of.isoformat()}")


RuleCheck = Callable[[RuleContext, Rule], RuleResult]


def sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop (ids keep their case)."""
    return text[:1].upper() + text[1:] + "."


def percent_of(rule: Rule) -> float:
    return float(rule.parameter) if isinstance(rule.parameter, int | float) else 100.0


def verdict(rule: Rule, met: bool, yes: str, no: str, records: Iterable[str] = ()) -> RuleResult:
    return RuleResult(
        rule, Outcome.MET if met else Outcome.NOT_MET, yes if met else no, tuple(records)
    )


def key_decisions_listed(ctx: RuleContext, rule: Rule) -> RuleResult:
    listed = [e.id for e in ctx.repo.eias if e.decision_date is not None]
    return verdict(
        rule,
        bool(listed),
        f"{len(listed)} key decisions are on the EIA register.",
        "No key decision is listed: the EIA register has no decision with a date.",
        listed,
    )


def key_decisions_assessed_at_least(ctx: RuleContext, rule: Rule) -> RuleResult:
    due = [e for e in ctx.repo.eias if e.decision_date and e.decision_date <= ctx.as_of]
    if not due:
        return RuleResult(rule, Outcome.NOT_APPLICABLE, "No key decision has been taken yet.")
    before = [e for e in due if e.signoff and e.decision_date and e.signoff.date <= e.decision_date]
    share = 100 * len(before) / len(due)
    late = [e.id for e in due if e not in before]
    return verdict(
        rule,
        share >= percent_of(rule),
        f"{len(before)} of {len(due)} decisions taken had a signed-off EIA first.",
        f"{len(before)} of {len(due)} decisions taken had a signed-off EIA first "
        f"({share:.0f}%, {percent_of(rule):.0f}% needed); not before: {', '.join(late)}.",
        [e.id for e in due],
    )


def eia_register_at_least(ctx: RuleContext, rule: Rule) -> RuleResult:
    result = ctx.eias
    wanted = str(rule.parameter)
    grade = next((g for g in result.rubric.grades if g.name == wanted), None)
    if grade is None:
        return RuleResult(rule, Outcome.TO_CHECK, f"'{wanted}' is not a grade of the rubric.")
    scores = [s for s in result.scores if s.eia.started is None or s.eia.started <= ctx.as_of]
    if not scores:
        return RuleResult(rule, Outcome.NOT_MET, "No EIA is on the register.")
    below = [s.eia.id for s in scores if s.grade.rank < grade.rank]
    broken = [r.id for r in result.unscored]
    return verdict(
        rule,
        not below and not broken,
        f"All {len(scores)} EIAs are graded {wanted} or better.",
        f"Below {wanted}: {', '.join(below + broken)}.",
        [s.eia.id for s in scores],
    )


def eia_actions_in_plan(ctx: RuleContext, rule: Rule) -> RuleResult:
    index = ctx.repo.action_index
    pending: list[str] = []
    linked: list[str] = []
    for eia in ctx.repo.eias:
        for m in eia.mitigation:
            if m.action and m.action in index:
                linked.append(eia.id)
            elif not m.justification:
                pending.append(eia.id)
    if not linked and not pending:
        return RuleResult(rule, Outcome.NOT_APPLICABLE, "No EIA records a mitigating action.")
    return verdict(
        rule,
        not pending,
        "Every mitigating action an EIA records is an action in a plan.",
        f"Mitigation with no plan action (or justification) in: {', '.join(sorted(set(pending)))}.",
        sorted(set(linked + pending)),
    )


def demographics_current(ctx: RuleContext, rule: Rule) -> RuleResult:
    latest = max((c for c, out in CENSUS_RELEASES if out <= ctx.as_of), default=1991)
    profiles = ctx.repo.demographics
    current = [p.id for p in profiles if p.date is not None and p.date.year >= latest]
    return verdict(
        rule,
        bool(current),
        f"The population profile is from the {latest} census or later.",
        f"No population profile from the {latest} census (the latest published by "
        f"{ctx.as_of.isoformat()})."
        if profiles
        else "There is no population profile.",
        current or [p.id for p in profiles],
    )


def consultation_coverage_reported(ctx: RuleContext, rule: Rule) -> RuleResult:
    recent = [c for c in ctx.repo.consultations if ctx.year_ago < c.end <= ctx.as_of]
    profiled = [c.id for c in recent if c.profile]
    has_population = population_profile(ctx.repo) is not None
    return verdict(
        rule,
        bool(profiled) and has_population,
        f"{len(profiled)} consultations in the last 12 months recorded who took part, "
        "compared with the population profile.",
        "No consultation in the last 12 months recorded who took part."
        if not profiled
        else "There is no population profile to compare who took part with.",
        profiled,
    )


def consultation_reaches_all_groups(ctx: RuleContext, rule: Rule) -> RuleResult:
    recent = [c for c in ctx.repo.consultations if ctx.year_ago < c.end <= ctx.as_of]
    if not recent:
        return RuleResult(rule, Outcome.NOT_MET, "No consultation in the last 12 months.")
    config = ctx.repo.config
    cov = assess(
        recent,
        population_profile(ctx.repo),
        category_scheme(config),
        config,
        ctx.last_year,
    )
    missed = [
        f"{d.label.lower()}: {c.label}"
        for d in cov.dimensions
        for c in d.categories
        if c.verdict is Reach.NOT_REACHED
    ]
    untargeted = [t.label for t in cov.targeted if t.local and not t.activities]
    gaps = [f"not reached: {', '.join(missed)}"] if missed else []
    gaps += [f"no activity aimed at: {', '.join(untargeted)}"] if untargeted else []
    return verdict(
        rule,
        not gaps,
        "Consultation in the last 12 months reached every group, and every local group "
        "had an activity aimed at it.",
        sentence("; ".join(gaps)),
        [c.id for c in recent],
    )


def _linked_indicators(ctx: RuleContext) -> list[str]:
    linked = {i for o in ctx.repo.objectives for i in o.indicators}
    return [i.id for i in ctx.repo.indicators if i.id in linked] or [
        i.id for i in ctx.repo.indicators
    ]


def indicators_have_baselines_and_targets(ctx: RuleContext, rule: Rule) -> RuleResult:
    ids = _linked_indicators(ctx)
    if not ids:
        return RuleResult(rule, Outcome.NOT_MET, "No equality indicator is recorded.")
    by_id = {i.id: i for i in ctx.repo.indicators}
    missing = [i for i in ids if by_id[i].baseline is None or by_id[i].target is None]
    return verdict(
        rule,
        not missing,
        f"All {len(ids)} indicators have a baseline and a target.",
        f"No baseline or no target: {', '.join(missing)}.",
        ids,
    )


def targets_met_at_least(ctx: RuleContext, rule: Rule) -> RuleResult:
    start = ctx.repo.config.year_start_month
    period = year(year_of(ctx.as_of, start), start)
    judged = [
        (i.id, progress(i, period, start, 0, ctx.eias.scores, ctx.eias.rubric).verdict)
        for i in ctx.repo.indicators
    ]
    due = [(i, v) for i, v in judged if v in (Progress.MET, Progress.MISSED)]
    if not due:
        return RuleResult(rule, Outcome.NOT_APPLICABLE, "No indicator's target is due yet.")
    met = [i for i, v in due if v is Progress.MET]
    share = 100 * len(met) / len(due)
    return verdict(
        rule,
        share >= percent_of(rule),
        f"{len(met)} of {len(due)} targets due were met.",
        f"{len(met)} of {len(due)} targets due were met ({share:.0f}%, "
        f"{percent_of(rule):.0f}% needed).",
        [i for i, _ in due],
    )


def objectives_published(ctx: RuleContext, rule: Rule) -> RuleResult:
    since = shift_months(ctx.as_of, -OBJECTIVE_CYCLE_MONTHS)
    published = [
        o.id
        for o in ctx.repo.objectives
        if o.published is not None and o.published <= ctx.as_of and o.start >= since
    ]
    return verdict(
        rule,
        bool(published),
        f"{len(published)} equality objectives set in the last four years are published.",
        "No equality objective set in the last four years is published.",
        published,
    )


def action_plan_in_force(ctx: RuleContext, rule: Rule) -> RuleResult:
    plans = [
        p
        for p in ctx.repo.plans
        if (p.approved or p.period_start or ctx.as_of) <= ctx.as_of
        and (p.period_end is None or p.period_end >= ctx.as_of)
    ]
    if not plans:
        return RuleResult(rule, Outcome.NOT_MET, "No action plan is in force.")
    problems: list[str] = []
    days = ctx.repo.config.due_soon_days
    for plan in plans:
        for action in plan.actions:
            if not action.is_open:
                continue
            state = derive_state(action, ctx.as_of, days)
            if not action.owners or state.state is State.UNDATED:
                problems.append(f"action {action.ref} has no owner or no date")
            elif state.state is State.REVIEW_OVERDUE and (state.days_late or 0) > REVIEW_GRACE_DAYS:
                problems.append(f"action {action.ref} has not been reviewed since {state.day}")
    return verdict(
        rule,
        not problems,
        "An action plan is in force; every open action has an owner and a date, and "
        "reviews are up to date.",
        sentence("; ".join(problems)),
        [p.id for p in plans],
    )


def outcome_evidence_in_last_year(ctx: RuleContext, rule: Rule) -> RuleResult:
    recent = [
        o.id
        for o in ctx.repo.objectives
        for outcome in o.outcomes
        if ctx.year_ago < outcome.date <= ctx.as_of
    ]
    recent += [e.id for e in ctx.repo.outcome_evidence if ctx.year_ago < e.date <= ctx.as_of]
    return verdict(
        rule,
        bool(recent),
        "Evidence of a positive outcome is recorded in the last 12 months.",
        "No evidence of a positive outcome is recorded in the last 12 months.",
        sorted(set(recent)),
    )


def self_assessment_within(ctx: RuleContext, rule: Rule) -> RuleResult:
    months = int(rule.parameter) if isinstance(rule.parameter, int) else 12
    since = shift_months(ctx.as_of, -months)
    found = [
        s.id
        for s in ctx.repo.self_assessments
        if s.framework == ctx.framework and since <= s.date <= ctx.as_of
    ]
    return verdict(
        rule,
        bool(found),
        f"A self-assessment against this framework is dated in the last {months} months.",
        f"No self-assessment against this framework in the last {months} months.",
        found,
    )


def judged_by_a_person(kind: str, words: str) -> RuleCheck:
    """A rule on a record kind eqdiv does not judge yet: without records it is not met;
    with them, a person checks what they show."""

    def check(ctx: RuleContext, rule: Rule) -> RuleResult:
        held = [r.id for r in ctx.repo.records if r.kind == kind]
        if not held:
            return RuleResult(rule, Outcome.NOT_MET, f"No {words} are recorded.")
        return RuleResult(
            rule,
            Outcome.TO_CHECK,
            f"{len(held)} {words} are recorded: check them by hand.",
            tuple(held),
        )

    return check
