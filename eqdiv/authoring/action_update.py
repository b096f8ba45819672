"""Updating one action of a plan after a meeting: its status, due date, completion or
next review, and an update entry saying what changed and why.

The plan file is changed in place, line by line (``eqdiv.yamlio.editor``): every comment,
blank line and key order stays as it was. The result is validated against the whole
repository before anything is written, and a change that would add an error is refused.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft, check_person
from eqdiv.authoring.file_diff import unified_diff
from eqdiv.checks.validation import validate
from eqdiv.model import codes
from eqdiv.model.dates import FIRST_YEAR, LAST_YEAR, plausible_year
from eqdiv.model.due_text import (
    Cadence,
    DueReading,
    cadence_words,
    describe_date,
    first_review,
    read_due,
)
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.model.plans import ActionStatus, Due
from eqdiv.model.records import Record
from eqdiv.model.suggest import did_you_mean
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.regular_files import read_regular
from eqdiv.store.repository import Repository, load_repository
from eqdiv.yamlio.editor import YamlEdit
from eqdiv.yamlio.source import UTF8_BOM


@dataclass(frozen=True)
class ActionChange:
    """What to change. ``due`` is as the user wrote it: ``2007-12``, ``Dec-07``,
    ``ongoing``... ``completed`` defaults to the day of the update when the status
    becomes complete. ``by`` defaults to the action's first owner."""

    status: ActionStatus | None = None
    due: str | None = None
    completed: date | None = None
    next_review: date | None = None
    review: Cadence | None = None
    note: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class ActionUpdate:
    """The outcome: the file before and after, what changed (in words), and the
    findings the change would bring (``blocked`` when any of them is a new error)."""

    path: str
    plan: str
    action: str
    before: bytes
    after: bytes
    changes: tuple[str, ...]
    findings: tuple[Finding, ...]
    blocked: bool

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class ActionUpdateOutcome:
    """What ``eqdiv action update`` did: the update worked out, and whether the file
    was written (not when nothing changed, the change was blocked, or a dry run)."""

    root: Path
    as_of: date
    update: ActionUpdate
    written: bool

    @property
    def failed(self) -> bool:
        """Exit 1: the change would have brought an error, so nothing was written."""
        return self.update.blocked

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv action update --format json``."""
        u = self.update
        return {
            **envelope("action update", str(self.root), self.as_of.isoformat()),
            "plan": u.plan,
            "action": u.action,
            "path": u.path,
            "written": self.written,
            "blocked": u.blocked,
            "changes": list(u.changes),
            "findings": [finding_to_dict(f) for f in u.findings],
            "diff": unified_diff(u.before, u.after, u.path),
        }


def update_action_file(
    root: Path, plan: str, action: str, change: ActionChange, as_of: date, *, dry_run: bool = False
) -> ActionUpdateOutcome:
    """Work out ``change`` (see ``update_action``) and write the plan file in one step
    when it changes something and adds no error, unless ``dry_run``. A file changed by
    someone else meanwhile is left alone (an error: run the command again)."""
    _check_change(change)
    update = update_action(root, plan, action, change, as_of)
    if not update.changed or update.blocked or dry_run:
        return ActionUpdateOutcome(root, as_of, update, written=False)
    target = root / update.path
    if target.read_bytes() != update.before:
        raise EqdivError(
            f"{update.path} changed while eqdiv was working on it; nothing was written.",
            "Run the command again.",
        )
    write_atomic(target, update.after)
    return ActionUpdateOutcome(root, as_of, update, written=True)


def _check_change(change: ActionChange) -> None:
    asked = (change.status, change.due, change.completed, change.review)
    if all(v is None for v in (*asked, change.next_review, change.note)):
        raise UsageError(
            "Say what to change: --status, --due, --completed, --review, --next-review or --note."
        )
    if change.completed is not None and change.status not in (None, ActionStatus.COMPLETE):
        raise UsageError("--completed goes with --status complete, not with another status.")


def update_action(
    root: Path,
    plan: str,
    action: str,
    change: ActionChange,
    as_of: date,
    schemas: SchemaSet | None = None,
) -> ActionUpdate:
    """Apply ``change`` to action ``action`` of plan ``plan`` (an id, or the plan
    file's path in the repository), dated ``as_of``. Nothing is written here."""
    schemas = schemas or SchemaSet.load()
    repo = load_repository(root, schemas)
    record = _plan_record(repo, plan)
    if change.by is not None:
        check_person(repo, change.by, "--by")
    before = read_regular(root / record.path, MAX_RECORD_BYTES)
    if not isinstance(before, bytes):
        raise UsageError(f"{record.path}: {before.message or 'it is too large to edit.'}")
    bom = UTF8_BOM if before.startswith(UTF8_BOM) else b""
    editor = YamlEdit(before[len(bom) :].decode("utf-8"), record.path)
    actions = record.data.get("actions")
    items = actions if isinstance(actions, list) else []
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    if action not in ids:
        raise UsageError(
            f"Plan {record.id} has no action '{action}'.",
            did_you_mean(action, [str(i) for i in ids])
            + f"Its actions: {', '.join(map(str, ids))}.",
        )
    index = ids.index(action)
    # The findings the file has now: only new ones can block the change.
    already = {_key(f) for f in validate(repo, as_of, [record.path]).findings}
    current: dict[str, Any] = copy.deepcopy(items[index])  # the record itself stays as read
    edits = _Changes(editor, f"/actions/{index}", current, as_of)
    changes = edits.apply(change)
    if edits.moved_later and not (change.note or "").strip():
        # eqdiv's own sentence says what changed, never why: a scrutiny panel needs the
        # reason a person gives.
        where = record.location(f"/actions/{index}/due")
        raise UsageError(
            f"{where.path}, line {where.line}: moving action {action}'s due date later "
            "needs a reason.",
            "Say why in your own words with --note, for example "
            "--note 'Waits for the new monitoring form, agreed at the October meeting.'",
        )
    if not changes and not change.note:
        return ActionUpdate(record.path, record.id, action, before, before, (), (), False)
    owners = current.get("owners") if isinstance(current.get("owners"), list) else []
    by = change.by or (owners[0] if owners else None)
    if by is None:
        raise UsageError(
            f"Action {action} has no owner to sign the update.",
            "Say who is making it with --by ID.",
        )
    note = " ".join([*(f"{c}." for c in changes), change.note or ""]).strip()
    entry = {"date": as_of.isoformat(), "by": by, "note": note}
    if "updates" in current and isinstance(current["updates"], list):
        editor.append(f"/actions/{index}/updates", entry)
    else:
        editor.add(f"/actions/{index}", "updates", [entry], after=("completed", "status"))
    after = bom + editor.result().encode("utf-8")
    found = check_draft(root, record.path, after, as_of, schemas).findings
    new = tuple(f for f in found if _key(f) not in already)
    far = _far_from(record, as_of, index)
    if far is not None:
        new = (far, *new)
    blocked = any(f.severity is Severity.ERROR for f in new)
    return ActionUpdate(record.path, record.id, action, before, after, tuple(changes), new, blocked)


class _Changes:
    """Turns an ActionChange into edits, and into sentences for the update note."""

    def __init__(self, editor: YamlEdit, pointer: str, current: dict[str, Any], as_of: date):
        self.editor = editor
        self.pointer = pointer
        self.current = current
        self.as_of = as_of
        self.said: list[str] = []
        self.moved_later = False  # the deadline moved later, or was dropped

    def put(self, key: str, value: Any, after: tuple[str, ...]) -> None:
        if key in self.current:
            self.editor.set(f"{self.pointer}/{key}", value)
        else:
            self.editor.add(self.pointer, key, value, after=after)
        self.current[key] = value

    def apply(self, change: ActionChange) -> list[str]:
        cadence, next_review = change.review, change.next_review
        if change.due is not None:
            reading = self.due(change.due)
            cadence = cadence or reading.cadence
            next_review = next_review or reading.next_review
        # An ongoing action must say when it is reviewed: ask now, not after the edit.
        unreviewed = self.current.get("due") == "ongoing" and "review" not in self.current
        if cadence is not None or next_review is not None or unreviewed:
            self.review(cadence, next_review)
        status = change.status
        if status is None and change.completed is not None:
            status = ActionStatus.COMPLETE
        if status is not None:
            self.status(status, change.completed)
        return self.said

    def due(self, written: str) -> DueReading:
        reading = read_due(written, self.as_of)
        if not isinstance(reading, DueReading):
            raise UsageError(
                f"--due '{written}': {reading.reason}",
                "Write a day (2007-12-31), a month (2007-12) or 'ongoing'.",
            )
        years = [int(v[:4]) for v in (reading.due, reading.start) if v and v != "ongoing"]
        if reading.next_review is not None:
            years.append(reading.next_review.year)
        if not all(plausible_year(y) for y in years):
            raise UsageError(
                f"--due '{written}' is outside the dates eqdiv accepts.",
                f"Give a date from {FIRST_YEAR} to {LAST_YEAR}, or 'ongoing' for an action "
                "with no end date.",
            )
        old = self.current.get("due")
        if reading.due != old:
            self.moved_later = _later(old, reading.due)
            self.put("due", reading.due, after=("owners",))
            self.said.append(f"Due date changed from {_due_words(old)} to {reading.describe()}")
            if "due_text" in self.current:
                # The plan's original wording ("Sep-07") described the old date; kept,
                # it would contradict the new one. git keeps it, and the note says
                # what the date was.
                self.editor.remove(f"{self.pointer}/due_text")
                del self.current["due_text"]
        if reading.start and reading.start != self.current.get("start"):
            self.put("start", reading.start, after=("due_text", "due"))
        return reading

    def review(self, cadence: Cadence | None, next_review: date | None) -> None:
        review = self.current.get("review")
        if not isinstance(review, dict):
            if cadence is None:
                raise UsageError(
                    "An ongoing action needs a review: give its cadence with --review.",
                    "For example --review quarterly, or --review 'July,October,January' "
                    "(and --next-review DATE; by default one cadence period from today).",
                )
            day = next_review or first_review(cadence, self.as_of)
            value = {"cadence": _cadence_value(cadence), "next": day.isoformat()}
            self.put("review", value, after=("start", "due_text", "due"))
            self.said.append(
                f"Reviewed {cadence_words(cadence)}, next by {describe_date(day.isoformat())}"
            )
            return
        if cadence is not None and _cadence_value(cadence) != review.get("cadence"):
            self.editor.set(f"{self.pointer}/review/cadence", _cadence_value(cadence))
            self.said.append(f"Review cadence changed to {cadence_words(cadence)}")
        if next_review is not None and next_review.isoformat() != review.get("next"):
            self.editor.set(f"{self.pointer}/review/next", next_review.isoformat())
            self.said.append(f"Next review set for {describe_date(next_review.isoformat())}")

    def status(self, status: ActionStatus, completed: date | None) -> None:
        old = self.current.get("status")
        if status.value != old:
            self.put("status", status.value, after=("review", "start", "due_text", "due"))
            words = f"Status changed from {_words(old)} to {_words(status.value)}"
            if old == ActionStatus.COMPLETE.value:
                words += " (reopened)"
            self.said.append(words)
        if status is ActionStatus.COMPLETE:
            day = (completed or self.as_of).isoformat()
            if self.current.get("completed") != day:
                self.put("completed", day, after=("status",))
                if status.value != old:
                    self.said[-1] += f", completed on {describe_date(day)}"
                else:
                    self.said.append(f"Completion date set to {describe_date(day)}")
        elif "completed" in self.current:
            # A reopened action is no longer complete; its old date would be a warning.
            self.editor.remove(f"{self.pointer}/completed")
            del self.current["completed"]


def _plan_record(repo: Repository, plan: str) -> Record:
    plans = [r for r in repo.records if r.kind == "action-plan"]
    wanted = plan.removeprefix("./")
    for record in plans:
        if wanted in (record.id, record.path):
            return record
    ids = [r.id for r in plans]
    raise UsageError(
        f"There is no action plan '{plan}' in {repo.root}.",
        did_you_mean(plan, ids) + (f"Plans: {', '.join(ids)}." if ids else "There are no plans."),
    )


def _key(finding: Finding) -> tuple[str, str, str]:
    """A finding, less its line (lines move when a change adds some)."""
    return finding.code, finding.location.pointer, finding.message


def _words(status: object) -> str:
    return str(status).replace("_", " ") if status else "none"


# A date written more than this many days outside a plan's own dates is more likely a
# missing --as-of (work on an old plan recorded on today's date) than the truth.
FAR_DAYS = 366


def _far_from(record: Record, as_of: date, index: int) -> Finding | None:
    """A warning when ``as_of``, the date the update records, is far from every date
    the plan holds (its period, approval, due dates and updates)."""
    days = sorted(_plan_dates(record.data))
    if not days:
        return None
    first, last = days[0], days[-1]
    if (as_of - last).days <= FAR_DAYS and (first - as_of).days <= FAR_DAYS:
        return None
    return Finding(
        code=codes.DATE_FAR.id,
        severity=Severity.WARNING,
        message=f"This update is dated {describe_date(as_of.isoformat())}, but the plan's "
        f"dates run from {describe_date(first.isoformat())} to "
        f"{describe_date(last.isoformat())}.",
        location=record.location(f"/actions/{index}"),
        hint="If the work was done at the time, give its date with --as-of YYYY-MM-DD "
        "(and --completed for a completion); set as_of in eqdiv.yaml for records of a past "
        "year.",
        record=record.id,
    )


def _plan_dates(data: Mapping[str, Any]) -> list[date]:
    found: list[object] = [data.get("approved")]
    period = data.get("period")
    if isinstance(period, dict):
        found += [period.get("start"), period.get("end")]
    actions = data.get("actions")
    for item in actions if isinstance(actions, list) else []:
        if not isinstance(item, dict):
            continue
        found += [item.get("due"), item.get("start"), item.get("completed")]
        updates = item.get("updates")
        found += (
            [u.get("date") for u in updates if isinstance(u, dict)]
            if isinstance(updates, list)
            else []
        )
    days = []
    for value in found:
        if isinstance(value, str) and value != "ongoing":
            try:
                days.append(Due.parse(value).deadline or date.fromisoformat(value))
            except ValueError:
                continue
    return [d for d in days if d is not None]


def _later(old: object, new: str) -> bool:
    """Whether due ``new`` lets the action run past the deadline ``old`` set."""
    if not isinstance(old, str) or old == "ongoing":
        return False
    try:
        before = Due.parse(old).deadline
        after = Due.parse(new).deadline
    except ValueError:
        return False
    return before is not None and (after is None or after > before)


def _due_words(value: object) -> str:
    if isinstance(value, str) and value != "ongoing" and len(value) in (7, 10):
        try:
            return describe_date(value)
        except ValueError:
            return value
    return str(value) if value else "none"


def _cadence_value(cadence: Cadence) -> str | list[str]:
    return list(cadence) if isinstance(cadence, tuple) else cadence
