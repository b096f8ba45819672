"""One action's page, and its form for recording progress: a new status, a note, a
new due date with the reason for it. A save goes through ``update_action_file``, the
function behind ``eqdiv action update``: validated against the whole repository
before anything is written, written in one step, comments and layout kept. A change
that would add an error is refused with the finding beside the field it is about,
and the file is left as it was."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from flask import Flask, Response, flash, get_flashed_messages, redirect, request, url_for

from eqdiv.authoring.action_update import ActionChange, update_action_file
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.findings import Finding
from eqdiv.model.plans import ActionStatus
from eqdiv.store.repository import Repository
from eqdiv.web.pages import action_state, load, root
from eqdiv.web.rendering import page, today

FIELDS = ("status", "due", "note", "by")


@dataclass
class FormState:
    """What the person typed, and what is wrong with it, field by field."""

    values: dict[str, str] = field(default_factory=lambda: dict.fromkeys(FIELDS, ""))
    problems: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    conflict: bool = False

    def add(self, name: str | None, text: str) -> None:
        if name in FIELDS:
            self.problems.setdefault(name, []).append(text)
        else:
            self.general.append(text)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _show(repo: Repository, plan: str, action: str, form: FormState, status: int) -> Response:
    item = action_state(repo, plan, action)
    path = item.action.location.path
    current = (root() / path).read_bytes()
    return page(
        "action.html",
        status,
        title=f"Action {action}",
        current="actions",
        item=item,
        owners=[repo.people.get(o) for o in item.action.owners],
        form=form,
        statuses=[s.value for s in ActionStatus],
        digest=digest(current),
        saved=get_flashed_messages(),
    )


def action_page(plan: str, action: str) -> Response:
    return _show(load(), plan, action, FormState(), 200)


def _field_of(finding: Finding) -> str | None:
    """The form field a finding is about, from the last key of its JSON pointer."""
    last = finding.location.pointer.rstrip("/").rsplit("/", 1)[-1]
    return {"due": "due", "start": "due", "due_text": "due", "review": "due"}.get(
        last, "status" if last in ("status", "completed") else "note" if last else None
    )


def _usage_field(err: UsageError) -> str | None:
    for name in FIELDS:
        if err.message.startswith(f"--{name}"):
            return name
    return None


def _read_form() -> tuple[FormState, ActionChange | None]:
    form = FormState(values={name: request.form.get(name, "").strip() for name in FIELDS})
    v = form.values
    status = None
    if v["status"]:
        try:
            status = ActionStatus(v["status"])
        except ValueError:
            form.add("status", f"'{v['status']}' is not a status.")
    if v["due"] and not v["note"]:
        form.add("note", "Say why the date moves: the reason is kept with the update.")
    if not (v["status"] or v["due"] or v["note"]):
        form.add(None, "Nothing to save: choose a status, give a new date, or write a note.")
    if form.problems or form.general:
        return form, None
    change = ActionChange(
        status=status,
        due=v["due"] or None,
        note=" ".join(v["note"].split()) or None,
        by=v["by"] or None,
    )
    return form, change


def save_action(plan: str, action: str) -> Response:
    repo = load()
    item = action_state(repo, plan, action)
    path = item.action.location.path
    form, change = _read_form()
    if change is None:
        return _show(repo, plan, action, form, 400)
    if request.form.get("digest", "") != digest((root() / path).read_bytes()):
        form.conflict = True
        form.add(
            None,
            f"Someone changed {path} after you opened this page, so nothing was saved. "
            "The page now shows the action as it is; check it, then save again.",
        )
        return _show(repo, plan, action, form, 409)
    try:
        outcome = update_action_file(root(), plan, action, change, today())
    except UsageError as err:
        name = _usage_field(err)
        # The command line's words name its option (--due); beside the field they need not.
        text = err.message.removeprefix(f"--{name} ") if name else err.message
        form.add(name, " ".join(filter(None, [text, err.hint])))
        return _show(repo, plan, action, form, 400)
    except EqdivError as err:  # changed while it was being saved
        form.conflict = True
        form.add(None, " ".join(filter(None, [err.message, err.hint])))
        return _show(load(), plan, action, form, 409)
    if outcome.failed:
        for finding in outcome.update.findings:
            where = f"{finding.location.path}, line {finding.location.line}"
            hint = f" {finding.hint}" if finding.hint else ""
            form.add(_field_of(finding), f"{finding.message} ({where}){hint}")
        form.add(None, f"Nothing was saved: {path} is as it was.")
        return _show(repo, plan, action, form, 400)
    said = "; ".join(outcome.update.changes) or "Note added"
    flash(f"Saved to {path}. {said}." if outcome.written else "Nothing changed.")
    return redirect(url_for("action", plan=plan, action=action), code=303)  # type: ignore[return-value]


def register(app: Flask) -> None:
    app.add_url_rule("/actions/<plan>/<action>", "action", action_page, methods=["GET"])
    app.add_url_rule("/actions/<plan>/<action>", "save_action", save_action, methods=["POST"])
