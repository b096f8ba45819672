"""Contracts that need attention: in force without the EIA or equality clause their
relevance calls for, monitoring returns overdue, an EIA below the minimum grade.
Shown once the repository keeps contracts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.checks.contracts import ContractProblem, contract_problems
from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True)
class ContractSection(Section):
    key: ClassVar[str] = "contracts"
    kept: int  # contracts in view
    problems: tuple[ContractProblem, ...]

    def _by_contract(self) -> dict[str, list[ContractProblem]]:
        grouped: dict[str, list[ContractProblem]] = {}
        for p in self.problems:
            grouped.setdefault(p.contract.id, []).append(p)
        return grouped

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.kept,
            "needing_attention": [
                {
                    "id": cid,
                    "title": found[0].contract.title,
                    "provider": found[0].contract.provider,
                    "problems": [p.code.id for p in found],
                }
                for cid, found in self._by_contract().items()
            ],
        }

    def block(self) -> Block | None:
        if not self.kept:
            return None
        grouped = self._by_contract()
        if not grouped:
            return Block("Contracts", (f"All {self.kept} contracts are in order.",))
        entries = tuple(
            Entry(
                cid,
                "; ".join(p.short for p in found),
                Tone.WARN,
                f"{found[0].contract.title} ({found[0].contract.provider})",
            )
            for cid, found in grouped.items()
        )
        return Block("Contracts needing attention", entries=entries)


def contracts_section(ctx: StatusContext) -> ContractSection:
    in_view = [c for c in ctx.repo.contracts if ctx.owns(c.owner)]
    ids = {c.id for c in in_view}
    problems = tuple(p for p in contract_problems(ctx.repo, ctx.as_of) if p.contract.id in ids)
    return ContractSection(len(in_view), problems)
