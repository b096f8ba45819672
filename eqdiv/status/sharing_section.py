"""Information sharing that needs attention: agreements past review or not signed by
every party, and partners that pass work to each other with no agreement. Shown once
the repository keeps agreements, or when partners share without one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.checks.sharing import SharingProblem, sharing_problems
from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class SharingSection(Section):
    key: ClassVar[str] = "sharing"
    kept: int  # agreements in the records
    problems: tuple[SharingProblem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.kept,
            "needing_attention": [
                {
                    "subject": p.subject,
                    "problem": p.code.id,
                    "path": p.location.path,
                    "line": p.location.line,
                }
                for p in self.problems
            ],
        }

    def block(self) -> Block | None:
        if not self.kept and not self.problems:
            return None
        if not self.problems:
            return Block("Information sharing", (f"All {self.kept} agreements are in order.",))
        grouped: dict[str, list[SharingProblem]] = {}
        for p in self.problems:
            grouped.setdefault(p.subject, []).append(p)
        entries = tuple(
            Entry(subject, "; ".join(p.short for p in found), Tone.WARN, found[0].headline)
            for subject, found in grouped.items()
        )
        return Block("Information sharing needing attention", entries=entries)


def sharing_section(ctx: StatusContext) -> SharingSection:
    return SharingSection(
        len(ctx.repo.sharing_agreements), tuple(sharing_problems(ctx.repo, ctx.as_of))
    )
