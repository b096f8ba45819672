"""``eqdiv validate``: every problem in the records, by file, line and column."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eqdiv.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    FailOn,
    RepoOption,
    repo_relative,
    repo_root,
    today,
)
from eqdiv.cli.loading import validate_records
from eqdiv.output.formats import FindingsFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to report on (default: the whole repository).",
            metavar="[PATHS]...",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        FindingsFormat,
        typer.Option(
            "--format",
            "-f",
            help="How to write the findings: text, json, or for CI github (annotations), "
            "junit (JUnit XML) or sarif (SARIF 2.1.0).",
        ),
    ] = FindingsFormat.text,
    as_of: AsOf = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when there is a finding at this level or above."),
    ] = FailOn.error,
    skip_outside: Annotated[
        bool,
        typer.Option(
            "--skip-outside",
            help="Pass over named files that are not in the records repository, rather "
            "than stopping: for a pre-commit hook, which names every changed YAML file.",
        ),
    ] = False,
    repo: RepoOption = None,
) -> None:
    """Check every record against its schema and the links between records.

    Exit 0 when all is well, 1 when there are findings at the --fail-on level, 2 for a
    usage error, 3 when eqdiv cannot run.
    """
    from eqdiv.model.findings import Severity
    from eqdiv.output.ci import CI_WRITERS
    from eqdiv.output.findings import REPORTERS, ci_report

    root = repo_root(ctx, repo)
    only = repo_relative(root, paths, skip_outside=skip_outside) if paths else None
    result = validate_records(ctx, root, lambda records: today(as_of, records), only)
    level = Severity(fail_on.value)
    if format.value in CI_WRITERS:
        CI_WRITERS[format.value](ci_report(result, level), sys.stdout)
    else:
        REPORTERS[format.value](result, sys.stdout)
    if result.fails(level):
        raise typer.Exit(EXIT_FINDINGS)
