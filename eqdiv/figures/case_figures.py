"""Complaints and queries in figures: what ``eqdiv cases``, status and the reports show.

- the register on a day: cases late or due soon, by owning partner, and hand-offs
  waiting to be accepted;
- for a period (cases received in it): the share acknowledged and answered in time per
  partner and stage, the median and 90th percentile working days to answer, the time
  lost in hand-offs per partner first contacted, requests for support and whether they
  were met, complaints alleging discrimination by strand with their outcomes, and the
  trend over the last four quarters.

Counts by strand and requests for support are about people's characteristics (an
interpreter, a large-print letter): they are read from the one protection of the grid
(``figures.publication``; laid out in ``figures.case_grid``) like every other published
count of people. Timeliness per partner is about the organisations, and is shown as it
is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from eqdiv.figures.audit import Figure
from eqdiv.figures.case_grid import OPEN, alleging_figure, strand_figure, strands_of, support_figure
from eqdiv.figures.case_timing import Clock, Timing, time_cases
from eqdiv.figures.publication import publication
from eqdiv.figures.suppression import Shown, SuppressedTable
from eqdiv.model.cases import OUTCOMES, Case, Support
from eqdiv.model.dates import add_days
from eqdiv.model.json_parts import envelope, iso, period_to_dict
from eqdiv.model.periods import Period, quarter_of
from eqdiv.store.repository import Repository


def in_time(timings: Iterable[Timing], clock: Callable[[Timing], Clock]) -> tuple[int, int]:
    """How many of ``timings`` were in time, of those decided (done, or already late)."""
    decided = [clock(t) for t in timings if clock(t).decided]
    return sum(1 for c in decided if c is Clock.ON_TIME), len(decided)


def percentile(values: Sequence[int], fraction: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of
    the values at or below it (always one of the values, never interpolated)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Timeliness:
    """A group of cases' timeliness: in time of those decided, and working days."""

    received: int
    acknowledged_in_time: int
    acknowledgements: int
    answered_in_time: int
    answers: int
    median_days: float | None  # to answer, of those answered
    p90_days: int | None

    @classmethod
    def of(cls, timings: Sequence[Timing]) -> Timeliness:
        ack, acks = in_time(timings, lambda t: t.acknowledgement)
        answered, answers = in_time(timings, lambda t: t.response)
        days = [t.respond_days for t in timings if t.respond_days is not None]
        return cls(
            received=len(timings),
            acknowledged_in_time=ack,
            acknowledgements=acks,
            answered_in_time=answered,
            answers=answers,
            median_days=float(median(days)) if days else None,
            p90_days=percentile(days, 0.9),
        )

    @property
    def acknowledged_share(self) -> float | None:
        return _share(self.acknowledged_in_time, self.acknowledgements)

    @property
    def answered_share(self) -> float | None:
        return _share(self.answered_in_time, self.answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "acknowledged_in_time": self.acknowledged_in_time,
            "acknowledgements_due": self.acknowledgements,
            "acknowledged_share": _round(self.acknowledged_share),
            "answered_in_time": self.answered_in_time,
            "answers_due": self.answers,
            "answered_share": _round(self.answered_share),
            "median_working_days": self.median_days,
            "p90_working_days": self.p90_days,
        }


@dataclass(frozen=True, slots=True)
class StageRow:
    partner: str
    stage: int
    timeliness: Timeliness

    def to_dict(self) -> dict[str, Any]:
        return {"partner": self.partner, "stage": self.stage, **self.timeliness.to_dict()}


@dataclass(frozen=True, slots=True)
class HandoffRow:
    """The hand-offs of cases first received by ``partner``: how long the person waited
    for the partner that answers ("no wrong door" means quickly, and told who)."""

    partner: str
    handed_off: int
    median_days: float | None
    longest: int | None
    told: int
    waiting: int  # not yet accepted

    def to_dict(self) -> dict[str, Any]:
        return {
            "partner": self.partner,
            "handed_off": self.handed_off,
            "median_working_days_to_owner": self.median_days,
            "longest_working_days_to_owner": self.longest,
            "told_who_answers": self.told,
            "waiting_to_be_accepted": self.waiting,
        }


@dataclass(frozen=True, slots=True)
class SupportTable:
    """Support asked for, by kind: met and not met, as they may be published."""

    kinds: tuple[Support, ...]
    shown: SuppressedTable  # rows: kinds; columns: met, not met; row totals: asked

    def to_dict(self, threshold: int) -> list[dict[str, Any]]:
        rows = []
        for i, kind in enumerate(self.kinds):
            met, unmet = self.shown.cells[i]
            asked = self.shown.row_totals[i] if self.shown.row_totals else None
            rows.append(
                {
                    "support": kind.value,
                    "asked": None if asked is None else asked.exact(),
                    "asked_text": None if asked is None else asked.text(threshold),
                    "met": met.exact(),
                    "met_text": met.text(threshold),
                    "not_met": unmet.exact(),
                    "not_met_text": unmet.text(threshold),
                }
            )
        return rows


@dataclass(frozen=True, slots=True)
class DiscriminationTable:
    """Complaints alleging discrimination: strands down, outcomes across (a complaint
    on two strands counts under each), as they may be published."""

    strands: tuple[str, ...]
    outcomes: tuple[str, ...]  # the outcomes, then "open"
    shown: SuppressedTable
    complaints: Shown  # how many complaints alleged discrimination

    def to_dict(self, threshold: int, label: Callable[[str], str]) -> dict[str, Any]:
        return {
            "complaints": self.complaints.exact(),
            "complaints_text": self.complaints.text(threshold),
            "outcomes": list(self.outcomes),
            "strands": [
                {
                    "strand": strand,
                    "label": label(strand),
                    "counts": {
                        o: _cell(self.shown.cells[i][j], threshold)
                        for j, o in enumerate(self.outcomes)
                    },
                    "total": _cell(self.shown.row_totals[i], threshold)
                    if self.shown.row_totals
                    else None,
                }
                for i, strand in enumerate(self.strands)
            ],
        }


@dataclass(frozen=True, slots=True)
class TrendRow:
    period: Period
    timeliness: Timeliness
    discrimination: Shown

    def to_dict(self, threshold: int) -> dict[str, Any]:
        return {
            "period": period_to_dict(self.period),
            **self.timeliness.to_dict(),
            "alleging_discrimination": _cell(self.discrimination, threshold),
        }


@dataclass(frozen=True, slots=True)
class CaseRegister:
    """On ``as_of``: open cases late or due soon, and hand-offs stuck."""

    as_of: date
    late: tuple[Timing, ...]  # most overdue first
    due_soon: tuple[Timing, ...]  # soonest first
    stuck: tuple[Timing, ...]
    open: int

    def by_partner(self, timings: Sequence[Timing]) -> dict[str, list[Timing]]:
        grouped: dict[str, list[Timing]] = {}
        for t in timings:
            grouped.setdefault(t.case.owner, []).append(t)
        return dict(sorted(grouped.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "open": self.open,
            "late": [timing_to_dict(t) for t in self.late],
            "due_soon": [timing_to_dict(t) for t in self.due_soon],
            "handoffs_stuck": [timing_to_dict(t) for t in self.stuck],
        }


@dataclass(frozen=True, slots=True)
class CaseFigures:
    """Everything ``eqdiv cases`` says for ``period`` on ``as_of``."""

    period: Period
    as_of: date
    threshold: int
    register: CaseRegister
    overall: Timeliness
    by_stage: tuple[StageRow, ...]  # per partner (owning the answer) and stage
    handoffs: tuple[HandoffRow, ...]
    support: SupportTable
    discrimination: DiscriminationTable
    trend: tuple[TrendRow, ...]
    labels: dict[str, str]  # strand id -> how reports name it
    partners: dict[str, str]  # partner id -> name
    answered_late: tuple[Timing, ...] = ()  # received in the period, answered late

    @property
    def slowest_handoffs(self) -> HandoffRow | None:
        """The partner whose hand-offs took longest (by median, then longest)."""
        timed = [h for h in self.handoffs if h.median_days is not None]
        if not timed:
            return None
        return max(timed, key=lambda h: (h.median_days or 0, h.longest or 0))

    def label(self, strand: str) -> str:
        return self.labels.get(strand, strand.replace("_", " "))

    def to_json(self, root: str, as_of: date | None) -> dict[str, Any]:
        """``eqdiv cases --format json``: the envelope (``as_of`` as given, None for
        today), then the figures."""
        return {**envelope("cases", root, iso(as_of)), **self.to_dict()}

    def to_dict(self) -> dict[str, Any]:
        slowest = self.slowest_handoffs
        return {
            "period": period_to_dict(self.period),
            "threshold": self.threshold,
            "register": self.register.to_dict(),
            "timeliness": self.overall.to_dict(),
            "by_partner_and_stage": [row.to_dict() for row in self.by_stage],
            "handoffs": [row.to_dict() for row in self.handoffs],
            "slowest_handoffs": None if slowest is None else slowest.partner,
            "support": self.support.to_dict(self.threshold),
            "discrimination": self.discrimination.to_dict(self.threshold, self.label),
            "trend": [row.to_dict(self.threshold) for row in self.trend],
            "answered_late": [timing_to_dict(t) for t in self.answered_late],
        }


def timing_to_dict(t: Timing) -> dict[str, Any]:
    c = t.case
    return {
        "ref": c.ref,
        "stage": c.stage,
        "type": c.type,
        "received": iso(c.received),
        "first_contact": c.first_contact,
        "owner": c.owner,
        "acknowledge_by": iso(t.acknowledge_by),
        "respond_by": iso(t.respond_by),
        "acknowledgement": t.acknowledgement.value,
        "response": t.response.value,
        "working_days_late": t.days_late,
        "handed_to": t.stuck.to if t.stuck else None,
        "handed_on": iso(t.stuck.date) if t.stuck else None,
        "path": c.location.path,
        "line": c.location.line,
    }


def register(timings: Sequence[Timing], as_of: date) -> CaseRegister:
    open_ = [t for t in timings if t.case.is_open]
    late = sorted((t for t in open_ if t.late), key=lambda t: (-t.days_late, t.case.ref))
    soon = sorted(
        (t for t in open_ if t.due_soon),
        key=lambda t: (min(t.acknowledge_by, t.respond_by), t.case.ref),
    )
    stuck = tuple(t for t in open_ if t.stuck is not None)
    return CaseRegister(as_of, tuple(late), tuple(soon), stuck, len(open_))


def case_register(repo: Repository, as_of: date) -> CaseRegister:
    """The register on ``as_of``: cases received by then that are late or due soon."""
    cases = [c for c in repo.cases if c.received <= as_of]
    return register(time_cases(cases, repo.config.cases, as_of), as_of)


def case_figures(repo: Repository, period: Period, as_of: date) -> CaseFigures:
    """The figures for cases received in ``period``, on ``as_of``."""
    config = repo.config
    made = publication(repo)
    threshold = made.threshold
    start = config.year_start_month
    everything = time_cases([c for c in repo.cases if c.received <= as_of], config.cases, as_of)
    chosen = [t for t in everything if t.case.received in period]
    stages: dict[tuple[str, int], list[Timing]] = {}
    for t in chosen:
        stages.setdefault((t.case.owner, t.case.stage), []).append(t)
    order = {p.id: i for i, p in enumerate(config.partners)}
    return CaseFigures(
        period=period,
        as_of=as_of,
        threshold=threshold,
        register=register(everything, as_of),
        overall=Timeliness.of(chosen),
        by_stage=tuple(
            StageRow(partner, stage, Timeliness.of(stages[partner, stage]))
            for partner, stage in sorted(stages, key=lambda k: (order.get(k[0], 99), k))
        ),
        handoffs=_handoffs(chosen, order),
        support=_support([t.case for t in chosen], made.shown, start),
        discrimination=_discrimination(
            [t.case for t in chosen], [g.id for g in config.groups], made.shown, start
        ),
        trend=_trend(everything, period, start, made.shown),
        labels={g.id: g.label for g in config.groups},
        partners={p.id: p.name for p in config.partners},
        answered_late=tuple(t for t in chosen if t.response is Clock.LATE),
    )


def _handoffs(timings: Sequence[Timing], order: dict[str, int]) -> tuple[HandoffRow, ...]:
    doors: dict[str, list[Timing]] = {}
    for t in timings:
        if t.case.handoffs:
            doors.setdefault(t.case.first_contact, []).append(t)
    rows = []
    for partner in sorted(doors, key=lambda p: (order.get(p, 99), p)):
        group = doors[partner]
        days = [t.to_owner_days for t in group if t.to_owner_days is not None]
        rows.append(
            HandoffRow(
                partner=partner,
                handed_off=len(group),
                median_days=float(median(days)) if days else None,
                longest=max(days) if days else None,
                told=sum(1 for t in group if t.case.handoffs[-1].told),
                waiting=sum(1 for t in group if t.to_owner_days is None),
            )
        )
    return tuple(rows)


Reader = Callable[[Figure | None, int], Shown]


def _support(cases: Sequence[Case], read: Reader, start: int) -> SupportTable:
    kinds = tuple(Support)
    cells: list[tuple[Shown, ...]] = []
    asked: list[Shown] = []
    for kind in kinds:
        wanted = [c for c in cases if kind in c.asked]
        met = sum(1 for c in wanted if kind in c.provided)
        cells.append(
            (
                read(support_figure(cases, kind, True, start), met),
                read(support_figure(cases, kind, False, start), len(wanted) - met),
            )
        )
        asked.append(read(support_figure(cases, kind, None, start), len(wanted)))
    return SupportTable(kinds, SuppressedTable(tuple(cells), tuple(asked), None, None))


def _discrimination(
    cases: Sequence[Case], groups: Sequence[str], read: Reader, start: int
) -> DiscriminationTable:
    alleging = [c for c in cases if c.alleges_discrimination]
    strands = strands_of(cases, groups)
    outcomes = (*OUTCOMES, OPEN)
    cells = tuple(
        tuple(
            read(
                strand_figure(cases, strand, outcome, start),
                sum(1 for c in alleging if strand in c.strands and (c.outcome or OPEN) == outcome),
            )
            for outcome in outcomes
        )
        for strand in strands
    )
    totals = tuple(
        read(
            strand_figure(cases, strand, None, start),
            sum(1 for c in alleging if strand in c.strands),
        )
        for strand in strands
    )
    return DiscriminationTable(
        strands,
        outcomes,
        SuppressedTable(cells, totals, None, None),
        read(alleging_figure(cases, start), len(alleging)),
    )


def _trend(
    timings: Sequence[Timing], period: Period, start_month: int, read: Reader
) -> tuple[TrendRow, ...]:
    """The four quarters up to the one ``period`` ends in."""
    quarters = [quarter_of(period.end, start_month)]
    for _ in range(3):
        if quarters[0].start == date.min:
            break  # the calendar's first quarter: nothing before it
        quarters.insert(0, quarter_of(add_days(quarters[0].start, -1), start_month))
    groups = [[t for t in timings if t.case.received in q] for q in quarters]
    rows = []
    for q, g in zip(quarters, groups, strict=True):
        cases = [t.case for t in g]
        alleging = sum(1 for c in cases if c.alleges_discrimination)
        rows.append(
            TrendRow(q, Timeliness.of(g), read(alleging_figure(cases, start_month), alleging))
        )
    return tuple(rows)


def _cell(shown: Shown, threshold: int) -> dict[str, Any]:
    return {"count": shown.exact(), "text": shown.text(threshold)}


def _round(share: float | None) -> float | None:
    return None if share is None else round(share, 4)
