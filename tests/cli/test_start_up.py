"""What starting the command line costs: the heavy libraries are imported by the
commands that use them, never by the program starting, its help, or its version; and
a command's module is imported only when that command is named (eqdiv.cli.commands
lists them), so `eqdiv --help` imports none and `eqdiv status --help` only status_cmd.

A behaviour, not a timing (timings are in bench/RESULTS.md): each of these libraries
costs tens to hundreds of milliseconds to import, so one imported at the top of a
module on the start-up path makes every `--help` slow.

The table of commands is held to the commands here: each summary is its command's
help, each module holds its command, every command module is listed, and every help
printed from the table is what the loaded commands print.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, get_origin

import pytest
import typer
import typer.core
import typer.main

from eqdiv.cli.app import app
from eqdiv.cli.commands import COMMANDS, Entry, LazyCommands
from tests.conftest import BUNDLED, PROJECT, matches_golden

HEAVY = ("highspy", "numpy", "jinja2", "openpyxl", "docx", "flask", "git", "pydantic")
COMMAND_MODULES = sorted(path.stem for path in (PROJECT / "eqdiv" / "cli").glob("*_cmd.py"))


def started(script: str) -> tuple[set[str], set[str], str]:
    """The heavy libraries and the command modules (``status_cmd`` ...) in
    ``sys.modules`` after ``script``, in a fresh interpreter, and its standard error."""
    probe = (
        "import sys\n"
        f"{script}\n"
        f"print('heavy:' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
        "print('commands:' + ','.join(m.rpartition('.')[2] for m in sorted(sys.modules)"
        " if m.startswith('eqdiv.cli.') and m.endswith('_cmd')), file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "EQDIV_NO_CACHE"} | {"COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=BUNDLED, capture_output=True, text=True, env=env
    )
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.rstrip("\n").split("\n")
    assert lines[-2].startswith("heavy:") and lines[-1].startswith("commands:"), done.stderr
    heavy = {m for m in lines[-2].removeprefix("heavy:").split(",") if m}
    commands = {m for m in lines[-1].removeprefix("commands:").split(",") if m}
    return heavy, commands, "\n".join(lines[:-2])


def imported(script: str) -> set[str]:
    """The heavy libraries in ``sys.modules`` after ``script``, in a fresh interpreter."""
    return started(script)[0]


def run_main(args: list[str], code: int = 0) -> str:
    """A script that runs the installed program's entry point with ``args`` and
    checks it ends with exit ``code``."""
    return (
        "from eqdiv.cli.entry import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as done:\n"
        f"    assert (done.code or 0) == {code}, done.code\n"
    )


def test_the_command_line_imports_none_of_the_heavy_libraries() -> None:
    assert imported("import eqdiv.cli.app, eqdiv.cli.entry") == set()


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["report", "--help"], ["serve", "--help"], ["export", "--help"]],
)
def test_help_and_version_import_none_of_the_heavy_libraries(args: list[str]) -> None:
    assert imported(run_main(args)) == set()


def test_the_probe_sees_a_heavy_import() -> None:
    """The probe itself works: a script that imports one is caught."""
    assert imported("import jinja2") == {"jinja2"}


# Only the named command's module.


def loaded_tree() -> Any:
    """The whole ``eqdiv`` group with every command loaded."""
    root = typer.main.get_command(app)

    def load(group: Any) -> None:
        for command in list(getattr(group, "commands", {}).values()):
            load(command)

    load(root)
    return root


def command_paths() -> list[tuple[str, ...]]:
    """Every command and group, as the words that name it."""
    paths: list[tuple[str, ...]] = []

    def walk(group: Any, path: tuple[str, ...]) -> None:
        for name, command in getattr(group, "commands", {}).items():
            paths.append((*path, name))
            walk(command, (*path, name))

    walk(loaded_tree(), ())
    return paths


PATHS = command_paths()
LOADED = loaded_tree()


def table_modules(path: tuple[str, ...]) -> set[str]:
    """The command modules the table names on the way to ``path``."""
    modules: set[str] = set()
    for depth, word in enumerate(path):
        entries = COMMANDS.get(path[:depth])
        if entries is None:
            break
        modules.add({entry.name: entry.module for entry in entries}[word])
    return modules


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]])
def test_the_programs_own_help_imports_no_command(args: list[str]) -> None:
    assert started(run_main(args))[:2] == (set(), set())


def test_no_arguments_prints_the_list_without_importing_a_command() -> None:
    heavy, commands, stderr = started(run_main([], code=2))
    assert (heavy, commands) == (set(), set())
    assert "  status        Show what needs attention: actions overdue or due soon,..." in stderr


def test_an_unknown_command_is_named_with_a_suggestion_without_importing_one() -> None:
    heavy, commands, stderr = started(run_main(["stauts"], code=2))
    assert (heavy, commands) == (set(), set())
    assert stderr.endswith("Error: No such command 'stauts'. Did you mean 'status'?")


def test_an_unknown_import_is_named_with_a_suggestion() -> None:
    heavy, commands, stderr = started(run_main(["import", "plna"], code=2))
    assert (heavy, commands) == (set(), {"import_cmd"})
    assert stderr.endswith("Error: No such command 'plna'. Did you mean 'plan'?")


@pytest.mark.parametrize(
    ("path", "modules"),
    [
        (("status",), {"status_cmd"}),
        (("report", "quarterly"), {"report_cmd"}),
        (("import", "plan"), {"import_cmd"}),
        (("import", "census"), {"import_cmd", "census_cmd"}),
        (("action", "update"), {"action_cmd"}),
    ],
)
def test_a_commands_help_imports_its_module_only(path: tuple[str, ...], modules: set[str]) -> None:
    assert table_modules(path) == modules
    assert started(run_main([*path, "--help"]))[:2] == (set(), modules)


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_help_imports_only_its_commands_module(path: tuple[str, ...]) -> None:
    """And none of the heavy libraries: no option of any command needs pydantic to
    print its help (a group without eqdiv's group class used to, for its --help flag)."""
    assert started(run_main([*path, "--help"]))[:2] == (set(), table_modules(path))


# The table is the commands.


def test_every_command_module_is_in_the_table() -> None:
    listed = {entry.module for entries in COMMANDS.values() for entry in entries}
    assert sorted(listed) == COMMAND_MODULES


def test_the_tables_groups_are_the_groups_with_commands_in_several_modules() -> None:
    """Each table lists all of its group's commands, no more."""
    root = loaded_tree()
    for group, entries in COMMANDS.items():
        command = root
        for word in group:
            command = command.commands[word]
        assert [entry.name for entry in entries] == list(command.commands)


@pytest.mark.parametrize(
    ("group", "entry"),
    [(group, entry) for group, entries in COMMANDS.items() for entry in entries],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else value.name,
)
def test_each_summary_is_its_commands_help(group: tuple[str, ...], entry: Entry) -> None:
    """What the table lists, shortened at any width, is what the command itself gives."""
    real = LOADED
    for word in (*group, entry.name):
        real = real.commands[word]
    stand_in = LazyCommands(group, {}).preview(entry.name)
    assert not real.hidden
    first = (real.help or "").split("\n\n", 1)[0]
    assert entry.summary == " ".join(first.split())
    for limit in range(1, 200):
        assert stand_in.get_short_help_str(limit) == real.get_short_help_str(limit)


def help_text(root: Any, path: tuple[str, ...]) -> str:
    """What `eqdiv PATH --help` prints (as wide as COLUMNS says the terminal is)."""
    ctx = typer.Context(root, info_name="eqdiv", **root.context_settings)
    command = root
    for word in path:
        command = command.commands[word]
        ctx = typer.Context(command, info_name=word, parent=ctx)
    return str(command.get_help(ctx)) + "\n"


@pytest.mark.parametrize("width", [50, 64, 80, 120])
def test_every_help_from_the_table_is_the_loaded_commands_help(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for path in [(), *PATHS]:
        fresh = typer.main.get_command(app)  # nothing loaded: the groups list from the table
        assert help_text(fresh, path) == help_text(LOADED, path), path


def test_the_lists_of_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """The order and wording of `eqdiv --help` and `eqdiv import --help`, from the table,
    as they were when every command was imported at start."""
    monkeypatch.setenv("COLUMNS", "80")
    fresh = typer.main.get_command(app)
    assert not isinstance(fresh.commands, dict) and fresh.commands.built == {}
    matches_golden("help-eqdiv.txt", help_text(fresh, ()))
    matches_golden("help-import.txt", help_text(fresh, ("import",)))


# Running a command: no pydantic for its options, no numpy or HiGHS where nothing is solved.


@pytest.mark.parametrize(
    "args",
    [
        ["--no-cache", "validate"],
        ["--no-cache", "actions", "--due-within", "30", "--format", "json"],
        ["--no-cache", "eia", "list"],
    ],
)
def test_a_command_that_solves_nothing_imports_none_of_the_heavy_libraries(
    args: list[str],
) -> None:
    """Its options are read without typer's pydantic adapters (a default, text for
    text, a choice's name, plain digits), and the figures' types without the solver."""
    heavy, commands, stderr = started(run_main(args))
    assert heavy == set(), stderr
    assert commands == table_modules(tuple(a for a in args if not a.startswith("-"))[:1])


class Colour(StrEnum):
    red = "red"
    blue = "blue"


@pytest.mark.parametrize(
    ("annotation", "info", "value"),
    [
        (str, {}, "text"),
        (str | None, {}, "text"),
        (bool, {}, True),
        (int, {}, "30"),
        (int, {"min": 0}, "0"),
        (int | None, {"min": 0}, "-3"),
        (int, {}, "3.5"),
        (int, {}, "x"),
        (int, {"min": 1, "max": 9}, 5),
        (float, {}, "0.8"),
        (Colour, {}, "blue"),
        (Colour, {}, Colour.red),
        (Colour | None, {}, "green"),
        (Path, {}, "out/folder"),
        (Path, {}, Path("eqdiv-export")),
        (list[str], {}, ()),
        (list[str] | None, {}, ("a", "b")),
        (list[Path], {}, ("a",)),
        (list[Path], {}, ()),
        (date, {}, date(2007, 10, 15)),
    ],
)
def test_an_option_read_without_pydantic_reads_as_typer_reads_it(
    annotation: Any, info: dict[str, Any], value: Any
) -> None:
    """Where eqdiv takes an option's value as given, it is what typer's own (pydantic)
    coercion gives; where it cannot tell, it leaves the value to typer's, messages and
    all."""
    from typer._coercion import build_runtime_param, resolve_type_descriptor
    from typer.models import OptionInfo

    from eqdiv.cli.common import _as_given, plain_parameter_message

    descriptor = resolve_type_descriptor(annotation, OptionInfo(**info))
    multiple = get_origin(annotation) is list or list in map(
        get_origin, getattr(annotation, "__args__", ())
    )
    option = typer.core.TyperOption(
        param_decls=["--option"], type_descriptor=descriptor, multiple=multiple
    )
    given = _as_given(annotation, descriptor.parameter_info, value)
    try:
        typers = build_runtime_param(descriptor).coerce(value, param=option, ctx=None)
    except typer.BadParameter as error:
        assert given is None, (given, plain_parameter_message(error.message))
        return
    if given is not None:
        assert given[0] == typers and type(given[0]) is type(typers)
