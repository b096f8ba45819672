"""Options that several commands share, declared once: the commands that write a record
(``new``, ``import plan|cases|workforce|census``, ``action update``, ``eia sign-off``)
and the ones that can show exact counts.

A command takes one as the type of its parameter (``dry_run: DryRun = False``); an
option whose words name the command's own record is made by a function here
(``output: Annotated[Path | None, record_output("cases")] = None``), so every command
spells it, and documents it, the same way. ``--as-of``, ``--repo`` and the text-or-JSON
``--format`` are in ``cli.common``; each output family's ``--format`` choices are in
``eqdiv.output.formats``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Protocol

import typer

from eqdiv.cli.common import EXIT_FINDINGS, parse_period_option, print_json
from eqdiv.output.formats import TextOrJson


class Framework(StrEnum):
    """The equality frameworks an action plan can follow."""

    eslg_2007 = "eslg-2007"
    eflg_2021 = "eflg-2021"


DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be written; write nothing.")
]
Sheet = Annotated[
    str | None,
    typer.Option(help="The sheet of an .xlsx workbook (default: the first).", metavar="NAME"),
]
Unsuppressed = Annotated[
    bool,
    typer.Option(
        "--unsuppressed",
        help="Show exact counts, however small. For staff only: never publish them.",
    ),
]


def record_output(folder: str) -> Any:
    """``--output``: where a new record goes, by default ``folder/ID.yaml``."""
    return typer.Option(
        "--output",
        help=f"Where to write the record (default: {folder}/ID.yaml).",
        metavar="PATH",
    )


def allow_gaps_option(effect: str) -> Any:
    """``--allow-gaps``: write what could be read; ``effect`` says what becomes of the rest."""
    return typer.Option(
        "--allow-gaps", help=f"Write the record even if some cells could not be read: {effect}"
    )


def partner_option(role: str) -> Any:
    """``--partner ID``; ``role`` says whose records it names."""
    return typer.Option("--partner", help=f"{role} (a partner id from eqdiv.yaml).", metavar="ID")


def period_option(what: str, metavar: str = "PERIOD") -> Any:
    """``--period``: ``what`` says which periods it takes; the year is checked at once."""
    return typer.Option("--period", help=what, metavar=metavar, callback=parse_period_option)


class Outcome(Protocol):
    """What a writing command's core function returns."""

    @property
    def failed(self) -> bool: ...

    def to_dict(self) -> dict[str, Any]: ...


def finish(outcome: Outcome, format: TextOrJson, render: Callable[[], object]) -> None:
    """A writing command's last step: its outcome as JSON (exactly ``to_dict()``) or in
    words (``render``), and exit 1 when it failed (nothing was written)."""
    if format is TextOrJson.json:
        print_json(outcome.to_dict())
    else:
        render()
    if outcome.failed:
        raise typer.Exit(EXIT_FINDINGS)
