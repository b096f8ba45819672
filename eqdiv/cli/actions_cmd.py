"""``eqdiv actions``: actions by urgency, filtered, as a list, JSON or CSV."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, repo_root, today
from eqdiv.cli.loading import load
from eqdiv.output.formats import ActionsFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("actions")(actions)


def actions(
    ctx: typer.Context,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only late actions (deadline or review passed).")
    ] = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            help="Only actions whose deadline or next review falls within DAYS from today "
            "(with --overdue: late ones too).",
            metavar="DAYS",
            min=0,
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Only actions this person owns.", metavar="ID")
    ] = None,
    plan: Annotated[
        str | None, typer.Option("--plan", help="Only actions in this plan.", metavar="ID")
    ] = None,
    element: Annotated[
        str | None,
        typer.Option(
            "--element",
            help="Only actions under this framework element (1 to 5) or module.",
            metavar="N",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Only actions with this status (not_started, in_progress, ongoing, "
            "complete, deferred, cancelled) or state (overdue, review_overdue, due_soon, "
            "review_due_soon, undated, on_track). Repeat for several.",
            metavar="S",
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Include complete and cancelled actions.")
    ] = False,
    format: Annotated[
        ActionsFormat, typer.Option("--format", "-f", help="How to write the list.")
    ] = ActionsFormat.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """List actions, most urgent first, with owners, due dates and state.

    Complete and cancelled actions are left out unless --all or --status names them.
    Exit 0, 2 for a usage error (including an owner, plan, element or status that
    matches nothing), 3 when eqdiv cannot run.
    """
    from eqdiv.actions.listing import ActionFilter, list_actions
    from eqdiv.output.actions import WRITERS

    root = repo_root(ctx, repo)
    selection = ActionFilter(
        overdue=overdue,
        due_within=due_within,
        owner=owner,
        plan=plan,
        element=element,
        statuses=tuple(status or ()),
        include_closed=all_,
    )
    records = load(ctx, root)
    listing = list_actions(records, today(as_of, records), selection)
    WRITERS[format.value](listing, root, sys.stdout)
