"""Listing actions: which to show (``eqdiv actions``' filters), in order of urgency,
with their owners resolved to roles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from eqdiv.actions.state import ActionState, State, derive_states
from eqdiv.model.errors import UsageError
from eqdiv.model.people import Person
from eqdiv.model.plans import Action, ActionStatus
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.repository import Repository

# ``--status`` takes a status written in the records or a derived state; the two
# vocabularies share complete, cancelled and deferred, which mean the same in both.
STATUS_CHOICES: tuple[str, ...] = tuple(
    dict.fromkeys([*(s.value for s in ActionStatus), *(s.value for s in State)])
)
# Left out of a listing unless asked for (--all, or --status naming them).
HIDDEN = frozenset({State.COMPLETE, State.CANCELLED})


@dataclass(frozen=True, slots=True)
class Owner:
    id: str
    role: str | None

    @property
    def label(self) -> str:
        """``Parent Partnership Manager (DH)``; just the id for someone not in the
        people directory (which validate reports)."""
        return f"{self.role} ({self.id})" if self.role else self.id


def resolve(people: Mapping[str, Person], person_id: str) -> Owner:
    """A people id with its role (None when the directory does not list it)."""
    found = people.get(person_id)
    return Owner(person_id, found.role if found else None)


def owners_of(action: Action, people: Mapping[str, Person]) -> tuple[Owner, ...]:
    return tuple(resolve(people, i) for i in action.owners)


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Which actions to list. ``overdue`` and ``due_within`` together select either
    (late, or due within the days); every other condition must hold as well."""

    overdue: bool = False
    due_within: int | None = None
    owner: str | None = None
    plan: str | None = None
    element: str | None = None
    statuses: tuple[str, ...] = ()
    include_closed: bool = False

    def check(self, repo: Repository) -> None:
        """A usage error for a name that matches nothing, with the nearest one, so a
        typo is not mistaken for an empty list."""
        if self.owner is not None:
            check_owner(repo, self.owner)
        if self.plan is not None:
            _check_plan(repo, self.plan)
        if self.element is not None:
            elements = {str(a.element) for a in repo.actions}
            if self.element not in elements:
                raise UsageError(
                    f"No action is under element '{self.element}'.",
                    did_you_mean(self.element, elements)
                    + f"Elements in use: {', '.join(sorted(elements)) or 'none'}.",
                )
        for status in self.statuses:
            if status not in STATUS_CHOICES:
                raise UsageError(
                    f"'{status}' is not a status.",
                    did_you_mean(status, STATUS_CHOICES)
                    + f"Statuses: {', '.join(STATUS_CHOICES)}.",
                )

    def __call__(self, item: ActionState) -> bool:
        action = item.action
        named = action.status.value in self.statuses or item.state.value in self.statuses
        if item.state in HIDDEN and not (self.include_closed or named):
            return False
        if self.owner is not None and self.owner not in action.owners:
            return False
        if self.plan is not None and action.plan != self.plan:
            return False
        if self.element is not None and str(action.element) != self.element:
            return False
        if self.statuses and not named:
            return False
        if self.overdue or self.due_within is not None:
            return (self.overdue and item.state.late) or (
                self.due_within is not None and item.due_within(self.due_within)
            )
        return True


def check_owner(repo: Repository, owner: str) -> None:
    known = set(repo.people) | {o for a in repo.actions for o in a.owners}
    if owner not in known:
        raise UsageError(
            f"'{owner}' is not in the people directory and owns no action.",
            did_you_mean(owner, known) + "Owners are people ids, such as those in people.yaml.",
        )


def _check_plan(repo: Repository, plan: str) -> None:
    if any(p.id == plan for p in repo.plans):
        return
    broken = next((r for r in repo.records if r.kind == "action-plan" and r.id == plan), None)
    if broken is not None:
        raise UsageError(
            f"The plan '{plan}' ({broken.path}) cannot be read, so its actions cannot be listed.",
            "Run `eqdiv validate` to see what to fix.",
        )
    known = {p.id for p in repo.plans}
    raise UsageError(
        f"There is no action plan '{plan}'.",
        did_you_mean(plan, known) + f"Plans: {', '.join(sorted(known)) or 'none'}.",
    )


@dataclass(frozen=True)
class ActionListing:
    """The actions a filter selects on ``as_of``, most urgent first."""

    as_of: date
    selection: ActionFilter
    items: tuple[ActionState, ...]
    people: Mapping[str, Person]
    considered: int  # actions before filtering
    left_out: tuple[str, ...] = ()  # plan files with errors: their actions are not here

    def owners_of(self, item: ActionState) -> tuple[Owner, ...]:
        return owners_of(item.action, self.people)

    @property
    def plans(self) -> tuple[str, ...]:
        """The plans the listed actions come from, in order of first appearance."""
        return tuple(dict.fromkeys(i.action.plan for i in self.items))


def list_actions(
    repo: Repository, as_of: date, selection: ActionFilter | None = None
) -> ActionListing:
    selection = selection or ActionFilter()
    selection.check(repo)
    actions = list(repo.actions)
    states = derive_states(actions, as_of, repo.config.due_soon_days)
    chosen = tuple(s for s in states if selection(s))
    return ActionListing(
        as_of=as_of,
        selection=selection,
        items=chosen,
        people=repo.people,
        considered=len(actions),
        left_out=repo.left_out("action-plan"),
    )
