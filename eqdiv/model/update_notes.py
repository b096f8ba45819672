"""The sentences ``eqdiv action update`` writes into an update note, and how to tell
them from what a person wrote.

An update entry's note starts with eqdiv's account of the edit ("Due date changed
from October 2007 to March 2008.") and ends with the person's own words (``--note``).
Only the person's words explain anything: eqdiv's sentence says what changed, never
why, so ``eqdiv review`` and the reports judge a moved due date by the rest.
"""

from __future__ import annotations

import re

# Each sentence ``eqdiv.authoring.action_update`` writes starts with one of these; its
# parts (dates, statuses, cadences in words) hold no full stop.
GENERATED_STARTS = (
    "Due date changed from ",
    "Status changed from ",
    "Completion date set to ",
    "Next review set for ",
    "Review cadence changed to ",
    "Reviewed ",
)
_GENERATED = re.compile(
    r"(?:^|(?<=\s))(?:"
    + "|".join(re.escape(s) for s in GENERATED_STARTS[:-1])
    + r"|Reviewed [^.]*, next by )[^.]*\.(?=\s|$)"
)


def human_words(note: str) -> str:
    """``note`` without the sentences eqdiv wrote: what a person said ("" if nothing)."""
    return " ".join(_GENERATED.sub(" ", note).split())
