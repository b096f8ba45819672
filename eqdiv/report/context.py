"""What every report section is built from: the repository, the day the report is
run (``as_of``) and the period it covers, with the shared work (every action's state,
the EIA scores, consultation coverage, indicator progress) done once, on first use,
by the same core functions ``eqdiv status``, ``eqdiv eia`` and ``eqdiv consultation``
use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from eqdiv.actions.due_history import DueHistory, read_due_history
from eqdiv.actions.listing import resolve
from eqdiv.actions.state import ActionState, State
from eqdiv.eia import EiaResult, eia_quality
from eqdiv.figures.coverage import coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.coverage_view import CoverageView
from eqdiv.figures.indicator_progress import Progress, progress_all
from eqdiv.figures.publication import publication
from eqdiv.model.periods import Period
from eqdiv.model.plans import ActionPlan
from eqdiv.report.parts import ActionFields, ActionView, action_fields
from eqdiv.status import StatusContext
from eqdiv.store.repository import Repository

# How reports group the action states: (key, heading, states). Reviews due soon are
# on track: the review is the meeting's business, not a problem yet.
GROUPS: tuple[tuple[str, str, tuple[State, ...]], ...] = (
    ("late", "Late", (State.OVERDUE, State.REVIEW_OVERDUE)),
    ("due_soon", "Due soon", (State.DUE_SOON,)),
    ("undated", "No date", (State.UNDATED,)),
    ("on_track", "On track", (State.ON_TRACK, State.REVIEW_DUE_SOON)),
    ("complete", "Complete", (State.COMPLETE,)),
    ("closed", "Deferred or cancelled", (State.DEFERRED, State.CANCELLED)),
)
GROUP_OF = {state: key for key, _, states in GROUPS for state in states}


@dataclass(frozen=True)
class ReportContext:
    repo: Repository
    as_of: date
    period: Period

    @property
    def threshold(self) -> int:
        return self.repo.config.thresholds.suppression

    @property
    def start_month(self) -> int:
        return self.repo.config.year_start_month

    @cached_property
    def status(self) -> StatusContext:
        """The status screen's context: every action's state on ``as_of``."""
        return StatusContext(self.repo, self.as_of)

    @property
    def states(self) -> list[ActionState]:
        return self.status.states

    @cached_property
    def due_history(self) -> DueHistory:
        """The due dates each action had during the period, from git history."""
        return read_due_history(self.repo.root, self.repo.plans, self.period)

    @cached_property
    def plans(self) -> dict[str, ActionPlan]:
        return {p.id: p for p in self.repo.plans}

    @cached_property
    def by_ref(self) -> dict[str, ActionState]:
        return {s.action.ref: s for s in self.states}

    def action(self, item: ActionState) -> ActionView:
        return ActionView(**self.action_fields(item))

    def action_fields(self, item: ActionState) -> ActionFields:
        """``action``'s fields, for a view that adds to them."""
        a = item.action
        return action_fields(
            item, self.status.owners(a), self.status.name(a), self.plans, GROUP_OF[item.state]
        )

    @cached_property
    def eias(self) -> EiaResult:
        return eia_quality(self.repo, as_of=self.as_of)

    @cached_property
    def coverage(self) -> CoverageView:
        """Consultation coverage in the period, suppressed: reports never show exact
        small counts."""
        return view(coverage(self.repo, self.period), publication(self.repo))

    @cached_property
    def indicators(self) -> dict[str, Progress]:
        result = self.eias
        return progress_all(
            self.repo.indicators,
            self.period,
            self.start_month,
            self.threshold,
            result.scores,
            result.rubric,
            published=publication(self.repo),
        )

    def person(self, person_id: str | None) -> str | None:
        """``Parent Partnership Manager (DH)``; None for nobody."""
        return None if person_id is None else resolve(self.repo.people, person_id).label

    def label(self, group_id: str) -> str:
        return self.repo.config.label(group_id)
