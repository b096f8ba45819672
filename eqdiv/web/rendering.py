"""Rendering a page of the application, and what every page shares: the day, the
settings, the CSRF token."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date

from flask import Response, g, session

from eqdiv.report.templating import render

CSRF_FIELD = "csrf_token"


def page(name: str, code: int = 200, /, **context: object) -> Response:
    """A page from ``templates/web/``, rendered by eqdiv's one Jinja environment (HTML
    autoescaped: record text is shown, never run). Built-in templates only: a records
    repository's own templates change its reports, not this application."""
    settings: Mapping[str, object] = g.get("settings", {})
    html = render(f"web/{name}", {**settings, **context, "csrf_token": csrf_token()})
    return Response(html, status=code, mimetype="text/html")


def csrf_token() -> str:
    """This browser session's token, made on first use; every form carries it."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


def today() -> date:
    """The day the pages are worked out for: ``--as-of``, or the clock (the web layer
    is an edge, like the command line, and may read it)."""
    fixed = g.get("as_of_fixed")
    return fixed if isinstance(fixed, date) else date.today()
