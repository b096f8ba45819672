"""Buying promotes equality: proportionate to a contract's relevance and value, a
contract in force needs an EIA and an equality clause; the EIA it links must reach the
partnership's minimum grade; the provider's monitoring returns must come in on time.

``contract_problems`` is the one judgement: ``validate`` reports it as findings and
``eqdiv status`` lists the contracts it names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from eqdiv.checks.check_context import CheckContext
from eqdiv.eia.rubric_loader import load_rubric
from eqdiv.eia.scoring import score_eia
from eqdiv.model import codes
from eqdiv.model.contracts import Contract
from eqdiv.model.findings import Finding, Location
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class ContractProblem:
    contract: Contract
    code: codes.Code
    message: str
    location: Location
    hint: str
    short: str  # a few words for the status screen


def contract_problems(repo: Repository, as_of: date) -> Iterator[ContractProblem]:
    """What needs doing about each contract on ``as_of``, contract by contract."""
    contracts = repo.contracts
    if not contracts:
        return
    eias = {e.id: e for e in repo.eias}
    loaded = load_rubric(repo)
    minimum = loaded.rubric.grade_named(repo.config.eia_minimum_grade)
    for c in contracts:
        if c.in_force(as_of) and c.needs_equality_terms:
            yield from _terms(repo, c)
        # Returns are chased while the contract runs; once it has ended they are moot.
        for i, due in enumerate(c.monitoring if c.in_force(as_of) else ()):
            if due.overdue(as_of):
                yield ContractProblem(
                    c,
                    codes.CONTRACT_RETURN_OVERDUE,
                    f"Contract {c.id}: the equality monitoring return due on "
                    f"{due.due.isoformat()} from {c.provider} has not been received.",
                    repo.locate(c.location, f"/monitoring/{i}"),
                    "Chase the provider, then add `received:` with the day it came in.",
                    f"monitoring return due {due.due.isoformat()} overdue",
                )
        eia = eias.get(c.eia) if c.eia else None
        if eia is None or minimum is None or not repo.config_read:
            continue
        grade = score_eia(eia, repo, loaded.rubric).grade
        if grade.rank < minimum.rank:
            yield ContractProblem(
                c,
                codes.CONTRACT_EIA_BELOW_MINIMUM,
                f"Contract {c.id} rests on EIA {eia.id}, graded {grade.name}: below the "
                f"partnership's minimum, {minimum.name}.",
                repo.locate(c.location, "/eia"),
                f"`eqdiv eia score {eia.id}` shows the step that would lift it.",
                f"EIA {eia.id} graded {grade.name}",
            )


BAND_WORDS = {
    "under_25k": "under £25,000",
    "25k_to_100k": "£25,000 to £100,000",
    "100k_to_500k": "£100,000 to £500,000",
    "over_500k": "over £500,000",
}


def _terms(repo: Repository, c: Contract) -> Iterator[ContractProblem]:
    why = f"{c.relevance} relevance to equality" + (
        f" and worth {BAND_WORDS[c.value_band]}" if c.value_band else ""
    )
    if c.eia is None:
        yield ContractProblem(
            c,
            codes.CONTRACT_EIA_MISSING,
            f"Contract {c.id} ({c.title}) is in force with {why}, but links no EIA.",
            repo.locate(c.location),
            "Assess the service being bought (`eqdiv new eia`) and link it with `eia:`.",
            "no EIA",
        )
    if not c.clauses:
        yield ContractProblem(
            c,
            codes.CONTRACT_CLAUSE_MISSING,
            f"Contract {c.id} ({c.title}) is in force with {why}, but has no equality clause.",
            repo.locate(c.location),
            "Agree an equality clause with the provider at the next variation or review "
            "and list it under `clauses:`.",
            "needs an equality clause",
        )


def check_contracts(ctx: CheckContext) -> Iterator[Finding]:
    for p in contract_problems(ctx.repo, ctx.as_of):
        yield ctx.finding(p.code, p.message, p.location, p.hint, record=p.contract.id)
