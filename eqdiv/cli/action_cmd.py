"""``eqdiv action update``: change one action and record an update, in place."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from eqdiv.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    RepoOption,
    ReportFormat,
    TextOrJson,
    cadence_option,
    parse_as_of,
    print_json,
    repo_root,
    today,
)
from eqdiv.model.errors import EqdivError, UsageError

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


class Status(StrEnum):
    not_started = "not_started"
    in_progress = "in_progress"
    ongoing = "ongoing"
    complete = "complete"
    deferred = "deferred"
    cancelled = "cancelled"


action_app = typer.Typer(
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
    status: Annotated[Status | None, typer.Option(help="The action's new status.")] = None,
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
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change to the file; write nothing.")
    ] = False,
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
    from eqdiv.authoring.action_update import ActionChange, update_action
    from eqdiv.model.json_parts import envelope, finding_to_dict
    from eqdiv.model.plans import ActionStatus
    from eqdiv.output.authoring import render_diff, render_findings, unified_diff
    from eqdiv.output.console import display_path, make_console
    from eqdiv.store.atomic_write import write_atomic

    if not any(v is not None for v in (status, due, completed, review, next_review, note)):
        raise UsageError(
            "Say what to change: --status, --due, --completed, --review, --next-review or --note."
        )
    if completed is not None and status not in (None, Status.complete):
        raise UsageError("--completed goes with --status complete, not with another status.")
    cadence = cadence_option(review) if review is not None else None
    root = repo_root(ctx, repo)
    day = today(as_of)
    change = ActionChange(
        status=ActionStatus(status.value) if status else None,
        due=due,
        completed=completed if isinstance(completed, date) else None,
        next_review=next_review if isinstance(next_review, date) else None,
        review=cadence,
        note=" ".join(note.split()) if note else None,
        by=by,
    )
    result = update_action(root, plan, action, change, day)
    write = result.changed and not result.blocked and not dry_run
    if write:
        target = root / result.path
        if target.read_bytes() != result.before:
            raise EqdivError(
                f"{result.path} changed while eqdiv was working on it; nothing was written.",
                "Run the command again.",
            )
        write_atomic(target, result.after)

    shown = display_path(root, result.path)
    if format is TextOrJson.json:
        report = {
            **envelope("action update", str(root), day.isoformat()),
            "plan": result.plan,
            "action": result.action,
            "path": result.path,
            "written": write,
            "blocked": result.blocked,
            "changes": list(result.changes),
            "findings": [finding_to_dict(f) for f in result.findings],
            "diff": unified_diff(result.before, result.after, result.path),
        }
        print_json(report)
    else:
        console = make_console()
        render_findings(console, root, result.findings)
        name = f"action {result.action} of {result.plan}"
        if result.blocked:
            console.print(
                f"[error]Nothing was written:[/] this change would leave {shown} with the "
                "problems above."
            )
        elif not result.changed:
            console.print(f"Nothing to change: {name} is already like that.")
        elif dry_run:
            render_diff(console, unified_diff(result.before, result.after, shown))
            console.print(f"Nothing was written (--dry-run). This would update {name}.")
        else:
            done = "; ".join(c[0].lower() + c[1:] for c in [*result.changes, "An update added"])
            console.print(f"[ok]Updated[/] {name} in {shown}: {done}.")
    if result.blocked:
        raise typer.Exit(EXIT_FINDINGS)
