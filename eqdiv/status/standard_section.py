"""Where the partnership stands against its equality framework: the level the records
support, the target of the latest self-assessment and what it still needs, and any claim
the records do not back. Shown once a self-assessment exists (``eqdiv assess`` has the
detail)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.model.blocks import Block, join_words
from eqdiv.standards.framework_set import framework_set
from eqdiv.standards.standing import Standing, standing
from eqdiv.standards.standing_json import reached_words
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class StandardSection(Section):
    key: ClassVar[str] = "equality_standard"
    standing: Standing | None

    def to_dict(self) -> dict[str, Any]:
        s = self.standing
        if s is None or s.assessment is None:
            return {"framework": None}
        target = s.assessment.target
        short = s.short_of(target) if target and s.framework.level(target) else ()
        return {
            "framework": s.framework.id,
            "self_assessment": s.assessment.id,
            "reached": s.reached,
            "target": target,
            "target_needs": [c.criterion.id for c in short],
            "claims_not_backed": [p.claim.criterion for p in s.problems],
        }

    def block(self) -> Block | None:
        s = self.standing
        if s is None or s.assessment is None:
            return None
        a = s.assessment
        lines = [
            f"{s.framework.short_name}: the records support {reached_words(s.reached)} "
            f"(self-assessment {a.id} of {a.date.isoformat()})."
        ]
        if a.target and s.framework.level(a.target):
            short = s.short_of(a.target)
            lines.append(
                f"Target {a.target}: reached."
                if not short
                else f"Target {a.target} still needs {join_words([c.criterion.id for c in short])}."
            )
        if s.problems:
            lines.append(
                f"Claims the records do not back: "
                f"{join_words(sorted({p.claim.criterion for p in s.problems}))} (`eqdiv assess`)."
            )
        return Block("Equality standard", tuple(lines))


def equality_standard(ctx: StatusContext) -> StandardSection:
    repo = ctx.repo
    dated = [a for a in repo.self_assessments if a.date <= ctx.as_of]
    if not dated:
        return StandardSection(None)
    latest = max(dated, key=lambda a: (a.date, a.id))
    frameworks = framework_set(repo)
    framework = frameworks.get(latest.framework)
    if framework is None:
        return StandardSection(None)  # validate reports the unknown framework
    return StandardSection(standing(repo, frameworks, framework, ctx.as_of))
