"""Run the examples in a page of the documentation, as a reader would type them.

A page marks what is to be run with an HTML comment (invisible on the site) on the line
before a fenced block:

* ``<!-- doc-test -->``: each line starting ``$ `` is a command, run with bash in the
  current folder (``$ cd FOLDER`` moves it); the lines after it, up to the next ``$``,
  are what it prints (standard output and standard error together). A line ``...``
  stands for any number of lines, and ``...`` within a line for any text. A command
  must exit with 0 unless its output ends with ``[exit N]``.
* ``<!-- doc-test: write PATH -->``: the block is written to PATH (relative to the
  current folder), as the page asks the reader to write that file.
* ``<!-- doc-test: example records -->`` (no block): a copy of eqdiv's example records
  (``records/``) is made in the current folder, and the commands after it run there.

Blocks are run in order, each page in a fresh folder, with the ``eqdiv`` being tested
first on the PATH and nothing of the tester's own set-up (HOME, git identity, colours).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PROJECT

_BLOCK = re.compile(
    r"^<!-- doc-test(?::\s*write\s+(?P<path>\S+))?\s*-->\n"
    r"```[^\n]*\n(?P<body>.*?)^```[ \t]*$",
    re.M | re.S,
)
_RECORDS = "<!-- doc-test: example records -->"
_EXIT = re.compile(r"^\[exit (\d+)\]$")


@dataclass(frozen=True)
class Command:
    line: int  # in the page, for the failure message
    text: str
    output: tuple[str, ...]


@dataclass(frozen=True)
class WriteFile:
    line: int
    path: str
    text: str


@dataclass(frozen=True)
class ExampleRecords:
    line: int


Step = Command | WriteFile | ExampleRecords


def steps(page: str) -> list[Step]:
    """The marked blocks of ``page`` as steps, in order."""
    out: list[tuple[int, Step]] = []
    for number, line in enumerate(page.splitlines(), 1):
        if line.strip() == _RECORDS:
            out.append((number, ExampleRecords(number)))
    for match in _BLOCK.finditer(page):
        first = page.count("\n", 0, match.start("body")) + 1
        out.extend((first, step) for step in _block_steps(match, first))
    return [step for _line, step in sorted(out, key=lambda pair: pair[0])]


def _block_steps(match: re.Match[str], first: int) -> list[Step]:
    """One marked block: a file to write, or commands each with the output shown."""
    if match["path"]:
        return [WriteFile(first, match["path"], match["body"])]
    out: list[Step] = []
    current: list[str] | None = None
    start = first
    for number, line in enumerate(match["body"].splitlines(), first):
        if line.startswith("$ "):
            if current is not None:
                out.append(Command(start, current[0], tuple(current[1:])))
            current, start = [line[2:]], number
        elif current is None:
            raise ValueError(f"line {number}: output before any `$ ` command")
        else:
            current.append(line)
    if current is not None:
        out.append(Command(start, current[0], tuple(current[1:])))
    return out


def matches(expected: tuple[str, ...], actual: str) -> bool:
    """``actual`` is what ``expected`` shows, ``...`` standing for what varies."""
    expected = tuple(line.rstrip() for line in expected)
    while expected and not expected[-1]:  # blank lines at the end are not seen
        expected = expected[:-1]
    pattern = ""
    for line in expected:
        if line.strip() == "...":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += ".*".join(re.escape(part) for part in line.rstrip().split("...")) + r"\n"
    text = "".join(line.rstrip() + "\n" for line in actual.rstrip().splitlines())
    return re.fullmatch(pattern, text) is not None


def environment(home: Path) -> dict[str, str]:
    """A plain terminal of a new user, with the eqdiv under test first on the PATH."""
    bin_dir = home / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "eqdiv"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m eqdiv "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "GIT_AUTHOR_NAME": "Equality Officer",
        "GIT_AUTHOR_EMAIL": "equality@example.invalid",
        "GIT_COMMITTER_NAME": "Equality Officer",
        "GIT_COMMITTER_EMAIL": "equality@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if "PYTHONPATH" in os.environ:  # an eqdiv run from a checkout rather than installed
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def run_page(name: str, page: str, folder: Path) -> list[str]:
    """Run every marked block of ``page`` in ``folder``: the failures, as messages."""
    env = environment(folder / "home")
    cwd = folder / "work"
    cwd.mkdir()
    failures: list[str] = []
    for step in steps(page):
        if isinstance(step, ExampleRecords):
            cwd = cwd / "records"
            shutil.copytree(PROJECT / "records", cwd, ignore=shutil.ignore_patterns(".eqdiv-cache"))
            continue
        if isinstance(step, WriteFile):
            target = cwd / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.text, encoding="utf-8")
            continue
        if step.text.startswith("cd "):
            cwd = (cwd / step.text[3:].strip()).resolve()
            if not cwd.is_dir():
                return [*failures, f"{name}:{step.line}: `{step.text}`: no such folder"]
            continue
        done = subprocess.run(
            ["bash", "-c", step.text],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        expected = step.output
        code = 0
        if expected and (shown := _EXIT.match(expected[-1].strip())):
            code, expected = int(shown[1]), expected[:-1]
        if done.returncode != code or not matches(expected, done.stdout):
            failures.append(
                f"{name}:{step.line}: `{step.text}` exited {done.returncode} "
                f"(the page expects {code}) and printed:\n{done.stdout}"
                f"the page shows:\n" + "\n".join(expected)
            )
    return failures
