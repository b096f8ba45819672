"""Who the activities in a period missed, in words: the plain summary of coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eqdiv.model.periods import Period


@dataclass(frozen=True, slots=True)
class Gaps:
    """Who the activities in a period missed, in words: what ``status`` and the
    summary line say. Phrases come from the categories' ``people`` ("Pakistani
    residents"); dimensions and groups by their labels."""

    period: Period
    activities: int
    compared: int = 0  # dimensions with figures shown against the population
    under_represented: tuple[str, ...] = ()
    not_reached: tuple[str, ...] = ()
    over_represented: tuple[str, ...] = ()
    not_asked: tuple[str, ...] = ()
    withheld: tuple[str, ...] = ()
    untargeted: tuple[str, ...] = ()  # local groups no activity was aimed at
    not_counted: tuple[str, ...] = ()  # sentences: figures left out as they do not add up

    @property
    def found(self) -> bool:
        return bool(self.under_represented or self.not_reached or self.untargeted)

    def sentences(self) -> list[str]:
        """The plain summary, one sentence per line."""
        return self._sentences(everything=True)

    def attention(self) -> list[str]:
        """Only what someone should act on (for ``eqdiv status``): no over-represented
        groups; what was withheld to protect small numbers is said, since it is not
        "nothing found"."""
        return self._sentences(everything=False)

    def _sentences(self, *, everything: bool) -> list[str]:
        if not self.activities:
            lines = [f"No consultation or involvement activity ran in {self.period.label}."]
            return lines + _listed("No activity aimed at", self.untargeted)
        return self._gap_sentences(everything=everything) + list(self.not_counted)

    def _gap_sentences(self, *, everything: bool) -> list[str]:
        gaps = "; ".join(
            f"{what}: {', '.join(who)}"
            for what, who in (
                ("Under-represented", self.under_represented),
                ("not reached" if self.under_represented else "Not reached", self.not_reached),
            )
            if who
        )
        if gaps:
            lines = [gaps + "."]
        elif self.compared and self.withheld:
            lines = ["No group that could be judged was found under-represented or not reached."]
        elif self.compared:
            lines = ["No group was found under-represented or not reached."]
        else:
            lines = ["Nothing could be compared with the population."]
        if everything:
            lines += _listed("Over-represented", self.over_represented)
        lines += _listed("Not asked about in any activity", self.not_asked)
        # Status shows only what to act on, but a withheld verdict is not "nothing
        # found": it says so too.
        lines += _listed("Withheld to protect small numbers", self.withheld)
        lines += _listed("No activity aimed at", self.untargeted)
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the gaps (``summary`` in coverage's JSON)."""
        return {
            "under_represented": list(self.under_represented),
            "not_reached": list(self.not_reached),
            "over_represented": list(self.over_represented),
            "not_asked": list(self.not_asked),
            "withheld": list(self.withheld),
            "no_targeted_activity": list(self.untargeted),
            "not_counted": list(self.not_counted),
            "text": self.sentences(),
        }


def _listed(what: str, items: tuple[str, ...]) -> list[str]:
    return [f"{what}: {', '.join(items)}."] if items else []
