"""Self-assessments must hold up: a framework eqdiv has, criteria and claims the
framework knows, evidence that exists, and claims the records back (a level that needs
every EIA to be Adequate, claimed while two are Inadequate, is flagged). A framework kept
in the repository that cannot be read is reported too."""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.findings import Finding

# Lazy imports: judging a self-assessment needs the frameworks and the standing of the
# whole record (which bring the figures and numpy); most repositories have none, and
# `validate` should not load them to find that out.


def check_self_assessments(ctx: CheckContext) -> Iterator[Finding]:
    repo = ctx.repo
    if not repo.self_assessments and not repo.of_kind("framework"):
        return
    from eqdiv.standards.framework_set import framework_set
    from eqdiv.standards.standing import claim_problems, standing

    frameworks = framework_set(repo)
    for problem in frameworks.problems:
        yield ctx.finding(
            codes.FRAMEWORK_INVALID,
            problem.message,
            problem.location,
            "Start from a copy of the shipped framework (eqdiv's frameworks/ folder) and "
            "change only what the partnership needs.",
        )
    for assessment in repo.self_assessments:
        framework = frameworks.get(assessment.framework)
        if framework is None:
            yield ctx.finding(
                codes.ASSESSMENT_FRAMEWORK_UNKNOWN,
                f"Self-assessment {assessment.id} is against '{assessment.framework}', which "
                "eqdiv does not have.",
                repo.locate(assessment.location, "/framework"),
                f"Use one of: {', '.join(frameworks.ids)}.",
                record=assessment.id,
            )
            continue
        # Claims are judged on their own date: what the records showed then.
        judged = standing(repo, frameworks, framework, min(assessment.date, ctx.as_of))
        backed = judged.criteria if judged.assessment == assessment else ()
        for bad in claim_problems(repo, framework, assessment, backed):
            yield ctx.finding(
                bad.code,
                bad.message,
                repo.locate(bad.claim.location, bad.pointer),
                _HINTS.get(bad.code.id),
                record=assessment.id,
            )


_HINTS = {
    codes.ASSESSMENT_EVIDENCE_MISSING.id: "Link a record that exists (eqdiv validate lists "
    "them by id), or describe the evidence as a `document:`.",
    codes.ASSESSMENT_CLAIM_UNSUPPORTED.id: "Lower the claim to what the records show, or "
    "close the gap and record it; `eqdiv assess` shows what each criterion needs.",
    codes.ASSESSMENT_CRITERION_UNKNOWN.id: "`eqdiv assess` lists the framework's criteria.",
}
