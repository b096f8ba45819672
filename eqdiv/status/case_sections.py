"""Complaints and queries on the status screen: open cases late or due in the next few
working days, and hand-offs waiting for the partner they were passed to ("no wrong
door" means nobody is left between two doors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.figures.case_figures import CaseRegister, case_register, timing_to_dict
from eqdiv.figures.case_timing import Clock, Timing
from eqdiv.model.blocks import Block, Entry, Tone, capped, plural
from eqdiv.status.base import Section, StatusContext

WHERE = "`eqdiv cases`"


@dataclass(frozen=True)
class CasesSection(Section):
    key: ClassVar[str] = "cases"
    state: CaseRegister  # not "register": ABCs have a method of that name
    logs: int  # how many case logs there are (none: the section stays off the screen)

    def to_dict(self) -> dict[str, Any]:
        return self.state.to_dict()

    def block(self) -> Block | None:
        reg = self.state
        if not self.logs:
            return None
        entries = [_late(t) for t in reg.late]
        entries += [_soon(t) for t in reg.due_soon]
        entries += [_stuck(t) for t in reg.stuck]
        shown, more = capped(entries, WHERE)
        if not entries:
            lines: tuple[str, ...] = (
                f"{plural(reg.open, 'open case')}: none late, none due in the next few "
                "working days, no hand-off waiting.",
            )
        else:
            lines = (
                f"{plural(reg.open, 'open case')}: {len(reg.late)} late, "
                f"{len(reg.due_soon)} due soon, {plural(len(reg.stuck), 'hand-off')} "
                "waiting to be accepted.",
            )
        return Block("Complaints and queries", lines, shown, more)


def _late(t: Timing) -> Entry:
    c = t.case
    answer = t.response is Clock.OVERDUE
    due = t.respond_by if answer else t.acknowledge_by
    return Entry(
        key=c.ref,
        tag=f"late by {plural(t.days_late, 'working day')}",
        tone=Tone.BAD,
        headline=f"{c.owner}, stage {c.stage}: {'answer' if answer else 'acknowledgement'} "
        f"was due {due.isoformat()}",
        location=None,
    )


def _soon(t: Timing) -> Entry:
    c = t.case
    answer = t.response is Clock.DUE_SOON
    due = t.respond_by if answer else t.acknowledge_by
    return Entry(
        key=c.ref,
        tag="due soon",
        tone=Tone.WARN,
        headline=f"{c.owner}, stage {c.stage}: {'answer' if answer else 'acknowledgement'} "
        f"due {due.isoformat()}",
    )


def _stuck(t: Timing) -> Entry:
    c, handoff = t.case, t.stuck
    assert handoff is not None  # only stuck cases come here
    return Entry(
        key=c.ref,
        tag="hand-off waiting",
        tone=Tone.WARN,
        headline=f"passed from {c.first_contact} to {handoff.to} on "
        f"{handoff.date.isoformat()}, not yet accepted",
    )


def cases_section(ctx: StatusContext) -> CasesSection:
    return CasesSection(case_register(ctx.repo, ctx.as_of), len(ctx.repo.case_logs))


__all__ = ["CasesSection", "cases_section", "timing_to_dict"]
