"""``eqdiv import cases``: a complaints system's export (CSV or .xlsx) as a case log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import (
    AsOf,
    RepoOption,
    ReportFormat,
    new_file,
    repo_root,
    today,
)
from eqdiv.cli.options import (
    DryRun,
    Sheet,
    allow_gaps_option,
    finish,
    partner_option,
    period_option,
    record_output,
)
from eqdiv.output.formats import TextOrJson

# Lazy imports: the command imports the spreadsheet reader when it runs, so that `eqdiv
# --help` and every other command start without loading it.


def register(import_group: typer.Typer) -> None:
    """Add ``cases`` to the ``eqdiv import`` group."""
    import_group.command("cases")(import_cases_command)


def import_cases_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="The export: .csv, or .xlsx, one row per case.", metavar="FILE", show_default=False
        ),
    ],
    partner: Annotated[str, partner_option("The partner whose cases these are")],
    period: Annotated[
        str | None,
        period_option(
            "The reporting year the log covers (2007 or 2007/08). Default: the year of --as-of.",
            "YEAR",
        ),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Which column holds a field, FIELD=HEADING (or a column letter), e.g. "
            "received='Date Logged'. Repeat for each; adds to cases: import_map in "
            "eqdiv.yaml.",
            metavar="FIELD=HEADING",
        ),
    ] = None,
    sheet: Sheet = None,
    log_id: Annotated[
        str | None,
        typer.Option("--id", help="The log's id (default cases-PARTNER-YEAR).", metavar="ID"),
    ] = None,
    output: Annotated[Path | None, record_output("cases")] = None,
    dry_run: DryRun = False,
    allow_gaps: Annotated[
        bool, allow_gaps_option("the rows that could not are named and left out.")
    ] = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Turn a complaints system's export into a case-log record in cases/.

    Columns are found by their headings (Case No, Date Logged, Outcome ...) or named
    with --map. Every cell eqdiv cannot read is reported by row and column and its row
    left out; nothing is written while there are problems (unless --allow-gaps). A
    note that looks like personal data is never imported. Exit 0 when the record was
    written (or shown) cleanly, 1 when there are problems, 2 for a usage error.
    """
    from eqdiv.authoring.case_intake import CaseRequest, import_case_file
    from eqdiv.output.authoring import render_case_import

    root = repo_root(ctx, repo)
    request = CaseRequest(
        file=file,
        partner=partner,
        period=period,
        maps=tuple(column or ()),
        sheet=sheet,
        log_id=log_id,
        output=new_file(root, output) if output else None,
        dry_run=dry_run,
        allow_gaps=allow_gaps,
    )
    outcome = import_case_file(root, request, today(as_of, root))
    finish(outcome, format, lambda: render_case_import(outcome, file.name, dry_run=dry_run))
