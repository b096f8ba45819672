"""``eqdiv import plan``: a spreadsheet action plan (CSV or .xlsx) as a record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from eqdiv.cli.common import (
    AsOf,
    EqdivGroup,
    RepoOption,
    ReportFormat,
    cadence_option,
    new_file,
    repo_root,
    today,
)
from eqdiv.cli.options import DryRun, Framework, Sheet, allow_gaps_option, finish, record_output
from eqdiv.model.errors import UsageError
from eqdiv.output.formats import TextOrJson

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


import_app = typer.Typer(
    cls=EqdivGroup,  # lists census, cases and workforce without loading them
    name="import",
    help="Bring records in from elsewhere: `eqdiv import plan FILE` reads a spreadsheet "
    "action plan.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


_HOLDS = {
    "action": "the actions",
    "owner": "who does each action",
    "due": "the due dates",
    "element": "the framework element",
    "number": "the element numbers",
    "status": "each action's status",
    "completed": "completion dates",
    "update": "progress notes",
}


def _column(role: str) -> Any:
    return typer.Option(
        f"--{role}-column",
        help=f"The column holding {_HOLDS[role]}: its heading, or its letter.",
        metavar="COLUMN",
        show_default=False,
    )


@import_app.command("plan")
def import_plan_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="The spreadsheet: .csv, or .xlsx.", metavar="FILE", show_default=False),
    ],
    plan_id: Annotated[
        str | None,
        typer.Option("--id", help="The plan's id (default: from its title).", metavar="ID"),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(help="The plan's title (default: the line above the table).", metavar="TEXT"),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            help="Who is accountable for the plan (a people id). Default: the owner of "
            "every action, if there is one.",
            metavar="ID",
        ),
    ] = None,
    framework: Annotated[
        Framework | None,
        typer.Option(help="The framework (default: worked out from the element column)."),
    ] = None,
    review: Annotated[
        str,
        typer.Option(
            help="How ongoing actions with no cadence of their own are reviewed: monthly, "
            "quarterly, half-yearly, annually, or months such as 'July,October,January'.",
            metavar="CADENCE",
        ),
    ] = "quarterly",
    person: Annotated[
        list[str] | None,
        typer.Option(
            help="Read TEXT in the owner column as people id ID, e.g. 'Service "
            "Manager=DH'. Repeat for each.",
            metavar="TEXT=ID",
        ),
    ] = None,
    sheet: Sheet = None,
    action_column: Annotated[str | None, _column("action")] = None,
    owner_column: Annotated[str | None, _column("owner")] = None,
    due_column: Annotated[str | None, _column("due")] = None,
    element_column: Annotated[str | None, _column("element")] = None,
    number_column: Annotated[str | None, _column("number")] = None,
    status_column: Annotated[str | None, _column("status")] = None,
    completed_column: Annotated[str | None, _column("completed")] = None,
    update_column: Annotated[str | None, _column("update")] = None,
    output: Annotated[Path | None, record_output("plans")] = None,
    dry_run: DryRun = False,
    allow_gaps: Annotated[
        bool, allow_gaps_option("those fields are left blank for you to fill in.")
    ] = False,
    add_people: Annotated[
        bool,
        typer.Option(
            "--add-people",
            help="Add owners the people directory does not list to it, each as a role to "
            "fill in (for a plan brought into a new records repository).",
        ),
    ] = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Turn a spreadsheet action plan into an action-plan record in plans/.

    The plan's date is --as-of (default today): dates written without a year are read
    against it, first reviews count from it, and notes found beside a due date are
    dated with it. Every cell eqdiv cannot read is reported by row and column, and
    nothing is written until they are fixed (or --allow-gaps). Exit 0 when the record
    was written (or shown) cleanly, 1 when there are problems, 2 for a usage error.
    """
    from eqdiv.authoring.plan_intake import PlanRequest, import_plan_file
    from eqdiv.output.authoring import render_plan_import

    root = repo_root(ctx, repo)
    day = today(as_of, root)
    roles = {"action": action_column, "owner": owner_column, "due": due_column}
    roles |= {"element": element_column, "number": number_column, "status": status_column}
    roles |= {"completed": completed_column, "update": update_column}
    request = PlanRequest(
        file=file,
        sheet=sheet,
        plan_id=plan_id,
        title=title,
        owner=owner,
        framework=framework.value if framework else None,
        columns={role: given for role, given in roles.items() if given},
        review=cadence_option(review),
        names=dict(_mapping(item) for item in person or []),
        output=new_file(root, output) if output else None,
        dry_run=dry_run,
        allow_gaps=allow_gaps,
        add_people=add_people,
    )
    outcome = import_plan_file(root, request, day)
    finish(outcome, format, lambda: render_plan_import(outcome, file.name, dry_run=dry_run))


def _mapping(item: str) -> tuple[str, str]:
    text, sep, person = item.rpartition("=")
    if not sep or not text.strip() or not person.strip():
        raise UsageError(f"--person '{item}' is not TEXT=ID.", "For example 'Manager=DH'.")
    return text.strip(), person.strip()
