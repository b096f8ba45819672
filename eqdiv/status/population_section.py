"""The population profile consultation is compared with: out of date (older than the
latest census published), or without figures for a dimension consultation asks about.
Shown only when something needs doing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.checks.freshness import ProfileProblem, profile_problems
from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class PopulationSection(Section):
    key: ClassVar[str] = "population"
    problems: tuple[ProfileProblem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "needing_attention": [
                {
                    "subject": p.subject,
                    "problem": p.code.id,
                    "path": p.location.path,
                    "line": p.location.line,
                }
                for p in self.problems
            ]
        }

    def block(self) -> Block | None:
        if not self.problems:
            return None
        entries = tuple(Entry(p.subject, p.short, Tone.WARN) for p in self.problems)
        return Block("Population profile needing attention", entries=entries)


def population_section(ctx: StatusContext) -> PopulationSection:
    return PopulationSection(tuple(profile_problems(ctx.repo, ctx.as_of)))
