"""How ONS Census 2021 tables map onto eqdiv's census categories.

Two download layouts are in use and both are described here: Nomis bulk CSVs (one column
per category, named ``<Variable>: <label>``, the total first) and ONS "create a custom
dataset" CSVs (one row per area and category, with a numeric category code). Labels are
exactly as ONS publishes them. A category eqdiv has no place for (under-16s in the age
table, "Does not apply") is ``OUTSIDE``: counted, reported, never added to the profile.

Nothing in a Nomis column says that it is a subtotal (TS021's five broad groups sit beside
their nineteen parts), so the mapping says it: subtotals are checked against their parts
and never added to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

OUTSIDE = ""  # an ONS category outside eqdiv's universe for the dimension
DOES_NOT_APPLY = -8  # the custom-dataset code for "Does not apply"


@dataclass(frozen=True, slots=True)
class NomisTable:
    """One Nomis table: its total column, its leaf categories and its subtotals."""

    table: str
    title: str
    total: str
    leaves: Mapping[str, str]  # ONS label -> eqdiv category (or OUTSIDE)
    subtotals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CustomClassification:
    """One custom-dataset classification, such as ``Ethnic group (20 categories)``."""

    variable: str
    size: int
    codes: Mapping[int, tuple[str, str]]  # code -> (ONS label, eqdiv category or OUTSIDE)

    @property
    def name(self) -> str:
        return f"{self.variable} ({self.size} categories)"


@dataclass(frozen=True, slots=True)
class CensusDimension:
    """An eqdiv dimension and the ONS tables that fill it."""

    id: str
    label: str
    universe: str
    nomis_variable: str
    nomis: tuple[NomisTable, ...]
    custom: tuple[CustomClassification, ...]
    # An ONS category eqdiv cannot represent exactly, with why: reported as a note.
    approximate: Mapping[str, str] = field(default_factory=dict)
    # An ONS category that leaves one of eqdiv's categories unfilled: a warning.
    incomplete: Mapping[str, str] = field(default_factory=dict)
    # Whether "Does not apply" may hold people (the under-16s of a 16-and-over question).
    outside_expected: bool = False

    @property
    def default_table(self) -> str:
        return self.nomis[0].table


def _single_years() -> tuple[str, ...]:
    """TS007's single-year labels; the index is the age and the custom-dataset code."""
    middle = tuple(f"Aged {n} years" for n in range(2, 100))
    return ("Aged under 1 year", "Aged 1 year", *middle, "Aged 100 years and over")


SINGLE_YEARS = _single_years()

# TS007 in a Nomis bulk file: eleven bands, each followed by its single years.
_TS007_BANDS: tuple[tuple[str, range, str], ...] = (
    ("Aged 4 years and under", range(0, 5), OUTSIDE),
    ("Aged 5 to 9 years", range(5, 10), OUTSIDE),
    ("Aged 10 to 15 years", range(10, 16), OUTSIDE),
    ("Aged 16 to 19 years", range(16, 20), "16-24"),
    ("Aged 20 to 24 years", range(20, 25), "16-24"),
    ("Aged 25 to 34 years", range(25, 35), "25-34"),
    ("Aged 35 to 49 years", range(35, 50), "35-49"),
    ("Aged 50 to 64 years", range(50, 65), "50-64"),
    ("Aged 65 to 74 years", range(65, 75), "65-74"),
    ("Aged 75 to 84 years", range(75, 85), "75+"),
    ("Aged 85 years and over", range(85, 101), "75+"),
)
_STRADDLES_16 = "Aged 15 to 19 years"
# TS007A: five-year bands; 15-19 straddles 16, so eqdiv's 16-24 cannot be formed from it.
_TS007A_BANDS: tuple[tuple[str, str], ...] = (
    ("Aged 4 years and under", OUTSIDE),
    ("Aged 5 to 9 years", OUTSIDE),
    ("Aged 10 to 14 years", OUTSIDE),
    (_STRADDLES_16, OUTSIDE),
    ("Aged 20 to 24 years", OUTSIDE),
    ("Aged 25 to 29 years", "25-34"),
    ("Aged 30 to 34 years", "25-34"),
    ("Aged 35 to 39 years", "35-49"),
    ("Aged 40 to 44 years", "35-49"),
    ("Aged 45 to 49 years", "35-49"),
    ("Aged 50 to 54 years", "50-64"),
    ("Aged 55 to 59 years", "50-64"),
    ("Aged 60 to 64 years", "50-64"),
    ("Aged 65 to 69 years", "65-74"),
    ("Aged 70 to 74 years", "65-74"),
    ("Aged 75 to 79 years", "75+"),
    ("Aged 80 to 84 years", "75+"),
    ("Aged 85 years and over", "75+"),
)


def _age_band(age: int) -> str:
    return next(band for _label, years, band in _TS007_BANDS if age in years)


_ASIAN = "Asian, Asian British or Asian Welsh"
_BLACK = "Black, Black British, Black Welsh, Caribbean or African"
_MIXED = "Mixed or Multiple ethnic groups"
_WHITE = "White"
_OTHER = "Other ethnic group"
_ETHNIC: tuple[tuple[str, str], ...] = (  # in ONS order: the custom-dataset code is 1 + index
    (f"{_ASIAN}: Bangladeshi", "bangladeshi"),
    (f"{_ASIAN}: Chinese", "chinese"),
    (f"{_ASIAN}: Indian", "indian"),
    (f"{_ASIAN}: Pakistani", "pakistani"),
    (f"{_ASIAN}: Other Asian", "other_asian"),
    (f"{_BLACK}: African", "african"),
    (f"{_BLACK}: Caribbean", "caribbean"),
    (f"{_BLACK}: Other Black", "other_black"),
    (f"{_MIXED}: White and Asian", "white_and_asian"),
    (f"{_MIXED}: White and Black African", "white_and_black_african"),
    (f"{_MIXED}: White and Black Caribbean", "white_and_black_caribbean"),
    (f"{_MIXED}: Other Mixed or Multiple ethnic groups", "other_mixed"),
    (f"{_WHITE}: English, Welsh, Scottish, Northern Irish or British", "white_british"),
    (f"{_WHITE}: Irish", "white_irish"),
    (f"{_WHITE}: Gypsy or Irish Traveller", "gypsy_or_irish_traveller"),
    (f"{_WHITE}: Roma", "roma"),
    (f"{_WHITE}: Other White", "other_white"),
    (f"{_OTHER}: Arab", "arab"),
    (f"{_OTHER}: Any other ethnic group", "any_other"),
)

_RELIGION: tuple[tuple[str, str], ...] = (
    ("No religion", "no_religion"),
    ("Christian", "christian"),
    ("Buddhist", "buddhist"),
    ("Hindu", "hindu"),
    ("Jewish", "jewish"),
    ("Muslim", "muslim"),
    ("Sikh", "sikh"),
    ("Other religion", "other_religion"),
    ("Not answered", "not_known"),
)

_DISABLED = "Disabled under the Equality Act"
_NOT_DISABLED = "Not disabled under the Equality Act"
_DIS_LOT = f"{_DISABLED}: Day-to-day activities limited a lot"
_DIS_LITTLE = f"{_DISABLED}: Day-to-day activities limited a little"
_NOT_DIS_CONDITION = (
    f"{_NOT_DISABLED}: Has long term physical or mental health condition but day-to-day "
    "activities are not limited"
)
_NOT_DIS_NONE = f"{_NOT_DISABLED}: No long term physical or mental health conditions"
_DISABILITY: tuple[tuple[str, str], ...] = (
    (_DIS_LOT, "disabled_a_lot"),
    (_DIS_LITTLE, "disabled_a_little"),
    (_NOT_DIS_CONDITION, "not_disabled"),
    (_NOT_DIS_NONE, "not_disabled"),
)

_ORIENTATION: tuple[tuple[str, str], ...] = (
    ("Straight or Heterosexual", "straight"),
    ("Gay or Lesbian", "gay_or_lesbian"),
    ("Bisexual", "bisexual"),
    ("All other sexual orientations", "other"),
    ("Not answered", "not_known"),
)

_GI_OTHER = "All other gender identities"
_GENDER_IDENTITY: tuple[tuple[str, str], ...] = (
    ("Gender identity the same as sex registered at birth", "same_as_sex"),
    (
        "Gender identity different from sex registered at birth but no specific identity given",
        "different_no_identity_given",
    ),
    ("Trans woman", "trans_woman"),
    ("Trans man", "trans_man"),
    (_GI_OTHER, "different_from_sex"),  # eqdiv's group: see `approximate`
    ("Not answered", "not_known"),
)

_ALL_RESIDENTS = "Total: All usual residents"
_ADULTS = "Total: All usual residents aged 16 years and over"


def _coded(pairs: tuple[tuple[str, str], ...]) -> dict[int, tuple[str, str]]:
    """Custom-dataset codes in ONS order, 1 upwards, with "Does not apply" as -8."""
    codes = {DOES_NOT_APPLY: ("Does not apply", OUTSIDE)}
    codes.update({n: pair for n, pair in enumerate(pairs, start=1)})
    return codes


def _grouped(
    pairs: tuple[tuple[str, str], ...], groups: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    return {g: tuple(label for label, _ in pairs if label.split(": ")[0] == g) for g in groups}


DIMENSIONS: tuple[CensusDimension, ...] = (
    CensusDimension(
        id="age",
        label="Age",
        universe="Usual residents aged 16 and over",
        nomis_variable="Age",
        nomis=(
            NomisTable(
                "TS007",
                "Age by single year of age",
                "Total",
                {label: band for label, _years, band in _TS007_BANDS},
                {label: tuple(SINGLE_YEARS[y] for y in years) for label, years, _ in _TS007_BANDS},
            ),
            NomisTable("TS007A", "Age by five-year age bands", "Total", dict(_TS007A_BANDS)),
        ),
        custom=(
            CustomClassification(
                "Age", 101, {age: (SINGLE_YEARS[age], _age_band(age)) for age in range(101)}
            ),
        ),
        incomplete={
            _STRADDLES_16: "TS007A's five-year bands put 15-year-olds with 16 to 19, so eqdiv's "
            "16-24 cannot be formed from TS007A: use TS007 (age by single year) instead.",
        },
    ),
    CensusDimension(
        id="sex",
        label="Sex",
        universe="All usual residents",
        nomis_variable="Sex",
        nomis=(NomisTable("TS008", "Sex", "All persons", {"Female": "female", "Male": "male"}),),
        custom=(CustomClassification("Sex", 2, {1: ("Female", "female"), 2: ("Male", "male")}),),
    ),
    CensusDimension(
        id="ethnicity",
        label="Ethnic group",
        universe="All usual residents",
        nomis_variable="Ethnic group",
        nomis=(
            NomisTable(
                "TS021",
                "Ethnic group",
                _ALL_RESIDENTS,
                dict(_ETHNIC),
                _grouped(_ETHNIC, (_ASIAN, _BLACK, _MIXED, _WHITE, _OTHER)),
            ),
        ),
        custom=(CustomClassification("Ethnic group", 20, _coded(_ETHNIC)),),
    ),
    CensusDimension(
        id="religion",
        label="Religion",
        universe="All usual residents (a voluntary question)",
        nomis_variable="Religion",
        nomis=(NomisTable("TS030", "Religion", _ALL_RESIDENTS, dict(_RELIGION)),),
        custom=(CustomClassification("Religion", 10, _coded(_RELIGION)),),
    ),
    CensusDimension(
        id="disability",
        label="Disability",
        universe="All usual residents",
        nomis_variable="Disability",
        nomis=(
            NomisTable(
                "TS038",
                "Disability",
                _ALL_RESIDENTS,
                dict(_DISABILITY),
                _grouped(_DISABILITY, (_DISABLED, _NOT_DISABLED)),
            ),
        ),
        custom=(
            CustomClassification("Disability", 5, _coded(_DISABILITY)),
            CustomClassification(
                "Disability", 3, _coded(((_DISABLED, "disabled"), (_NOT_DISABLED, "not_disabled")))
            ),
            CustomClassification(
                "Disability",
                4,
                _coded(
                    (
                        (_DIS_LOT, "disabled_a_lot"),
                        (_DIS_LITTLE, "disabled_a_little"),
                        (_NOT_DISABLED, "not_disabled"),
                    )
                ),
            ),
        ),
        approximate={
            _DISABLED: "The three-category disability classification does not split "
            "'limited a lot' from 'limited a little', so the count goes to eqdiv's group "
            "'disabled'.",
        },
    ),
    CensusDimension(
        id="sexual_orientation",
        label="Sexual orientation",
        universe="Usual residents aged 16 and over (a voluntary question)",
        nomis_variable="Sexual orientation",
        nomis=(NomisTable("TS077", "Sexual orientation", _ADULTS, dict(_ORIENTATION)),),
        custom=(CustomClassification("Sexual orientation", 6, _coded(_ORIENTATION)),),
        outside_expected=True,
    ),
    CensusDimension(
        id="gender_identity",
        label="Gender identity",
        universe="Usual residents aged 16 and over (a voluntary question)",
        nomis_variable="Gender identity",
        nomis=(NomisTable("TS078", "Gender identity", _ADULTS, dict(_GENDER_IDENTITY)),),
        custom=(CustomClassification("Gender identity", 7, _coded(_GENDER_IDENTITY)),),
        approximate={
            _GI_OTHER: "TS078's 'All other gender identities' includes non-binary people, so "
            "eqdiv cannot fill non_binary or other_gender_identity from it: the count goes to "
            "the group different_from_sex.",
        },
        outside_expected=True,
    ),
)

BY_ID: Mapping[str, CensusDimension] = {d.id: d for d in DIMENSIONS}

# The custom dataset names its area column after the area type; the short names are
# what eqdiv records.
AREA_TYPES: Mapping[str, str] = {
    "lower tier local authorities": "local authority (lower tier)",
    "upper tier local authorities": "local authority (upper tier)",
    "middle layer super output areas": "MSOA",
    "lower layer super output areas": "LSOA",
    "output areas": "output area",
    "electoral wards and divisions": "ward",
    "regions": "region",
    "countries": "country",
}


def nomis_dimension(variable: str) -> CensusDimension | None:
    """The dimension whose Nomis columns start ``<variable>: ``."""
    wanted = variable.casefold()
    return next((d for d in DIMENSIONS if d.nomis_variable.casefold() == wanted), None)


def custom_classification(
    variable: str, size: int
) -> tuple[CensusDimension, CustomClassification] | None:
    """The classification a custom-dataset header names. ONS sometimes lengthens the
    variable ("Disability - Equality act disabled (4 categories)"), so the name is matched
    by its start and the number of categories."""
    wanted = variable.casefold()
    for dim in DIMENSIONS:
        for cls in dim.custom:
            if cls.size == size and wanted.startswith(cls.variable.casefold()):
                return dim, cls
    return None
