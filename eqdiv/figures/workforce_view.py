"""Workforce measures as they may be published: every count read from the one
protection of the grid (``figures.publication``; each return is a table of it, laid
out in ``figures.workforce_grid``), every percentage and ratio only where the counts
under it are shown. So no figure of one part of a return can be subtracted from
another to give a hidden count away.

A relative likelihood is published with its verdict only when all four counts under
it are shown; otherwise its verdict is "withheld (small numbers)", except "too few to
judge", which says nothing about the counts. ``unsuppressed=True`` (for staff, never
for publishing) shows everything.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.figures.audit import Figure
from eqdiv.figures.census import category_scheme
from eqdiv.figures.coverage import Verdict
from eqdiv.figures.publication import publication
from eqdiv.figures.suppression import STAFF_ONLY, Hidden, Shown, Suppressed, hidden_note, share
from eqdiv.figures.workforce_grid import Key, figure, return_layout
from eqdiv.figures.workforce_measures import (
    Comparison,
    Likelihood,
    ReturnMeasures,
    Workforce,
    latest,
    measure,
    overdue_training,
    workforce,
)
from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme
from eqdiv.model.json_parts import envelope, period_to_dict
from eqdiv.model.periods import Period
from eqdiv.model.workforce import OUTCOMES, PREFER_NOT, Process, WorkforceSettings
from eqdiv.store.repository import Repository

Reader = Callable[[Figure | None, int], Shown]


def unprotected(figure: Figure | None, value: int) -> Shown:
    """Every count as it is: for staff, never for publishing."""
    return Shown(value)


def percent(value: float | None) -> str:
    """``96.3%``; an em dash stand-in in words when there is none."""
    return "not published" if value is None else f"{value * 100:.1f}%"


def ratio_text(value: float | None) -> str:
    return "not published" if value is None else f"{value:.2f}"


@dataclass(frozen=True, slots=True)
class CompletenessView:
    who: str
    dimension: str
    label: str
    total: Shown
    recorded: Shown
    not_known: Shown
    prefer_not: Shown
    rate: float | None
    target: float
    meets: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "who": self.who,
            "dimension": self.dimension,
            "label": self.label,
            "total": self.total.exact(),
            "recorded": self.recorded.exact(),
            "not_known": self.not_known.exact(),
            "prefer_not_to_say": self.prefer_not.exact(),
            "rate": _round(self.rate),
            "target": self.target,
            "meets_target": self.meets,
        }


@dataclass(frozen=True, slots=True)
class ProfileRow:
    id: str
    label: str
    count: Shown
    share: float | None
    population_share: float | None
    ratio: float | None
    verdict: str  # in words; "withheld (small numbers)" when the count is hidden


@dataclass(frozen=True, slots=True)
class ProfileView:
    dimension: str
    label: str
    baseline: bool
    rows: tuple[ProfileRow, ...]

    @property
    def gaps(self) -> tuple[ProfileRow, ...]:
        words = (Verdict.UNDER.words, Verdict.NOT_REACHED.words)
        return tuple(r for r in self.rows if r.verdict in words)


@dataclass(frozen=True, slots=True)
class LikelihoodView:
    process: str
    process_label: str
    dimension: str
    group: str
    comparison: str
    entered: Shown
    headcount: Shown
    comparison_entered: Shown
    comparison_headcount: Shown
    ratio: float | None
    low: float | None
    high: float | None
    corrected: bool
    verdict: Likelihood | None  # None: withheld, as the counts under it are hidden

    @property
    def verdict_words(self) -> str:
        return "withheld (small numbers)" if self.verdict is None else self.verdict.words

    @property
    def concern(self) -> bool:
        return self.verdict in (Likelihood.MORE, Likelihood.LESS)

    def sentence(self) -> str:
        """``Disciplinary: Asian ... staff against White staff: 3.70 (95% 1.93 to 7.08),
        more likely (a concern).``"""
        figure = ""
        if self.ratio is not None:
            figure = f" {ratio_text(self.ratio)}"
            if self.low is not None and self.high is not None:
                figure += f" (95% interval {ratio_text(self.low)} to {ratio_text(self.high)})"
            figure += ","
        return (
            f"{self.process_label}: {self.group} against {self.comparison}:{figure} "
            f"{self.verdict_words}."
        )


@dataclass(frozen=True, slots=True)
class ProcessView:
    id: str
    label: str
    started: Shown
    closed: Shown | None
    closed_in_time: Shown | None
    rate: float | None
    target: float
    meets: bool | None
    outcomes: tuple[tuple[str, Shown], ...]


@dataclass(frozen=True, slots=True)
class TrainingView:
    team: str
    course: str
    due: Shown
    completed: Shown
    rate: float | None
    target: float
    meets: bool | None
    refresher_due: date | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class ReturnView:
    id: str
    path: str
    partner: str
    partner_name: str
    start: date
    end: date
    publishes: bool
    staff: Shown
    volunteers: Shown | None
    completeness: tuple[CompletenessView, ...]
    profile: tuple[ProfileView, ...]
    likelihoods: tuple[LikelihoodView, ...]
    casework: tuple[ProcessView, ...]
    timescale: str | None
    training: tuple[TrainingView, ...]
    left_out: tuple[str, ...]

    @property
    def period(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    @property
    def gaps(self) -> tuple[CompletenessView, ...]:
        return tuple(c for c in self.completeness if c.meets is False)

    @property
    def concerns(self) -> tuple[LikelihoodView, ...]:
        return tuple(v for v in self.likelihoods if v.concern)

    @property
    def overdue(self) -> tuple[TrainingView, ...]:
        return tuple(t for t in self.training if t.overdue)


@dataclass(frozen=True, slots=True)
class TrendView:
    partner: str
    name: str
    points: tuple[ReturnView, ...]


@dataclass(frozen=True, slots=True)
class WorkforceView:
    """What ``eqdiv workforce`` shows, protected (unless ``unsuppressed``)."""

    root: str
    as_of: date
    period: Period | None
    threshold: int
    unsuppressed: bool
    settings: WorkforceSettings
    returns: tuple[ReturnView, ...]
    trends: tuple[TrendView, ...]
    left_out: tuple[str, ...]
    missing: tuple[str, ...]

    def count(self, shown: Shown) -> str:
        return shown.text(self.threshold)

    def to_dict(self) -> dict[str, Any]:
        return {
            **envelope("workforce", self.root, self.as_of.isoformat()),
            "period": period_to_dict(self.period) if self.period else None,
            "suppression": {"threshold": self.threshold, "applied": not self.unsuppressed},
            "settings": {
                "likelihood_band": list(self.settings.band),
                "min_group": self.settings.min_group,
                "min_cases": self.settings.min_cases,
                "training_target": self.settings.training_target,
                "casework_target": self.settings.casework_target,
                "publish_staff": self.settings.publish_staff,
            },
            "returns": [return_dict(r) for r in self.returns],
            "trends": [
                {
                    "partner": t.partner,
                    "name": t.name,
                    "points": [
                        {
                            "id": p.id,
                            "start": p.start.isoformat(),
                            "end": p.end.isoformat(),
                            "staff": p.staff.exact(),
                            "recorded": {
                                c.dimension: _round(c.rate)
                                for c in p.completeness
                                if c.who == "staff"
                            },
                        }
                        for p in t.points
                    ],
                }
                for t in self.trends
            ],
            "left_out": list(self.left_out),
            "no_return": list(self.missing),
        }

    def blocks(self) -> list[Block]:
        """The screen, in words: a block per return, then trends."""
        found: list[Block] = []
        if not self.returns:
            found.append(
                Block(
                    "Workforce returns",
                    (
                        "No workforce return is in for "
                        + (self.period.label if self.period else f"{self.as_of.isoformat()}")
                        + ".",
                    ),
                    after=("`eqdiv new workforce` writes a return to fill in.",),
                )
            )
        for r in self.returns:
            found.append(self._return_block(r))
        trend_lines = [line for t in self.trends if len(t.points) > 1 for line in _trend(t, self)]
        if trend_lines:
            found.append(Block("Trends", tuple(trend_lines)))
        notes: list[str] = []
        if self.missing:
            notes.append("No return in view from: " + ", ".join(self.missing) + ".")
        if self.left_out:
            notes.append(
                "Left out, with errors (run `eqdiv validate`): " + ", ".join(self.left_out) + "."
            )
        notes.append(STAFF_ONLY if self.unsuppressed else hidden_note(self.threshold))
        found.append(Block("Notes", tuple(notes)))
        return found

    def _monitoring_entries(self, r: ReturnView) -> list[Entry]:
        entries: list[Entry] = []
        for c in r.completeness:
            tone = Tone.GOOD if c.meets else Tone.BAD if c.meets is False else Tone.PLAIN
            tag = {True: "meets the target", False: "below the target", None: "nobody to count"}
            entries.append(
                Entry(
                    f"monitoring: {c.who}, {c.label.lower()}",
                    tag[c.meets],
                    tone,
                    details=(
                        f"{percent(c.rate)} recorded (target {c.target:g}%); "
                        f"{self.count(c.not_known)} not known, "
                        f"{self.count(c.prefer_not)} preferred not to say.",
                    ),
                )
            )
        return entries

    def _likelihood_entries(self, r: ReturnView) -> list[Entry]:
        entries: list[Entry] = []
        too_few: dict[str, list[str]] = {}
        for v in r.likelihoods:
            if v.verdict is Likelihood.TOO_FEW:
                too_few.setdefault(v.process_label, []).append(v.group.removesuffix(" staff"))
                continue
            zero = " A count was zero, so a half was added to each." if v.corrected else ""
            entries.append(
                Entry(
                    f"likelihood: {v.process_label.lower()}",
                    v.verdict_words,
                    Tone.BAD if v.concern else Tone.PLAIN,
                    details=(
                        v.sentence(),
                        f"Entered: {self.count(v.entered)} of {self.count(v.headcount)}, "
                        f"against {self.count(v.comparison_entered)} of "
                        f"{self.count(v.comparison_headcount)}.{zero}",
                    ),
                )
            )
        for process, groups in too_few.items():
            entries.append(
                Entry(
                    f"likelihood: {process.lower()}",
                    "too few to judge",
                    details=(f"{'; '.join(groups)}: too few staff or cases to judge.",),
                )
            )
        return entries

    def _return_block(self, r: ReturnView) -> Block:
        lines: list[str] = []
        staff = f"Staff: {self.count(r.staff)}"
        if r.volunteers is not None:
            staff += f"; volunteers: {self.count(r.volunteers)}"
        psed = (
            f"at or over the {self.settings.publish_staff}-staff line: it publishes employee "
            "information"
            if r.publishes
            else f"under the {self.settings.publish_staff}-staff line"
        )
        lines.append(f"{staff} ({psed}).")
        entries = [*self._monitoring_entries(r), *self._likelihood_entries(r)]
        for p in r.casework:
            tone = Tone.GOOD if p.meets else Tone.WARN if p.meets is False else Tone.PLAIN
            closed = (
                f"{self.count(p.closed_in_time)} of {self.count(p.closed)} closed within the "
                "timescale"
                if p.closed is not None and p.closed_in_time is not None
                else "closures not recorded"
            )
            entries.append(
                Entry(
                    f"casework: {p.label.lower()}",
                    f"{percent(p.rate)} on time"
                    if p.rate is not None
                    else "on time: not published",
                    tone,
                    details=(f"{self.count(p.started)} started; {closed}.",),
                )
            )
        for t in r.training:
            tone = Tone.BAD if t.overdue else Tone.GOOD if t.meets else Tone.WARN
            refresher = ""
            if t.refresher_due:
                refresher = f" Refresher due {t.refresher_due.isoformat()}" + (
                    ": overdue." if t.overdue else "."
                )
            entries.append(
                Entry(
                    f"training: {t.team}",
                    "refresher overdue"
                    if t.overdue
                    else f"{percent(t.rate)} completed"
                    if t.rate is not None
                    else "completion not published",
                    tone,
                    details=(
                        f"{self.count(t.completed)} of {self.count(t.due)} completed "
                        f"{t.course.lower()} training.{refresher}",
                    ),
                )
            )
        after = [f"Casework timescale: {r.timescale}."] if r.timescale else []
        if r.left_out:
            after.append("Not counted, as they do not add up: " + ", ".join(r.left_out) + ".")
        for d in r.profile:
            if d.gaps:
                after.append(
                    f"Staff by {d.label.lower()} against the community: fewer than expected: "
                    + "; ".join(g.label for g in d.gaps)
                    + "."
                )
        return Block(
            f"{r.partner_name}: {r.period} ({r.id})",
            tuple(lines),
            tuple(entries),
            tuple(after),
        )


def _trend(t: TrendView, v: WorkforceView) -> list[str]:
    lines = [f"{t.name}:"]
    for p in t.points:
        ethnicity = next(
            (c for c in p.completeness if c.who == "staff" and c.dimension == "ethnicity"), None
        )
        recorded = f", ethnicity recorded {percent(ethnicity.rate)}" if ethnicity else ""
        lines.append(f"  {p.period}: {v.count(p.staff)} staff{recorded}.")
    return lines


def _round(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def return_dict(r: ReturnView) -> dict[str, Any]:
    def count(s: Shown | None) -> int | None:
        return None if s is None else s.exact()

    return {
        "id": r.id,
        "path": r.path,
        "partner": r.partner,
        "partner_name": r.partner_name,
        "start": r.start.isoformat(),
        "end": r.end.isoformat(),
        "publishes_employee_information": r.publishes,
        "staff": count(r.staff),
        "volunteers": count(r.volunteers),
        "completeness": [c.to_dict() for c in r.completeness],
        "profile": [
            {
                "dimension": d.dimension,
                "label": d.label,
                "baseline": d.baseline,
                "categories": [
                    {
                        "id": row.id,
                        "label": row.label,
                        "count": row.count.exact(),
                        "share": _round(row.share),
                        "population_share": _round(row.population_share),
                        "ratio": _round(row.ratio, 2),
                        "verdict": row.verdict,
                    }
                    for row in d.rows
                ],
            }
            for d in r.profile
        ],
        "likelihoods": [
            {
                "process": v.process,
                "dimension": v.dimension,
                "group": v.group,
                "comparison": v.comparison,
                "entered": count(v.entered),
                "headcount": count(v.headcount),
                "comparison_entered": count(v.comparison_entered),
                "comparison_headcount": count(v.comparison_headcount),
                "ratio": _round(v.ratio, 2),
                "low": _round(v.low, 2),
                "high": _round(v.high, 2),
                "corrected": v.corrected,
                "verdict": None if v.verdict is None else v.verdict.value,
                "verdict_words": v.verdict_words,
            }
            for v in r.likelihoods
        ],
        "casework": {
            "timescale": r.timescale,
            "processes": [
                {
                    "process": p.id,
                    "label": p.label,
                    "started": count(p.started),
                    "closed": count(p.closed),
                    "closed_in_time": count(p.closed_in_time),
                    "rate": _round(p.rate),
                    "target": p.target,
                    "meets_target": p.meets,
                    "outcomes": {key: s.exact() for key, s in p.outcomes},
                }
                for p in r.casework
            ],
        },
        "training": [
            {
                "team": t.team,
                "course": t.course,
                "due": count(t.due),
                "completed": count(t.completed),
                "rate": _round(t.rate),
                "target": t.target,
                "meets_target": t.meets,
                "refresher_due": t.refresher_due.isoformat() if t.refresher_due else None,
                "refresher_overdue": t.overdue,
            }
            for t in r.training
        ],
        "left_out": list(r.left_out),
    }


def protected(
    m: ReturnMeasures, scheme: CategoryScheme, read: Reader
) -> tuple[Suppressed[Key], dict[int, tuple[Key, Key, Key, Key]]]:
    """Every count of the return ``m`` as the grid publishes it (``read``), and the
    four cells under each relative likelihood."""
    found = return_layout(m, scheme)
    shown = {key: read(figure(m.ret.id, key), value) for key, value in found.cells.values.items()}
    return Suppressed(shown, frozenset()), found.under


def return_view(
    m: ReturnMeasures, scheme: CategoryScheme, threshold: int, read: Reader
) -> ReturnView:
    shown, under = protected(m, scheme, read)
    w = m.ret

    def cell(*key: Hashable) -> Shown:
        return shown[tuple(key)]

    completeness = tuple(
        CompletenessView(
            c.who,
            c.dimension,
            c.label,
            cell(c.who, "total"),
            cell(c.who, c.dimension, "@recorded"),
            cell(c.who, c.dimension, NOT_KNOWN),
            cell(c.who, c.dimension, PREFER_NOT),
            share(cell(c.who, c.dimension, "@recorded"), cell(c.who, "total"), threshold),
            c.target,
            c.meets,
        )
        for c in m.completeness
    )
    profile = tuple(
        ProfileView(
            d.id,
            d.label,
            d.baseline,
            tuple(
                _profile_row(row, d.id, w.staff.profile[d.id], shown, threshold, d.grouped)
                for row in d.categories
            ),
        )
        for d in m.profile
    )
    likelihoods = tuple(_likelihood(v, under.get(i), shown) for i, v in enumerate(m.likelihoods))
    casework = tuple(
        ProcessView(
            t.process,
            t.label,
            cell("p", t.process, "started"),
            shown.cells.get(("p", t.process, "closed")),
            shown.cells.get(("p", t.process, "in_time")),
            share(cell("p", t.process, "in_time"), cell("p", t.process, "closed"), threshold)
            if ("p", t.process, "in_time") in shown.cells
            else None,
            t.target,
            t.meets,
            _outcomes(w.process(t.process), shown),
        )
        for t in m.timeliness
    )
    training = tuple(
        TrainingView(
            s.line.team,
            s.line.course,
            cell("t", s.index, "due"),
            cell("t", s.index, "completed"),
            share(cell("t", s.index, "completed"), cell("t", s.index, "due"), threshold),
            s.target,
            s.meets,
            s.line.refresher_due,
            s.overdue,
        )
        for s in m.training
    )
    return ReturnView(
        id=w.id,
        path=w.location.path,
        partner=w.organisation,
        partner_name=m.partner,
        start=w.start,
        end=w.end,
        publishes=m.publishes,
        staff=cell("staff", "total"),
        volunteers=cell("volunteers", "total") if w.volunteers is not None else None,
        completeness=completeness,
        profile=profile,
        likelihoods=likelihoods,
        casework=casework,
        timescale=w.timescale,
        training=training,
        left_out=m.left_out,
    )


def _outcomes(process: Process | None, shown: Suppressed[Key]) -> tuple[tuple[str, Shown], ...]:
    if process is None:
        return ()
    return tuple(
        (OUTCOMES.get(o, o), shown[("p", process.id, "out", o)])
        for o in process.outcomes
        if ("p", process.id, "out", o) in shown.cells
    )


def _profile_row(
    row: Any,
    dim: str,
    counts: Mapping[str, int],
    shown: Suppressed[Key],
    threshold: int,
    grouped: bool,
) -> ProfileRow:
    key = ("staff", dim, "#", row.id) if grouped else ("staff", dim, row.id)
    count = shown.cells.get(key, Shown(row.count))
    if key not in shown.cells and row.count:
        # Not a count of the grid: nothing the protection vouches for is shown.
        count = Shown(row.count, Hidden.PROTECTED)
    visible = count.visible
    return ProfileRow(
        row.id,
        row.label,
        count,
        row.share if visible else None,
        row.population_share,
        row.ratio if visible else None,
        row.verdict.words
        if visible or row.verdict in (Verdict.TOO_SMALL, Verdict.NO_BASELINE)
        else "withheld (small numbers)",
    )


def _likelihood(
    v: Comparison, keys: tuple[Key, Key, Key, Key] | None, shown: Suppressed[Key]
) -> LikelihoodView:
    if keys is None:
        counts = (
            Shown(v.entered),
            Shown(v.headcount),
            Shown(v.comparison_entered),
            Shown(v.comparison_headcount),
        )
    else:
        counts = tuple(shown[k] for k in keys)  # type: ignore[assignment]
    r = v.result
    published = all(c.visible for c in counts)
    verdict: Likelihood | None = r.verdict
    if not published and r.verdict is not Likelihood.TOO_FEW:
        verdict = None
    return LikelihoodView(
        v.process,
        v.process_label,
        v.dimension,
        f"{v.group.label} staff",
        f"{v.comparison.label} staff",
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        r.ratio if published else None,
        r.low if published else None,
        r.high if published else None,
        r.corrected,
        verdict,
    )


def view(result: Workforce, repo: Repository, *, unsuppressed: bool = False) -> WorkforceView:
    """``result`` as it may be shown: suppressed, unless ``unsuppressed``."""
    threshold = 1 if unsuppressed else result.threshold
    scheme = category_scheme(repo.config)
    read: Reader = unprotected if unsuppressed else publication(repo).reader()
    returns = tuple(return_view(m, scheme, threshold, read) for m in result.returns)
    # Trends: every return in on the day, each protected on its own like the rest.
    by_id = {r.id: r for r in returns}
    received = [w for w in repo.workforce if w.received(result.as_of)]
    overdue = overdue_training(received, result.as_of)
    population: dict[str, dict[str, int]] = {}
    trends: list[TrendView] = []
    for t in result.trends:
        points = []
        for p in t.points:
            if p.ret not in by_id:
                w = next(w for w in received if w.id == p.ret)
                m = measure(w, repo.config, scheme, population, overdue)
                by_id[p.ret] = return_view(m, scheme, threshold, read)
            points.append(by_id[p.ret])
        trends.append(TrendView(t.partner, t.name, tuple(points)))
    return WorkforceView(
        root=str(repo.root),
        as_of=result.as_of,
        period=result.period,
        threshold=result.threshold,
        unsuppressed=unsuppressed,
        settings=result.settings,
        returns=returns,
        trends=tuple(trends),
        left_out=result.left_out,
        missing=result.missing,
    )


def workforce_view(
    repo: Repository, as_of: date, period: Period | None = None, *, unsuppressed: bool = False
) -> WorkforceView:
    return view(workforce(repo, as_of, period), repo, unsuppressed=unsuppressed)


__all__ = ["WorkforceView", "latest", "view", "workforce_view"]
