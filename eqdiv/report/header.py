"""What every report says about itself: who publishes it, for which period, on what
day; how small numbers are protected; which records it leaves out; and the promise of
alternative formats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from eqdiv import __version__
from eqdiv.model.blocks import join_words
from eqdiv.model.config import ReportSettings
from eqdiv.model.strands import EQUALITY_ACT_2010
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import Day, PeriodView, day, period_view
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class Partnership(ViewModel):
    name: str
    area: str | None
    partners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suppression(ViewModel):
    threshold: int
    text: str


@dataclass(frozen=True, slots=True)
class AlternativeFormats(ViewModel):
    statement: str
    formats: tuple[str, ...]
    contact: str | None


@dataclass(frozen=True, slots=True)
class LeftOut(ViewModel):
    path: str
    text: str


class HeaderFields(TypedDict):
    """``Header``'s fields, which each report's view starts with."""

    kind: str
    title: str
    partnership: Partnership
    period: PeriodView
    as_of: Day
    suppression: Suppression
    alternative_formats: AlternativeFormats
    left_out: tuple[LeftOut, ...]
    no_plan: str
    generator: str


@dataclass(frozen=True, slots=True)
class Header(ViewModel):
    """What every report starts with (the fields of ``HeaderFields``); a report's view
    inherits from it."""

    kind: str
    title: str
    partnership: Partnership
    period: PeriodView
    as_of: Day
    suppression: Suppression
    alternative_formats: AlternativeFormats
    left_out: tuple[LeftOut, ...]
    no_plan: str
    generator: str


def header(ctx: ReportContext, kind: str, title: str) -> HeaderFields:
    config = ctx.repo.config
    return HeaderFields(
        kind=kind,
        title=title,
        partnership=Partnership(config.name, config.area, tuple(p.name for p in config.partners)),
        period=period_view(ctx.period, ctx.as_of),
        as_of=day(ctx.as_of),
        suppression=suppression(ctx),
        alternative_formats=alternative_formats(ctx),
        left_out=left_out(ctx),
        no_plan=no_plan(ctx),
        generator=f"eqdiv {__version__}",
    )


def suppression(ctx: ReportContext) -> Suppression:
    threshold = ctx.threshold
    if threshold <= 1:
        text = (
            "No counts are suppressed: the partnership's threshold (thresholds > suppression "
            "in eqdiv.yaml) is 1."
        )
    else:
        text = (
            f"To protect people's privacy, no count of people from 1 to {threshold - 1} is "
            "published, nor any count that could be worked out from the other figures "
            "in this report together with those of every other report and table eqdiv "
            "produces from the same records: all of them are protected together, and "
            "each figure is the same wherever it appears. A hidden count may be any "
            "number, 0 included. Every "
            "count shown is exact. No percentage is given of fewer than "
            f"{threshold} people, nor one that would tell how many people it counts or "
            "leaves out when that is a hidden count. Where a count is hidden, a group is "
            "still said to be "
            "under- or over-represented when saying so gives no count away; "
            "'under-represented' then includes a group nobody from was reached."
        )
    return Suppression(threshold, text)


def alternative_formats(ctx: ReportContext) -> AlternativeFormats:
    return formats_statement(ctx.repo.config.reports)


def formats_statement(settings: ReportSettings, what: str = "report") -> AlternativeFormats:
    """The alternative formats statement every published document ends with."""
    formats = join_words(list(settings.formats))
    contact = settings.contact
    ask = f"To ask for one, contact {contact}." if contact else "Ask the partnership for one."
    return AlternativeFormats(
        statement=f"This {what} is available in alternative formats on request, "
        f"including {formats}. {ask}",
        formats=tuple(settings.formats),
        contact=contact,
    )


def left_out(ctx: ReportContext) -> tuple[LeftOut, ...]:
    """Record files that could not be read: nothing in them is in the report, and the
    report says so rather than pretend they do not exist."""
    return tuple(
        LeftOut(path, f"{path} has errors, so nothing in it is in this report.")
        for path in ctx.repo.broken_files
    )


def no_plan(ctx: ReportContext) -> str:
    """What a report says where its plans would be when it has none: that none is
    recorded, or, when plan files have errors, which (a report that said 'no plan' of
    a plan with one typo would be wrong in public)."""
    broken = ctx.repo.left_out("action-plan")
    if not broken:
        return "No action plan is recorded."
    verb = "has" if len(broken) == 1 else "have"
    return (
        f"No action plan could be read: {join_words(list(broken))} {verb} errors "
        "(`eqdiv validate` shows them)."
    )


@dataclass(frozen=True, slots=True)
class StrandView(ViewModel):
    label: str
    characteristics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocalGroup(ViewModel):
    label: str
    description: str | None


@dataclass(frozen=True, slots=True)
class Strands(ViewModel):
    set: str
    strands: tuple[StrandView, ...]
    local_groups: tuple[LocalGroup, ...]


def strands(ctx: ReportContext) -> Strands:
    """The groups the partnership's work covers, and how they map to the Equality Act
    2010's protected characteristics."""
    config = ctx.repo.config
    names = {s.id: s.label for s in EQUALITY_ACT_2010}
    return Strands(
        set=config.strand_set,
        strands=tuple(
            StrandView(s.label, tuple(names.get(c, c) for c in config.crosswalk.get(s.id, ())))
            for s in config.strands
        ),
        local_groups=tuple(LocalGroup(g.label, g.description) for g in config.local_groups),
    )
