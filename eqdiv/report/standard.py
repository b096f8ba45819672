"""The annual report's "Equality standard" section: where the latest self-assessment
puts the partnership against its equality framework, criterion by criterion, and what
the records show for each claim (``eqdiv assess`` has the rules and the evidence)."""

from __future__ import annotations

from dataclasses import dataclass

from eqdiv.report.context import ReportContext
from eqdiv.report.parts import Day, day
from eqdiv.report.view_model import ViewModel
from eqdiv.standards.framework_set import framework_set
from eqdiv.standards.standing import Standing, latest_assessment, standing
from eqdiv.standards.standing_json import reached_words


@dataclass(frozen=True, slots=True)
class StandardCriterion(ViewModel):
    id: str
    title: str
    claimed: str
    shown: str  # what the records show
    backed: bool  # False when the records question the claim


@dataclass(frozen=True, slots=True)
class StandardView(ViewModel):
    framework: str
    self_assessment: str
    date: Day
    target: str | None
    reached: str
    target_text: str
    criteria: tuple[StandardCriterion, ...]


def standard_section(ctx: ReportContext) -> StandardView | None:
    """The section, or None when no self-assessment is dated by the report's day."""
    repo = ctx.repo
    dated = [a for a in repo.self_assessments if a.date <= ctx.as_of]
    if not dated:
        return None
    chosen = max(dated, key=lambda a: (a.date, a.id))
    frameworks = framework_set(repo)
    framework = frameworks.get(chosen.framework)
    if framework is None or latest_assessment(repo, framework.id, ctx.as_of) is None:
        return None
    judged = standing(repo, frameworks, framework, ctx.as_of)
    return _view(judged)


def _view(judged: Standing) -> StandardView:
    assessment = judged.assessment
    assert assessment is not None  # standard_section chose one
    doubted = {p.claim.criterion for p in judged.problems}
    target = assessment.target
    short = judged.short_of(target) if target and judged.framework.level(target) else ()
    target_text = (
        ""
        if not target
        else f"Target {target}: reached."
        if not short
        else f"Target {target}: not reached; still needed: "
        + ", ".join(c.criterion.id for c in short)
        + "."
    )
    return StandardView(
        framework=judged.framework.name,
        self_assessment=assessment.id,
        date=day(assessment.date),
        target=target,
        reached=reached_words(judged.reached),
        target_text=target_text,
        criteria=tuple(
            StandardCriterion(
                c.criterion.id,
                c.criterion.title,
                reached_words(c.claimed) if c.claimed else "not assessed",
                reached_words(c.reached),
                c.criterion.id not in doubted,
            )
            for c in judged.criteria
            if c.claim is not None
        ),
    )
