"""The contracts register (``eqdiv contracts``): every contract with what the
partnership needs to know about it on a day: whether it is in force, how relevant to
equality it is, the EIA behind it and its grade, the equality requirements, criteria
and clauses written in, the provider's monitoring returns, and what needs doing.

What needs doing is ``checks.contracts.contract_problems``, the same judgement
``validate`` and ``status`` report, so the three never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.checks.contracts import BAND_WORDS, ContractProblem, contract_problems
from eqdiv.eia.rubric_loader import load_rubric
from eqdiv.eia.scoring import score_eia
from eqdiv.model.contracts import Contract
from eqdiv.model.errors import UsageError
from eqdiv.model.json_parts import envelope, iso
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    hint: str
    short: str
    path: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class ContractEntry:
    id: str
    reference: str | None
    title: str
    partner: str
    partner_name: str
    provider: str
    owner: str | None
    value_band: str | None
    value_words: str | None
    relevance: str
    needs_equality_terms: bool
    eia: str | None
    eia_grade: str | None
    requirements: tuple[str, ...]
    award_criteria: tuple[str, ...]
    clauses: tuple[str, ...]
    start: date
    end: date | None
    review: date | None
    state: str  # in_force, ended, not_started
    returns_due: int  # returns due by the day
    returns_received: int  # of those, received
    returns_overdue: int  # not received though due (while in force)
    problems: tuple[Problem, ...]
    path: str
    line: int

    @property
    def has_equality_terms(self) -> bool:
        """Whether the specification, award or terms say anything about equality."""
        return bool(self.requirements or self.award_criteria or self.clauses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reference": self.reference,
            "title": self.title,
            "partner": self.partner,
            "partner_name": self.partner_name,
            "provider": self.provider,
            "owner": self.owner,
            "value_band": self.value_band,
            "relevance": self.relevance,
            "needs_equality_terms": self.needs_equality_terms,
            "eia": self.eia,
            "eia_grade": self.eia_grade,
            "requirements": list(self.requirements),
            "award_criteria": list(self.award_criteria),
            "clauses": list(self.clauses),
            "start": iso(self.start),
            "end": iso(self.end),
            "review": iso(self.review),
            "state": self.state,
            "returns": {
                "due": self.returns_due,
                "received": self.returns_received,
                "overdue": self.returns_overdue,
            },
            "problems": [p.to_dict() for p in self.problems],
            "path": self.path,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class ContractRegister:
    root: str
    as_of: date
    entries: tuple[ContractEntry, ...]
    kept: int  # contracts in the records, before any filter
    filters: tuple[str, ...]  # what was asked for, in words ("partner council")

    @property
    def needing_attention(self) -> tuple[ContractEntry, ...]:
        return tuple(e for e in self.entries if e.problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            **envelope("contracts", self.root, self.as_of.isoformat()),
            "kept": self.kept,
            "shown": len(self.entries),
            "needing_attention": len(self.needing_attention),
            "filters": list(self.filters),
            "contracts": [e.to_dict() for e in self.entries],
        }


STATE_WORDS = {"in_force": "in force", "ended": "ended", "not_started": "not started yet"}


def contract_state(c: Contract, on: date) -> str:
    if c.in_force(on):
        return "in_force"
    return "not_started" if on < c.start else "ended"


def contract_register(
    repo: Repository,
    as_of: date,
    *,
    partner: str | None = None,
    attention: bool = False,
    include_ended: bool = False,
) -> ContractRegister:
    """Every contract on ``as_of``, in force first (the soonest to end first), then not
    yet started, then (with ``include_ended``) ended; only ``partner``'s, and only those
    needing attention, when asked. An unknown partner is a usage error."""
    filters: list[str] = []
    if partner is not None:
        ids = [p.id for p in repo.config.partners]
        if partner not in ids:
            raise UsageError(
                f"'{partner}' is not a partner in eqdiv.yaml.",
                did_you_mean(partner, ids) + f"Partners: {', '.join(ids)}.",
            )
        filters.append(f"partner {partner}")
    if attention:
        filters.append("needing attention")
    if include_ended:
        filters.append("including ended")
    problems: dict[str, list[ContractProblem]] = {}
    for p in contract_problems(repo, as_of):
        problems.setdefault(p.contract.id, []).append(p)
    grades = _grades(repo, (c.eia for c in repo.contracts))
    names = {p.id: p.name for p in repo.config.partners}
    entries = [
        _entry(c, as_of, problems.get(c.id, []), grades, names)
        for c in repo.contracts
        if partner is None or c.partner == partner
    ]
    entries = [
        e
        for e in entries
        if (include_ended or e.state != "ended") and (not attention or e.problems)
    ]
    order = {"in_force": 0, "not_started": 1, "ended": 2}
    entries.sort(key=lambda e: (order[e.state], e.end or date.max, e.id))
    return ContractRegister(
        str(repo.root), as_of, tuple(entries), len(repo.contracts), tuple(filters)
    )


def _grades(repo: Repository, eia_ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in eia_ids if i}
    eias = [e for e in repo.eias if e.id in wanted]
    if not eias:
        return {}
    rubric = load_rubric(repo).rubric
    return {e.id: score_eia(e, repo, rubric).grade.name for e in eias}


def _entry(
    c: Contract,
    as_of: date,
    found: list[ContractProblem],
    grades: dict[str, str],
    names: dict[str, str],
) -> ContractEntry:
    state = contract_state(c, as_of)
    due = [m for m in c.monitoring if m.due <= as_of]
    return ContractEntry(
        id=c.id,
        reference=c.reference,
        title=c.title,
        partner=c.partner,
        partner_name=names.get(c.partner, c.partner),
        provider=c.provider,
        owner=c.owner,
        value_band=c.value_band,
        value_words=BAND_WORDS[c.value_band] if c.value_band else None,
        relevance=c.relevance,
        needs_equality_terms=c.needs_equality_terms,
        eia=c.eia,
        eia_grade=grades.get(c.eia) if c.eia else None,
        requirements=c.requirements,
        award_criteria=c.award_criteria,
        clauses=c.clauses,
        start=c.start,
        end=c.end,
        review=c.review,
        state=state,
        returns_due=len(due),
        returns_received=sum(1 for m in due if m.received is not None),
        returns_overdue=sum(1 for m in due if m.overdue(as_of)) if state == "in_force" else 0,
        problems=tuple(
            Problem(p.code.id, p.message, p.hint, p.short, p.location.path, p.location.line)
            for p in found
        ),
        path=c.location.path,
        line=c.location.line,
    )
