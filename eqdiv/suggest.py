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
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"Did you mean 'x'? "`` (with the trailing space), or ``""``."""
    match = nearest(value, choices)
    return f"Did you mean '{match}'? " if match else ""
