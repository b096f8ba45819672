"""What a screen says, in words, before any styling: headed blocks of entries.

The core builds these (the status screen's sections, the action list) and the output
layer draws them, so the words are tested without a terminal and every screen reads
the same way. A ``Tone`` only chooses a colour: the words always carry the meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from eqdiv.model.findings import Location

T = TypeVar("T")


class Tone(StrEnum):
    BAD = "bad"
    WARN = "warn"
    GOOD = "good"
    PLAIN = "plain"


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing on a screen: ``key`` (an action id, a date; or, when ``location`` is
    given, the file it is in) and ``tag`` (its status in words) on the first line; then
    ``headline``, cut to one line; then ``details``, wrapped."""

    key: str
    tag: str
    tone: Tone = Tone.PLAIN
    headline: str | None = None
    details: tuple[str, ...] = ()
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, sentences under it, entries, and sentences after them."""

    heading: str
    lines: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    after: tuple[str, ...] = ()


# How many entries a block shows before it says how many more there are: a screen to
# read before a meeting, not a register (the JSON and the list commands have them all).
SHOWN = 10


def capped(
    entries: Sequence[T], where: str, limit: int = SHOWN
) -> tuple[tuple[T, ...], tuple[str, ...]]:
    """The first ``limit`` entries, and a line saying how many more there are and
    ``where`` to see them all (a command)."""
    if len(entries) <= limit:
        return tuple(entries), ()
    return tuple(entries[:limit]), (f"...and {len(entries) - limit} more: {where} shows them all.",)


def capped_map(
    items: Sequence[T], make: Callable[[T], Entry], where: str, limit: int = SHOWN
) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    """``capped`` for entries made from ``items``: only the ones shown are made, which
    matters when an archive has thousands of late actions and the screen shows ten."""
    shown, more = capped(items, where, limit)
    return tuple(make(item) for item in shown), more


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 action``, ``2 actions``; ``words`` for an irregular plural."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
