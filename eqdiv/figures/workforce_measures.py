"""Treating employees and volunteers fairly: the measures behind ``eqdiv workforce``.

From each partner's workforce returns (aggregate counts, never people), following
domain.md ("Employees and volunteers"):

- **monitoring completeness** per strand: the share of staff whose answer is recorded
  (anything but ``not_known``; "prefer not to say" is an answer), against the target
  in ``eqdiv.yaml`` (the seed's "all staff ethnicity known and recorded" is 100%);
- **the staff profile against the community's**, by the method consultation uses
  (``figures.coverage.compare_dimension``: shares of those who said, representation
  ratio, verdicts with ``min_expected``);
- **the relative likelihood** of entering each formal process (NHS WRES indicator 3,
  WDES metric 3): the rate at which a group enters it over the rate of its comparison
  group, with a 95% confidence interval, judged against the band (0.8 to 1.25 by
  default), and "too few to judge" where the groups are small;
- **casework closed on time**, **training completion** and **refreshers overdue**;
- **trends**: each partner's returns in time order.

Everything here is exact. What may be published goes through ``workforce_view``,
which applies the one protection (``figures.suppression``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from eqdiv.figures.census import category_scheme
from eqdiv.figures.coverage import DimensionCoverage, compare_dimension, population_profile
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme, DimensionScheme
from eqdiv.model.config import Config
from eqdiv.model.periods import Period
from eqdiv.model.workforce import (
    PREFER_NOT,
    UNDECLARED,
    Headcount,
    Process,
    Training,
    WorkforceReturn,
    WorkforceSettings,
)
from eqdiv.store.repository import Repository

# The community's age profile runs past working age, so staff ages are not compared
# with it: every band over 65 would read as "not reached".
NOT_COMPARED = frozenset({"age"})
Z95 = 1.959963984540054  # the normal quantile for a two-sided 95% interval


class Likelihood(StrEnum):
    MORE = "more_likely"
    LESS = "less_likely"
    IN_BAND = "in_band"
    TOO_FEW = "too_few"

    @property
    def words(self) -> str:
        return _WORDS[self]


_WORDS = {
    Likelihood.MORE: "more likely (a concern)",
    Likelihood.LESS: "less likely (a concern)",
    Likelihood.IN_BAND: "about as likely",
    Likelihood.TOO_FEW: "too few to judge",
}


@dataclass(frozen=True, slots=True)
class RelativeLikelihood:
    """The arithmetic of one comparison. ``corrected`` says a zero count was replaced
    by adding a half to every cell (Haldane and Anscombe) so that a ratio exists."""

    ratio: float | None
    low: float | None
    high: float | None
    corrected: bool
    verdict: Likelihood

    @property
    def significant(self) -> bool:
        """Whether the 95% interval leaves out 1 (parity)."""
        return self.low is not None and self.high is not None and not self.low <= 1 <= self.high


def relative_likelihood(
    entered: int,
    headcount: int,
    comparison_entered: int,
    comparison_headcount: int,
    settings: WorkforceSettings,
) -> RelativeLikelihood:
    """The rate at which a group (``entered`` of ``headcount``) enters a process over
    its comparison group's rate, with a 95% interval on the log scale (Katz).

    Too few to judge: either group has fewer than ``min_group`` people, nobody entered,
    or the smaller group would expect fewer than ``min_cases`` entries at the two groups'
    combined rate (the same idea as consultation's ``min_expected``). The ratio is still
    worked out where it can be, for staff who need it, but it is not judged."""
    if not (0 <= entered <= headcount and 0 <= comparison_entered <= comparison_headcount):
        raise ValueError("entries must be between 0 and the group's headcount")
    if headcount == 0 or comparison_headcount == 0 or entered + comparison_entered == 0:
        return RelativeLikelihood(None, None, None, False, Likelihood.TOO_FEW)
    a, n1, c, n2 = (
        float(entered),
        float(headcount),
        float(comparison_entered),
        float(comparison_headcount),
    )
    corrected = entered == 0 or comparison_entered == 0
    if corrected:
        a, c, n1, n2 = a + 0.5, c + 0.5, n1 + 1, n2 + 1
    ratio = (a / n1) / (c / n2)
    spread = 1 / a - 1 / n1 + 1 / c - 1 / n2
    error = math.sqrt(max(spread, 0.0))
    low, high = ratio * math.exp(-Z95 * error), ratio * math.exp(Z95 * error)
    smaller = min(headcount, comparison_headcount)
    expected = smaller * (entered + comparison_entered) / (headcount + comparison_headcount)
    if smaller < settings.min_group or expected < settings.min_cases:
        verdict = Likelihood.TOO_FEW
    elif ratio > settings.band[1]:
        verdict = Likelihood.MORE
    elif ratio < settings.band[0]:
        verdict = Likelihood.LESS
    else:
        verdict = Likelihood.IN_BAND
    return RelativeLikelihood(ratio, low, high, corrected, verdict)


@dataclass(frozen=True, slots=True)
class Completeness:
    """How complete one strand's monitoring is for staff (or volunteers)."""

    who: str  # "staff" or "volunteers"
    dimension: str
    label: str
    total: int
    not_known: int
    prefer_not: int
    target: float  # percent

    @property
    def recorded(self) -> int:
        return self.total - self.not_known

    @property
    def rate(self) -> float | None:
        return self.recorded / self.total if self.total else None

    @property
    def meets(self) -> bool | None:
        rate = self.rate
        return None if rate is None else rate * 100 >= self.target - 1e-9


@dataclass(frozen=True, slots=True)
class Group:
    """A side of a comparison: a broad group (or category), or several together."""

    key: str
    label: str
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class Comparison:
    process: str
    process_label: str
    dimension: str
    dimension_label: str
    group: Group
    comparison: Group
    entered: int
    headcount: int
    comparison_entered: int
    comparison_headcount: int
    result: RelativeLikelihood


@dataclass(frozen=True, slots=True)
class Timeliness:
    process: str
    label: str
    started: int
    closed: int | None
    closed_in_time: int | None
    target: float

    @property
    def rate(self) -> float | None:
        if self.closed is None or self.closed_in_time is None or self.closed == 0:
            return None
        return self.closed_in_time / self.closed

    @property
    def meets(self) -> bool | None:
        rate = self.rate
        return None if rate is None else rate * 100 >= self.target - 1e-9


@dataclass(frozen=True, slots=True)
class TrainingStatus:
    index: int
    line: Training
    target: float
    overdue: bool  # its refresher fell due before the day, and no later return has the team

    @property
    def rate(self) -> float | None:
        return self.line.completed / self.line.due if self.line.due else None

    @property
    def meets(self) -> bool | None:
        rate = self.rate
        return None if rate is None else rate * 100 >= self.target - 1e-9


@dataclass(frozen=True, slots=True)
class ReturnMeasures:
    """Every measure of one return."""

    ret: WorkforceReturn
    partner: str  # the partner's name
    publishes: bool  # 150 staff or more: the PSED's employee information applies
    completeness: tuple[Completeness, ...]
    profile: tuple[DimensionCoverage, ...]  # staff against the community
    likelihoods: tuple[Comparison, ...]
    timeliness: tuple[Timeliness, ...]
    training: tuple[TrainingStatus, ...]
    left_out: tuple[str, ...]  # figures not counted because they do not add up

    @property
    def gaps(self) -> tuple[Completeness, ...]:
        return tuple(c for c in self.completeness if c.meets is False)

    @property
    def concerns(self) -> tuple[Comparison, ...]:
        return tuple(
            c for c in self.likelihoods if c.result.verdict in (Likelihood.MORE, Likelihood.LESS)
        )


@dataclass(frozen=True, slots=True)
class TrendPoint:
    ret: str
    start: date
    end: date
    staff: int
    volunteers: int | None
    recorded: Mapping[str, float | None]  # dimension -> share recorded
    started: int  # people who entered any formal process
    on_time: float | None
    trained: float | None


@dataclass(frozen=True, slots=True)
class Trend:
    partner: str
    name: str
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True, slots=True)
class Workforce:
    """Everything ``eqdiv workforce`` reports, exactly."""

    as_of: date
    period: Period | None
    settings: WorkforceSettings
    threshold: int
    returns: tuple[ReturnMeasures, ...]
    trends: tuple[Trend, ...]
    left_out: tuple[str, ...]  # files of workforce returns with errors
    missing: tuple[str, ...]  # partners with no return in view


def workforce(repo: Repository, as_of: date, period: Period | None = None) -> Workforce:
    """The measures of the returns in on ``as_of``: those whose period lies within
    ``period``, or by default each partner's latest."""
    config = repo.config
    received = [w for w in repo.workforce if w.received(as_of)]
    if period is not None:
        chosen = [w for w in received if period.start <= w.start and w.end <= period.end]
    else:
        chosen = list(latest(received).values())
    chosen.sort(key=lambda w: (_partner_order(config, w.organisation), w.start, w.id))
    scheme = category_scheme(config)
    population = population_profile(repo)
    pop_counts = (
        {k: dict(d.categories) for k, d in population.dimensions.items()} if population else {}
    )
    overdue = overdue_training(received, as_of)
    measures = tuple(measure(w, config, scheme, pop_counts, overdue) for w in chosen)
    partners_in = {w.organisation for w in chosen}
    return Workforce(
        as_of=as_of,
        period=period,
        settings=config.workforce,
        threshold=config.thresholds.suppression,
        returns=measures,
        trends=trends(received, config),
        left_out=tuple(
            sorted(r.path for r in repo.records if r.kind == "workforce" and not r.valid)
        ),
        missing=tuple(p.id for p in config.partners if p.id not in partners_in),
    )


def latest(returns: Iterable[WorkforceReturn]) -> dict[str, WorkforceReturn]:
    """Each partner's return with the latest period end (the longer period on a tie:
    a year's return says more than its last quarter's)."""
    found: dict[str, WorkforceReturn] = {}
    for w in returns:
        held = found.get(w.organisation)
        if held is None or (w.end, -w.start.toordinal(), w.id) > (
            held.end,
            -held.start.toordinal(),
            held.id,
        ):
            found[w.organisation] = w
    return found


def overdue_training(returns: Sequence[WorkforceReturn], as_of: date) -> set[tuple[str, int]]:
    """(return id, training line) of each team's latest line whose refresher is overdue."""
    newest: dict[tuple[str, str, str], tuple[WorkforceReturn, int]] = {}
    for w in returns:
        for i, t in enumerate(w.training):
            key = (w.organisation, t.team.casefold(), t.course.casefold())
            held = newest.get(key)
            if held is None or (held[0].end, held[0].id) < (w.end, w.id):
                newest[key] = (w, i)
    return {(w.id, i) for w, i in newest.values() if w.training[i].refresher_overdue(as_of)}


def _partner_order(config: Config, partner: str) -> tuple[int, str]:
    ids = [p.id for p in config.partners]
    return (ids.index(partner), partner) if partner in ids else (len(ids), partner)


def partner_name(config: Config, partner: str) -> str:
    return next((p.name for p in config.partners if p.id == partner), partner)


def measure(
    w: WorkforceReturn,
    config: Config,
    scheme: CategoryScheme,
    population: Mapping[str, Mapping[str, int]],
    overdue: set[tuple[str, int]],
) -> ReturnMeasures:
    settings = config.workforce
    left_out: list[str] = []
    completeness: list[Completeness] = []
    for who, count in (("staff", w.staff), ("volunteers", w.volunteers)):
        if count is None:
            continue
        for dim, counts in count.profile.items():
            label = _dimension(scheme, dim).label
            if not count.adds_up(dim):
                left_out.append(f"{who} {label.lower()} profile")
                continue
            completeness.append(
                Completeness(
                    who,
                    dim,
                    label,
                    count.total,
                    counts.get(NOT_KNOWN, 0),
                    counts.get(PREFER_NOT, 0),
                    settings.target(dim),
                )
            )
    profile = tuple(
        compare_dimension(
            _dimension(scheme, dim),
            [(w.id, _folded(w.staff.profile[dim]))],
            population.get(dim),
            config.thresholds,
        )
        for dim in w.staff.profile
        if w.staff.adds_up(dim) and dim not in NOT_COMPARED
    )
    likelihoods: list[Comparison] = []
    for p in w.processes:
        for dim in p.by_strand:
            if not p.adds_up(dim):
                left_out.append(f"{p.label.lower()} breakdown by {dim}")
                continue
            if dim not in w.staff.profile or not w.staff.adds_up(dim):
                continue
            likelihoods += comparisons(p, w.staff, _dimension(scheme, dim), settings)
    timeliness = tuple(
        Timeliness(p.id, p.label, p.started, p.closed, p.closed_in_time, settings.casework_target)
        for p in w.processes
    )
    training = tuple(
        TrainingStatus(i, t, settings.training_target, (w.id, i) in overdue)
        for i, t in enumerate(w.training)
    )
    return ReturnMeasures(
        ret=w,
        partner=partner_name(config, w.organisation),
        publishes=w.staff.total >= settings.publish_staff,
        completeness=tuple(completeness),
        profile=profile,
        likelihoods=tuple(likelihoods),
        timeliness=timeliness,
        training=training,
        left_out=tuple(left_out),
    )


def _dimension(scheme: CategoryScheme, dim: str) -> DimensionScheme:
    return scheme.dimensions.get(dim) or DimensionScheme(
        dim, dim.replace("_", " ").capitalize(), {}
    )


def _folded(counts: Mapping[str, int]) -> dict[str, int]:
    """A profile with "prefer not to say" counted with ``not_known``: neither side of a
    comparison with the community counts people who did not say."""
    folded: dict[str, int] = {}
    for key, n in counts.items():
        key = NOT_KNOWN if key in UNDECLARED else key
        folded[key] = folded.get(key, 0) + n
    return folded


def rolled_up(dimension: DimensionScheme, counts: Mapping[str, int]) -> dict[str, int]:
    """Counts by broad group (a category in no group stands for itself), leaving out
    people who did not say."""
    groups: dict[str, int] = {}
    for key, n in counts.items():
        if key in UNDECLARED:
            continue
        group = dimension.group_of(key)
        groups[group] = groups.get(group, 0) + n
    return groups


def comparisons(
    process: Process, staff: Headcount, dimension: DimensionScheme, settings: WorkforceSettings
) -> list[Comparison]:
    """Each group of ``dimension`` against its comparison group: the configured
    reference group (and all the others together against it, as WRES compares all
    ethnic minority staff with White staff), or else everyone else who said."""
    heads = rolled_up(dimension, staff.profile[dimension.id])
    entries = rolled_up(dimension, process.by_strand[dimension.id])
    keys = dimension.order(set(heads) | set(entries), grouped=True)

    def group(members: Iterable[str], key: str | None = None) -> Group:
        members = frozenset(members)
        if key is None and len(members) == 1:
            key = next(iter(members))
        if key is not None and len(members) == 1:
            return Group(key, dimension.describe(key).label, members)
        labels = [dimension.describe(k).label for k in keys if k in members]
        return Group(key or "+".join(sorted(members)), _together(labels), members)

    def compare(one: Group, other: Group) -> Comparison:
        count = (sum(entries.get(k, 0) for k in one.keys), sum(heads.get(k, 0) for k in one.keys))
        base = (
            sum(entries.get(k, 0) for k in other.keys),
            sum(heads.get(k, 0) for k in other.keys),
        )
        return Comparison(
            process.id,
            process.label,
            dimension.id,
            dimension.label,
            one,
            other,
            count[0],
            count[1],
            base[0],
            base[1],
            relative_likelihood(count[0], count[1], base[0], base[1], settings),
        )

    reference = settings.reference.get(dimension.id)
    found: list[Comparison] = []
    if reference is not None and reference in keys:
        others = [k for k in keys if k != reference]
        ref = group([reference], reference)
        if len(others) > 1:
            members = frozenset(others)
            label = f"All but {dimension.describe(reference).label}"
            found.append(compare(Group("others", label, members), ref))
        found += [compare(group([k], k), ref) for k in others]
    else:
        for k in keys:
            rest = [o for o in keys if o != k]
            if rest:
                found.append(compare(group([k], k), group(rest, "rest")))
    return found


def _together(labels: Sequence[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1] + " together"


def trends(returns: Iterable[WorkforceReturn], config: Config) -> tuple[Trend, ...]:
    """Each partner's returns in time order, with their headline figures (exact)."""
    by_partner: dict[str, list[WorkforceReturn]] = {}
    for w in returns:
        by_partner.setdefault(w.organisation, []).append(w)
    found: list[Trend] = []
    for partner in sorted(by_partner, key=lambda p: _partner_order(config, p)):
        points = []
        for w in sorted(by_partner[partner], key=lambda w: (w.end, w.start, w.id)):
            closed = sum(p.closed or 0 for p in w.processes if p.closed_in_time is not None)
            in_time = sum(p.closed_in_time or 0 for p in w.processes if p.closed is not None)
            due = sum(t.due for t in w.training)
            points.append(
                TrendPoint(
                    ret=w.id,
                    start=w.start,
                    end=w.end,
                    staff=w.staff.total,
                    volunteers=w.volunteers.total if w.volunteers else None,
                    recorded={
                        dim: (w.staff.total - counts.get(NOT_KNOWN, 0)) / w.staff.total
                        if w.staff.total and w.staff.adds_up(dim)
                        else None
                        for dim, counts in w.staff.profile.items()
                    },
                    started=sum(p.started for p in w.processes),
                    on_time=in_time / closed if closed else None,
                    trained=sum(t.completed for t in w.training) / due if due else None,
                )
            )
        found.append(Trend(partner, partner_name(config, partner), tuple(points)))
    return tuple(found)
