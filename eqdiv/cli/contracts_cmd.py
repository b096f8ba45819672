"""``eqdiv contracts``: the contracts register, with what needs doing about each."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, repo_root, today
from eqdiv.cli.loading import load
from eqdiv.output.formats import ContractsFormat

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


def register(app: typer.Typer) -> None:
    app.command("contracts")(contracts)


def contracts(
    ctx: typer.Context,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner", help="Only this partner's (an id from eqdiv.yaml).", metavar="ID"
        ),
    ] = None,
    attention: Annotated[
        bool,
        typer.Option(
            "--attention", help="Only contracts needing attention (the findings of validate)."
        ),
    ] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include contracts that have ended.")] = False,
    format: Annotated[
        ContractsFormat,
        typer.Option("--format", "-f", help="How to write it: text, json, csv, md."),
    ] = ContractsFormat.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """The contracts register: each contract in force (or not yet started) with its
    buying partner and provider, relevance to equality and value, the EIA and its
    grade, the equality requirements, award criteria and clauses, the provider's
    monitoring returns, and what needs doing: no EIA or equality clause where relevance
    and value call for one, a return overdue, an EIA below the minimum grade.

    Exit 0, 2 for a usage error (an unknown partner), 3 when eqdiv cannot run.
    """
    from eqdiv.output.contract_writers import WRITERS
    from eqdiv.registers.contract_list import contract_register

    root = repo_root(ctx, repo)
    records = load(ctx, root)
    found = contract_register(
        records, today(as_of, records), partner=partner, attention=attention, include_ended=all_
    )
    WRITERS[format.value](found, sys.stdout)
