"""Demographics go stale: the population profile consultation is compared with must be
from the latest census published by the day (a profile from 2001 is out of date once
the 2011 results are out), and must have figures for every dimension a consultation
asks people about, or who took part cannot be compared with the area.

``profile_problems`` is the one judgement: ``validate`` reports it as findings and
``eqdiv status`` lists it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from eqdiv.checks.check_context import CheckContext
from eqdiv.figures.census import category_scheme
from eqdiv.figures.coverage import population_profile
from eqdiv.model import codes
from eqdiv.model.blocks import plural
from eqdiv.model.consultations import Consultation
from eqdiv.model.demographics import latest_census
from eqdiv.model.findings import Finding, Location
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    code: codes.Code
    subject: str  # the profile's id, or the dimension
    message: str
    location: Location
    hint: str
    short: str
    record: str


def profile_problems(repo: Repository, as_of: date) -> Iterator[ProfileProblem]:
    yield from _stale(repo, as_of)
    yield from _dimensions_missing(repo, as_of)


def _stale(repo: Repository, as_of: date) -> Iterator[ProfileProblem]:
    census = latest_census(as_of)
    if census is None:
        return
    year, out = census
    profiles = repo.demographics
    for p in profiles:
        if p.date is None or p.date.year >= year:
            continue
        # A newer profile of the same area takes over: the old one is history.
        if any(q.area == p.area and q.date is not None and q.date.year >= year for q in profiles):
            continue
        yield ProfileProblem(
            codes.DEMOGRAPHICS_STALE,
            p.id,
            f"The population profile {p.id} ({p.area}) has figures from {p.date.year}, but "
            f"the {year} census has been published since (first results "
            f"{out.isoformat()}).",
            repo.locate(p.location, "/date"),
            f"Replace its figures with the {year} census tables (`eqdiv import census`), "
            "and set `date:` and `source:` to match.",
            f"figures from {p.date.year}; the {year} census is out",
            p.id,
        )


def _dimensions_missing(repo: Repository, as_of: date) -> Iterator[ProfileProblem]:
    profile = population_profile(repo)
    if profile is None:
        return
    # A dimension eqdiv does not know is reported once, as `dimension-unknown`.
    known = category_scheme(repo.config).dimensions
    asking: dict[str, list[Consultation]] = {}
    for c in repo.consultations:
        if c.start > as_of:
            continue
        for dimension in c.profile:
            if dimension in known and dimension not in profile.dimensions:
                asking.setdefault(dimension, []).append(c)
    for dimension, found in sorted(asking.items()):
        latest = max(found, key=lambda c: (c.start, c.id))
        yield ProfileProblem(
            codes.DEMOGRAPHICS_DIMENSION_MISSING,
            dimension,
            f"{plural(len(found), 'consultation')} asked people their {dimension} (the "
            f"latest, {latest.id}), but the population profile {profile.id} has no "
            f"{dimension} figures, so who took part cannot be compared with the area.",
            latest.profile_locations[dimension],
            f"Add the {dimension} census table to {profile.id} (`eqdiv import census`), "
            "under `dimensions:` with the same categories.",
            f"no {dimension} figures for {plural(len(found), 'consultation')}",
            latest.id,
        )


def check_profile_freshness(ctx: CheckContext) -> Iterator[Finding]:
    for p in profile_problems(ctx.repo, ctx.as_of):
        yield ctx.finding(p.code, p.message, p.location, p.hint, record=p.record)
