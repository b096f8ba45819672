"""The ``eqdiv`` command. Each command lives in its own module and imports what it
needs when it runs, so ``eqdiv --version`` and ``--help`` stay fast."""

from __future__ import annotations

from typing import Annotated

import typer

from eqdiv import __version__
from eqdiv.cli import (
    action_cmd,
    actions_cmd,
    assess_cmd,
    audit_cmd,
    cases_cmd,
    census_cmd,
    consultation_cmd,
    contracts_cmd,
    eia_cmd,
    export_cmd,
    history_cmd,
    import_cases_cmd,
    import_cmd,
    import_workforce_cmd,
    init_cmd,
    new_cmd,
    report_cmd,
    review_cmd,
    serve_cmd,
    status_cmd,
    validate_cmd,
    workforce_cmd,
)
from eqdiv.cli.common import EqdivGroup, RepoOption

app = typer.Typer(
    cls=EqdivGroup,
    name="eqdiv",
    help="Equality & diversity records in git: validate them, see what needs attention, "
    "score EIAs, check consultation reach, and write reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: no box drawing, so it reads well in a screen reader and at 80 columns.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eqdiv {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    repo: RepoOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and check every record afresh, without eqdiv's cache "
            "(.eqdiv-cache/ in the records repository). Also EQDIV_NO_CACHE=1.",
            envvar="EQDIV_NO_CACHE",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show eqdiv's version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    ctx.obj = {"repo": repo, "no_cache": no_cache}


init_cmd.register(app)
validate_cmd.register(app)
status_cmd.register(app)
actions_cmd.register(app)
eia_cmd.register(app)
consultation_cmd.register(app)
cases_cmd.register(app)
contracts_cmd.register(app)
new_cmd.register(app)
import_cmd.register(app)
census_cmd.register(import_cmd.import_app)
import_cases_cmd.register(import_cmd.import_app)
import_workforce_cmd.register(import_cmd.import_app)
action_cmd.register(app)
report_cmd.register(app)
review_cmd.register(app)
assess_cmd.register(app)
export_cmd.register(app)
workforce_cmd.register(app)
history_cmd.register(app)
audit_cmd.register(app)
serve_cmd.register(app)


def main() -> None:
    """Run the app directly (the installed ``eqdiv`` goes through ``eqdiv.cli.entry``,
    which answers repeat runs from the memo first)."""
    app()
