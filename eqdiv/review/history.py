"""``eqdiv history``: the life of one record, or one action, across the git history.

Each commit that changed the record's file (followed through renames) is compared
with the version before it, in the same terms as ``eqdiv review``: an action's status,
due date, owners and updates; an EIA's sign-off and grade; a record's fields. Commits
that changed other actions in the same plan are left out of an action's history.

An EIA's grade depends on the records around it (the actions its mitigations name, the
strands in ``eqdiv.yaml``), so at each commit it is scored against those records as
they were then: just the files that hold them, found without parsing the rest (see
``score_scope``). The records as they are now are read as far as finding the subject
and the people needs: each file's kind and id from its text where that is certain.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from eqdiv.eia import EiaScore, load_rubric, score_eia
from eqdiv.model.errors import UsageError
from eqdiv.model.json_parts import envelope
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.model.people import Person
from eqdiv.model.plans import ActionPlan
from eqdiv.model.records import Record
from eqdiv.model.suggest import did_you_mean
from eqdiv.review.action_changes import PlanSides, compare_plans
from eqdiv.review.changes import Change, Notes
from eqdiv.review.eia_changes import grade_data
from eqdiv.review.policy import Policy
from eqdiv.review.record_changes import RecordComparer
from eqdiv.review.review_json import change_to_dict, commit_to_dict
from eqdiv.review.score_scope import ScoreScope
from eqdiv.review.sides import Source, changed_records
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.database import digest
from eqdiv.store.gitrepo import Commit, LogEntry, open_repository
from eqdiv.store.loaded import LoadedFile, load_file
from eqdiv.store.quick_identity import quick_identity
from eqdiv.store.record_cache import RecordCache
from eqdiv.store.regular_files import read_regular
from eqdiv.store.repository import (
    Repository,
    discover,
    guess_identity,
    ignored_patterns,
    is_record_path,
    load_repository,
)

# Commits of the subject's file whose objects and folders are read from git at once.
_WINDOW = 32


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
    removed: bool = False  # it is no longer in the records: ``path`` is where it was


@dataclass(frozen=True, slots=True)
class _Target:
    kind: str
    subject: str
    path: str
    title: str | None
    # For an action: whether its plan (as found) has it, and the plan's action ids.
    exists: bool = True
    actions: tuple[str, ...] = ()


def history(
    root: Path,
    subject: str,
    schemas: SchemaSet | None = None,
    cache: RecordCache | None = None,
) -> History:
    """The history of ``subject`` (a record id, ``PLAN/ACTION``, or the path of a
    record file in the records folder) in the records repository at ``root``. An
    unknown subject is a ``UsageError``. ``cache`` is the record cache, as for
    ``load_repository``."""
    schemas = schemas or SchemaSet.load()
    with open_repository(root) as git:
        head = git.head()
        source = Source.of(git, root, schemas, cache)
        scope = ScoreScope(source)
        now = _Now.read(source, scope)
        subject = now.named_by_file(subject)
        subject = _removed_file(source, head, subject) or subject
        # A record removed since is looked for in git only when it is not here now.
        target = (
            now.find(subject)
            or _removed(source, head, subject)
            or _unknown(load_repository(root, schemas, cache=cache), subject)
        )
        log = git.log(source.git_path(target.path))
        follow = _Follower(source, target, now.people(), Notes(Policy()), scope)
        found: list[HistoryEntry] = []
        for start in range(0, len(log), _WINDOW):
            window = log[start : start + _WINDOW]
            if target.kind == "eia":
                scope.prepare(window)
            else:
                git.prefetch(item.commit.sha for item in window)
            found += [e for e in map(follow, window) if e.changes]
        entries = tuple(found)
        committed = source.load(head, target.path)
        shallow = git.is_shallow()
        source.save()
    current = now.record(target.path)
    if target.kind == "action" and not entries and not target.exists:
        _no_action(target, subject)
    return History(
        root=source.root,
        subject=subject,
        kind=target.kind,
        title=target.title or follow.text,
        path=target.path,
        entries=entries,
        shallow=shallow,
        uncommitted=_data(committed.record if committed else None) != _data(current),
        removed=current is None or (target.kind == "action" and not target.exists),
    )


@dataclass
class _Now:
    """The records in the working tree, as far as ``history`` needs them: every record
    file's kind and id (from its text where that is certain, else parsed), and the
    files it asks for, parsed. Files are in the order ``load_repository`` reads them."""

    source: Source
    inside: Path  # the records folder, links resolved: no file is read from outside it
    identities: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    raw: dict[str, bytes] = field(default_factory=dict)  # files to parse when asked
    loaded: dict[str, LoadedFile] = field(default_factory=dict)

    @classmethod
    def read(cls, source: Source, scope: ScoreScope) -> _Now:
        """Every record file now; what each is is also told to ``scope``, which then
        need not read the same version of a file from git."""
        now = cls(source, Path(os.path.realpath(source.root)))
        config = now._parse(CONFIG_FILE, now._read(CONFIG_FILE))
        record = config.record
        now.identities[CONFIG_FILE] = (record.kind, record.id) if record is not None else None
        for path in discover(source.root, ignored_patterns(config)):
            if path != CONFIG_FILE:
                now._note(path, now._read(path), scope)
        return now

    def _note(self, path: str, raw: bytes | None, scope: ScoreScope) -> None:
        if raw is None:
            self.identities[path] = None  # unreadable: not a record
            return
        identity = quick_identity(raw)
        if identity is not None:
            kind, given = identity.kind, identity.id
            if kind == "people":
                self.raw[path] = raw
        else:  # only parsing can tell
            record = self._parse(path, raw).record
            kind = record.kind if record is not None else None
            found = record.data.get("id") if record is not None else None
            given = found if isinstance(found, str) else None
        scope.learn(raw, kind, given)
        stem = PurePosixPath(path).stem
        self.identities[path] = (kind, given if given is not None else stem) if kind else None

    def named_by_file(self, subject: str) -> str:
        """The id of the record in the file ``subject`` names (relative to the records
        folder), as people often give a file they have open; else ``subject``."""
        path = PurePosixPath(subject.replace("\\", "/")).as_posix()
        identity = self.identities.get(path)
        return identity[1] if identity is not None else subject

    def find(self, subject: str) -> _Target | None:
        """``subject`` in the records as they are now; None when it is not there."""
        record_id = subject.partition("/")[0]
        wanted = "action-plan" if "/" in subject else None
        for path, identity in self.identities.items():
            if identity is None or identity[1] != record_id or wanted not in (None, identity[0]):
                continue
            found = self.record(path)
            if found is not None and found.id == record_id and wanted in (None, found.kind):
                return _target(found, subject)
        return None

    def people(self) -> dict[str, Person]:
        """Everyone in the people directories now, by id (as ``Repository.people``)."""
        files = [p for p, found in self.identities.items() if found and found[0] == "people"]
        return Repository.build(self.source.root, [self._file(p) for p in files]).people

    def record(self, path: str) -> Record | None:
        """The record in the file at ``path`` now (None: there is none)."""
        loaded = self._file(path) if path in self.identities else None
        return loaded.record if loaded is not None else None

    def _file(self, path: str) -> LoadedFile:
        if path in self.loaded:
            return self.loaded[path]
        raw = self.raw.pop(path, None)
        return self._parse(path, raw if raw is not None else self._read(path))

    def _read(self, path: str) -> bytes | None:
        """The bytes of the file at ``path`` (None: it cannot be read as a record)."""
        found = read_regular(self.source.root / path, MAX_RECORD_BYTES, inside=self.inside)
        return found if isinstance(found, bytes) else None

    def _parse(self, path: str, raw: bytes | None) -> LoadedFile:
        """The file ``path`` of ``raw`` bytes (None: unreadable), from the record cache
        when it knows these bytes."""
        if raw is None:
            loaded = LoadedFile(path, None, ())
        else:
            cache = self.source.cache
            hit = cache.get(path, digest(raw)) if cache is not None else None
            loaded = hit if hit is not None else load_file(path, raw, self.source.schemas)
        self.loaded[path] = loaded
        return loaded


@dataclass
class _Follower:
    """Works through the log of the subject's file, oldest commit first."""

    source: Source
    target: _Target
    people: Mapping[str, Person]
    notes: Notes
    scope: ScoreScope
    score: EiaScore | None = None  # the EIA's score at the last commit seen
    text: str | None = None  # an action's text, the last time it was seen

    def __call__(self, entry: LogEntry) -> HistoryEntry:
        source = self.source
        path = source.record_path(entry.path) or entry.path
        new = self._load(entry.commit, path) if entry.status != "removed" else None
        if entry.cut:  # a shallow clone ends here: there is nothing to compare it with
            self._score(entry.commit, new)
            return HistoryEntry(entry.commit, path, ())
        old = None
        parent = source.git.parent(entry.commit) if entry.old_path else None
        if parent is not None and entry.old_path is not None:
            old = self._load(parent, source.record_path(entry.old_path) or entry.old_path)
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

    def _load(self, commit: Commit, path: str) -> LoadedFile | None:
        """The subject's file at ``path`` in ``commit``; for an EIA, found in the
        folders its scope has read already."""
        if self.target.kind != "eia":
            return self.source.load(commit, path)
        found = self.scope.blob(commit, path)
        if found is None:
            return None
        return self.source.load_blob(path, *found, f"{path} in {commit.short}")

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
        action_id = self.target.subject.partition("/")[2]
        seen = [a.text for plan in (before, after) for a in plan.actions if a.id == action_id]
        self.text = seen[-1] if seen else self.text
        compare_plans(PlanSides(before, after, old_record, new_record, self.people), self.notes)
        return tuple(c for c in self.notes.take() if c.subject == self.target.subject)

    def _score(self, commit: Commit, new: LoadedFile | None) -> EiaScore | None:
        """The EIA's score with the repository as it was at ``commit``."""
        if self.target.kind != "eia" or new is None or new.record is None:
            self.score = None
            return None
        repository = self.scope.repository(commit, new.record.id)
        eia = repository.find("eia", new.record.id)
        self.score = None
        if eia is not None:
            self.score = score_eia(eia, repository, load_rubric(repository).rubric)
        return self.score


def _removed(source: Source, head: Commit, subject: str) -> _Target | None:
    """``subject`` in the last version of a record file that has since been removed."""
    record_id = subject.partition("/")[0]
    wanted = "action-plan" if "/" in subject else None
    for commit, path in _removed_files(source, head):
        raw = source.git.read(commit, source.git_path(path))
        # The id line is enough to pass over the other removed files unparsed.
        if raw is None or guess_identity(raw)[1] != record_id:
            continue
        loaded = source.load(commit, path)
        record = loaded.record if loaded else None
        if record is not None and record.id == record_id and wanted in (None, record.kind):
            return _target(record, subject)
    return None


def _removed_file(source: Source, head: Commit, subject: str) -> str | None:
    """The id of the record in the file ``subject`` names (relative to the records
    folder), when that file has since been removed (None: it names no such file)."""
    path = PurePosixPath(subject.replace("\\", "/")).as_posix()
    if not is_record_path(path) or path.startswith("/"):
        return None
    for commit, removed in _removed_files(source, head):
        if removed == path:
            loaded = source.load(commit, path)
            record = loaded.record if loaded is not None else None
            return record.id if record is not None and record.kind is not None else None
    return None


def _removed_files(source: Source, head: Commit) -> Iterator[tuple[Commit, str]]:
    """Record files since removed, each with the last commit that had it: those the
    working tree removes (not committed yet) first, then by commit, the latest first."""
    for change in changed_records(source, head, None, ()):
        if change.status == "removed" and change.old_path is not None:
            yield head, change.old_path
    for commit, git_path in source.git.removals(source.prefix):
        path = source.record_path(git_path)
        if path is None or not is_record_path(path):
            continue
        parent = source.git.parent(commit)
        if parent is not None:
            yield parent, path


def _target(record: Record, subject: str) -> _Target:
    title = record.data.get("title")
    if "/" not in subject:
        return _Target(record.kind, subject, record.path, title if isinstance(title, str) else None)
    actions = record.data.get("actions")
    items = [a for a in actions if isinstance(a, dict)] if isinstance(actions, list) else []
    ids = tuple(str(a.get("id")) for a in items)
    action_id = subject.partition("/")[2]
    text = next((a.get("text") for a in items if str(a.get("id")) == action_id), None)
    title = text if isinstance(text, str) else None
    return _Target("action", subject, record.path, title, action_id in ids, ids)


def _unknown(repo: Repository, subject: str) -> NoReturn:
    if subject.endswith((".yaml", ".yml")) or subject.startswith(("./", "../", "/")):
        if _file_inside(repo.root, subject):
            raise UsageError(
                f"'{subject}' holds no record eqdiv can read, so its history cannot be followed.",
                f"Run eqdiv validate to see what is wrong with {subject}.",
            )
        example = next((r.path for r in repo.records if "/" in r.path), "eias/my-eia.yaml")
        raise UsageError(
            f"There is no record file '{subject}' in {repo.root}.",
            f"Give the file's path from the records folder (such as {example}), "
            "a record's id, or PLAN/ACTION for an action.",
        )
    if "/" in subject:
        plan_id = subject.partition("/")[0]
        known = sorted({r.id for r in repo.records if r.kind == "action-plan"})
        raise UsageError(
            f"There is no action plan '{plan_id}' in {repo.root}, now or in its history.",
            did_you_mean(plan_id, known) + f"Plans: {', '.join(known) or 'none'}.",
        )
    refs = [a.ref for a in repo.actions if a.id == subject]
    hint = (
        f"An action is named with its plan: {', '.join(refs)}."
        if refs
        else did_you_mean(subject, [r.id for r in repo.records])
        + "Give a record's id, or PLAN/ACTION for an action."
    )
    raise UsageError(
        f"No record is called '{subject}' in {repo.root}, now or in its history.", hint
    )


def _file_inside(root: Path, subject: str) -> bool:
    """Whether ``subject`` names a file in the records folder ``root``."""
    try:
        named = (root / subject.replace("\\", "/")).resolve()
        return named.is_relative_to(root.resolve()) and named.is_file()
    except OSError:  # a name too long for a file, a folder that may not be read...
        return False


def _no_action(target: _Target, subject: str) -> NoReturn:
    plan_id, _, action_id = subject.partition("/")
    raise UsageError(
        f"Plan {plan_id} has no action '{action_id}', now or in its history.",
        did_you_mean(action_id, target.actions)
        + f"Its actions: {', '.join(target.actions) or 'none'}.",
    )


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
        "removed": found.removed,
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
