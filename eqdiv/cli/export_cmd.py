"""``eqdiv export``: the records as flat tables for an analytics engine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, repo_root, today
from eqdiv.output.formats import ExportFormat

# Lazy imports: the command loads the records and the export when it runs, so that
# `eqdiv --help` and every other command start without them.


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def export_command(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv (a spreadsheet opens it), jsonl (one JSON object per line), or "
            "parquet (DuckDB, Spark, a warehouse; needs the `export` extra).",
        ),
    ] = ExportFormat.csv,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The folder to write the tables into.", metavar="FOLDER"
        ),
    ] = Path("eqdiv-export"),
    published: Annotated[
        bool,
        typer.Option(
            "--published",
            help="Only figures eqdiv would publish: small counts, and any count that "
            "would give one away, are left empty. Without it the counts are exact, for "
            "staff only.",
        ),
    ] = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Write every record kind as tables: partners, actions, eias, eia_criteria,
    consultations, coverage and indicator_values, with tables.json saying what each
    column holds. Every row carries the partnership's id, so the exports of many
    partnerships can be read together (see the README's DuckDB example).

    Exit 0 when the tables were written, 2 for a usage error.
    """
    from eqdiv.export.exports import export
    from eqdiv.output.console import make_console
    from eqdiv.output.export_files import write_export
    from eqdiv.store.repository import load_repository

    root = repo_root(ctx, repo)
    day = today(as_of, root)
    tables = export(load_repository(root), day, published=published)
    written = write_export(tables, output, format.value)
    console = make_console()
    audience = "published figures only" if published else "[warning]staff only[/]: exact counts"
    console.print(f"[ok]Wrote[/] {len(written) - 1} tables to {output} ({audience}).")
