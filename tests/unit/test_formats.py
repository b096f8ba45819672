"""One registry per output family gives the ``--format`` choices: every command's
``--format`` is typed with a family's enum from ``eqdiv.output.formats`` (the enum
itself: a hand-written enum beside it fails, even with the same values), and each
family's writers are keyed by the same names."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Annotated, Any

import typer

from eqdiv.cli.app import app
from eqdiv.output import (
    actions,
    assess,
    ci,
    export_files,
    findings,
    formats,
    history,
    review,
    status,
    workforce_writers,
)


def format_options(typer_app: typer.Typer) -> dict[str, type[Enum]]:
    """Each command's --format type, by command ("eia score", "report annual" ...)."""
    found: dict[str, type[Enum]] = {}

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
                continue
            for param in command.params:
                if "--format" in param.opts:
                    found[prefix + name] = param.type_descriptor.annotation

    walk(typer.main.get_command(typer_app), "")
    return found


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
    assert tuple(export_files.WRITERS) == choices(formats.ExportFormat)
    assert ("text", "json", *assess.PAGES) == choices(formats.AssessFormat)
