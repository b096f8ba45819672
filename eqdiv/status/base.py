"""What every status section is and is given.

A section is a value: it knows its JSON key, turns itself into JSON, and says itself
in words (a ``Block``). ``eqdiv status`` builds every section in ``SECTIONS`` (see
``eqdiv.status``) from one ``StatusContext``; reports can build any one of them alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, ClassVar

from eqdiv.actions.listing import Owner, owners_of
from eqdiv.actions.state import ActionState, derive_states
from eqdiv.checks.validation import ValidationResult, validate
from eqdiv.model.blocks import Block
from eqdiv.model.plans import Action
from eqdiv.store.repository import Repository


class Section(ABC):
    """One part of the status screen."""

    key: ClassVar[str]  # its key under "sections" in the JSON: stable

    @abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """The section's JSON (documented in the README)."""

    @abstractmethod
    def block(self) -> Block | None:
        """The section in words; None to leave it off the text screen (an empty list
        nobody needs to see), while the JSON still carries it."""


@dataclass(frozen=True)
class StatusContext:
    """What sections are built from. Costly shared work (every action's state, the
    full validation) is done once, on first use."""

    repo: Repository
    as_of: date
    owner: str | None = None  # a people id: only what they own

    @cached_property
    def states(self) -> list[ActionState]:
        """The states of the actions in view (the owner's, with --owner), most urgent
        first."""
        actions = [a for a in self.repo.actions if self.owns(*a.owners)]
        return derive_states(actions, self.as_of, self.repo.config.due_soon_days)

    @cached_property
    def validation(self) -> ValidationResult:
        return validate(self.repo, self.as_of)

    @cached_property
    def several_plans(self) -> bool:
        """Whether to name actions by ``PLAN/ACTION`` rather than their id alone."""
        return len(self.repo.plans) > 1

    def owns(self, *people: str | None) -> bool:
        """Whether something owned by any of ``people`` is in view."""
        return self.owner is None or self.owner in people

    def owners(self, action: Action) -> tuple[Owner, ...]:
        return owners_of(action, self.repo.people)

    def name(self, action: Action) -> str:
        return action.ref if self.several_plans else action.id
