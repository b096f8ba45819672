"""The reports' section on employees and volunteers, as a typed view.

The annual report carries the employee information the Public Sector Equality Duty
asks of a body with 150 or more staff (the line is ``workforce: publish_staff``): for
each such partner with a return for the year, how complete its monitoring is, its
staff against the community, the relative likelihood of entering each formal process,
casework closed on time and equality training. A partner under the line is named, with
the reason it publishes none. The quarterly report shows every return for the quarter.
Every count is the protected one from ``figures.workforce_view``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eqdiv.figures.suppression import hidden_note
from eqdiv.figures.workforce_measures import Likelihood
from eqdiv.figures.workforce_view import (
    ReturnView,
    WorkforceView,
    percent,
    ratio_text,
    workforce_view,
)
from eqdiv.report.context import ReportContext
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class Row(ViewModel):
    """One line of a table: its cells, already in words, and whether it needs
    attention (said in words too, never by colour alone)."""

    cells: tuple[str, ...]
    attention: bool = False


@dataclass(frozen=True, slots=True)
class Table(ViewModel):
    caption: str
    headings: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class PartnerEmployees(ViewModel):
    partner: str
    name: str
    return_id: str
    period: str
    headline: str
    tables: tuple[Table, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WorkforceSection(ViewModel):
    heading: str
    summary: tuple[str, ...]
    partners: tuple[PartnerEmployees, ...]
    under_the_line: tuple[str, ...]  # sentences naming partners that publish none
    note: str


def _partner(r: ReturnView, v: WorkforceView) -> PartnerEmployees:
    n = v.count
    volunteers = f" and {n(r.volunteers)} volunteers" if r.volunteers is not None else ""
    tables: list[Table] = []
    if r.completeness:
        tables.append(
            Table(
                "How complete equality monitoring is",
                ("Who and what", "Recorded", "Not known", "Prefer not to say", "Target", "Verdict"),
                tuple(
                    Row(
                        (
                            f"{c.who.capitalize()}: {c.label.lower()}",
                            percent(c.rate),
                            n(c.not_known),
                            n(c.prefer_not),
                            f"{c.target:g}%",
                            {True: "Meets the target", False: "Below the target", None: "-"}[
                                c.meets
                            ],
                        ),
                        attention=c.meets is False,
                    )
                    for c in r.completeness
                ),
            )
        )
    judged = [lk for lk in r.likelihoods if lk.verdict is not Likelihood.TOO_FEW]
    if judged:
        tables.append(
            Table(
                "Relative likelihood of entering a formal process",
                ("Process", "Group", "Compared with", "Relative likelihood", "Verdict"),
                tuple(
                    Row(
                        (
                            lk.process_label,
                            lk.group,
                            lk.comparison,
                            ratio_text(lk.ratio)
                            + (
                                f" (95% interval {ratio_text(lk.low)} to {ratio_text(lk.high)})"
                                if lk.low is not None and lk.high is not None
                                else ""
                            ),
                            lk.verdict_words.capitalize(),
                        ),
                        attention=lk.concern,
                    )
                    for lk in judged
                ),
            )
        )
    if r.casework:
        tables.append(
            Table(
                "Formal casework",
                ("Process", "Started", "Closed", "Closed within the timescale", "On time"),
                tuple(
                    Row(
                        (
                            p.label,
                            n(p.started),
                            "-" if p.closed is None else n(p.closed),
                            "-" if p.closed_in_time is None else n(p.closed_in_time),
                            percent(p.rate),
                        ),
                        attention=p.meets is False and p.rate is not None,
                    )
                    for p in r.casework
                ),
            )
        )
    if r.training:
        tables.append(
            Table(
                "Equality training",
                ("Team", "Due", "Completed", "Share", "Refresher due"),
                tuple(
                    Row(
                        (
                            t.team,
                            n(t.due),
                            n(t.completed),
                            percent(t.rate),
                            (t.refresher_due.isoformat() if t.refresher_due else "-")
                            + (" (overdue)" if t.overdue else ""),
                        ),
                        attention=t.overdue,
                    )
                    for t in r.training
                ),
            )
        )
    notes: list[str] = []
    too_few = sorted({lk.process_label for lk in r.likelihoods if lk.verdict is Likelihood.TOO_FEW})
    if too_few:
        notes.append(
            "Too few staff or cases to judge the relative likelihood for some groups in: "
            + ", ".join(p.lower() for p in too_few)
            + "."
        )
    for d in r.profile:
        if d.gaps:
            notes.append(
                f"Compared with the community, fewer staff than expected by "
                f"{d.label.lower()}: " + "; ".join(g.label for g in d.gaps) + "."
            )
    if r.timescale:
        notes.append(f"Casework timescale: {r.timescale}.")
    return PartnerEmployees(
        r.partner,
        r.partner_name,
        r.id,
        r.period,
        f"{n(r.staff)} staff{volunteers} at {r.end.isoformat()}.",
        tuple(tables),
        tuple(notes),
    )


def workforce_section(ctx: ReportContext, *, annual: bool) -> WorkforceSection:
    """The section for the report's period: each return whose period lies within it."""
    v = workforce_view(ctx.repo, ctx.as_of, ctx.period)
    if annual:
        # A year's return says more than its quarters': one return per partner, the
        # one covering most of the year.
        best: dict[str, ReturnView] = {}
        for r in v.returns:
            held = best.get(r.partner)
            if held is None or (r.end - r.start, r.end) > (held.end - held.start, held.end):
                best[r.partner] = r
        v = replace(v, returns=tuple(r for r in v.returns if best[r.partner] is r))
    line = v.settings.publish_staff
    shown = [r for r in v.returns if r.publishes or not annual]
    under = [
        f"{r.partner_name} had fewer than {line} staff, so it publishes no employee "
        "information of its own."
        for r in v.returns
        if annual and not r.publishes
    ]
    summary: list[str] = []
    if not v.returns:
        summary.append("No workforce return covers this period.")
    else:
        gaps = sum(len(r.gaps) for r in shown)
        concerns = sum(len(r.concerns) for r in shown)
        overdue = sum(len(r.overdue) for r in shown)
        summary.append(
            f"{len(v.returns)} workforce {'return' if len(v.returns) == 1 else 'returns'} "
            f"for the period; {gaps} monitoring {'gap' if gaps == 1 else 'gaps'}, "
            f"{concerns} relative {'likelihood' if concerns == 1 else 'likelihoods'} outside "
            f"the band, {overdue} equality {'refresher' if overdue == 1 else 'refreshers'} "
            "overdue."
        )
    return WorkforceSection(
        heading="Our employees and volunteers",
        summary=tuple(summary),
        partners=tuple(_partner(r, v) for r in shown),
        under_the_line=tuple(under),
        note=(
            f"{hidden_note(v.threshold)} No share or ratio is given for them. "
            "A relative likelihood is the rate at which a group enters a process over "
            f"the rate of the group it is compared with: 1 is parity, and outside "
            f"{v.settings.band[0]:g} to {v.settings.band[1]:g} is a concern."
        ),
    )
