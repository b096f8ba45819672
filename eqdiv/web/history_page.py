"""A record's history (``eqdiv history``): each commit that changed it, oldest first,
in the records' own terms, and what is not committed yet. The subject is a record id
or PLAN/ACTION, looked up among the records (an unknown one is said in words)."""

from __future__ import annotations

from flask import Flask, Response

from eqdiv.model.blocks import plural
from eqdiv.output.history import entry_block, notes
from eqdiv.review.history import history
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.gitrepo import GitError
from eqdiv.web.pages import root
from eqdiv.web.rendering import page


def history_page(subject: str) -> Response:
    try:
        found = history(root(), subject, SchemaSet.load())
    except GitError as err:
        return page(
            "history.html",
            409,
            title=f"History of {subject}",
            current="records",
            unavailable=" ".join(filter(None, [err.message, err.hint])),
        )
    what = "action" if found.kind == "action" else "record"
    return page(
        "history.html",
        title=f"History of {subject}",
        current="actions" if found.kind == "action" else "records",
        unavailable="",
        found=found,
        lead=f"The {what} {subject}{f': {found.title}' if found.title else ''}, in "
        f"{found.path}. {plural(len(found.entries), 'commit')} changed it, oldest first.",
        blocks=[entry_block(e) for e in found.entries],
        notes=notes(found),
    )


def register(app: Flask) -> None:
    app.add_url_rule("/history/<path:subject>", "history", history_page)
