"""What starting the command line costs: the heavy libraries are imported by the
commands that use them, never by the program starting, its help, or its version.

A behaviour, not a timing (timings are in bench/RESULTS.md): each of these libraries
costs tens to hundreds of milliseconds to import, so one imported at the top of a
module on the start-up path makes every `--help` slow.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import BUNDLED

HEAVY = ("highspy", "numpy", "jinja2", "openpyxl", "docx", "flask", "git", "pydantic")


def imported(script: str) -> set[str]:
    """The heavy libraries in ``sys.modules`` after ``script``, in a fresh interpreter."""
    probe = (
        "import sys\n"
        f"{script}\n"
        f"print('heavy:' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "EQDIV_NO_CACHE"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=BUNDLED, capture_output=True, text=True, env=env
    )
    assert "Traceback" not in done.stderr, done.stderr
    last = done.stderr.rstrip("\n").rpartition("\n")[2]
    assert last.startswith("heavy:"), done.stderr
    return {m for m in last.removeprefix("heavy:").split(",") if m}


def test_the_command_line_imports_none_of_the_heavy_libraries() -> None:
    assert imported("import eqdiv.cli.app, eqdiv.cli.entry") == set()


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["report", "--help"], ["serve", "--help"], ["export", "--help"]],
)
def test_help_and_version_import_none_of_the_heavy_libraries(args: list[str]) -> None:
    script = (
        "from eqdiv.cli.entry import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
    )
    assert imported(script) == set()


def test_the_probe_sees_a_heavy_import() -> None:
    """The probe itself works: a script that imports one is caught."""
    assert imported("import jinja2") == {"jinja2"}
