"""'Did you mean ...?': the nearest valid name for a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice ``value`` most likely meant, or None if nothing is close.

    Case slips (``dh``) and swapped letters (``HD`` for ``DH``, common with initials)
    come first; otherwise difflib's similarity, which handles longer names well."""
    options = sorted(set(choices))
    folded = value.casefold()
    for option in options:
        if option.casefold() == folded:
            return option
    letters = sorted(folded)
    for option in options:
        if sorted(option.casefold()) == letters:
            return option
    # The most similar, at least difflib's usual 0.6; on a tie the last in order, as
    # difflib.get_close_matches picks.
    scored = max(((_similarity(value, o), o) for o in options), default=(0.0, ""))
    return scored[1] if scored[0] >= 0.6 else None


def _similarity(value: str, option: str) -> float:
    """How alike two names are, past the words they share at the start: ids such as
    ``cons-2007-fathers-group`` and ``cons-2007-rural-drop-ins`` share a long prefix
    that says nothing about whether one was meant for the other."""
    shared = 0
    for i, (a, b) in enumerate(zip(value, option, strict=False)):
        if a != b:
            break
        if a in _SEPARATORS:
            shared = i + 1
    rest, other = value[shared:], option[shared:]
    if max(len(rest), len(other)) <= 3:  # action ids (`4e`, `4f`): one slip is most of them
        rest, other = value, option
    return difflib.SequenceMatcher(None, rest, other).ratio()


_SEPARATORS = "-_/ ."


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"Did you mean 'x'? "`` (with the trailing space), or ``""``."""
    match = nearest(value, choices)
    return f"Did you mean '{match}'? " if match else ""
