"""Pairing the records of two sides, and what changed in each: added, deleted, moved or
renamed records, then each kind's own comparison (actions, EIAs) or its fields."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from eqdiv.eia import EiaScore, load_rubric, score_eia
from eqdiv.model import codes
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.findings import Location
from eqdiv.model.kinds import BUILDERS
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.people import Person
from eqdiv.model.records import Record
from eqdiv.review.action_changes import PlanSides, compare_plans
from eqdiv.review.changes import Change, Notes, changed_keys
from eqdiv.review.eia_changes import EiaSides, compare_eias, compare_grades, grade_words
from eqdiv.review.sides import Side
from eqdiv.store.gitrepo import FileChange
from eqdiv.store.loaded import LoadedFile
from eqdiv.store.repository import Repository

State = Literal["added", "removed", "modified", "affected"]
KIND_NAMES = {
    "action-plan": "action plan",
    "eia": "EIA",
    "consultation": "consultation",
    "config": "configuration",
    "people": "people directory",
    "demographics": "population profile",
    "rubric": "EIA rubric",
    "objective": "equality objective",
    "indicator": "indicator",
}


@dataclass(frozen=True)
class RecordReview:
    """One record the change touches: ``state`` is ``affected`` for an EIA whose file
    did not change but whose grade did. ``scores`` are an EIA's before and after."""

    kind: str
    id: str
    title: str | None
    path: str | None
    old_path: str | None
    state: State
    changes: tuple[Change, ...]
    scores: tuple[EiaScore | None, EiaScore | None] | None = None

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


Pair = tuple[LoadedFile | None, LoadedFile | None]


def compare_records(
    base: Side,
    head: Side,
    files: Sequence[FileChange],
    notes: Notes,
    reached: Collection[str] | None = None,
) -> tuple[RecordReview, ...]:
    """A review of each changed record file, then of each EIA whose grade changed
    because of a change elsewhere. ``reached``: the only files whose EIAs the change can
    regrade (None: any), when the sides hold only what the change reaches."""
    before_scores = eia_scores(base.repository, reached)
    after_scores = eia_scores(head.repository, reached)
    # With eqdiv.yaml readable on one side only, the two sides' scores are judged on
    # different grounds (see Repository.config_read): a grade that moves says nothing
    # about the EIA, so none is compared until the configuration can be read again.
    compared = base.repository.config_read == head.repository.config_read
    if not compared:
        before_scores = {}
    compare = RecordComparer(head.repository.people, notes, before_scores, after_scores, compared)
    reviews = [compare(*pair) for pair in _pairs(base, head, files)]
    seen = {r.id for r in reviews if r.kind == "eia"}
    for eia_id, after in after_scores.items():
        before = before_scores.get(eia_id)
        if eia_id in seen or before is None:
            continue
        compare_grades(before, after, notes, elsewhere=True)
        changes = notes.take()
        if changes:
            eia = after.eia
            path = eia.location.path
            reviews.append(
                RecordReview(
                    "eia", eia_id, eia.title, path, path, "affected", changes, (before, after)
                )
            )
    return tuple(reviews)


@dataclass
class RecordComparer:
    """Compares two versions of a record file (either may be None: added, deleted).
    ``people`` name owners and signatories; the scores are the EIAs' on each side."""

    people: Mapping[str, Person]
    notes: Notes
    before_scores: Mapping[str, EiaScore]
    after_scores: Mapping[str, EiaScore]
    grades_compared: bool = True

    def __call__(self, old_file: LoadedFile | None, new_file: LoadedFile | None) -> RecordReview:
        old = old_file.record if old_file else None
        new = new_file.record if new_file else None
        shown = new or old
        path = new_file.path if new_file else None
        old_path = old_file.path if old_file else None
        state: State = (
            "added" if old_file is None else "removed" if new_file is None else "modified"
        )
        if new_file is not None and new is None:
            self._unreadable(new_file, on_base=False)
        elif old_file is not None and old is None:
            self._unreadable(old_file, on_base=True)
        if new is not None and old_file is None:
            self._added(new)
        elif old is not None and new_file is None:
            self._removed(old)
        elif old is not None and new is not None:
            self._modified(old, new)
        kind = shown.kind if shown else "unknown"
        record_id = shown.id if shown else (path or old_path or "").rsplit("/", 1)[-1]
        title = shown.data.get("title") if shown else None
        graded = None
        if kind == "eia":
            graded = (
                self.before_scores.get(old.id) if old else None,
                self.after_scores.get(new.id) if new else None,
            )
        return RecordReview(
            kind,
            record_id,
            title if isinstance(title, str) else None,
            path,
            old_path,
            state,
            self.notes.take(),
            graded,
        )

    def _unreadable(self, loaded: LoadedFile, *, on_base: bool) -> None:
        if on_base:
            said = (
                "This file could not be read as a record before this change, so what changed "
                "in it cannot be listed."
            )
        else:
            said = (
                "This file cannot be read as a record after this change (see the problems "
                "this change introduces), so what changed in it cannot be listed."
            )
        self.notes.about(loaded.path, loaded.path)(
            codes.RECORD_UNREADABLE,
            said,
            Location(loaded.path),
            "cannot be read",
            hint=self._grades_hint(loaded.path),
            on_base=on_base,
        )

    def _grades_hint(self, path: str) -> str | None:
        """Why no EIA grade is compared, said on the configuration that stops it."""
        if self.grades_compared or path != CONFIG_FILE:
            return None
        return (
            f"EIA grades are not compared across this change: {CONFIG_FILE} can be read on "
            "one side only, so the scores would be judged on different grounds (the "
            "partnership's strand set and review cycle, or none). Fix it, and the review "
            "compares them again."
        )

    def _added(self, record: Record) -> None:
        said = f"New {KIND_NAMES.get(record.kind, record.kind)} {record.id}"
        data = record.data
        title = data.get("title")
        if isinstance(title, str):
            said += f": {title}"
        if record.kind == "action-plan" and isinstance(data.get("actions"), list):
            said += f", with {plural(len(data['actions']), 'action')}"
        score = self.after_scores.get(record.id) if record.kind == "eia" else None
        if score is not None:
            said += f"; graded {grade_words(score)}"
        if record.kind == "consultation" and record.valid:
            said += (
                f" ({data['start']} to {data.get('end', data['start'])}, "
                f"{plural(data['participants']['total'], 'participant')})"
            )
        self.notes.about(record.id, record.id)(
            codes.RECORD_ADDED,
            said + ".",
            record.location(),
            "added",
        )

    def _removed(self, record: Record) -> None:
        name = KIND_NAMES.get(record.kind, record.kind)
        title = record.data.get("title")
        said = f"The {name} {record.id}" + (f" ({title})" if isinstance(title, str) else "")
        actions = record.data.get("actions") if record.kind == "action-plan" else None
        if isinstance(actions, list):
            said += f", with its {plural(len(actions), 'action')},"
        self.notes.about(record.id, record.id)(
            codes.RECORD_REMOVED,
            said + " was deleted.",
            record.location(),
            "deleted",
            hint=_KEEP.get(record.kind, _KEEP[""]),
            on_base=True,
        )

    def _modified(self, old: Record, new: Record) -> None:
        note = self.notes.about(new.id, new.id)
        if old.id != new.id:
            note(
                codes.RECORD_RENAMED,
                f"Its id changed from {old.id} to {new.id}.",
                new.location("/id"),
                f"was {old.id}",
                hint=f"Every record that names {old.id} must change too: the problems this "
                "change introduces list any that still do.",
                before=old.id,
                after=new.id,
            )
        if old.path != new.path:
            note(
                codes.RECORD_MOVED,
                f"Moved from {old.path} to {new.path}.",
                new.location(),
                "moved",
                before=old.path,
                after=new.path,
            )
        if old.document.data == new.document.data:
            if old.path == new.path:
                note(
                    codes.RECORD_LAYOUT,
                    "Only comments or layout changed.",
                    new.location(),
                    "layout only",
                )
            return
        if old.kind == new.kind and old.valid and new.valid:
            if new.kind == "action-plan":
                self._plan(old, new)
                return
            if new.kind == "eia":
                self._eia(old, new)
                return
        self._fields(old, new)

    def _plan(self, old: Record, new: Record) -> None:
        sides = PlanSides(BUILDERS[old.kind](old), BUILDERS[new.kind](new), old, new, self.people)
        compare_plans(sides, self.notes)
        self._fields(old, new, skip={"actions"})

    def _eia(self, old: Record, new: Record) -> None:
        sides = EiaSides(BUILDERS[old.kind](old), BUILDERS[new.kind](new), old, new, self.people)
        compare_eias(sides, self.notes)
        score = self.after_scores.get(new.id)
        if score is not None:
            compare_grades(self.before_scores.get(old.id), score, self.notes)

    def _fields(
        self, old: Record, new: Record, skip: frozenset[str] | set[str] = frozenset()
    ) -> None:
        changed = changed_keys(old.data, new.data, {"kind", "id", *skip})
        if not changed:
            return
        words = [_field_words(f, old.data, new.data) for f in changed]
        said = f"Changed: {join_words(words)}."
        if not (old.valid and new.valid) and old.kind == new.kind:
            side = "before" if not old.valid else "after"
            said += f" It has errors {side} this change, so it is compared field by field."
        self.notes.about(new.id, new.id)(
            codes.RECORD_EDITED,
            said,
            new.location(f"/{changed[0]}", key=True),
            f"{join_words(changed)} changed",
            hint=self._grades_hint(new.path),
            after=changed,
        )


_KEEP = {
    "eia": "An EIA is the record that due regard was paid: keep it. If the policy has "
    "changed, record a review under `reviews:`, or write a new EIA that names this one "
    "under `cumulative: related`.",
    "action-plan": "Keep the plan as the record of what was promised: mark its actions "
    "complete or cancelled, each with an update.",
    "consultation": "A consultation log is evidence for the EIAs and reports that cite it: "
    "keep it.",
    "": "Records are the audit trail: keep this one, and record what changed instead.",
}


def _field_words(name: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """A changed field, with its values when they are short counts: ``participants (148
    → 160)``."""
    if name == "participants":
        old, new = before.get(name), after.get(name)
        if isinstance(old, dict) and isinstance(new, dict) and old.get("total") != new.get("total"):
            return f"participants ({old.get('total')} → {new.get('total')})"
    if name == "people":
        return _people_words(before.get(name), after.get(name))
    return name


def _people_words(before: Any, after: Any) -> str:
    def ids(value: Any) -> dict[str, Any]:
        items = value if isinstance(value, list) else []
        return {p["id"]: p for p in items if isinstance(p, dict) and isinstance(p.get("id"), str)}

    old, new = ids(before), ids(after)
    parts = [
        f"{word} {', '.join(found)}"
        for word, found in (
            ("people added:", [i for i in new if i not in old]),
            ("people removed:", [i for i in old if i not in new]),
            ("people changed:", [i for i in new if i in old and new[i] != old[i]]),
        )
        if found
    ]
    return "; ".join(parts) or "people"


def _pairs(base: Side, head: Side, files: Sequence[FileChange]) -> list[Pair]:
    """Each changed file on both sides. A record deleted from one file and added in
    another with the same kind and id was moved, though git saw no rename."""
    pairs: list[Pair] = [
        (
            base.files.get(f.old_path) if f.old_path else None,
            head.files.get(f.path) if f.path else None,
        )
        for f in files
    ]
    pairs = [p for p in pairs if p != (None, None)]
    added = {_key(new): i for i, (old, new) in enumerate(pairs) if old is None and _key(new)}
    moved: list[Pair] = []
    taken: set[int] = set()
    for i, (old, new) in enumerate(pairs):
        if new is None and _key(old) in added:
            j = added[_key(old)]
            moved.append((old, pairs[j][1]))
            taken.update({i, j})
    kept = [p for i, p in enumerate(pairs) if i not in taken] + moved
    return sorted(kept, key=_pair_path)


def _pair_path(pair: Pair) -> str:
    """Where the file is now, or was."""
    loaded = pair[1] or pair[0]
    return loaded.path if loaded else ""


def _key(loaded: LoadedFile | None) -> tuple[str, str] | None:
    if loaded is None or loaded.record is None:
        return None
    return loaded.record.kind, loaded.record.id


def eia_scores(
    repository: Repository, within: Collection[str] | None = None
) -> dict[str, EiaScore]:
    """Every valid EIA's score, by id (with ``within``, those in these files)."""
    rubric = load_rubric(repository).rubric
    scores: dict[str, EiaScore] = {}
    seen: set[str] = set()
    for eia in repository.eias:  # the first EIA of an id is the one scored
        if eia.id in seen:
            continue
        seen.add(eia.id)
        if within is None or eia.location.path in within:
            scores[eia.id] = score_eia(eia, repository, rubric)
    return scores
