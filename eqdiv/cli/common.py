"""What every command shares: finding the repository, today's date, the error boundary.

This is the only place eqdiv reads the clock: the core takes "today" as a parameter.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from enum import Enum, StrEnum
from functools import cache
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Union, get_args, get_origin

import typer
from typer.core import TyperGroup

from eqdiv.cli.commands import LazyCommands
from eqdiv.model.dates import FIRST_YEAR, LAST_YEAR, plausible_year
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.output.formats import TextOrJson as TextOrJson  # for commands in flight

if TYPE_CHECKING:
    from eqdiv.model.due_text import Cadence
    from eqdiv.store.repository import Repository

# Lazy imports: what an option's parser or the error handler needs is loaded when
# it is used, so that `eqdiv --help` and `--version` stay fast.

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_CANNOT_RUN = 3


def parse_as_of(value: str | None) -> date | None:
    """A date option (``--as-of``, ``--since``, ``--date`` ...) as a date; a usage error
    for text that is not one, or a year outside FIRST_YEAR to LAST_YEAR (a slip such as
    9999-12-31 would otherwise run every command at the calendar's edge)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a date: write YYYY-MM-DD, such as 2007-10-15."
        ) from None
    if not plausible_year(day.year):
        raise typer.BadParameter(
            f"'{value}' is outside the dates eqdiv accepts: give a date from "
            f"{FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31."
        )
    return day


def parse_period_option(value: str | None) -> str | None:
    """A period option (``--period``, ``--quarter``, ``--year``): its year must be one
    eqdiv accepts. The rest of its form is checked where it is read, with the
    partnership's year start."""
    year = re.match(r"\s*(\d{4})", value or "")
    if year and not plausible_year(int(year[1])):
        raise typer.BadParameter(
            f"'{value}' is outside the years eqdiv accepts: give a period from "
            f"{FIRST_YEAR} to {LAST_YEAR}."
        )
    return value


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Treat this date (YYYY-MM-DD) as today. Default: the records' own date "
        "(as_of in eqdiv.yaml), else today.",
        metavar="DATE",
        callback=parse_as_of,
    ),
]


def today(as_of: Any, records: Repository | Path | None) -> date:
    """The date a command works to: ``--as-of`` if given, else the records' own date
    (``as_of:`` in ``eqdiv.yaml`` of ``records``, a repository or its folder), else
    the real today. ``records`` is required so that no command forgets the records'
    own date (the --as-of help promises it)."""
    if isinstance(as_of, date):
        return as_of
    own = records_date(records)
    return own if own is not None else date.today()


def records_date(records: Repository | Path | None) -> date | None:
    """``as_of:`` in the records' ``eqdiv.yaml`` (None when it is not set or cannot
    be read: the command then says what is wrong with the file itself)."""
    if records is None:
        return None
    if not isinstance(records, Path):
        return records.config.as_of
    from eqdiv.model.config import Config
    from eqdiv.model.layout import CONFIG_FILE
    from eqdiv.schema.schema_set import SchemaSet
    from eqdiv.store.loaded import load_file

    try:
        raw = (records / CONFIG_FILE).read_bytes()
    except OSError:
        return None
    loaded = load_file(CONFIG_FILE, raw, SchemaSet.load())
    if loaded.record is None or not loaded.record.valid or loaded.record.kind != "config":
        return None
    return Config.from_record(loaded.record).as_of


def date_source(as_of: Any, records: Repository | Path | None) -> str:
    """Where the command's date came from: ``option``, ``records`` or ``today``."""
    if isinstance(as_of, date):
        return "option"
    return "records" if records_date(records) is not None else "today"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


class EqdivGroup(TyperGroup):
    """The one place eqdiv's own errors meet the user: a message, a hint, exit 3 (2 for
    a usage error). Anything else is a bug and keeps its traceback."""

    _listing = False  # within format_commands: commands not loaded are listed from the table

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        try:
            return super().invoke(ctx)
        except EqdivError as err:
            fail(err)
        except typer.BadParameter as err:
            err.message = plain_parameter_message(err.message)
            raise

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were added, not alphabetical

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self._listing and isinstance(self.commands, LazyCommands):
            return self.commands.preview(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands in --help, each shortened from its summary in
        eqdiv.cli.commands by typer's own code, without loading the commands."""
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _plain_options(self.get_params(ctx))
        result: list[str] = super().parse_args(ctx, args)
        return result

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:  # its options (and --help), before they are parsed
            _plain_options(command.get_params(ctx))
        return name, command, rest


class EqdivApp(EqdivGroup):
    """The ``eqdiv`` group itself: its commands come from eqdiv.cli.commands, each
    module imported when its command is named (see there)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands((), self.commands)


def _plain_options(params: list[Any]) -> None:
    """Options whose values need no coercion taken as they come, without pydantic.

    typer coerces the value of every option that is not a flag through a pydantic
    adapter, built the first time the option is processed, given or not; building the
    first imports pydantic (40-75 ms, more than the rest of a command's start). A value
    that is already what the option declares (an absent option, a default, text for
    text), or a choice's text for its enum, needs no adapter; any other (a number, a
    date, a path list, an option with its own parser, ``EQDIV_NO_CACHE=1``: the text "1"
    for a flag) still goes through typer's own, built when first needed. Where typer
    works otherwise (other releases), this leaves it alone."""
    as_given = _as_given_class()
    if as_given is None:  # pragma: no cover - a typer without runtime params
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        if descriptor.file_annotation is None:
            param._runtime_param = as_given(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )


@cache
def _as_given_class() -> Any:
    """typer's runtime parameter that takes a plain value as it is (see _plain_options)."""
    try:
        from typer._coercion import PassThroughRuntimeParam, build_runtime_param
    except ImportError:  # pragma: no cover - a typer without runtime params
        return None

    class AsGiven(PassThroughRuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = _as_given(self.annotation, self.parameter_info, value)
            if plain is not None:
                return plain[0]
            typed = build_runtime_param(param.type_descriptor)
            param._runtime_param = typed
            return typed.coerce(value, param=param, ctx=ctx)

    return AsGiven


def _as_given(annotation: Any, info: Any, value: Any) -> tuple[Any] | None:
    """``(value,)`` as typer's adapter would give it, when that needs no pydantic; None
    when it does."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None):
        return None
    others = [arg for arg in get_args(annotation) if arg is not type(None)]
    if get_origin(annotation) in (UnionType, Union) and len(others) == 1:
        annotation = others[0]  # X | None: None itself never gets this far
    if get_origin(annotation) is list:
        return _list_as_given(annotation, value)
    if not isinstance(annotation, type):
        return None
    if issubclass(annotation, Enum):
        return _choice_as_given(annotation, value)
    if annotation is Path and isinstance(value, str | Path):
        return (value if isinstance(value, Path) else Path(value),)
    if annotation is int and type(value) is str and _WHOLE.fullmatch(value):
        value = int(value)  # plain digits; anything else is typer's to read (and word)
    if annotation in (str, bool, int, float, date) and type(value) is annotation:
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        inside = (low is None or value >= low) and (high is None or value <= high)
        return (value,) if inside else None
    return None


_WHOLE = re.compile(r"-?[0-9]{1,18}")


def _list_as_given(annotation: Any, value: Any) -> tuple[Any] | None:
    """A repeated option: none given, or text for a list of text."""
    if not isinstance(value, list | tuple):
        return None
    if not value or (get_args(annotation) == (str,) and all(type(v) is str for v in value)):
        return (list(value),)
    return None


def _choice_as_given(choices: type[Enum], value: Any) -> tuple[Any] | None:
    """A choice: its default, or the text of one of its values (typer's own adapter says
    what the choices are when it is none of them)."""
    if isinstance(value, choices):
        return (value,)
    if type(value) is not str:
        return None
    try:
        return (choices(value),)
    except ValueError:
        return None


# typer coerces option values through pydantic, whose messages are written for
# programmers ("Input should be a valid integer, unable to parse string as an integer").
_PLAIN_WORDS = {
    "Input should be a valid integer": "Write a whole number, such as 30.",
    "Input should be a valid number": "Write a number, such as 0.8.",
    "Input should be a valid date": "Write a date as YYYY-MM-DD, such as 2007-10-15.",
    "Input should be a valid boolean": "Write yes or no.",
}
_BOUNDS = re.compile(r"Input should be (greater|less) than or equal to (\S+)")


def plain_parameter_message(message: str) -> str:
    """An option's error as a user can read it: eqdiv's own message without the
    "Value error, " that pydantic puts before it, and pydantic's own in plain words."""
    message = message.removeprefix("Value error, ")
    if bound := _BOUNDS.match(message):
        return f"It must be {bound[2]} or {'more' if bound[1] == 'greater' else 'less'}."
    for start, words in _PLAIN_WORDS.items():
        if message.startswith(start):
            return words
    return message


def fail(err: EqdivError) -> NoReturn:
    from eqdiv.output.console import make_console

    console = make_console(stderr=True)
    from rich.markup import escape

    console.print(f"[error]eqdiv:[/] {escape(err.message)}")
    if err.hint:
        console.print(f"  [muted]hint:[/] {escape(err.hint)}")
    raise typer.Exit(EXIT_USAGE if isinstance(err, UsageError) else EXIT_CANNOT_RUN)


RepoOption = Annotated[
    str | None,
    typer.Option(
        "--repo",
        help="The records repository (a folder with eqdiv.yaml). Default: the nearest such "
        "folder at or above the current one (or its records/ subfolder).",
        metavar="PATH",
    ),
]


def repo_root(ctx: typer.Context, repo: str | None = None) -> Path:
    """The records repository: ``--repo`` (after the command, or before it), else the
    one found from the current folder."""
    from eqdiv.store.locate import check_root, find_root

    given = repo or (ctx.find_root().obj or {}).get("repo")
    return check_root(Path(given)) if given else find_root(Path.cwd())


def repo_relative(root: Path, paths: list[Path], *, skip_outside: bool = False) -> list[str]:
    """Command-line paths as paths inside the repository; a usage error otherwise (or,
    with ``skip_outside``, left out)."""
    relative: list[str] = []
    for given in paths:
        full = given.resolve()
        if not full.exists():
            raise UsageError(f"{given} does not exist.")
        try:
            relative.append(full.relative_to(root).as_posix())
        except ValueError:
            if skip_outside:
                continue
            raise UsageError(
                f"{given} is not inside the records repository {root}.",
                "Name files inside the repository, or choose another with --repo.",
            ) from None
    return relative


def new_file(root: Path, given: Path) -> str:
    """A path for a file to be created, as a path inside the repository."""
    try:
        return given.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            f"{given} is not inside the records repository {root}.",
            "Write records inside the repository, or choose another with --repo.",
        ) from None


def stdin_is_terminal() -> bool:
    """Whether a person is at the keyboard to answer questions (not a script or CI)."""
    return sys.stdin.isatty()


# The --format of commands that print text or JSON; its choices are the registry's
# (eqdiv.output.formats), as every command's are.
ReportFormat = Annotated[
    TextOrJson, typer.Option("--format", "-f", help="How to report: text, or json.")
]


def print_json(report: dict[str, Any]) -> None:
    """A command's JSON report on standard output."""
    import json

    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def cadence_option(text: str) -> Cadence:
    """A review cadence given on the command line (``quarterly``, ``July,October``)."""
    from eqdiv.model.due_text import cadence_from_text

    return cadence_from_text(text)
