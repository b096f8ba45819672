"""Consoles for eqdiv's output: colour only on a terminal, and never when NO_COLOR is
set (rich honours it). Lines are never hard-wrapped, so ``path:line:col`` stays whole
for editors and scripts.

Every console eqdiv prints through is made here, and passes everything it prints
through ``terminal_text`` (the terminal's one escaping function, see
``eqdiv.model.escaping``), on a screen and piped alike: text given to ``print`` before
rich reads it (rich would drop some controls silently), and every rendered piece after
(a table cell, a panel), so a record's escape sequences or bidirectional overrides are
shown, never obeyed. Rich's own styling and cursor control pass as they are."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderHook, RenderResult
from rich.segment import Segment
from rich.theme import Theme

from eqdiv.model.escaping import terminal_text

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


class _SafeConsole(Console):
    """A console whose text passes through ``terminal_text`` before rich reads it."""

    def print(self, *objects: Any, **options: Any) -> None:
        shown = tuple(terminal_text(o) if isinstance(o, str) else o for o in objects)
        super().print(*shown, **options)


class _Shown:
    """A renderable as rich draws it, its text through ``terminal_text``."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not segment.text:
                yield segment
            else:
                yield Segment(terminal_text(segment.text), segment.style)


class _ShowControls(RenderHook):
    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Shown(r) for r in renderables]


def make_console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    console = _SafeConsole(
        file=file,
        stderr=stderr,
        theme=THEME,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    console.push_render_hook(_ShowControls())
    return console


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
