"""``eqdiv import workforce``: a workforce return from HR's spreadsheet of aggregate
figures (CSV or .xlsx)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    RepoOption,
    ReportFormat,
    new_file,
    parse_as_of,
    parse_period_option,
    print_json,
    repo_root,
    today,
)
from eqdiv.output.formats import TextOrJson

# Lazy imports: the command imports the spreadsheet reader when it runs, so that
# `eqdiv --help` and every other command start without loading it.


def register(import_group: typer.Typer) -> None:
    """Add ``workforce`` to the ``eqdiv import`` group."""
    import_group.command("workforce")(import_workforce_command)


def import_workforce_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="HR's figures: .csv or .xlsx, one figure a row.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    partner: Annotated[
        str,
        typer.Option(
            "--partner", help="The partner the return is for (an id from eqdiv.yaml).", metavar="ID"
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The quarter (2007-Q3) or year (2007 or 2007/08) the figures cover.",
            metavar="PERIOD",
            callback=parse_period_option,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", help="Or: the period's first day.", metavar="DATE", callback=parse_as_of
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--end", help="And its last day.", metavar="DATE", callback=parse_as_of),
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="The return's id (default: wf-PARTNER-2007, wf-PARTNER-2007q2).",
            metavar="ID",
        ),
    ] = None,
    prepared_by: Annotated[
        str | None,
        typer.Option("--prepared-by", help="Who prepared it (a people id).", metavar="ID"),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            help="Read the column headed HEADING as ROLE (what, measure, category or count), "
            "e.g. 'count=Headcount'. Repeat for each.",
            metavar="ROLE=HEADING",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(help="The sheet of an .xlsx workbook (default: the first).", metavar="NAME"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the record (default: workforce/ID.yaml).", metavar="PATH"
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the record; write nothing.")
    ] = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Turn HR's spreadsheet of aggregate workforce figures into a workforce return in
    workforce/.

    Each row is one figure: what it counts (staff, volunteers, a formal process or
    training), the measure (total, a dimension, started, closed, closed in time,
    outcome, due, completed, refresher due), the category (or the team) and the count.
    Every cell eqdiv cannot read is reported by row and column, and nothing is written
    until they are fixed. Exit 0 when the record was written (or shown) cleanly, 1 when
    there are problems, 2 for a usage error.
    """
    from eqdiv.authoring.workforce_intake import WorkforceRequest, import_workforce_file
    from eqdiv.output.authoring import render_workforce_import

    root = repo_root(ctx, repo)
    day = today(as_of)
    outcome = import_workforce_file(
        root,
        WorkforceRequest(
            file,
            partner,
            period,
            start if isinstance(start, date) else None,
            end if isinstance(end, date) else None,
            record_id,
            prepared_by,
            tuple(column or ()),
            sheet,
            new_file(root, output) if output else None,
            dry_run,
        ),
        day,
    )
    if format is TextOrJson.json:
        print_json(outcome.to_dict())
    else:
        render_workforce_import(outcome, file.name)
    if outcome.failed:
        raise typer.Exit(EXIT_FINDINGS)
