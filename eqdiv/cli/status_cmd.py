"""``eqdiv status``: what needs attention, on one screen."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, date_source, repo_root, today
from eqdiv.cli.loading import load
from eqdiv.output.formats import StatusFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(
    ctx: typer.Context,
    format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="How to write the status.")
    ] = StatusFormat.text,
    as_of: AsOf = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            help="Only the actions, EIAs and consultations this person (a people id) "
            "owns or leads.",
            metavar="ID",
        ),
    ] = None,
    repo: RepoOption = None,
) -> None:
    """Show what needs attention: actions overdue or due soon, reviews due, EIAs
    waiting for sign-off, QA or review, last quarter's consultation, and records with
    problems.

    Runs on a repository with broken records too: it names them and shows the rest.
    Exit 0 (problems in the records are shown, not failed on), 2 for a usage error,
    3 when eqdiv cannot run.
    """
    from eqdiv.output.status import WRITERS
    from eqdiv.status import build_status

    records = load(ctx, repo_root(ctx, repo))
    result = build_status(
        records, today(as_of, records), owner, date_source=date_source(as_of, records)
    )
    WRITERS[format.value](result, sys.stdout)
