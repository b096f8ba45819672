"""What each action's record said on a given day, read from git history: the due date
an action had during a period, so that a slip is reported in the quarter it happened,
however the date is moved later.

Each plan file's commits (``eqdiv.store.gitrepo``, the one module that talks to git)
are read once; the version of an action in force on a day is the one the last commit
on or before that day left (the working tree stands in after the last commit). A
commit's day is its author's date: when the change was written.

History is not always there: the records may not be in git, or their history may start
after the period (records copied in, or a shallow clone). ``DueHistory.gap`` then says
so in words a report can print, and callers fall back on the records as they are now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eqdiv.model.errors import EqdivError
from eqdiv.model.periods import Period
from eqdiv.model.plans import Action, ActionPlan, ActionStatus
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.gitrepo import GitRepository, open_repository
from eqdiv.store.loaded import load_file


@dataclass(frozen=True, slots=True)
class Version:
    """An action as one commit left it: ``since`` is the commit's day (None for the
    working tree: uncommitted, so in force only after every commit)."""

    since: date | None
    deadline: date | None
    status: ActionStatus
    completed: date | None


@dataclass(frozen=True)
class DueHistory:
    """Every action's versions by reference (``plan/action``), oldest first. ``gap``
    says in words why history could not be used for some or all plans (None when it
    could); ``covered`` are the plans whose history reaches back over the period."""

    versions: Mapping[str, tuple[Version, ...]] = field(default_factory=dict)
    covered: frozenset[str] = frozenset()
    gap: str | None = None

    def in_force(self, ref: str, day: date) -> Version | None:
        """The version of action ``ref`` in force at the end of ``day`` (the first
        version for a day before it); None when its history is not known."""
        versions = self.versions.get(ref, ())
        # Before the first commit, the first version is the best evidence there is of
        # what the record said (a plan committed when approved, after an early date).
        found = versions[0] if versions else None
        for version in versions:
            # Uncommitted edits (``since`` None) are today's: not in force on a past day.
            if version.since is None or version.since > day:
                break
            found = version
        return found

    def moved_on(self, ref: str, deadline: date) -> date | None:
        """The day action ``ref``'s due date stopped being ``deadline`` (None: not
        moved, or moved in edits not yet committed)."""
        was = False
        for version in self.versions.get(ref, ()):
            if version.deadline == deadline:
                was = True
            elif was:
                return version.since
        return None

    def deadlines(self, ref: str, period: Period, until: date) -> list[date]:
        """Every deadline action ``ref`` had at some time from the period's start to
        ``until``, in order, each once."""
        seen: list[date] = []
        versions = self.versions.get(ref, ())
        for i, version in enumerate(versions):
            ends = versions[i + 1].since if i + 1 < len(versions) else None
            starts = version.since
            if starts is not None and starts > until:
                break
            if ends is not None and ends < period.start:
                continue
            if version.deadline is not None and version.deadline not in seen:
                seen.append(version.deadline)
        return seen


def read_due_history(
    root: Path, plans: Sequence[ActionPlan], period: Period, schemas: SchemaSet | None = None
) -> DueHistory:
    """The versions of every action in ``plans`` (the records as they are now, under
    ``root``), read from git. Never raises for a missing git or history: the result's
    ``gap`` says what is missing."""
    schemas = schemas or SchemaSet.load()
    try:
        git = open_repository(root)
    except EqdivError:
        return DueHistory(
            gap="The records are not in a git repository, so the due dates actions had "
            "earlier cannot be read: this report judges each action by its record as it is "
            "now, and a due date moved later does not show as a slip."
        )
    with git:
        try:
            prefix = git.relative(root)
            versions: dict[str, list[Version]] = {}
            covered: set[str] = set()
            late_start: list[str] = []
            for plan in plans:
                first = _plan_versions(git, prefix, plan, schemas, versions)
                start = max(period.start, plan.approved or period.start)
                if first is not None and first <= start:
                    covered.add(plan.id)
                else:
                    late_start.append(plan.title)
        except EqdivError as err:
            return DueHistory(gap=f"The records' git history could not be read ({err}).")
    gap = None
    if late_start:
        gap = (
            "The records' git history starts after this period began for "
            + "; ".join(late_start)
            + ": the due dates its actions had then cannot be read, so they are judged by "
            "the records as they are now, and a due date moved later does not show as a slip."
        )
    return DueHistory(
        versions={ref: tuple(v) for ref, v in versions.items()},
        covered=frozenset(covered),
        gap=gap,
    )


def _plan_versions(
    git: GitRepository,
    prefix: str,
    plan: ActionPlan,
    schemas: SchemaSet,
    versions: dict[str, list[Version]],
) -> date | None:
    """Adds each committed version of ``plan``'s actions, then the working tree's;
    returns the day of the plan file's first commit (None: never committed)."""
    path = plan.location.path
    git_path = f"{prefix}/{path}" if prefix else path
    log = git.log(git_path)
    for entry in log:
        if entry.status == "removed":
            continue
        raw = git.read(entry.commit, entry.path)
        loaded = load_file(path, raw, schemas) if raw is not None else None
        if loaded is None or loaded.record is None or not loaded.record.valid:
            continue
        older = ActionPlan.from_record(loaded.record)
        if older.id != plan.id:
            continue
        for action in older.actions:
            versions.setdefault(action.ref, []).append(_version(action, entry.commit.date.date()))
    for action in plan.actions:
        versions.setdefault(action.ref, []).append(_version(action, None))
    return log[0].commit.date.date() if log else None


def _version(action: Action, since: date | None) -> Version:
    deadline = action.due.deadline if action.due else None
    return Version(since, deadline, action.status, action.completed)
