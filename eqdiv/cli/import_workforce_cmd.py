"""``eqdiv import workforce``: a workforce return from HR's spreadsheet of aggregate
figures (CSV or .xlsx)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import (
    AsOf,
    RepoOption,
    ReportFormat,
    new_file,
    parse_as_of,
    repo_root,
    today,
)
from eqdiv.cli.options import DryRun, Sheet, finish, partner_option, period_option, record_output
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
    partner: Annotated[str, partner_option("The partner the return is for")],
    period: Annotated[
        str | None,
        period_option("The quarter (2007-Q3) or year (2007 or 2007/08) the figures cover."),
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
    sheet: Sheet = None,
    output: Annotated[Path | None, record_output("workforce")] = None,
    dry_run: DryRun = False,
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
    day = today(as_of, root)
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
    finish(outcome, format, lambda: render_workforce_import(outcome, file.name))
