"""A progress bar for long runs, on a terminal only.

It appears once a run has taken a second (a quick run should not flicker), on
standard error (standard output stays clean for pipes and JSON), and never in CI or
when standard error is not a terminal. It clears itself when done.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from eqdiv.output.console import make_console

DELAY = 1.0


def wanted(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI")


class DelayedProgress:
    """Use as ``progress(done, total)``; close (or use ``with``) when finished."""

    def __init__(self, label: str, delay: float = DELAY, stream: TextIO | None = None) -> None:
        self.label = label
        self.delay = delay
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.enabled = wanted(self.stream)
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if time.perf_counter() - self.started < self.delay or done >= total:
                return
            self._bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=make_console(self.stream),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        assert self._task is not None
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> DelayedProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
