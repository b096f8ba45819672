"""Saving to git from the browser: what changed since the last commit (as ``eqdiv
review HEAD`` describes it, with the problems the change introduces), a form to commit
chosen files with a message, and a settings page for the name and e-mail address a
commit carries. Nothing is ever pushed. A read-only server has none of it."""

from __future__ import annotations

from flask import Flask, Response, flash, get_flashed_messages, redirect, request, session, url_for

from eqdiv.authoring.record_commit import (
    MAX_NAME,
    PendingChanges,
    commit_records,
    pending_changes,
)
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.review import review
from eqdiv.review.review_words import blocks, verdict
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.gitrepo import GitError
from eqdiv.web.pages import root
from eqdiv.web.rendering import page, today

AUTHOR = "eqdiv_author"  # the session's name and e-mail, from the settings page


def author(pending: PendingChanges | None) -> tuple[str, str]:
    """Who a commit is by: the settings page's name and e-mail, else git's own."""
    kept = session.get(AUTHOR)
    if isinstance(kept, list) and len(kept) == 2 and all(isinstance(p, str) for p in kept):
        return kept[0], kept[1]
    return pending.identity if pending is not None else ("", "")


def _show(
    code: int = 200, *, message: str = "", chosen: list[str] | None = None, problem: str = ""
) -> Response:
    try:
        pending = pending_changes(root())
    except GitError as err:
        return page(
            "changes.html",
            409 if code == 200 else code,
            title="Changes",
            current="changes",
            unavailable=" ".join(filter(None, [err.message, err.hint])),
            saved=get_flashed_messages(),
        )
    found = None
    if pending.files:
        found = review(root(), "HEAD", None, as_of=today(), schemas=SchemaSet.load())
    return page(
        "changes.html",
        code,
        title="Changes",
        current="changes",
        unavailable="",
        pending=pending,
        verdict=verdict(found) if found else "",
        blocks=blocks(found) if found else [],
        introduced=len(found.findings.introduced) if found else 0,
        author=author(pending),
        message=message,
        chosen=set(chosen if chosen is not None else [f.key for f in pending.files]),
        problem=problem,
        saved=get_flashed_messages(),
    )


def changes_page() -> Response:
    return _show()


def commit() -> Response:
    chosen = request.form.getlist("path")
    message = request.form.get("message", "")
    try:
        who = author(pending_changes(root()))
        outcome = commit_records(root(), chosen, message, who, today())
    except (UsageError, GitError) as err:
        said = " ".join(filter(None, [err.message, err.hint]))
        return _show(
            400 if isinstance(err, UsageError) else 409,
            message=message,
            chosen=chosen,
            problem=said,
        )
    made = outcome.commit
    flash(
        f"Committed {made.short} on {outcome.branch or 'the checked-out commit'} by "
        f"{made.author}: “{made.subject}” ({len(outcome.paths)} file"
        f"{'' if len(outcome.paths) == 1 else 's'}). It is on this computer only: "
        "nothing was pushed."
    )
    return redirect(url_for("changes"), code=303)  # type: ignore[return-value]


def settings_page(code: int = 200, problems: dict[str, str] | None = None) -> Response:
    try:
        identity = pending_changes(root()).identity
    except EqdivError:
        identity = ("", "")
    name, email = author(None) if session.get(AUTHOR) else identity
    if problems is not None:
        name, email = request.form.get("name", ""), request.form.get("email", "")
    return page(
        "settings.html",
        code,
        title="Settings",
        current="settings",
        name=name,
        email=email,
        identity=identity,
        problems=problems or {},
        saved=get_flashed_messages(),
    )


def save_settings() -> Response:
    name = " ".join(request.form.get("name", "").split())
    email = request.form.get("email", "").strip()
    problems = {}
    if not name:
        problems["name"] = "Give the name your commits should carry (a role is fine)."
    elif len(name) > MAX_NAME or "<" in name or ">" in name:
        problems["name"] = f"A name is at most {MAX_NAME} characters, without < or >."
    if not email or " " in email or "@" not in email:
        problems["email"] = "Give an e-mail address, such as equality@partnership.example."
    elif len(email) > MAX_NAME or "<" in email or ">" in email:
        problems["email"] = f"An e-mail address is at most {MAX_NAME} characters, without < or >."
    if problems:
        return settings_page(400, problems)
    session[AUTHOR] = [name, email]
    flash(f"Your commits will be made as {name} <{email}> until the server stops.")
    return redirect(url_for("settings"), code=303)  # type: ignore[return-value]


def register(app: Flask) -> None:
    app.add_url_rule("/changes", "changes", changes_page, methods=["GET"])
    app.add_url_rule("/changes", "commit", commit, methods=["POST"])
    app.add_url_rule("/settings", "settings", settings_page, methods=["GET"])
    app.add_url_rule("/settings", "save_settings", save_settings, methods=["POST"])
