"""``eqdiv history``: the life of one record, or one action, across the git history.

Each commit that changed the record's file (followed through renames) is compared
with the version before it, in the same terms as ``eqdiv review``: an action's status,
due date, owners and updates; an EIA's sign-off and grade; a record's fields. Commits
that changed other actions in the same plan are left out of an action's history.

An EIA's grade depends on the records around it (the actions its mitigations name, the
strands in ``eqdiv.yaml``), so it is scored against the whole repository as it was at
each commit. The repository is read once, at the oldest commit, and then moved
forward commit by commit, reading only the files each step changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eqdiv.eia import EiaScore, load_rubric, score_eia
from eqdiv.errors import UsageError
from eqdiv.gitrepo import Commit, LogEntry, open_repository
from eqdiv.model import ActionPlan
from eqdiv.model.people import Person
from eqdiv.records import Record
from eqdiv.repository import LoadedFile, Repository, load_repository
from eqdiv.review.actions import PlanSides, compare_plans
from eqdiv.review.changes import Change, Notes
from eqdiv.review.eias import grade_data
from eqdiv.review.policy import Policy
from eqdiv.review.records import RecordComparer
from eqdiv.review.serialize import change_to_dict, commit_to_dict
from eqdiv.review.sides import Side, Source, at_commit, changed_records, swapped
from eqdiv.schemas import SchemaSet
from eqdiv.serialize import envelope
from eqdiv.suggest import did_you_mean

if TYPE_CHECKING:
    from eqdiv.cache import RecordCache


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit in the life of the subject: what it changed, and for an EIA, its
    grade once the commit was made (None when it could not be scored)."""

    commit: Commit
    path: str
    changes: tuple[Change, ...]
    score: EiaScore | None = None


@dataclass(frozen=True)
class History:
    root: Path
    subject: str  # a record id, or PLAN/ACTION
    kind: str  # the record's kind, or "action"
    title: str | None
    path: str  # the file it is in now
    entries: tuple[HistoryEntry, ...]  # oldest first
    shallow: bool  # the clone holds only part of the history
    uncommitted: bool  # the working tree changes it, and that is not committed yet


@dataclass(frozen=True, slots=True)
class _Target:
    kind: str
    subject: str
    path: str
    title: str | None


def history(
    root: Path,
    subject: str,
    schemas: SchemaSet | None = None,
    cache: RecordCache | None = None,
) -> History:
    """The history of ``subject`` (a record id, or ``PLAN/ACTION``) in the records
    repository at ``root``. An unknown subject is a ``UsageError``. ``cache`` is the
    record cache, as for ``load_repository``."""
    schemas = schemas or SchemaSet.load()
    now = load_repository(root, schemas, cache=cache)
    target = _find(now, subject)
    with open_repository(root) as git:
        head = git.head()
        source = Source.of(git, root, schemas, cache)
        log = git.log(source.git_path(target.path))
        follow = _Follower(source, target, now.people, Notes(Policy()))
        entries = tuple(e for e in (follow(item) for item in log) if e.changes)
        committed = source.load(head, target.path)
        shallow = git.is_shallow()
    current = next((r for r in now.records if r.path == target.path), None)
    return History(
        root=source.root,
        subject=subject,
        kind=target.kind,
        title=target.title,
        path=target.path,
        entries=entries,
        shallow=shallow,
        uncommitted=_data(committed.record if committed else None) != _data(current),
    )


@dataclass
class _Follower:
    """Works through the log of the subject's file, oldest commit first."""

    source: Source
    target: _Target
    people: Mapping[str, Person]
    notes: Notes
    side: Side | None = None  # the whole repository at the last commit seen (EIAs only)
    score: EiaScore | None = None  # the EIA's score at the last commit seen

    def __call__(self, entry: LogEntry) -> HistoryEntry:
        source = self.source
        path = source.record_path(entry.path) or entry.path
        new = source.load(entry.commit, path) if entry.status != "removed" else None
        if entry.cut:  # a shallow clone ends here: there is nothing to compare it with
            self._score(entry.commit, new)
            return HistoryEntry(entry.commit, path, ())
        old = None
        parent = source.git.parent(entry.commit) if entry.old_path else None
        if parent is not None and entry.old_path is not None:
            old = source.load(parent, source.record_path(entry.old_path) or entry.old_path)
        if self.target.kind == "action":
            return HistoryEntry(entry.commit, path, self._action(old, new))
        before = self.score
        after = self._score(entry.commit, new)
        compare = RecordComparer(
            self.people,
            self.notes,
            {before.eia.id: before} if before else {},
            {after.eia.id: after} if after else {},
        )
        return HistoryEntry(entry.commit, path, compare(old, new).changes, after)

    def _action(self, old: LoadedFile | None, new: LoadedFile | None) -> tuple[Change, ...]:
        before, after = _plan(old), _plan(new)
        if before is None and after is None:
            return ()
        old_record = old.record if old and old.record else None
        new_record = new.record if new and new.record else None
        if after is None:  # deleted, or unreadable: every action in it is gone from view
            assert before is not None and old_record is not None
            after, new_record = replace(before, actions=()), old_record
        if before is None:
            assert new_record is not None
            before, old_record = replace(after, actions=()), new_record
        assert old_record is not None and new_record is not None
        compare_plans(PlanSides(before, after, old_record, new_record, self.people), self.notes)
        return tuple(c for c in self.notes.take() if c.subject == self.target.subject)

    def _score(self, commit: Commit, new: LoadedFile | None) -> EiaScore | None:
        """The EIA's score with the repository as it was at ``commit``."""
        if self.target.kind != "eia" or new is None or new.record is None:
            self.score = None
            return None
        source, label = self.source, commit.short
        if self.side is None:
            self.side = at_commit(source, commit, label)
        else:
            assert self.side.commit is not None
            changes = changed_records(source, self.side.commit, commit, self.side.ignore)
            self.side = swapped(source, self.side, commit, label, changes, to_older=False)
        repository = self.side.repository
        eia = repository.find("eia", new.record.id)
        self.score = None
        if eia is not None:
            self.score = score_eia(eia, repository, load_rubric(repository).rubric)
        return self.score


def _find(repo: Repository, subject: str) -> _Target:
    if "/" in subject:
        plan_id = subject.partition("/")[0]
        plans = [r for r in repo.records if r.kind == "action-plan" and r.id == plan_id]
        if not plans:
            known = sorted({r.id for r in repo.records if r.kind == "action-plan"})
            raise UsageError(
                f"There is no action plan '{plan_id}' in {repo.root}.",
                did_you_mean(plan_id, known) + f"Plans: {', '.join(known) or 'none'}.",
            )
        action = repo.action_index.get(subject)
        title = action.text if action else None
        return _Target("action", subject, plans[0].path, title)
    found = next((r for r in repo.records if r.id == subject), None)
    if found is None:
        refs = [a.ref for a in repo.actions if a.id == subject]
        hint = (
            f"An action is named with its plan: {', '.join(refs)}."
            if refs
            else did_you_mean(subject, [r.id for r in repo.records])
            + "Give a record's id, or PLAN/ACTION for an action."
        )
        raise UsageError(f"No record is called '{subject}' in {repo.root}.", hint)
    title = found.data.get("title")
    return _Target(found.kind, subject, found.path, title if isinstance(title, str) else None)


def _plan(loaded: LoadedFile | None) -> ActionPlan | None:
    record = loaded.record if loaded else None
    if record is None or not record.valid or record.kind != "action-plan":
        return None
    return ActionPlan.from_record(record)


def _data(record: Record | None) -> object:
    return record.document.data if record else None


def history_to_dict(found: History) -> dict[str, Any]:
    """The stable JSON shape of ``eqdiv history --format json`` (see the README)."""
    return {
        **envelope("history", str(found.root), None),
        "subject": found.subject,
        "kind": found.kind,
        "title": found.title,
        "path": found.path,
        "shallow": found.shallow,
        "uncommitted": found.uncommitted,
        "entries": [
            {
                "commit": commit_to_dict(entry.commit),
                "path": entry.path,
                "grade": grade_data(entry.score),
                "changes": [change_to_dict(c) for c in entry.changes],
            }
            for entry in found.entries
        ],
    }
