"""Evidence of positive outcomes, by objective: what each objective's evidence is (its
own dated ``outcomes``, and the ``outcome-evidence`` records that name it, one of its
actions or one of its indicators), and which objectives in force have none in the
twelve months up to a day. ``eqdiv status`` names those; the reports show the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.dates import shift_months
from eqdiv.model.objectives import Objective
from eqdiv.model.outcomes import OutcomeEvidence
from eqdiv.store.repository import Repository

# How recent evidence must be for an objective to count as evidenced.
RECENT_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: an objective's own dated outcome, or a record."""

    date: date
    note: str  # the account (with the measured change, where there is one)
    source: str | None
    record: OutcomeEvidence | None  # None for an objective's own outcome


def evidence_note(e: OutcomeEvidence) -> str:
    note = e.account.strip()
    if e.change is not None:
        note = note.rstrip(".") + f". {e.change.words()}."
    return note


def links_objective(e: OutcomeEvidence, objective: Objective) -> bool:
    """Whether ``e`` evidences ``objective``: by name, or through one of its actions or
    indicators."""
    return (
        objective.id in e.objectives
        or any(a in objective.actions for a in e.actions)
        or any(i in objective.indicators for i in e.indicators)
    )


def objective_evidence(repo: Repository, objective: Objective, as_of: date) -> list[Evidence]:
    """Everything that evidences ``objective`` up to ``as_of``, oldest first."""
    found = [Evidence(o.date, o.note, o.source, None) for o in objective.outcomes]
    found += [
        Evidence(e.date, evidence_note(e), e.source, e)
        for e in repo.outcome_evidence
        if links_objective(e, objective)
    ]
    return sorted((f for f in found if f.date <= as_of), key=lambda f: f.date)


@dataclass(frozen=True, slots=True)
class Unevidenced:
    objective: Objective
    last: date | None  # the latest evidence, older than a year; None when there is none


def objectives_without_evidence(repo: Repository, as_of: date) -> tuple[Unevidenced, ...]:
    """Objectives in force on ``as_of`` with no evidence in the twelve months before."""
    since = shift_months(as_of, -RECENT_MONTHS)
    missing = []
    for objective in repo.objectives:
        if not objective.start <= as_of <= objective.end:
            continue
        found = objective_evidence(repo, objective, as_of)
        if not any(since < f.date for f in found):
            missing.append(Unevidenced(objective, found[-1].date if found else None))
    return tuple(missing)
