"""``eqdiv import plan``: a spreadsheet action plan (CSV or .xlsx) as a record."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from eqdiv.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    RepoOption,
    ReportFormat,
    TextOrJson,
    cadence_option,
    new_file,
    print_json,
    repo_root,
    today,
)
from eqdiv.model.errors import UsageError

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


class Framework(StrEnum):
    eslg_2007 = "eslg-2007"
    eflg_2021 = "eflg-2021"


import_app = typer.Typer(
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
    sheet: Annotated[
        str | None,
        typer.Option(help="The sheet of an .xlsx workbook (default: the first).", metavar="NAME"),
    ] = None,
    action_column: Annotated[str | None, _column("action")] = None,
    owner_column: Annotated[str | None, _column("owner")] = None,
    due_column: Annotated[str | None, _column("due")] = None,
    element_column: Annotated[str | None, _column("element")] = None,
    number_column: Annotated[str | None, _column("number")] = None,
    status_column: Annotated[str | None, _column("status")] = None,
    completed_column: Annotated[str | None, _column("completed")] = None,
    update_column: Annotated[str | None, _column("update")] = None,
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the record (default: plans/ID.yaml).", metavar="PATH"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the record; write nothing.")
    ] = False,
    allow_gaps: Annotated[
        bool,
        typer.Option(
            "--allow-gaps",
            help="Write the record even if some cells could not be read, leaving those "
            "fields blank for you to fill in.",
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
    from eqdiv.authoring.drafts import check_draft
    from eqdiv.authoring.naming import FOLDERS, taken_ids
    from eqdiv.authoring.plan_import import ImportOptions, import_plan
    from eqdiv.authoring.tables import read_table
    from eqdiv.model.findings import Severity
    from eqdiv.model.json_parts import envelope, finding_to_dict
    from eqdiv.output.authoring import plural, render_findings, render_problems
    from eqdiv.output.console import display_path, make_console
    from eqdiv.store.atomic_write import write_atomic
    from eqdiv.store.repository import load_repository

    root = repo_root(ctx, repo)
    day = today(as_of)
    cadence = cadence_option(review)
    names = dict(_mapping(item) for item in person or [])
    columns = {
        role: given
        for role, given in (
            ("action", action_column),
            ("owner", owner_column),
            ("due", due_column),
            ("element", element_column),
            ("number", number_column),
            ("status", status_column),
            ("completed", completed_column),
            ("update", update_column),
        )
        if given
    }
    existing = load_repository(root)
    table = read_table(file, sheet)
    folder = FOLDERS["action-plan"]
    result = import_plan(
        table,
        day,
        ImportOptions(
            plan_id=plan_id,
            title=title,
            owner=owner,
            framework=framework.value if framework else None,
            columns=columns,
            review=cadence,
            people=frozenset(existing.people),
            names=names,
            year_start_month=existing.config.year_start_month,
            taken=taken_ids(root, {r.id for r in existing.records}, folder),
        ),
    )
    record = result.record
    path: str | None = None
    findings: tuple[Any, ...] = ()
    if record is not None:
        path = new_file(root, output) if output else f"{folder}/{record['id']}.yaml"
        if (root / path).exists():
            raise UsageError(
                f"{path} already exists; eqdiv does not overwrite it.",
                "Choose another id with --id, or another file with --output.",
            )
        findings = check_draft(root, path, result.text.encode("utf-8"), day).findings
    errors = bool(result.errors) or any(f.severity is Severity.ERROR for f in findings)
    write = record is not None and not dry_run and (not errors or allow_gaps)
    if write:
        assert path is not None
        write_atomic(root / path, result.text.encode("utf-8"), new=True)

    if format is TextOrJson.json:
        report = {
            **envelope("import plan", str(root), day.isoformat()),
            "source": result.source,
            "path": path,
            "written": write,
            "actions": result.actions,
            "problems": [p.to_dict() for p in result.problems],
            "findings": [finding_to_dict(f) for f in findings],
            "record": record,
        }
        print_json(report)
    else:
        console = make_console(stderr=dry_run)
        render_problems(console, table.source, result.problems)
        if findings and not result.errors:
            render_findings(console, root, findings)
        if dry_run:
            sys.stdout.write(result.text)
        shown = display_path(root, path) if path else None
        if write:
            console.print(
                f"[ok]Wrote[/] {shown}: {plural(result.actions, 'action')} from {table.source}."
            )
            if errors:
                console.print("Fill in the blanks marked in it, then run `eqdiv validate`.")
        elif not dry_run and result.errors:
            console.print(
                f"[error]Nothing was written:[/] fix the problems above in {file.name} "
                "and import it again, or use --allow-gaps to write what could be read."
            )
        elif not dry_run:
            console.print(
                "[error]Nothing was written:[/] the record would bring the problems above "
                "into the repository."
            )
    if errors:
        raise typer.Exit(EXIT_FINDINGS)


def _mapping(item: str) -> tuple[str, str]:
    text, sep, person = item.rpartition("=")
    if not sep or not text.strip() or not person.strip():
        raise UsageError(f"--person '{item}' is not TEXT=ID.", "For example 'Manager=DH'.")
    return text.strip(), person.strip()
