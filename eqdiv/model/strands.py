"""The equality strand sets eqdiv knows, and the 2007 to 2010 crosswalk.

The 2007 documents use six strands; the Equality Act 2010 has nine protected
characteristics. A partnership picks a set in ``eqdiv.yaml`` (or lists its own) and adds
local groups; the crosswalk lets records written under the six report under the nine.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Strand:
    id: str
    label: str
    local: bool = False
    description: str | None = None


SIX_STRANDS = (
    Strand("age", "Age"),
    Strand("disability", "Disability"),
    Strand("ethnicity", "Ethnicity (race)"),
    Strand("sexual_orientation", "Sexual orientation"),
    Strand("religion_or_belief", "Religion or belief"),
    Strand("gender", "Gender (including gender identity)"),
)

EQUALITY_ACT_2010 = (
    Strand("age", "Age"),
    Strand("disability", "Disability"),
    Strand("gender_reassignment", "Gender reassignment"),
    Strand("marriage_civil_partnership", "Marriage and civil partnership"),
    Strand("pregnancy_maternity", "Pregnancy and maternity"),
    Strand("race", "Race"),
    Strand("religion_or_belief", "Religion or belief"),
    Strand("sex", "Sex"),
    Strand("sexual_orientation", "Sexual orientation"),
)

BUILT_IN_SETS: dict[str, tuple[Strand, ...]] = {
    "six-strands": SIX_STRANDS,
    "equality-act-2010": EQUALITY_ACT_2010,
}

# Six strands to the nine characteristics (domain.md: ethnicity is race; gender is sex
# and gender reassignment; the rest carry over by name).
CROSSWALK_2007_TO_2010: dict[str, tuple[str, ...]] = {
    "age": ("age",),
    "disability": ("disability",),
    "ethnicity": ("race",),
    "sexual_orientation": ("sexual_orientation",),
    "religion_or_belief": ("religion_or_belief",),
    "gender": ("sex", "gender_reassignment"),
}
