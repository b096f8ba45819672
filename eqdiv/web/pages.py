"""The pages that only read: status, actions, one action, EIAs and their scores,
validation findings, and the quarterly and annual reports. Each is a URL a colleague
can be sent; each is worked out by the same core function as its command."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, current_app, request

from eqdiv.actions.listing import STATUS_CHOICES, ActionFilter, list_actions
from eqdiv.actions.state import ActionState, derive_state
from eqdiv.actions.words import action_entry, state_words
from eqdiv.authoring.record_commit import pending_changes
from eqdiv.checks.validation import validate
from eqdiv.eia.summary import eia_quality
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.findings import sort_findings
from eqdiv.model.plans import Action
from eqdiv.output.actions import left_out_words, summary_words
from eqdiv.report import (
    Report,
    annual_for,
    annual_report,
    quarter_for,
    quarterly_report,
    render_report,
)
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.status import build_status
from eqdiv.store.repository import Repository, load_repository
from eqdiv.web.rendering import page, today


def root() -> Path:
    folder = current_app.config["EQDIV_ROOT"]
    assert isinstance(folder, Path)
    return folder


def load() -> Repository:
    """The records as they are on disk now: every request reads them afresh, so a page
    never shows a file as it was before someone changed it."""
    return load_repository(root(), SchemaSet.load())


def _arg(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return value or None


def status_page() -> Response:
    repo = load()
    screen = build_status(repo, today(), _arg("owner"))
    blocks = [b for b in (s.block() for s in screen.sections) if b is not None]
    return page(
        "status.html",
        title="Status",
        current="status",
        screen=screen,
        blocks=blocks,
        uncommitted=_uncommitted(),
    )


def _uncommitted() -> int:
    """How many record files differ from the last commit (0 when read-only, or when
    the records are not in git: the changes page says why)."""
    if current_app.config["EQDIV_READ_ONLY"]:
        return 0
    try:
        return len(pending_changes(root()).files)
    except EqdivError:
        return 0


def actions_page() -> Response:
    repo = load()
    state = _arg("state")
    selection = ActionFilter(
        owner=_arg("owner"),
        plan=_arg("plan"),
        statuses=(state,) if state else (),
        include_closed=request.args.get("all") == "1",
    )
    problem = None
    try:
        listing = list_actions(repo, today(), selection)
    except UsageError as err:
        # A filter that matches nothing: say so beside the filters, list everything.
        problem = err
        listing = list_actions(repo, today())
    rows = [
        (item, action_entry(item, listing.owners_of(item), item.action.ref, state_words(item)))
        for item in listing.items
    ]
    return page(
        "actions.html",
        200 if problem is None else 400,
        title="Actions",
        current="actions",
        listing=listing,
        rows=rows,
        summary=summary_words(listing),
        left_out=left_out_words(listing),
        problem=problem,
        plans=sorted(p.id for p in repo.plans),
        owners=sorted({o for a in repo.actions for o in a.owners}),
        states=STATUS_CHOICES,
        chosen={"plan": selection.plan, "owner": selection.owner, "state": state},
        show_all=selection.include_closed,
    )


def find_action(repo: Repository, plan: str, action: str) -> Action:
    found = repo.action_index.get(f"{plan}/{action}")
    if found is None:
        raise UsageError(
            f"There is no action {action} in plan {plan}.",
            "The actions page lists every action.",
        )
    return found


def eias_page() -> Response:
    repo = load()
    result = eia_quality(repo, as_of=today())
    return page("eias.html", title="EIAs", current="eias", result=result)


def eia_page(eia_id: str) -> Response:
    repo = load()
    result = eia_quality(repo, [eia_id], as_of=today())
    scores = [s for s in result.scores if s.eia.id == eia_id]
    if not scores:
        raise UsageError(
            f"The EIA {eia_id} cannot be scored: its file has errors.",
            "The findings page shows what to fix.",
        )
    return page("eia.html", title=f"EIA {eia_id}", current="eias", score=scores[0])


def findings_page() -> Response:
    repo = load()
    result = validate(repo, today())
    return page(
        "findings.html",
        title="Findings",
        current="findings",
        findings=sort_findings(result.findings),
        files=frozenset(repo.files),
    )


def report_page(kind: str) -> Response:
    repo = load()
    day = today()
    period = _arg("period")
    model: Report
    if kind == "quarterly":
        model = quarterly_report(repo, day, quarter_for(repo, day, period))
        template = "quarterly.html"
    else:
        model = annual_report(repo, day, annual_for(repo, day, period))
        template = "annual.html"
    html = render_report(model, template, repo.root)
    return Response(html, mimetype="text/html")


def action_state(repo: Repository, plan: str, action: str) -> ActionState:
    return derive_state(find_action(repo, plan, action), today(), repo.config.due_soon_days)


def register(app: Flask) -> None:
    app.add_url_rule("/", "status", status_page)
    app.add_url_rule("/actions", "actions", actions_page)
    app.add_url_rule("/eias", "eias", eias_page)
    app.add_url_rule("/eias/<eia_id>", "eia", eia_page)
    app.add_url_rule("/findings", "findings", findings_page)
    app.add_url_rule("/reports/quarterly", "quarterly", report_page, defaults={"kind": "quarterly"})
    app.add_url_rule("/reports/annual", "annual", report_page, defaults={"kind": "annual"})
