"""Counts of people in words, as every coverage view writes them."""

from __future__ import annotations

from eqdiv.figures.suppression import Hidden, Shown


def number(count: Shown, threshold: int) -> str:
    """A count in a sentence: ``576`` or ``a hidden number`` (``fewer than 10`` where
    a writer still marks small counts apart)."""
    if count.visible or count.hidden is Hidden.SMALL:
        return count.text(threshold)
    return "a hidden number"


def people(count: Shown, threshold: int) -> str:
    """``598 people``, ``1 person``, ``fewer than 10 people``, ``a hidden number of
    people``."""
    if not (count.visible or count.hidden is Hidden.SMALL):
        return "a hidden number of people"
    return f"{count.text(threshold)} {'person' if count.value == 1 and count.visible else 'people'}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def p_band(p_value: float) -> str:
    """A p-value as a band, for when the exact value may not be shown."""
    for limit in (0.001, 0.01, 0.05):
        if p_value < limit:
            return f"< {limit:g}"
    return ">= 0.05"
