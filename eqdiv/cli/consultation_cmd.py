"""``eqdiv consultation``: the activities, and whether they reach the whole community."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from eqdiv.cli.common import (
    AsOf,
    EqdivGroup,
    RepoOption,
    parse_as_of,
    parse_period_option,
    repo_root,
    today,
)
from eqdiv.cli.loading import load
from eqdiv.cli.options import Unsuppressed
from eqdiv.model.errors import UsageError
from eqdiv.output.formats import CoverageFormat, TextOrJson

if TYPE_CHECKING:
    from eqdiv.model.periods import Period

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.

consultation_app = typer.Typer(
    cls=EqdivGroup,
    help="Consultation and involvement: list the activities, and check whether they "
    "reach a representative cross-section of the community.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(consultation_app, name="consultation")


PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="A quarter (2007-Q3) or a year (2007 or 2007/08), following year_start_month "
        "in eqdiv.yaml.",
        metavar="PERIOD",
        callback=parse_period_option,
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since", help="First day of a period (YYYY-MM-DD).", metavar="DATE", callback=parse_as_of
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Last day of a period (YYYY-MM-DD; default: --as-of).",
        metavar="DATE",
        callback=parse_as_of,
    ),
]


def choose_period(
    period: str | None, since: object, until: object, as_of: date, start_month: int
) -> Period | None:
    """--period, or --since/--until, or None when neither is given."""
    from eqdiv.model.periods import between, parse_period

    if period is not None and (since is not None or until is not None):
        raise UsageError("Give --period, or --since and --until, not both.")
    if period is not None:
        return parse_period(period, start_month)
    if isinstance(since, date):
        return between(since, until if isinstance(until, date) else as_of)
    if until is not None:
        raise UsageError("--until needs --since: give the first day of the period too.")
    return None


@consultation_app.command("list")
def list_activities(
    ctx: typer.Context,
    period: PeriodOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="How to write the list.")
    ] = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """List the consultation and involvement activities, oldest first (all of them, or
    those that ran in a period)."""
    from eqdiv.figures.activity_list import activity_list
    from eqdiv.output.consultation_list import write_list_json, write_list_text

    root = repo_root(ctx, repo)
    repository = load(ctx, root)
    day = today(as_of, repository)
    chosen = choose_period(period, since, until, day, repository.config.year_start_month)
    listing = activity_list(repository, chosen, as_of if isinstance(as_of, date) else None)
    if format is TextOrJson.json:
        write_list_json(listing, sys.stdout)
    else:
        write_list_text(repository, listing, sys.stdout)


@consultation_app.command("coverage")
def coverage_command(
    ctx: typer.Context,
    period: PeriodOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    consultation_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="One activity only (its consultation id), instead of a period.",
            metavar="ID",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help="The population profile to compare with (default: the most recent).",
            metavar="ID",
        ),
    ] = None,
    format: Annotated[
        CoverageFormat, typer.Option("--format", "-f", help="How to write the result.")
    ] = CoverageFormat.text,
    unsuppressed: Unsuppressed = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Compare who took part with the area's population, dimension by dimension, and
    list the activities aimed at groups with no census figure.

    The period is --period, or --since/--until, or by default the last complete quarter
    before --as-of. Small counts are suppressed unless --unsuppressed is given.
    """
    from eqdiv.figures.coverage import coverage
    from eqdiv.figures.coverage_publish import view
    from eqdiv.figures.publication import publication
    from eqdiv.model.periods import previous_quarter
    from eqdiv.output.coverage import write_json, write_markdown, write_text

    root = repo_root(ctx, repo)
    repository = load(ctx, root)
    day = today(as_of, repository)
    chosen = choose_period(period, since, until, day, repository.config.year_start_month)
    if consultation_id is not None and chosen is not None:
        raise UsageError(
            "--id reports on one activity over its own dates: leave out --period, --since "
            "and --until."
        )
    note = None
    if consultation_id is None and chosen is None:
        chosen = previous_quarter(day, repository.config.year_start_month)
        note = (
            f"The period is the last complete quarter before {day.isoformat()}: choose "
            "another with --period, or --since and --until."
        )
    result = coverage(repository, chosen, consultation_id, profile)
    shown = view(result, None if unsuppressed else publication(repository))
    if format is CoverageFormat.json:
        write_json(shown, sys.stdout, str(root), day)
    elif format is CoverageFormat.md:
        write_markdown(shown, sys.stdout, note)
    else:
        write_text(shown, sys.stdout, note)
