"""``eqdiv new KIND``: a new record from a skeleton that explains each field.

A skeleton's fields are of three sorts. The essentials (a title, an owner ...) are
filled in from the command line or a prompt. Required fields that only the author can
fill are left blank (``proposal:``), so that ``eqdiv validate`` names each one until it
is filled; filled, the record validates. Optional fields are there as comments,
ready to be switched on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from eqdiv.authoring.naming import FOLDERS, fresh_id, relative_path, slug
from eqdiv.authoring.scaffold import skeleton
from eqdiv.model.config import Config
from eqdiv.model.duties import framework_on
from eqdiv.model.errors import UsageError
from eqdiv.model.periods import year_of
from eqdiv.model.plans import EFLG_MODULES
from eqdiv.yamlio.writer import scalar

FRAMEWORKS = ("eflg-2021", "eslg-2007")


@dataclass(frozen=True)
class Essential:
    """A value ``eqdiv new`` asks for (or takes as an option of the same name)."""

    name: str
    question: str


@dataclass(frozen=True)
class Kind:
    """What ``eqdiv new`` asks for a kind, and how its ids are made: from the title's
    words and the year, or the ``untitled`` form when there is no title."""

    essentials: tuple[Essential, ...]
    id_form: str
    untitled: str


TITLE = "title"
OWNER = "owner"
DATE = "date"
FRAMEWORK = "framework"
PARTNER = "partner"

KINDS: dict[str, Kind] = {
    "action-plan": Kind(
        (
            Essential(TITLE, "The plan's title"),
            Essential(OWNER, "Who is accountable for it (a people id)"),
            Essential(FRAMEWORK, "Its framework (eflg-2021 or eslg-2007)"),
        ),
        "{slug}-{year}",
        "plan-{year}",
    ),
    "eia": Kind(
        (
            Essential(TITLE, "What is being assessed, in a few words"),
            Essential(OWNER, "Who is leading the assessment (a people id)"),
        ),
        "eia-{year}-{slug}",
        "eia-{year}-new",
    ),
    "consultation": Kind(
        (
            Essential(TITLE, "What the activity is"),
            Essential(OWNER, "Who leads it (a people id)"),
            Essential(DATE, "Its first day (YYYY-MM-DD)"),
        ),
        "cons-{year}-{slug}",
        "cons-{year}-new",
    ),
    "demographics": Kind(
        (Essential(TITLE, "The area it describes"),), "{slug}-profile-{year}", "area-profile-{year}"
    ),
    "people": Kind((), "people", "people"),
    "case-log": Kind(
        (Essential(PARTNER, "The partner that keeps the log (a partner id from eqdiv.yaml)"),),
        "cases-{slug}-{year}",
        "cases-{year}",
    ),
    "objective": Kind(
        (
            Essential(TITLE, "The objective, in a few words"),
            Essential(OWNER, "Who is accountable for it (a people id)"),
        ),
        "obj-{slug}",
        "obj-{year}-new",
    ),
    "indicator": Kind(
        (
            Essential(TITLE, "What is measured, in a few words"),
            Essential(OWNER, "Who reports it (a people id)"),
        ),
        "ind-{slug}",
        "ind-{year}-new",
    ),
    "workforce": Kind(
        (
            Essential(PARTNER, "The partner the return is for (an id from eqdiv.yaml)"),
            Essential(OWNER, "Who prepares it (a people id)"),
            Essential(DATE, "The period's first day (YYYY-MM-DD)"),
        ),
        "wf-{slug}-{year}",
        "wf-new-{year}",
    ),
    "contract": Kind(
        (
            Essential(TITLE, "What is bought, in a few words"),
            Essential(PARTNER, "The partner that buys it (an id from eqdiv.yaml)"),
            Essential(OWNER, "Who manages the contract (a people id)"),
        ),
        "con-{year}-{slug}",
        "con-{year}-new",
    ),
    "outcome-evidence": Kind(
        (
            Essential(TITLE, "What changed, in a few words"),
            Essential(OWNER, "Who vouches for it (a people id)"),
        ),
        "oe-{year}-{slug}",
        "oe-{year}-new",
    ),
    "sharing-agreement": Kind(
        (
            Essential(TITLE, "What the agreement is called, in a few words"),
            Essential(OWNER, "Who looks after it (a people id)"),
        ),
        "isa-{year}-{slug}",
        "isa-{year}-new",
    ),
}


@dataclass(frozen=True)
class NewRecord:
    kind: str
    id: str
    path: str  # in the repository
    text: str


def new_record(
    kind: str,
    values: Mapping[str, str],
    config: Config,
    taken: Collection[str],
    today: date,
    record_id: str | None = None,
) -> NewRecord:
    """A record of ``kind`` with the essentials in ``values`` (by Essential name; a
    missing one is left blank), an id that is not in ``taken``, and, for an EIA, a
    rating for each of the configured strands and local groups."""
    if kind not in KINDS:
        raise UsageError(
            f"'{kind}' is not a kind of record eqdiv new makes.", f"Kinds: {', '.join(KINDS)}."
        )
    spec = KINDS[kind]
    used = {e.name for e in spec.essentials}
    for name in values:
        if name not in used:
            raise UsageError(f"--{name} is not used by eqdiv new {kind}.")
    # A case log or a workforce return is named by its partner and year, as a plan is by its title.
    title = values.get(TITLE, "") or values.get(PARTNER, "")
    framework = values.get(FRAMEWORK) or framework_on(today)
    if framework not in FRAMEWORKS:
        raise UsageError(f"'{framework}' is not a framework.", f"Use {' or '.join(FRAMEWORKS)}.")
    words = slug(title, max_words=5)
    form = spec.id_form if words else spec.untitled
    # A case log's year is the reporting year (2007 is 2007/08 with an April start).
    year = year_of(today, config.year_start_month) if kind == "case-log" else today.year
    chosen = record_id or fresh_id(form.format(slug=words, year=year), taken)
    eslg = framework == "eslg-2007"
    fill = {
        "id": chosen,
        "title": scalar(title) if title else "",
        "owner": values.get(OWNER, ""),
        "date": values.get(DATE, "")
        if kind in ("consultation", "workforce")
        else today.isoformat(),
        "partner": values.get(PARTNER, ""),
        "framework": framework,
        "element": "1" if eslg else next(iter(EFLG_MODULES)),
        "element_words": "element of the Equality Standard" if eslg else "module",
        "element_choices": "1 to 5" if eslg else ", ".join(EFLG_MODULES),
        "impacts": _impacts(config),
        "period": str(year),
        "today": today.isoformat(),
    }
    text = skeleton(f"{kind}.yaml", fill)
    text = "".join(line.rstrip() + "\n" for line in text.splitlines())  # blanks: `title:`
    return NewRecord(kind, chosen, relative_path(FOLDERS[kind], chosen), text)


def _impacts(config: Config) -> str:
    lines: list[str] = []
    for group in config.groups:
        lines += [
            f"  {group.id}:   # {group.label}",
            "    rating: unknown",
            "    # rationale: Why",
        ]
    return "\n".join(lines)
