"""``eqdiv workforce``: treating employees and volunteers fairly, from the partners'
workforce returns."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, parse_period_option, repo_root, today
from eqdiv.cli.loading import load
from eqdiv.cli.options import Unsuppressed, partner_option
from eqdiv.model.errors import UsageError
from eqdiv.output.formats import WorkforceFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("workforce")(workforce)


def workforce(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Only returns for a period within this quarter (2007-Q3) or year (2007 or "
            "2007/08). Default: each partner's latest return.",
            metavar="PERIOD",
            callback=parse_period_option,
        ),
    ] = None,
    partner: Annotated[str | None, partner_option("Only this partner")] = None,
    format: Annotated[
        WorkforceFormat, typer.Option("--format", "-f", help="How to write the result.")
    ] = WorkforceFormat.text,
    unsuppressed: Unsuppressed = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Show each partner's workforce figures: how complete equality monitoring is, the
    staff profile against the community, the relative likelihood of entering each
    formal process (with verdicts), casework closed on time, and equality training.

    Small counts are suppressed unless --unsuppressed is given. Exit 0, 2 for a usage
    error (an unknown partner, a period that is not one), 3 when eqdiv cannot run.
    """
    from dataclasses import replace

    from eqdiv.figures.workforce_view import workforce_view
    from eqdiv.model.periods import parse_period
    from eqdiv.model.suggest import did_you_mean
    from eqdiv.output.workforce_writers import WRITERS

    root = repo_root(ctx, repo)
    repository = load(ctx, root)
    day = today(as_of, repository)
    chosen = None
    if period is not None:
        chosen = parse_period(period, repository.config.year_start_month)
    shown = workforce_view(repository, day, chosen, unsuppressed=unsuppressed)
    if partner is not None:
        ids = [p.id for p in repository.config.partners]
        if partner not in ids:
            raise UsageError(
                f"'{partner}' is not a partner in eqdiv.yaml.",
                did_you_mean(partner, ids) + f"Partners: {', '.join(ids)}.",
            )
        shown = replace(
            shown,
            returns=tuple(r for r in shown.returns if r.partner == partner),
            trends=tuple(t for t in shown.trends if t.partner == partner),
            missing=tuple(m for m in shown.missing if m == partner),
        )
    WRITERS[format.value](shown, sys.stdout)
