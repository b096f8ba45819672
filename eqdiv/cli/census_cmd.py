"""``eqdiv import census``: a population profile from ONS Census 2021 downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import (
    AsOf,
    RepoOption,
    ReportFormat,
    repo_root,
    today,
)
from eqdiv.cli.options import DryRun, finish
from eqdiv.output.formats import TextOrJson

# Lazy imports: the command imports the census reader when it runs, so that `eqdiv
# --help` and every other command start without loading it.


def register(import_group: typer.Typer) -> None:
    """Add ``census`` to the ``eqdiv import`` group."""
    import_group.command("census")(import_census_command)


def import_census_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="ONS Census 2021 downloads (CSV): Nomis bulk files or ONS custom datasets, "
            "one per dimension.",
            metavar="FILES...",
            show_default=False,
        ),
    ],
    area: Annotated[
        list[str],
        typer.Option(
            help="The ONS code of the area (for example E06000046). Repeat it, or separate "
            "codes with commas, to add up wards or MSOAs.",
            metavar="CODE",
            show_default=False,
        ),
    ],
    record_id: Annotated[
        str, typer.Option("--id", help="The profile's id; an existing one is updated.")
    ] = "census-2021-profile",
    name: Annotated[
        str | None,
        typer.Option(help="The area's name (default: ONS's names).", metavar="TEXT"),
    ] = None,
    dry_run: DryRun = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Build or update a population profile (demographics/) from ONS Census 2021 tables.

    Each file gives one dimension (TS007 age, TS008 sex, TS021 ethnic group, TS030
    religion, TS038 disability, TS077 sexual orientation, TS078 gender identity) in
    either layout ONS publishes. Every category is checked against the table's total;
    anything missing, unknown or not adding up is named by file, line and column, and
    nothing is written until it is fixed. Exit 0 when the profile was written (or
    shown), 1 when there are problems, 2 for a usage error.
    """
    from eqdiv.authoring.census_import import import_census_files
    from eqdiv.output.census_import import render_census_import

    root = repo_root(ctx, repo)
    day = today(as_of, root)
    codes = [code.strip() for given in area for code in given.split(",") if code.strip()]
    named = [(file, str(file)) for file in files]
    outcome = import_census_files(
        root, named, codes, day, record_id=record_id, name=name, write=not dry_run
    )
    finish(outcome, format, lambda: render_census_import(root, outcome, dry_run=dry_run))
