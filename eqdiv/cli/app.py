"""The ``eqdiv`` command. Each command lives in its own module, imported only when the
command is named, and imports what it needs when it runs, so ``eqdiv --version`` and
every ``--help`` stay fast."""

from __future__ import annotations

from typing import Annotated

import typer

from eqdiv import __version__
from eqdiv.cli.commands import SETTINGS
from eqdiv.cli.common import EqdivApp, RepoOption

# The commands are not imported here: eqdiv.cli.commands lists them, and each is loaded
# when it is named (`eqdiv status` imports status_cmd and no other command).
app = typer.Typer(
    cls=EqdivApp,
    name="eqdiv",
    help="Equality & diversity records in git: validate them, see what needs attention, "
    "score EIAs, check consultation reach, and write reports.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    **SETTINGS,
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


def main() -> None:
    """Run the app directly (the installed ``eqdiv`` goes through ``eqdiv.cli.entry``,
    which answers repeat runs from the memo first)."""
    app()
