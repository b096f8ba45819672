"""Consoles for eqdiv's output: colour only on a terminal, and never when NO_COLOR is
set (rich honours it). Lines are never hard-wrapped, so ``path:line:col`` stays whole
for editors and scripts."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.theme import Theme

THEME = Theme(
    {
        "error": "bold red",
        "warning": "yellow",
        "info": "cyan",
        "ok": "green",
        "path": "bold",
        "muted": "dim",
        "caret": "bold magenta",
    }
)


def make_console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    return Console(
        file=file,
        stderr=stderr,
        theme=THEME,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )


def display_path(root: Path, path: str, cwd: Path | None = None) -> str:
    """A repository-relative path as the user should see it: relative to the current
    folder when it is inside it (so editors can open it), otherwise absolute."""
    full = root / path
    cwd = cwd or Path.cwd()
    try:
        return full.relative_to(cwd).as_posix()
    except ValueError:
        relative = os.path.relpath(full, cwd)
        return full.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
