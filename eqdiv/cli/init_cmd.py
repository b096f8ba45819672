"""``eqdiv init``: start a new records repository."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli import common
from eqdiv.cli.common import ReportFormat, TextOrJson, print_json
from eqdiv.model.errors import UsageError

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


class StrandSet(StrEnum):
    equality_act_2010 = "equality-act-2010"
    six_strands = "six-strands"


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Where to start it (default: the current folder).",
            metavar="FOLDER",
            show_default=False,
        ),
    ] = Path(),
    name: Annotated[
        str | None, typer.Option(help="The partnership's name.", metavar="TEXT")
    ] = None,
    strands: Annotated[
        StrandSet | None,
        typer.Option(
            help="The equality strands: equality-act-2010 (the nine protected "
            "characteristics) or six-strands (the six of 2007)."
        ),
    ] = None,
    organisation: Annotated[
        str | None, typer.Option(help="The first partner organisation's name.", metavar="TEXT")
    ] = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Ask nothing: use the defaults for what is not given."),
    ] = False,
    no_git: Annotated[
        bool, typer.Option("--no-git", help="Do not start a git repository or commit.")
    ] = False,
    format: ReportFormat = TextOrJson.text,
) -> None:
    """Start a new records repository: eqdiv.yaml, a people file, a folder for each kind
    of record, a pre-commit hook and a GitHub Actions workflow that run eqdiv validate,
    and a git repository with a first commit.

    On a terminal it asks for the partnership's name and strand set; in a script give
    them as options, or --yes for the defaults. It never overwrites: a folder that
    already holds a records repository is refused (exit 3).
    """
    from eqdiv.authoring.scaffold import (
        DEFAULT_NAME,
        DEFAULT_ORGANISATION,
        DEFAULT_STRANDS,
        Settings,
        create_repository,
    )
    from eqdiv.model.json_parts import envelope
    from eqdiv.output.console import make_console

    asking = not yes and common.stdin_is_terminal()
    if not yes and not asking and name is None:
        raise UsageError(
            "eqdiv init needs the partnership's name: give --name NAME, or --yes to use "
            "the defaults."
        )
    if asking:
        name = name or typer.prompt("The partnership's name", default=DEFAULT_NAME)
        if strands is None:
            strands = typer.prompt(
                "Equality strands (equality-act-2010 or six-strands)",
                default=DEFAULT_STRANDS,
                value_proc=_strand_set,
            )
        organisation = organisation or typer.prompt(
            "The first partner organisation", default=DEFAULT_ORGANISATION
        )
    settings = Settings(
        name=" ".join((name or DEFAULT_NAME).split()),
        strand_set=(strands or StrandSet(DEFAULT_STRANDS)).value,
        organisation=" ".join((organisation or DEFAULT_ORGANISATION).split()),
    )
    result = create_repository(folder, settings, git=not no_git)

    if format is TextOrJson.json:
        report = {
            **envelope("init", str(result.root), None),
            "files": list(result.files),
            "commit": result.commit,
            "enclosing_git": str(result.enclosing) if result.enclosing else None,
        }
        print_json(report)
        return
    console = make_console()
    console.print(f"[ok]Started[/] a records repository for {settings.name} in {result.root}:")
    for path in result.files:
        console.print(f"  {path}")
    if result.commit:
        console.print(f"Committed them to a new git repository ({result.commit[:7]}).")
    elif result.enclosing:
        console.print(
            f"The folder is inside the git repository {result.enclosing}: review the new "
            "files and commit them."
        )
    console.print(
        "Next: add the partnership's people to people.yaml, then `eqdiv new eia`, "
        "`eqdiv new action-plan` or `eqdiv import plan FILE`; `eqdiv validate` checks "
        "everything."
    )


def _strand_set(text: str) -> StrandSet:
    try:
        return StrandSet(text.strip())
    except ValueError:  # typer asks again
        raise typer.BadParameter(f"'{text}' is not equality-act-2010 or six-strands.") from None
