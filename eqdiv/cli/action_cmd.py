"""``eqdiv action update``: change one action and record an update, in place."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from eqdiv.cli.common import (
    AsOf,
    EqdivGroup,
    RepoOption,
    ReportFormat,
    cadence_option,
    parse_as_of,
    repo_root,
    today,
)
from eqdiv.cli.options import DryRun, finish
from eqdiv.model.plans import ActionStatus
from eqdiv.output.formats import TextOrJson

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


action_app = typer.Typer(
    cls=EqdivGroup,  # its --help flag taken as given, without typer's pydantic adapter
    name="action",
    help="Work on one action of a plan: `eqdiv action update PLAN ACTION ...`.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(action_app, name="action")


@action_app.command("update")
def update(
    ctx: typer.Context,
    plan: Annotated[
        str, typer.Argument(help="The plan's id (or its file).", metavar="PLAN", show_default=False)
    ],
    action: Annotated[
        str,
        typer.Argument(help="The action's id, such as 1d.", metavar="ACTION", show_default=False),
    ],
    status: Annotated[ActionStatus | None, typer.Option(help="The action's new status.")] = None,
    due: Annotated[
        str | None,
        typer.Option(
            help="The new due date: a day (2007-12-31), a month (2007-12, or Dec-07) or 'ongoing'.",
            metavar="DUE",
        ),
    ] = None,
    completed: Annotated[
        str | None,
        typer.Option(
            help="When it was completed (YYYY-MM-DD); implies --status complete. "
            "Default with --status complete: the --as-of date.",
            metavar="DATE",
            callback=parse_as_of,
        ),
    ] = None,
    review: Annotated[
        str | None,
        typer.Option(
            help="How an ongoing action is reviewed: monthly, quarterly, half-yearly, "
            "annually, or months such as 'July,October,January'.",
            metavar="CADENCE",
        ),
    ] = None,
    next_review: Annotated[
        str | None,
        typer.Option(
            "--next-review",
            help="The date of its next review (YYYY-MM-DD).",
            metavar="DATE",
            callback=parse_as_of,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="What happened, for the update entry.", metavar="TEXT")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="Who is making the update (a people id). Default: the action's first owner.",
            metavar="ID",
        ),
    ] = None,
    dry_run: DryRun = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Change one action (status, due date, completion, review) and add an update entry
    dated --as-of saying what changed, in place: the rest of the file, its comments and
    its layout, stay exactly as they were.

    The change is validated against the whole repository first; if it would add an
    error, nothing is written and the problems are shown (exit 1). The file is replaced
    in one step, so an interruption leaves the old one whole.
    """
    from eqdiv.authoring.action_update import ActionChange, update_action_file
    from eqdiv.output.authoring import render_action_update

    change = ActionChange(
        status=status,
        due=due,
        completed=completed if isinstance(completed, date) else None,
        next_review=next_review if isinstance(next_review, date) else None,
        review=cadence_option(review) if review is not None else None,
        note=" ".join(note.split()) if note is not None else None,
        by=by,
    )
    root = repo_root(ctx, repo)
    outcome = update_action_file(root, plan, action, change, today(as_of, root), dry_run=dry_run)
    finish(outcome, format, lambda: render_action_update(outcome, dry_run=dry_run))
