"""What a rule is given and what it gives back.

A rule reads one EIA (and, through the repository, the actions and consultations it
links to) and returns a ``Judgement``: 0, 1 or 2 points, the reason in words, advice
for doing better, and the fields that earned or lost points, each with its location.
Rules are code; the rubric (data) says which rule scores which criterion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from enum import StrEnum
from functools import cached_property, partial

from eqdiv.model.config import Config
from eqdiv.model.consultations import Consultation
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Location
from eqdiv.model.plans import Action, ActionStatus
from eqdiv.store.repository import Repository


class Effect(StrEnum):
    EARNED = "earned"
    LOST = "lost"


@dataclass(frozen=True)
class FieldNote:
    """One EIA field that earned or lost points, where it is, and what was found.
    A missing field is located at the nearest part of the record that exists.

    The location is worked out when first asked for: finding a field's line needs the
    record's position maps, and most scores (status, a grade in a list) never show it."""

    field: str  # the field's path in the record, such as ``mitigation/1/action``
    effect: Effect
    note: str
    where: Callable[[], Location] = dataclass_field(repr=False, compare=False)

    @cached_property
    def location(self) -> Location:
        return self.where()


@dataclass(frozen=True, slots=True)
class Judgement:
    points: int
    reason: str
    advice: str | None  # what would earn more; None at full marks
    fields: tuple[FieldNote, ...]


@dataclass
class RuleContext:
    """One EIA and the repository around it, with helpers the rules share."""

    eia: Eia
    repo: Repository
    notes: list[FieldNote] = field(default_factory=list)

    @property
    def config(self) -> Config:
        return self.repo.config

    def at(self, pointer: str, *, key: bool = False) -> Location:
        return self.repo.locate(self.eia.location, pointer, key=key)

    def earned(self, pointer: str, note: str) -> None:
        self._note(pointer, Effect.EARNED, note)

    def lost(self, pointer: str, note: str) -> None:
        self._note(pointer, Effect.LOST, note)

    def lost_group(self, group: str, note: str) -> None:
        """A group's impact lost points: shown at the group's name (``isolation:``)."""
        self._note(f"/impacts/{group}", Effect.LOST, note, key=True)

    def _note(self, pointer: str, effect: Effect, note: str, *, key: bool = False) -> None:
        where = partial(self.repo.locate, self.eia.location, pointer, key=key)
        self.notes.append(FieldNote(pointer.lstrip("/"), effect, note, where))

    def judge(self, points: int, reason: str, advice: str | None = None) -> Judgement:
        return Judgement(points, reason, None if points == 2 else advice, tuple(self.notes))

    def label(self, group: str) -> str:
        return self.config.label(group)

    def labels(self, groups: Iterable[str]) -> str:
        """Group labels joined by commas alone: labels such as "Gypsies and Travellers"
        carry their own "and"."""
        return ", ".join(self.label(g) for g in groups)

    def person(self, person_id: str) -> str:
        """How outputs name someone: their role and short id (the id alone if unknown)."""
        person = self.repo.people.get(person_id)
        return person.label if person is not None else person_id

    def live_action(self, ref: str) -> tuple[Action | None, str]:
        """The action ``ref`` (PLAN/ACTION) if it exists and is not cancelled, and what
        was found in words either way: a link that leads nowhere does not count."""
        action = self.repo.action_index.get(ref)
        if action is None:
            plan, _, action_id = ref.partition("/")
            records = [r for r in self.repo.records if r.kind == "action-plan" and r.id == plan]
            if not records:
                return None, f"there is no action plan {plan}"
            if not all(r.valid for r in records):  # a broken plan has no typed actions
                return None, f"plan {plan} has errors, so {ref} cannot be checked"
            return None, f"plan {plan} has no action {action_id}"
        if action.status is ActionStatus.CANCELLED:
            return None, f"action {ref} is cancelled"
        return action, f"action {ref} ({action.status.value.replace('_', ' ')})"

    def consultation(self, cid: str | None) -> Consultation | None:
        if cid is None:
            return None
        found: Consultation | None = self.repo.find("consultation", cid)
        return found


Judge = Callable[[RuleContext], Judgement]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    reads: tuple[str, ...]  # the EIA's top-level fields it looks at
    judge: Judge


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *reads: str) -> Callable[[Judge], Judge]:
    """Register ``judge`` as the rule ``rule_id``, reading the EIA fields ``reads``."""

    def register(judge: Judge) -> Judge:
        RULES[rule_id] = Rule(rule_id, reads, judge)
        return judge

    return register


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
