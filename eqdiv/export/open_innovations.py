"""The ``open_innovations_workforce`` table: staff profiles in the layout of the Open
Innovations Diversity Data Standard (version 1.0.1), which diversity dashboards such
as the Leeds City Region's read.

One row per workforce return: ``published`` (the period's last day),
``organisation`` (the partner's name) and ``employees``, then
``<section>_<category>`` counts (``ethnicity_asian``, ``ethnicity_asian_indian``,
``disability_yes_daytodayalot`` ...) with ``_prefernottosay``, ``_undisclosed`` (not
known) and ``_total`` for each section. A column is filled only where eqdiv's category
means the same as the standard's: eqdiv's age bands 35-49, 50-64, 65-74 and 75+ and the
Roma category have no column there, and are left out (the section's total still counts
them). The counts are those ``eqdiv workforce`` shows: in a ``--published`` export a
hidden count is empty, and a broad group's column is filled only when every category
in it is shown (it then says nothing its parts do not).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from eqdiv.export.table import Column, ExportTable, Value, columns
from eqdiv.figures.suppression import Shown
from eqdiv.figures.workforce_view import ReturnView, workforce_view
from eqdiv.store.repository import Repository

# eqdiv dimension -> (the standard's section, {eqdiv category: the standard's key}).
# A key with "_" below the section is a breakdown of a broad group
# (``asian_indian`` is part of ``asian``).
SECTIONS: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "age": ("age", {"16-24": "15-24", "25-34": "25-34"}),
    "disability": (
        "disability",
        {
            "disabled": "yes",
            "disabled_a_lot": "yes_daytodayalot",
            "disabled_a_little": "yes_daytodayalittle",
            "not_disabled": "no",
        },
    ),
    "ethnicity": (
        "ethnicity",
        {
            "bangladeshi": "asian_bangladeshi",
            "chinese": "asian_chinese",
            "indian": "asian_indian",
            "pakistani": "asian_pakistani",
            "other_asian": "asian_other",
            "african": "black_african",
            "caribbean": "black_caribbean",
            "other_black": "black_other",
            "white_and_asian": "mixed_asian",
            "white_and_black_african": "mixed_african",
            "white_and_black_caribbean": "mixed_caribbean",
            "other_mixed": "mixed_other",
            "white_british": "white_british",
            "white_irish": "white_irish",
            "gypsy_or_irish_traveller": "white_traveller",
            "other_white": "white_other",
            "arab": "other_arab",
            "any_other": "other_anyother",
        },
    ),
    "sex": ("gender", {"female": "female", "male": "male"}),
    "gender_identity": (
        "trans",
        {
            "same_as_sex": "no",
            "trans_woman": "yes",
            "trans_man": "yes",
            "non_binary": "yes",
            "other_gender_identity": "yes",
            "different_no_identity_given": "yes",
        },
    ),
    "religion": (
        "religion",
        {
            "buddhist": "buddhist",
            "christian": "christian",
            "hindu": "hindu",
            "jewish": "jewish",
            "muslim": "muslim",
            "no_religion": "no",
            "other_religion": "other",
            "sikh": "sikh",
        },
    ),
    "sexual_orientation": (
        "sexuality",
        {
            "bisexual": "bisexual",
            "gay_or_lesbian": "gaylesbian",
            "straight": "straight",
            "other": "usedifferentterm",
        },
    ),
}

# Where eqdiv has no single category for one of the standard's broad groups, the group
# is the sum of its breakdown.
_GROUPS: Mapping[str, tuple[str, ...]] = {
    "ethnicity": ("asian", "black", "mixed", "other", "white"),
    "disability": ("yes",),
}
_ENDS = ("prefernottosay", "undisclosed", "total")


def _keys(section: str, categories: Mapping[str, str]) -> list[str]:
    keys: list[str] = []
    for group in _GROUPS.get(section, ()):
        keys.append(group)
        keys.extend(k for k in dict.fromkeys(categories.values()) if k.startswith(group + "_"))
    keys.extend(k for k in dict.fromkeys(categories.values()) if k not in keys)
    return [*keys, *_ENDS]


COUNT_COLUMNS: tuple[str, ...] = tuple(
    f"{section}_{key}"
    for section, categories in SECTIONS.values()
    for key in _keys(section, categories)
)

OPEN_INNOVATIONS_COLUMNS: tuple[Column, ...] = columns(
    ("return_id", "text", "The workforce return's id (not part of the standard)."),
    ("published", "date", "The last day of the return's period."),
    ("organisation", "text", "The partner's name."),
    ("organisation_grouping", "text", "Left empty: a return covers the whole partner."),
    ("employees", "integer", "Staff at the period's end."),
    *(
        (
            name,
            "integer",
            "Staff counted in this category of the standard (empty when "
            "hidden or when eqdiv has no matching category).",
        )
        for name in COUNT_COLUMNS
    ),
)


def open_innovations_table(repo: Repository, as_of: date, *, published: bool) -> ExportTable:
    shown = workforce_view(repo, as_of, unsuppressed=not published)
    partnership = repo.config.id
    rows = tuple(
        (partnership, r.id, r.end, r.partner_name, None, r.staff.exact(), *_counts(r))
        for trend in shown.trends
        for r in trend.points
    )
    return ExportTable(
        "open_innovations_workforce",
        "Staff profiles in the Open Innovations Diversity Data Standard's layout, one row "
        "per workforce return.",
        OPEN_INNOVATIONS_COLUMNS,
        rows,
    )


def _counts(r: ReturnView) -> tuple[Value, ...]:
    found: dict[str, int | None] = {}
    for profile in r.profile:
        section, categories = SECTIONS.get(profile.dimension, ("", {}))
        for row in profile.rows:
            key = categories.get(row.id)
            if key is not None:
                _add(found, f"{section}_{key}", row.count)
                group = key.split("_")[0]
                if group != key and group in _GROUPS.get(section, ()):
                    _add(found, f"{section}_{group}", row.count)
    for c in r.completeness:
        if c.who != "staff" or c.dimension not in SECTIONS:
            continue
        section = SECTIONS[c.dimension][0]
        found[f"{section}_prefernottosay"] = c.prefer_not.exact()
        found[f"{section}_undisclosed"] = c.not_known.exact()
        found[f"{section}_total"] = c.total.exact()
    return tuple(found.get(name) for name in COUNT_COLUMNS)


def _add(found: dict[str, int | None], name: str, count: Shown) -> None:
    """Add a shown count into a column; a hidden one makes the column empty for good
    (a sum over a hidden count would give it away)."""
    value = count.exact()
    current = found.get(name, 0)
    if current is not None:
        found[name] = None if value is None else current + value
