"""``eqdiv history``: the life of a record or an action, from the git history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import RepoOption, ReportFormat, repo_root
from eqdiv.output.formats import TextOrJson

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("history")(history)


def history(
    ctx: typer.Context,
    subject: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A record's id (an EIA, a plan, a consultation...) or its file's path, "
            "or PLAN/ACTION for one action, such as parent-partnership-2007/2b.",
        ),
    ],
    format: ReportFormat = TextOrJson.text,
    repo: RepoOption = None,
) -> None:
    """Show the life of one record or one action across the git history: each commit
    that changed it, with its date, author and what changed (status, due date, owners,
    updates; an EIA's sign-off and grade). A record or action removed since is followed
    up to its removal.

    Exit 0; 2 for an unknown id; 3 when eqdiv cannot run (not a git repository, no
    commits yet).
    """
    from eqdiv.cli.loading import reading
    from eqdiv.output.history import WRITERS
    from eqdiv.review.history import history as run_history

    root = repo_root(ctx, repo)
    subject = _from_here(subject, root)
    with reading(ctx, root) as read:
        found = run_history(root, subject, read.schemas, read.cache)
    WRITERS[format.value](found, sys.stdout)


def _from_here(subject: str, root: Path) -> str:
    """A record file named from the current folder, as its path from the records
    folder (what ``history`` takes); anything else as given."""
    named = Path(subject)
    try:
        if named.suffix not in (".yaml", ".yml") or not named.is_file():
            return subject
    except OSError:  # a name too long for a file, a folder that may not be read...
        return subject
    try:
        return named.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # outside the records folder: history says it is unknown
        return subject
