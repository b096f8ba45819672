"""Free text that looks like personal data: an e-mail address, a phone number, a house
number with a postcode, a National Insurance number.

Records hold roles and counts, never people, and a case note is where a resident's
details slip in. A finding about one must never repeat it (CI logs are read widely),
so ``spans`` gives what it found and where, and ``redact`` the text with each value
replaced by what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern is deliberately a little generous: a false alarm costs an edit, a miss
# publishes a resident's details.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Any character a mailbox name may hold (RFC 5322's atext), then a dotted domain.
    ("an e-mail address", re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "a phone number",
        # UK numbers: 01234 567890, 020 7946 0000, 07700 900123, +44 7700 900123,
        # (01234) 567890; digits in groups, 10 or 11 of them.
        re.compile(
            r"(?<![\w])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
        ),
    ),
    (
        "an address (a house number and a postcode)",
        # A house number, then within a line a postcode (AB1 2CD, ST16 2AB, SW1A 1AA).
        re.compile(
            r"\b\d{1,4}[A-Za-z]?\s+[A-Za-z][^\n@]{0,80}?"
            r"\b(?i:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b"
        ),
    ),
    (
        "a National Insurance number",
        re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),
    ),
)


@dataclass(frozen=True, slots=True)
class Found:
    what: str  # "an e-mail address"
    start: int  # where in the text, 0-based
    end: int


def spans(text: str) -> list[Found]:
    """What in ``text`` looks like personal data, in order, not overlapping."""
    found: list[Found] = []
    for what, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not any(f.start < match.end() and match.start() < f.end for f in found):
                found.append(Found(what, match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def redact(text: str) -> str:
    """``text`` with each value ``spans`` finds replaced by ``[what it is]``."""
    out, at = [], 0
    for found in spans(text):
        out.append(text[at : found.start])
        out.append(f"[{found.what.split(' (')[0].removeprefix('an ').removeprefix('a ')}]")
        at = found.end
    out.append(text[at:])
    return "".join(out)
