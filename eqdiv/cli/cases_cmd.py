"""``eqdiv cases``: complaints and queries across the partnership ("no wrong door")."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, parse_period_option, repo_root, today
from eqdiv.cli.loading import load
from eqdiv.output.formats import CasesFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("cases")(cases)


def cases(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The quarter (2007-Q2) or year (2007 or 2007/08) whose cases to measure, "
            "by the day received. Default: the last complete quarter before --as-of.",
            metavar="PERIOD",
            callback=parse_period_option,
        ),
    ] = None,
    format: Annotated[
        CasesFormat, typer.Option("--format", "-f", help="How to write it: text, json, csv, md.")
    ] = CasesFormat.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Complaints and queries: what is late or due in the next few working days, by
    partner; hand-offs waiting to be accepted; and for a period, the share acknowledged
    and answered in time per partner and stage, working days to answer, time lost in
    hand-offs, requests for other formats and whether they were met, complaints alleging
    discrimination by strand, and the trend over four quarters.

    Timescales are in working days (weekends and bank holidays do not count), set under
    `cases:` in eqdiv.yaml. Counts by strand and of support requested are suppressed when
    small. Exit 0, 2 for a usage error, 3 when eqdiv cannot run.
    """
    from eqdiv.figures.case_figures import case_figures
    from eqdiv.model.periods import parse_period, previous_quarter
    from eqdiv.output.case_register import write_csv, write_json, write_markdown, write_text

    root = repo_root(ctx, repo)
    repository = load(ctx, root)
    day = today(as_of, repository)
    start_month = repository.config.year_start_month
    note = None
    if period is None:
        chosen = previous_quarter(day, start_month)
        note = (
            f"The period is the last complete quarter before {day.isoformat()}: choose "
            "another with --period."
        )
    else:
        chosen = parse_period(period, start_month)
    figures = case_figures(repository, chosen, day)
    if format is CasesFormat.json:
        write_json(figures, sys.stdout, str(root), as_of if isinstance(as_of, date) else None)
    elif format is CasesFormat.csv:
        write_csv(figures, sys.stdout)
    elif format is CasesFormat.md:
        write_markdown(figures, sys.stdout, note)
    else:
        write_text(figures, sys.stdout, note)
