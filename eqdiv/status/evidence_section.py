"""Objectives in force with no evidence of a positive outcome in the last twelve months
(the seed's third measure of success). Shown once the repository keeps objectives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.registers.evidence import Unevidenced, objectives_without_evidence
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class EvidenceSection(Section):
    key: ClassVar[str] = "outcome_evidence"
    objectives: int  # objectives in force
    missing: tuple[Unevidenced, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "objectives": self.objectives,
            "without_evidence": [
                {
                    "id": u.objective.id,
                    "title": u.objective.title,
                    "last_evidence": u.last.isoformat() if u.last else None,
                    "path": u.objective.location.path,
                    "line": u.objective.location.line,
                }
                for u in self.missing
            ],
        }

    def block(self) -> Block | None:
        if not self.objectives:
            return None
        if not self.missing:
            return Block(
                "Evidence of outcomes",
                (f"All {self.objectives} objectives have evidence from the last 12 months.",),
            )
        entries = tuple(
            Entry(
                u.objective.id,
                f"no evidence since {u.last.isoformat()}" if u.last else "no evidence yet",
                Tone.WARN,
                u.objective.title,
            )
            for u in self.missing
        )
        return Block("Objectives without evidence of outcomes in the last year", entries=entries)


def evidence_section(ctx: StatusContext) -> EvidenceSection:
    in_force = [o for o in ctx.repo.objectives if o.start <= ctx.as_of <= o.end]
    return EvidenceSection(len(in_force), objectives_without_evidence(ctx.repo, ctx.as_of))
