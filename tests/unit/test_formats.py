"""One registry per output family gives the ``--format`` choices: every command's
``--format`` is typed with a family's enum from ``eqdiv.output.formats`` (the enum
itself: a hand-written enum beside it fails, even with the same values), and each
family's writers are keyed by the same names."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from eqdiv.cli.app import app
from eqdiv.output import (
    actions,
    assess,
    ci,
    contract_writers,
    export_files,
    findings,
    formats,
    history,
    review,
    status,
    workforce_writers,
)
from tests.conftest import format_options


def strays(typer_app: typer.Typer) -> dict[str, str]:
    """The commands whose --format is not one of the registry's families."""
    return {
        command: getattr(kind, "__name__", str(kind))
        for command, kind in format_options(typer_app).items()
        if not any(kind is family for family in formats.FAMILIES)
    }


def test_every_format_option_is_a_family_of_the_registry() -> None:
    options = format_options(app)
    assert len(options) >= 24
    assert strays(app) == {}
    # Every family is some command's: the registry holds no format nobody offers.
    assert set(formats.FAMILIES) == set(options.values())


class ListFormat(StrEnum):
    """A format enum written beside the registry, with the same values as TextOrJson."""

    text = "text"
    json = "json"


def test_a_hand_written_format_enum_is_found() -> None:
    stray = typer.Typer()

    @stray.command("list")
    def listing(
        format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.text,
    ) -> None: ...

    @stray.command("show")
    def show(
        format: Annotated[formats.TextOrJson, typer.Option("--format")] = formats.TextOrJson.text,
    ) -> None: ...

    assert strays(stray) == {"list": "ListFormat"}


def test_the_writers_are_keyed_by_their_familys_formats() -> None:
    choices = formats.choices
    assert (*findings.REPORTERS, *ci.CI_WRITERS) == choices(formats.FindingsFormat)
    assert tuple(review.WRITERS) == choices(formats.ReviewFormat)
    assert tuple(status.WRITERS) == choices(formats.StatusFormat)
    assert tuple(actions.WRITERS) == choices(formats.ActionsFormat)
    assert tuple(history.WRITERS) == choices(formats.TextOrJson)
    assert tuple(workforce_writers.WRITERS) == choices(formats.WorkforceFormat)
    assert tuple(contract_writers.WRITERS) == choices(formats.ContractsFormat)
    assert tuple(export_files.WRITERS) == choices(formats.ExportFormat)
    assert ("text", "json", *assess.PAGES) == choices(formats.AssessFormat)
