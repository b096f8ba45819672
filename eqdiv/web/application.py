"""The application factory: one records repository, its pages, and the rules every
request goes through (a CSRF token on every form, read-only mode, error pages that
say what went wrong in words and never show a traceback)."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from flask import Flask, Request, Response, g, request, session
from werkzeug.exceptions import HTTPException

from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.store.locate import check_root
from eqdiv.web import (
    action_form,
    consultation_pages,
    git_pages,
    history_page,
    new_record,
    pages,
    record_pages,
)
from eqdiv.web.rendering import CSRF_FIELD, page


class _Request(Request):
    # A record's whole text is one form field: as large as a record file may be
    # (werkzeug's own bound for a field is 500 kB).
    max_form_memory_size = 2 * MAX_RECORD_BYTES


# Pages that exist only to change the records: a read-only server has none of them.
WRITING_PAGES = frozenset({"changes", "settings", "record_form", "record_text", "new", "new_kind"})


def create_app(root: str | Path, *, read_only: bool = False, as_of: date | None = None) -> Flask:
    """The application for the records repository at ``root``. ``read_only`` refuses
    every change (403); ``as_of`` fixes the day (default: today, at each request)."""
    folder = check_root(Path(root))
    app = Flask("eqdiv.web")
    app.request_class = _Request
    # A fresh key each start: a browser's session (its CSRF token) lasts as long as the
    # server does, and nothing secret needs keeping on disk.
    app.secret_key = secrets.token_bytes(32)
    app.config.update(
        EQDIV_ROOT=folder,
        EQDIV_READ_ONLY=read_only,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        MAX_CONTENT_LENGTH=2 * MAX_RECORD_BYTES,  # a form or a record's text, never an upload
    )

    @app.before_request
    def _guard() -> Response | None:
        g.as_of_fixed = as_of
        g.settings = {"read_only": read_only, "root_name": folder.name}
        writing = request.method not in ("GET", "HEAD") or request.endpoint in WRITING_PAGES
        if writing:
            if read_only:
                return page(
                    "error.html",
                    403,
                    title="Read-only",
                    message="This eqdiv is read-only: nothing can be changed here.",
                    hint="Ask whoever started it to run `eqdiv serve` without --read-only.",
                )
            if request.method in ("GET", "HEAD"):
                return None
            sent = request.form.get(CSRF_FIELD, "")
            kept = session.get(CSRF_FIELD)
            if not isinstance(kept, str) or not secrets.compare_digest(sent, kept):
                return page(
                    "error.html",
                    400,
                    title="Form expired",
                    message="This form could not be checked as coming from this page, "
                    "so nothing was changed.",
                    hint="Go back, reload the page and try again.",
                )
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.errorhandler(EqdivError)
    def _eqdiv_error(err: EqdivError) -> Response:
        return page(
            "error.html",
            400 if isinstance(err, UsageError) else 500,
            title="Cannot show this",
            message=err.message,
            hint=err.hint,
        )

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> Response:
        code = err.code or 500
        words = {404: "There is no page here.", 405: "This page cannot do that."}
        return page(
            "error.html",
            code,
            title=err.name,
            message=words.get(code, err.description or err.name),
            hint="Start again from the status page.",
        )

    @app.errorhandler(500)
    def _internal(err: Exception) -> Response:
        # Anything unforeseen: a plain page, never a traceback in the browser (the
        # server's log has the details).
        return page(
            "error.html",
            500,
            title="Something went wrong",
            message="eqdiv could not show this page.",
            hint="The window where `eqdiv serve` runs says more. Nothing was changed.",
        )

    pages.register(app)
    action_form.register(app)
    git_pages.register(app)
    record_pages.register(app)
    new_record.register(app)
    consultation_pages.register(app)
    history_page.register(app)
    return app
