"""``eqdiv init``: start a new records repository."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eqdiv.cli import common
from eqdiv.cli.common import ReportFormat, print_json
from eqdiv.output.formats import TextOrJson

if TYPE_CHECKING:
    from eqdiv.authoring.scaffold import Question

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
    ci_install: Annotated[
        str | None,
        typer.Option(
            "--ci-install",
            help="Where the CI workflow installs eqdiv from: a git URL pinned to a tag or "
            "commit (git+https://git.example.org/eqdiv.git@v0.1.0) or a wheel in the "
            "repository. Default: ci/wheels/eqdiv-VERSION-py3-none-any.whl.",
            metavar="SOURCE",
        ),
    ] = None,
    format: ReportFormat = TextOrJson.text,
) -> None:
    """Start a new records repository: eqdiv.yaml, a people file, a folder for each kind
    of record, a pre-commit hook and a GitHub Actions workflow that run eqdiv validate,
    and a git repository with a first commit.

    On a terminal it asks for the partnership's name and strand set; in a script give
    them as options, or --yes for the defaults. It never overwrites: a folder that
    already holds a records repository is refused (exit 3).
    """
    from eqdiv.authoring.scaffold import init_repository
    from eqdiv.output.authoring import render_init

    given = {"name": name, "strand_set": strands, "organisation": organisation}
    asking = not yes and common.stdin_is_terminal()
    outcome = init_repository(
        folder,
        given,
        ask=_ask if asking else None,
        use_defaults=yes,
        git=not no_git,
        ci_install=ci_install,
    )
    if format is TextOrJson.json:
        print_json(outcome.to_dict())
    else:
        render_init(outcome)


def _ask(question: Question) -> str:
    """One setting asked for on the terminal; Enter takes the default."""
    value_proc = _strand_set if question.name == "strand_set" else None
    answer: str = typer.prompt(question.question, default=question.default, value_proc=value_proc)
    return answer


def _strand_set(text: str) -> StrandSet:
    try:
        return StrandSet(text.strip())
    except ValueError:  # typer asks again
        raise typer.BadParameter(f"'{text}' is not equality-act-2010 or six-strands.") from None
