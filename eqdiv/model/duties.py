"""The public sector equality duty in force on a day, for the annual report's
introduction: the Public Sector Equality Duty (Equality Act 2010, section 149) from
5 April 2011; before it, the three duties it replaced, each on its own statute.

The report's aims keep one set of keys (``eliminate_discrimination``,
``advance_equality``, ``good_relations``, as objectives name them), so a report for a
year before 2011 names the same three aims in the words of the duties of its time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.objectives import PSED_AIMS

PSED_IN_FORCE = date(2011, 4, 5)


@dataclass(frozen=True, slots=True)
class Duty:
    """What a report says about the duty: ``intro`` leads into the list of ``aims``
    (key -> label, in the order objectives use)."""

    name: str
    intro: str
    aims: dict[str, str]


PSED = Duty(
    name="Public Sector Equality Duty",
    intro="Under the Public Sector Equality Duty (Equality Act 2010, section 149), public "
    "bodies must have due regard to three aims:",
    aims=dict(PSED_AIMS),
)

# The race equality duty (Race Relations Act 1976, as amended in 2000), the disability
# equality duty (Disability Discrimination Act 1995, as amended in 2005, from December
# 2006) and the gender equality duty (Sex Discrimination Act 1975, as amended by the
# Equality Act 2006, from April 2007).
EARLIER_DUTIES = Duty(
    name="race, disability and gender equality duties",
    intro="Under the race equality duty (Race Relations Act 1976, as amended in 2000), the "
    "disability equality duty (Disability Discrimination Act 1995, as amended in 2005) and "
    "the gender equality duty (Sex Discrimination Act 1975, as amended by the Equality Act "
    "2006), public bodies must have due regard to the need for:",
    aims={
        "eliminate_discrimination": "Eliminating unlawful discrimination and harassment",
        "advance_equality": "Promoting equality of opportunity",
        "good_relations": "Promoting good race relations and positive attitudes to disabled people",
    },
)


def duty_on(day: date) -> Duty:
    """The duty in force on ``day``."""
    return PSED if day >= PSED_IN_FORCE else EARLIER_DUTIES


# The frameworks an action plan can be organised by, by the day each was current: the
# Equality Standard for Local Government until it was replaced in 2009.
ESLG_REPLACED = date(2009, 4, 1)


def framework_on(day: date) -> str:
    """The framework a new plan dated ``day`` is organised by, unless told otherwise."""
    return "eslg-2007" if day < ESLG_REPLACED else "eflg-2021"
