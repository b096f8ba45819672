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

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eqdiv.model.errors import EqdivError
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.model.periods import Period
from eqdiv.model.plans import Action, ActionPlan, ActionStatus
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.git_versions import blob_id, load_version
from eqdiv.store.gitrepo import GitRepository, LogEntry, open_repository
from eqdiv.store.record_cache import RecordCache, salt
from eqdiv.store.regular_files import read_regular
from eqdiv.store.result_cache import enabled


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
    ``gap`` says what is missing.

    One ``git log`` of the records folder serves every plan. A commit's version of a
    plan file that is the file in the working tree is the plan as it is now (most plans,
    most of the time), so it is not read again; other versions are read once and kept in
    the record cache (when the command line keeps caches: ``result_cache.enabled``)."""
    schemas = schemas or SchemaSet.load()
    try:
        git = open_repository(root)
    except EqdivError:
        return DueHistory(
            gap="The records are not in a git repository, so the due dates actions had "
            "earlier cannot be read: this report judges each action by its record as it is "
            "now, and a due date moved later does not show as a slip."
        )
    cache = RecordCache.open(root, salt(schemas.fingerprint)) if enabled() else None
    with git:
        try:
            prefix = git.relative(root)
            reader = _Reader(git, prefix, Path(os.path.realpath(root)), schemas, cache)
            logs = git.logs([reader.git_path(p.location.path) for p in plans], prefix)
            versions: dict[str, list[Version]] = {}
            covered: set[str] = set()
            late_start: list[str] = []
            for plan in plans:
                log = logs[reader.git_path(plan.location.path)]
                first = reader.plan_versions(log, plan, versions)
                start = max(period.start, plan.approved or period.start)
                if first is not None and first <= start:
                    covered.add(plan.id)
                else:
                    late_start.append(plan.title)
        except EqdivError as err:
            return DueHistory(gap=f"The records' git history could not be read ({err}).")
        finally:
            if cache is not None:
                cache.save_blobs()
                cache.close()
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


@dataclass
class _Reader:
    """Reads the committed versions of plan files."""

    git: GitRepository
    prefix: str  # the records folder, from the top of the work tree
    inside: Path  # the records folder, links resolved: no file is read from outside it
    schemas: SchemaSet
    cache: RecordCache | None

    def git_path(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def plan_versions(
        self, log: Sequence[LogEntry], plan: ActionPlan, versions: dict[str, list[Version]]
    ) -> date | None:
        """Adds each committed version of ``plan``'s actions (``log``: its file's
        commits), then the working tree's; returns the day of the plan file's first
        commit (None: never committed)."""
        path = plan.location.path
        now = self._blob_now(path)
        for entry in log:
            if entry.status == "removed":
                continue
            blob = self.git.blob(entry.commit, entry.path)
            if blob is None:
                continue
            older = plan if blob[0] == now else self._plan(path, entry, blob)
            if older is None or older.id != plan.id:
                continue
            for action in older.actions:
                since = entry.commit.date.date()
                versions.setdefault(action.ref, []).append(_version(action, since))
        for action in plan.actions:
            versions.setdefault(action.ref, []).append(_version(action, None))
        return log[0].commit.date.date() if log else None

    def _plan(self, path: str, entry: LogEntry, blob: tuple[str, int]) -> ActionPlan | None:
        """The plan in the version of its file ``entry`` left, whose blob is ``blob``
        (None: no valid plan)."""
        what = f"{path} in {entry.commit.short}"
        record = load_version(self.git, path, blob, self.schemas, self.cache, what).record
        if record is None or not record.valid or record.kind != "action-plan":
            return None
        return ActionPlan.from_record(record)

    def _blob_now(self, path: str) -> str | None:
        """The git blob id of the plan file in the working tree (None: unreadable)."""
        raw = read_regular(self.inside / path, MAX_RECORD_BYTES, inside=self.inside)
        return blob_id(raw) if isinstance(raw, bytes) else None


def _version(action: Action, since: date | None) -> Version:
    deadline = action.due.deadline if action.due else None
    return Version(since, deadline, action.status, action.completed)
