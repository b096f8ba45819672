"""``eqdiv assess``: where the partnership stands against an equality framework."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import EXIT_FINDINGS, AsOf, RepoOption, print_json, repo_root, today
from eqdiv.output.formats import AssessFormat

# Lazy imports: the command loads the records, the frameworks and the rules when it
# runs, so that `eqdiv --help` and every other command start without them.


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)


def assess_command(
    ctx: typer.Context,
    framework: Annotated[
        str | None,
        typer.Option(
            help="eslg-2007 or eflg-2021. Default: that of the latest self-assessment, "
            "else that of the action plans.",
            metavar="ID",
        ),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Write a starting self-assessment from the records into "
            "self-assessments/, for a person to complete.",
        ),
    ] = False,
    format: Annotated[
        AssessFormat, typer.Option("--format", "-f", help="text, json, md or html.")
    ] = AssessFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write md or html to this file.", metavar="FILE"),
    ] = None,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Where the partnership stands against the Equality Standard (ESLG 2007) or the
    Equality Framework (EFLG 2021): criterion by criterion, what the latest
    self-assessment claims, what the records show, the gaps and the actions that close
    them, and the level the records support.

    Exit 0 when every claim is backed by the records, 1 when one is not (or its
    evidence is missing), 2 for a usage error.
    """
    from eqdiv.authoring.assessment_draft import write_draft
    from eqdiv.output.assess import PAGES, render_text
    from eqdiv.output.console import make_console
    from eqdiv.standards.assess_run import assess as run_assess
    from eqdiv.store.atomic_write import write_atomic

    root = repo_root(ctx, repo)
    outcome = run_assess(root, today(as_of, root), framework)
    result = outcome.standing
    console = make_console()
    if draft:
        made = write_draft(root, outcome.repo, result)
        console.print(f"[ok]Wrote[/] {made.path}: complete it, then run `eqdiv assess`.")
        return
    if format is AssessFormat.json:
        print_json(outcome.to_dict())
    elif format is AssessFormat.text:
        render_text(console, result)
    else:
        page = PAGES[format.value](result, root, outcome.repo.config.name)
        if output is None:
            typer.echo(page, nl=False)
        else:
            write_atomic(output, page.encode("utf-8"))
    if outcome.failed:
        raise typer.Exit(EXIT_FINDINGS)
