"""``eqdiv status``: the one screen a team reads before its meeting.

Each section is built by a plain function from a ``StatusContext`` and is a value that
turns itself into JSON and into words. ``SECTIONS`` lists them in screen order. To add
a section: write a ``Section`` subclass (a ``key``, ``to_dict()`` and ``block()``) and
a function building it from the context, and add the function here; the JSON, the text
screen and the tests that every section appears in both pick it up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.actions.listing import Owner, check_owner, resolve
from eqdiv.model.json_parts import envelope
from eqdiv.status.action_sections import (
    action_summary,
    due_soon,
    overdue_actions,
    reviews_due,
    undated_actions,
)
from eqdiv.status.base import Section, StatusContext
from eqdiv.status.case_sections import cases_section
from eqdiv.status.consultation_activity import consultation_activity
from eqdiv.status.contract_section import contracts_section
from eqdiv.status.eia_sections import eias_needing_attention
from eqdiv.status.evidence_section import evidence_section
from eqdiv.status.population_section import population_section
from eqdiv.status.quality import eia_quality_section
from eqdiv.status.reach import consultation_reach
from eqdiv.status.record_problems import record_problems
from eqdiv.status.sharing_section import sharing_section
from eqdiv.status.standard_section import equality_standard
from eqdiv.status.workforce_section import workforce_attention
from eqdiv.store.repository import Repository

SectionBuilder = Callable[[StatusContext], Section]

SECTIONS: list[SectionBuilder] = [
    action_summary,
    overdue_actions,
    due_soon,
    reviews_due,
    undated_actions,
    eias_needing_attention,
    eia_quality_section,
    consultation_activity,
    consultation_reach,
    population_section,
    evidence_section,
    equality_standard,
    cases_section,
    contracts_section,
    sharing_section,
    workforce_attention,
    record_problems,
]


@dataclass(frozen=True)
class Status:
    root: str
    as_of: date
    partnership: str
    owner: Owner | None  # the person in view, with --owner
    sections: tuple[Section, ...]
    # Where ``as_of`` came from: ``option`` (--as-of), ``records`` (``as_of:`` in
    # eqdiv.yaml) or ``today``.
    date_source: str = "option"

    @property
    def date_words(self) -> str | None:
        """Where the date came from, in words, when the reader might not know."""
        if self.date_source == "records":
            return "the records' own date, set by as_of in eqdiv.yaml; give --as-of for another day"
        return None

    def section(self, key: str) -> Section:
        """The section whose JSON key is ``key`` (a KeyError if there is none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        owner = self.owner
        return {
            **envelope("status", self.root, self.as_of.isoformat()),
            "partnership": self.partnership,
            "owner": None if owner is None else {"id": owner.id, "role": owner.role},
            "date_source": self.date_source,
            "sections": {s.key: s.to_dict() for s in self.sections},
        }


def build_status(
    repo: Repository, as_of: date, owner: str | None = None, date_source: str = "option"
) -> Status:
    """Every section of the status screen on ``as_of``; with ``owner`` (a people id),
    only the actions, EIAs and consultations they own or lead."""
    if owner is not None:
        check_owner(repo, owner)
    ctx = StatusContext(repo, as_of, owner)
    return Status(
        root=str(repo.root),
        as_of=as_of,
        partnership=repo.config.name,
        owner=None if owner is None else resolve(repo.people, owner),
        sections=tuple(build(ctx) for build in SECTIONS),
        date_source=date_source,
    )


__all__ = ["SECTIONS", "Section", "SectionBuilder", "Status", "StatusContext", "build_status"]
