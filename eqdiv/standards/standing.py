"""Where the partnership stands against a framework on a day (``eqdiv assess``).

For each criterion: what the latest self-assessment claims, what the records show (each
rule's result, the records proposed as evidence), whether the claim is backed, the gaps,
and the open actions that close them. Overall: the level the records support and what
the next level needs.

ESLG levels are cumulative: level N is reached when every criterion of levels 1 to N is
met. An EFLG criterion is reached at the highest level whose rules all hold, a module at
its weakest criterion, and the framework at its weakest module. A rule eqdiv cannot
judge (``to check``) counts only where the self-assessment claims it with evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eqdiv.model import codes
from eqdiv.model.codes import Code
from eqdiv.model.frameworks import MET, NOT_MET, NOT_YET, Criterion, Framework
from eqdiv.model.plans import EFLG_MODULES, Action
from eqdiv.model.self_assessments import Claim, SelfAssessment
from eqdiv.standards.evidence_rules import Outcome, RuleContext, RuleResult
from eqdiv.standards.framework_set import FrameworkSet
from eqdiv.standards.rule_table import check_rule
from eqdiv.store.repository import Repository

TO_CHECK = "to_check"
ESLG_FRAMEWORK = "eslg-2007"


@dataclass(frozen=True, slots=True)
class ClaimProblem:
    """Something wrong with a claim: its criterion, its evidence, or what the records show."""

    code: Code
    message: str
    claim: Claim
    pointer: str = "/claim"  # where in the claim (``/evidence/0/record``)


@dataclass(frozen=True, slots=True)
class CriterionStanding:
    criterion: Criterion
    claim: Claim | None
    results: tuple[RuleResult, ...]
    reached: str  # ESLG: met, not_met or to_check; EFLG: a level id or not_yet
    evidence: tuple[str, ...]  # records the rules found, proposed as evidence
    gaps: tuple[str, ...]
    actions: tuple[Action, ...]  # open actions that close the gaps

    @property
    def claimed(self) -> str | None:
        return self.claim.claim if self.claim else None


@dataclass(frozen=True, slots=True)
class Standing:
    framework: Framework
    as_of: date
    assessment: SelfAssessment | None
    criteria: tuple[CriterionStanding, ...]
    reached: str | None  # ESLG: the level reached (L2) ; EFLG: the level id; None: none yet
    next_level: str | None
    needs: tuple[CriterionStanding, ...]  # what the next level still needs
    problems: tuple[ClaimProblem, ...]

    def short_of(self, level: str) -> tuple[CriterionStanding, ...]:
        """The criteria that keep ``level`` from being reached (empty: it is reached)."""
        fw = self.framework
        rank = fw.rank(level)
        if fw.graded:
            return tuple(c for c in self.criteria if fw.rank(c.reached) < rank)
        return tuple(
            c for c in self.criteria if fw.rank(c.criterion.group) <= rank and c.reached != MET
        )

    def group(self, group_id: str) -> tuple[CriterionStanding, ...]:
        return tuple(c for c in self.criteria if c.criterion.group == group_id)

    def group_reached(self, group_id: str) -> str:
        """EFLG: a module's level, its weakest criterion's."""
        ranks = [self.framework.rank(c.reached) for c in self.group(group_id)]
        lowest = min(ranks, default=0)
        found = next((lv.id for lv in self.framework.levels if lv.rank == lowest), None)
        return found or NOT_YET


def latest_assessment(repo: Repository, framework_id: str, as_of: date) -> SelfAssessment | None:
    dated = [s for s in repo.self_assessments if s.framework == framework_id and s.date <= as_of]
    return max(dated, key=lambda s: (s.date, s.id), default=None)


def standing(
    repo: Repository, frameworks: FrameworkSet, framework: Framework, as_of: date
) -> Standing:
    """Where the records put the partnership against ``framework`` on ``as_of``."""
    assessment = latest_assessment(repo, framework.id, as_of)
    ctx = RuleContext(repo, as_of, framework.id, assessment.scope if assessment else ())
    judged = tuple(
        _criterion(ctx, frameworks, framework, c, assessment.claim(c.id) if assessment else None)
        for c in framework.criteria
    )
    problems = tuple(claim_problems(repo, framework, assessment, judged)) if assessment else ()
    if framework.graded:
        return _graded(framework, as_of, assessment, judged, problems)
    return _cumulative(framework, as_of, assessment, judged, problems)


def _results(
    ctx: RuleContext, framework: Framework, criterion: Criterion, level: str | None
) -> tuple[RuleResult, ...]:
    return tuple(
        check_rule(ctx, item.rule)
        for item in framework.applicable(criterion, level)
        if item.rule is not None
    )


def _backed(claim: Claim | None, at_least: str, framework: Framework) -> bool:
    """Whether the self-assessment claims ``at_least`` with evidence (for what eqdiv
    cannot judge itself)."""
    if claim is None or not claim.evidence:
        return False
    if framework.graded:
        return framework.rank(claim.claim) >= framework.rank(at_least)
    return claim.claim == MET


def _holds(results: Sequence[RuleResult], claim: Claim | None, level: str, fw: Framework) -> bool:
    if any(r.outcome is Outcome.NOT_MET for r in results):
        return False
    if any(r.outcome is Outcome.TO_CHECK for r in results) or not results:
        return _backed(claim, level, fw)
    return True


def _criterion(
    ctx: RuleContext,
    frameworks: FrameworkSet,
    framework: Framework,
    criterion: Criterion,
    claim: Claim | None,
) -> CriterionStanding:
    if framework.graded:
        reached = NOT_YET
        results: tuple[RuleResult, ...] = ()
        for level in framework.levels:
            at_level = _results(ctx, framework, criterion, level.id)
            results = at_level
            if not _holds(at_level, claim, level.id, framework):
                break
            reached = level.id
    else:
        results = _results(ctx, framework, criterion, None)
        if any(r.outcome is Outcome.NOT_MET for r in results):
            reached = NOT_MET
        else:
            reached = MET if _holds(results, claim, MET, framework) else TO_CHECK
    evidence = tuple(dict.fromkeys(i for r in results for i in r.records))
    gaps = tuple(r.reason for r in results if r.outcome is not Outcome.MET and not r.supports)
    gaps += claim.gaps if claim else ()
    actions = _closing_actions(ctx.repo, frameworks, framework, criterion, claim, reached)
    return CriterionStanding(criterion, claim, results, reached, evidence, gaps, actions)


def _closing_actions(
    repo: Repository,
    frameworks: FrameworkSet,
    framework: Framework,
    criterion: Criterion,
    claim: Claim | None,
    reached: str,
) -> tuple[Action, ...]:
    """The open actions that serve the criterion: those its claim names, and those of
    the plans tagged to its element (ESLG) or module, including ESLG work that rolls up
    under an EFLG criterion through the crosswalk."""
    index = repo.action_index
    named = [index[ref] for ref in (claim.actions if claim else ()) if ref in index]
    top = framework.levels[-1].id if framework.graded else MET
    if reached == top:
        return tuple(a for a in named if a.is_open)
    crosswalk = frameworks.crosswalk
    tagged: list[Action] = []
    for plan in repo.plans:
        for action in plan.actions:
            if plan.framework == framework.id == ESLG_FRAMEWORK:
                hit = criterion.element is not None and action.element == criterion.element
            elif plan.framework == ESLG_FRAMEWORK and framework.id == crosswalk.target:
                entry = (
                    crosswalk.for_element(action.element)
                    if isinstance(action.element, int)
                    else None
                )
                hit = entry is not None and entry.primary == criterion.id
            else:
                hit = (
                    plan.framework == framework.id
                    and _module_of(framework, action) == criterion.group
                )
            if hit:
                tagged.append(action)
    chosen = dict.fromkeys(a for a in (*named, *tagged) if a.is_open)
    return tuple(chosen)


def _module_of(framework: Framework, action: Action) -> str | None:
    """An EFLG plan tags actions by module name; the framework numbers its modules in
    the same order."""
    titles = list(framework.groups)
    names = list(EFLG_MODULES)
    if isinstance(action.element, str) and action.element in names:
        at = names.index(action.element)
        return titles[at] if at < len(titles) else None
    return None


def _cumulative(
    framework: Framework,
    as_of: date,
    assessment: SelfAssessment | None,
    judged: tuple[CriterionStanding, ...],
    problems: tuple[ClaimProblem, ...],
) -> Standing:
    reached: str | None = None
    for level in framework.levels:
        if all(c.reached == MET for c in judged if c.criterion.group == level.id):
            reached = level.id
        else:
            break
    following = next(
        (lv for lv in framework.levels if lv.rank == framework.rank(reached) + 1), None
    )
    needs = tuple(
        c
        for c in judged
        if following is not None
        and framework.rank(c.criterion.group) <= following.rank
        and c.reached != MET
    )
    return Standing(
        framework,
        as_of,
        assessment,
        judged,
        reached,
        following.id if following else None,
        needs,
        problems,
    )


def _graded(
    framework: Framework,
    as_of: date,
    assessment: SelfAssessment | None,
    judged: tuple[CriterionStanding, ...],
    problems: tuple[ClaimProblem, ...],
) -> Standing:
    lowest = min((framework.rank(c.reached) for c in judged), default=0)
    reached = next((lv.id for lv in framework.levels if lv.rank == lowest), None)
    following = next((lv for lv in framework.levels if lv.rank == lowest + 1), None)
    needs = tuple(c for c in judged if following and framework.rank(c.reached) < following.rank)
    return Standing(
        framework,
        as_of,
        assessment,
        judged,
        reached,
        following.id if following else None,
        needs,
        problems,
    )


def claim_problems(
    repo: Repository,
    framework: Framework,
    assessment: SelfAssessment,
    judged: Sequence[CriterionStanding] = (),
) -> list[ClaimProblem]:
    """What is wrong with ``assessment``'s claims: an unknown criterion or claim, a
    linked record that does not exist, and (given ``judged``) a claim the records do not
    back."""
    ids = {r.id for r in repo.records}
    by_id = {c.criterion.id: c for c in judged}
    problems: list[ClaimProblem] = []
    for claim in assessment.claims:
        criterion = framework.criterion(claim.criterion)
        if criterion is None:
            problems.append(
                ClaimProblem(
                    codes.ASSESSMENT_CRITERION_UNKNOWN,
                    f"{framework.short_name} has no criterion '{claim.criterion}'.",
                    claim,
                )
            )
            continue
        if claim.claim not in framework.claims:
            problems.append(
                ClaimProblem(
                    codes.ASSESSMENT_CLAIM_UNKNOWN,
                    f"'{claim.claim}' is not a claim {framework.short_name} criterion "
                    f"{claim.criterion} can make: {', '.join(framework.claims)}.",
                    claim,
                )
            )
            continue
        for evidence in claim.evidence:
            if evidence.record is not None and evidence.record not in ids:
                problems.append(
                    ClaimProblem(
                        codes.ASSESSMENT_EVIDENCE_MISSING,
                        f"The evidence for {claim.criterion}, record '{evidence.record}', does "
                        "not exist.",
                        claim,
                        f"/evidence/{claim.evidence.index(evidence)}/record",
                    )
                )
        seen = by_id.get(claim.criterion)
        if seen is not None:
            problems += _unbacked(framework, claim, seen)
    return problems


def _unbacked(framework: Framework, claim: Claim, seen: CriterionStanding) -> list[ClaimProblem]:
    failing = [r for r in seen.results if r.outcome is Outcome.NOT_MET]
    if framework.graded:
        over = framework.rank(claim.claim) > framework.rank(seen.reached)
    else:
        over = claim.claim == MET and seen.reached == NOT_MET
    if not over or not failing:
        return []
    why = " ".join(r.reason for r in failing)
    return [
        ClaimProblem(
            codes.ASSESSMENT_CLAIM_UNSUPPORTED,
            f"{claim.criterion} is claimed as {claim.claim}, but the records do not show it: {why}",
            claim,
        )
    ]
