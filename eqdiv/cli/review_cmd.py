"""``eqdiv review``: what a change does to the records, in the records' own terms."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eqdiv.cli.common import EXIT_FINDINGS, AsOf, FailOn, RepoOption, repo_root, today
from eqdiv.output.formats import ReviewFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("review")(review)


def review(
    ctx: typer.Context,
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="The commit to compare from: a branch, tag or commit id. Default: where "
            "this branch left the default branch (origin's, else main or master).",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="The commit to compare to. Default: the working tree, as it is now.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ReviewFormat,
        typer.Option(
            "--format",
            "-f",
            help="text; md (a pull request comment); json; or for CI github (annotations "
            "on the changed lines), junit or sarif.",
        ),
    ] = ReviewFormat.text,
    as_of: AsOf = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when the change introduces something at this level or above."),
    ] = FailOn.error,
    repo: RepoOption = None,
) -> None:
    """Review what a change does to the records: records added, deleted or renamed;
    actions' status, deadlines, owners and updates; EIAs' grades and sign-off;
    consultation logs; and the validation problems the change introduces.

    Exit 0, or 1 when the change introduces an error (with --fail-on warning, a
    warning); 2 for a usage error; 3 when eqdiv cannot run (not a git repository, a
    revision that names no commit, a shallow clone without the base commit).
    """
    from eqdiv.cli.loading import reading
    from eqdiv.model.findings import Severity
    from eqdiv.output.review import WRITERS
    from eqdiv.review import review as run_review

    root = repo_root(ctx, repo)
    with reading(ctx, root) as read:
        result = run_review(
            root,
            base,
            head,
            as_of=today(as_of, root),
            schemas=read.schemas,
            cache=read.cache,
            progress=read.progress,
        )
    level = Severity(fail_on.value)
    WRITERS[format.value](result, sys.stdout, level)
    if result.fails(level):
        raise typer.Exit(EXIT_FINDINGS)
