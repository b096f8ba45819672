"""The progress bar: only on a terminal, only after a second, never in CI, on stderr."""

from __future__ import annotations

import io

import pytest

from eqdiv.output.progress import DelayedProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    monkeypatch.delenv("CI", raising=False)
    return Terminal()


def test_shows_on_a_terminal_after_the_delay(terminal: Terminal) -> None:
    with DelayedProgress("Reading records", delay=0, stream=terminal) as bar:
        bar(1, 10)
        assert bar._bar is not None
    assert bar._bar is None  # cleared when done
    assert "Reading records" in terminal.getvalue()


def test_a_quick_run_shows_nothing(terminal: Terminal) -> None:
    with DelayedProgress("Reading records", delay=60, stream=terminal) as bar:
        for done in range(1, 11):
            bar(done, 10)
        assert bar._bar is None
    assert terminal.getvalue() == ""


def test_never_in_ci(terminal: Terminal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with DelayedProgress("Reading records", delay=0, stream=terminal) as bar:
        bar(1, 10)
        assert bar._bar is None


def test_never_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with DelayedProgress("Reading records", delay=0, stream=io.StringIO()) as bar:
        bar(1, 10)
        assert bar._bar is None
