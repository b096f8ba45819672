"""Is consultation reaching the whole community? Representativeness, in the core.

For a period (or one activity) the participant profiles are summed and each dimension
is compared with the area's population profile. Following domain.md:

- ``not_known`` ("did not say") is reported as a rate and left out of both sides'
  shares, so the comparison is between people who said and residents who said;
- each category's share of participants, share of the population, representation
  ratio (the first divided by the second) and expected count (participants who said
  times the population share) give a verdict: not reached, under- or
  over-represented, in line, or too small to judge (expected below ``min_expected``);
- a chi-square goodness-of-fit test per dimension says whether the whole profile
  differs from the population's by more than chance;
- where one side counts only broad groups (the parent survey's five ethnic groups),
  both sides are rolled up to the groups before comparing.

An activity whose figures for a dimension do not add up to the people who took part
(the ``profile-total`` finding) is left out of that dimension, and said so
(``NotCounted``): eqdiv cannot tell which of its figures are wrong, and counting them
anyway would move every share by an error no reader could see.

Groups with no census figure (the local groups in ``eqdiv.yaml``) get a targeted-reach
check instead: which activities in the period were aimed at them.

Everything here is exact. What may be published goes through ``coverage_view``, which
applies small-number suppression.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from eqdiv.figures.census import category_scheme
from eqdiv.figures.stats import GoodnessOfFit, goodness_of_fit
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme, DimensionScheme
from eqdiv.model.config import Config, Thresholds
from eqdiv.model.consultations import Consultation
from eqdiv.model.demographics import Demographics
from eqdiv.model.errors import UsageError
from eqdiv.model.findings import Location
from eqdiv.model.periods import Period
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.repository import Repository


class Verdict(StrEnum):
    NOT_REACHED = "not_reached"
    UNDER = "under_represented"
    OVER = "over_represented"
    IN_LINE = "in_line"
    TOO_SMALL = "too_small"
    NO_BASELINE = "no_baseline"

    @property
    def words(self) -> str:
        return _WORDS[self]


_WORDS = {
    Verdict.NOT_REACHED: "not reached",
    Verdict.UNDER: "under-represented",
    Verdict.OVER: "over-represented",
    Verdict.IN_LINE: "in line",
    Verdict.TOO_SMALL: "too small to judge",
    Verdict.NO_BASELINE: "no population figure",
}


@dataclass(frozen=True, slots=True)
class CategoryCoverage:
    """One category (or broad group) of a dimension, participants against population.

    ``share`` and ``population_share`` leave out people who did not say; ``ratio`` is
    their quotient; ``expected`` is how many participants the category would have if
    they matched the population."""

    id: str
    label: str
    people: str
    count: int
    share: float | None
    population_share: float | None
    ratio: float | None
    expected: float | None
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class NotCounted:
    """One activity's figures for one dimension, left out because they count
    ``counted`` people where ``participants`` took part. ``location`` is the
    dimension's line in the activity's file."""

    activity: str
    dimension: str
    label: str
    counted: int
    participants: int
    location: Location


@dataclass(frozen=True, slots=True)
class DimensionCoverage:
    """One dimension's comparison.

    ``participants`` counts everyone the selected activities recorded for this
    dimension, ``not_known`` those who did not say; ``not_recorded`` took part in an
    activity that did not ask; ``not_counted`` lists the activities whose figures were
    left out because they do not add up (their people are in neither number).
    ``grouped_by`` names what forced a comparison by broad group (activity ids, or
    ``population profile``); empty when compared in detail."""

    id: str
    label: str
    grouped: bool
    grouped_by: tuple[str, ...]
    activities: tuple[str, ...]
    participants: int
    not_known: int
    not_recorded: int
    baseline: bool
    categories: tuple[CategoryCoverage, ...]
    test: GoodnessOfFit | None
    not_counted: tuple[NotCounted, ...] = ()

    @property
    def known(self) -> int:
        return self.participants - self.not_known

    @property
    def not_known_rate(self) -> float | None:
        return self.not_known / self.participants if self.participants else None


@dataclass(frozen=True, slots=True)
class TargetedReach:
    """A group and the activities in the period aimed at it (``targeted``)."""

    group: str
    label: str
    local: bool
    activities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Everything ``eqdiv consultation coverage`` reports, exactly."""

    period: Period
    consultation: str | None
    activities: tuple[Consultation, ...]
    population: Demographics | None
    dimensions: tuple[DimensionCoverage, ...]
    not_asked: tuple[tuple[str, str], ...]  # population dimensions no activity asked about
    targeted: tuple[TargetedReach, ...]
    thresholds: Thresholds
    left_out: tuple[str, ...]  # consultation records with errors, not counted
    unknown: tuple[str, ...]  # 'dimension' or 'dimension: category' eqdiv does not know

    @property
    def participants(self) -> int:
        return sum(a.participants for a in self.activities)

    @property
    def not_counted(self) -> tuple[NotCounted, ...]:
        """Every activity's figures left out, dimension by dimension."""
        return tuple(n for d in self.dimensions for n in d.not_counted)


def in_period(consultations: Iterable[Consultation], period: Period) -> tuple[Consultation, ...]:
    """Activities that ran at any time in ``period`` (one that spans two quarters
    counts in both), in date order."""
    return tuple(
        sorted(
            (c for c in consultations if period.overlaps(c.start, c.end)),
            key=lambda c: (c.start, c.id),
        )
    )


def population_profile(repo: Repository, profile_id: str | None = None) -> Demographics | None:
    """The population profile to compare with: ``profile_id``, else the most recent."""
    profiles = repo.demographics
    if profile_id is not None:
        found = repo.find("demographics", profile_id)
        if found is None:
            ids = [p.id for p in profiles]
            raise UsageError(
                f"'{profile_id}' is not a population profile in the records.",
                did_you_mean(profile_id, ids) + (f"Profiles: {', '.join(ids)}." if ids else ""),
            )
        assert isinstance(found, Demographics)
        return found
    dated = sorted(profiles, key=lambda p: (p.date is not None, p.date or p.id, p.id))
    return dated[-1] if dated else None


def coverage(
    repo: Repository,
    period: Period | None,
    consultation_id: str | None = None,
    profile_id: str | None = None,
) -> Coverage:
    """Coverage of the activities in ``period`` or, with ``consultation_id``, of that
    one activity (over its own dates when ``period`` is None)."""
    if consultation_id is not None:
        chosen = repo.find("consultation", consultation_id)
        if chosen is None:
            raise _no_such_consultation(repo, consultation_id)
        activities: tuple[Consultation, ...] = (chosen,)
        period = period or activity_period(chosen)
    elif period is None:
        raise ValueError("coverage needs a period or a consultation id")
    else:
        activities = in_period(repo.consultations, period)
    return assess(
        activities,
        population_profile(repo, profile_id),
        category_scheme(repo.config),
        repo.config,
        period,
        consultation=consultation_id,
        left_out=() if consultation_id else broken_consultations(repo),
    )


def broken_consultations(repo: Repository, consultation_id: str | None = None) -> tuple[str, ...]:
    """Files of consultation records with errors (with that id, if given): they are
    not counted, and every output says so."""
    return tuple(
        r.path
        for r in repo.records
        if r.kind == "consultation" and not r.valid and consultation_id in (None, r.id)
    )


def activity_period(consultation: Consultation) -> Period:
    start, end = consultation.start.isoformat(), consultation.end.isoformat()
    label = start if start == end else f"{start} to {end}"
    return Period(consultation.start, consultation.end, label)


def assess(
    activities: Sequence[Consultation],
    population: Demographics | None,
    scheme: CategoryScheme,
    config: Config,
    period: Period,
    *,
    consultation: str | None = None,
    left_out: tuple[str, ...] = (),
) -> Coverage:
    """The comparison itself, from values: no repository needed."""
    recorded = {dim for a in activities for dim in a.profile}
    baseline = dict(population.dimensions) if population else {}
    order = [d for d in scheme.dimensions if d in recorded or d in baseline]
    order += sorted((recorded | set(baseline)) - set(order))
    total = sum(a.participants for a in activities)
    dimensions: list[DimensionCoverage] = []
    not_asked: list[tuple[str, str]] = []
    unknown: list[str] = []
    for dim_id in order:
        known_dim = scheme.dimensions.get(dim_id)
        population_dim = baseline.get(dim_id)
        label = known_dim.label if known_dim else population_dim.label if population_dim else dim_id
        dimension = known_dim or DimensionScheme(dim_id, label, {})
        if known_dim is None:
            unknown.append(dim_id)
        if dim_id not in recorded:
            not_asked.append((dim_id, label))
            continue
        asked = [a for a in activities if dim_id in a.profile]
        profiles = [(a.id, a.profile[dim_id]) for a in asked if a.adds_up(dim_id)]
        excluded = tuple(
            NotCounted(
                a.id,
                dim_id,
                label,
                a.counted(dim_id),
                a.participants,
                a.profile_locations[dim_id],
            )
            for a in asked
            if not a.adds_up(dim_id)
        )
        counts = population_dim.categories if population_dim else None
        if known_dim is not None:
            keys = {k for a in asked for k in a.profile[dim_id]} | set(counts or ())
            unknown += [f"{dim_id}: {k}" for k in sorted(keys - known_dim.known)]
        dimensions.append(
            compare_dimension(
                dimension, profiles, counts, config.thresholds, total, not_counted=excluded
            )
        )
    return Coverage(
        period=period,
        consultation=consultation,
        activities=tuple(activities),
        population=population,
        dimensions=tuple(dimensions),
        not_asked=tuple(not_asked),
        targeted=targeted_reach(activities, config),
        thresholds=config.thresholds,
        left_out=left_out,
        unknown=tuple(unknown),
    )


def compare_dimension(
    dimension: DimensionScheme,
    profiles: Sequence[tuple[str, Mapping[str, int]]],
    population: Mapping[str, int] | None,
    thresholds: Thresholds,
    participants_total: int | None = None,
    *,
    not_counted: tuple[NotCounted, ...] = (),
) -> DimensionCoverage:
    """Compare the summed ``profiles`` (activity id, counts) of one dimension with the
    ``population`` counts (None when the population profile lacks the dimension).
    ``not_counted`` are the activities left out of ``profiles``."""
    grouped_by = tuple(
        source
        for source, counts in [*profiles, ("population profile", population or {})]
        if any(dimension.is_group(k) for k in counts)
    )

    def level(key: str) -> str:
        return dimension.group_of(key) if grouped_by else key

    observed: dict[str, int] = {}
    for _, counts in profiles:
        for key, n in counts.items():
            observed[level(key)] = observed.get(level(key), 0) + n
    residents: dict[str, int] = {}
    for key, n in (population or {}).items():
        residents[level(key)] = residents.get(level(key), 0) + n
    not_known = observed.pop(NOT_KNOWN, 0)
    residents.pop(NOT_KNOWN, None)
    participants = sum(observed.values()) + not_known
    known = participants - not_known
    residents_total = sum(residents.values())

    rows: list[CategoryCoverage] = []
    for key in dimension.order(set(observed) | set(residents), grouped=bool(grouped_by)):
        count = observed.get(key, 0)
        category = dimension.describe(key)
        pop_share = (
            residents[key] / residents_total if key in residents and residents_total else None
        )
        share, ratio, expected = _measures(count, known, pop_share)
        rows.append(
            CategoryCoverage(
                key,
                category.label,
                category.people,
                count,
                share,
                pop_share,
                ratio,
                expected,
                verdict(count, ratio, expected, thresholds),
            )
        )
    recorded_total = participants_total if participants_total is not None else participants
    return DimensionCoverage(
        id=dimension.id,
        label=dimension.label,
        grouped=bool(grouped_by),
        grouped_by=grouped_by,
        activities=tuple(source for source, _ in profiles),
        participants=participants,
        not_known=not_known,
        not_recorded=max(
            0, recorded_total - participants - sum(n.participants for n in not_counted)
        ),
        baseline=population is not None and residents_total > 0,
        categories=tuple(rows),
        test=_test(rows),
        not_counted=not_counted,
    )


def _measures(
    count: int, known: int, population_share: float | None
) -> tuple[float | None, float | None, float | None]:
    """Share, ratio and expected count of a category with ``count`` of the ``known``
    people who said."""
    share = count / known if known else None
    expected = known * population_share if population_share is not None else None
    ratio = share / population_share if share is not None and population_share else None
    return share, ratio, expected


def verdict_bounds(row: CategoryCoverage, known: int, t: Thresholds) -> tuple[int, int] | None:
    """The counts a reader can tell ``row`` has from its verdict alone (its expected
    count is published): from the least to the most with the same verdict. None when
    the verdict says nothing about the count ('too small to judge', no baseline)."""
    if row.verdict in (Verdict.TOO_SMALL, Verdict.NO_BASELINE):
        return None

    def stage(count: int) -> int:
        # Verdicts in the order a growing count passes through them.
        _, ratio, expected = _measures(count, known, row.population_share)
        return _STAGES.index(verdict(count, ratio, expected, t))

    here = _STAGES.index(row.verdict)
    counts = range(known + 1)
    low = bisect_left(counts, here, key=stage)
    return low, bisect_left(counts, here + 1, key=stage) - 1


_STAGES = (Verdict.NOT_REACHED, Verdict.UNDER, Verdict.IN_LINE, Verdict.OVER)


def verdict(count: int, ratio: float | None, expected: float | None, t: Thresholds) -> Verdict:
    """The verdict for one category: its expected count must reach ``min_expected``
    before it is judged at all."""
    if expected is None:
        return Verdict.NO_BASELINE
    if expected < t.min_expected:
        return Verdict.TOO_SMALL
    if count == 0:
        return Verdict.NOT_REACHED
    assert ratio is not None  # expected > 0, so both shares exist
    if ratio < t.under_represented:
        return Verdict.UNDER
    if ratio > t.over_represented:
        return Verdict.OVER
    return Verdict.IN_LINE


def _test(rows: Sequence[CategoryCoverage]) -> GoodnessOfFit | None:
    """Chi-square over the categories with a population figure. People in categories
    without one are left out of the test (their expected count would be zero), so the
    expected counts are rescaled to the people tested."""
    tested = [r for r in rows if r.population_share]
    observed = [r.count for r in tested]
    people = sum(observed)
    if len(tested) < 2 or people == 0:
        return None
    shares = [r.population_share or 0.0 for r in tested]
    scale = people / sum(shares)
    return goodness_of_fit(observed, [s * scale for s in shares])


def targeted_reach(activities: Sequence[Consultation], config: Config) -> tuple[TargetedReach, ...]:
    """Each local group (which has no census figure to compare with), with the
    activities aimed at it, even when there are none; then each strand that some
    activity was aimed at."""
    reach: list[TargetedReach] = []
    for group in config.groups:
        aimed = tuple(a.id for a in activities if group.id in a.targeted)
        if group.local or aimed:
            reach.append(TargetedReach(group.id, group.label, group.local, aimed))
    reach.sort(key=lambda r: not r.local)
    return tuple(reach)


def _no_such_consultation(repo: Repository, consultation_id: str) -> UsageError:
    broken = broken_consultations(repo, consultation_id)
    if broken:
        return UsageError(
            f"The consultation '{consultation_id}' ({broken[0]}) has errors, so eqdiv cannot "
            "count it.",
            "Run `eqdiv validate` to see them, and fix them first.",
        )
    ids = sorted(c.id for c in repo.consultations)
    return UsageError(
        f"'{consultation_id}' is not a consultation in the records.",
        did_you_mean(consultation_id, ids) + "`eqdiv consultation list` shows them all.",
    )
