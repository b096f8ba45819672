"""Complaints and queries as they may be published, in words and tables: what ``eqdiv
cases`` writes in every format and the reports' section shows. Built once, drawn by
each writer, so the command and the reports say the same; the counts in them are
those ``case_figures`` has already passed through the protection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eqdiv.figures.case_figures import CaseFigures, Timeliness
from eqdiv.figures.case_timing import Clock, Timing
from eqdiv.figures.suppression import hidden_note
from eqdiv.model.blocks import join_words, plural

OUTCOME_WORDS = {
    "upheld": "Upheld",
    "partly_upheld": "Partly upheld",
    "not_upheld": "Not upheld",
    "resolved": "Resolved",
    "withdrawn": "Withdrawn",
    "referred_to_ombudsman": "Referred to the Ombudsman",
    "open": "Open",
}


@dataclass(frozen=True)
class Part:
    heading: str
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def percent(part: int, whole: int) -> str:
    return "none due" if not whole else f"{part} of {whole} ({100 * part / whole:.0f}%)"


def days(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


Name = Callable[[str], str]  # how a partner is named: in full, or by id


def _late_line(name: Name, t: Timing) -> tuple[str, ...]:
    c = t.case
    what = "answer" if t.response is Clock.OVERDUE else "acknowledgement"
    due = t.respond_by if t.response is Clock.OVERDUE else t.acknowledge_by
    return (
        c.ref,
        name(c.owner),
        str(c.stage),
        c.received.isoformat(),
        f"{what} due {due.isoformat()}",
        plural(t.days_late, "working day"),
    )


def _soon_line(name: Name, t: Timing) -> tuple[str, ...]:
    c = t.case
    pending = [
        (what, by)
        for what, by, clock in (
            ("acknowledgement", t.acknowledge_by, t.acknowledgement),
            ("answer", t.respond_by, t.response),
        )
        if clock is Clock.DUE_SOON
    ]
    what, by = pending[0]
    return (
        c.ref,
        name(c.owner),
        str(c.stage),
        c.received.isoformat(),
        f"{what} due {by.isoformat()}",
        "",
    )


def _timeliness_cells(t: Timeliness) -> tuple[str, ...]:
    return (
        str(t.received),
        percent(t.acknowledged_in_time, t.acknowledgements),
        percent(t.answered_in_time, t.answers),
        days(t.median_days),
        days(t.p90_days),
    )


def parts(f: CaseFigures, *, names: bool = True) -> list[Part]:
    """The sections in words and tables; ``names=False`` names partners by id (the
    text output keeps to 80 columns, with a key above)."""

    def name(partner: str) -> str:
        return f.partners.get(partner, partner) if names else partner

    reg = f.register
    out: list[Part] = []
    case_headers = ("Case", "Partner", "Stage", "Received", "Due", "Late by")
    late_lines = [
        f"{plural(len(reg.late), 'open case')} late on {f.as_of.isoformat()}"
        + (
            ", by partner: "
            + join_words([f"{name(p)} ({len(ts)})" for p, ts in reg.by_partner(reg.late).items()])
            + "."
            if reg.late
            else "."
        )
    ]
    out.append(
        Part(
            "Late",
            tuple(late_lines),
            case_headers if reg.late else (),
            tuple(_late_line(name, t) for t in reg.late),
        )
    )
    out.append(
        Part(
            "Due in the next few working days",
            (
                f"{plural(len(reg.due_soon), 'case')} due soon."
                if reg.due_soon
                else "Nothing due in the next few working days.",
            ),
            case_headers[:5] if reg.due_soon else (),
            tuple(_soon_line(name, t)[:5] for t in reg.due_soon),
        )
    )
    stuck_rows = tuple(
        (
            t.case.ref,
            name(t.case.first_contact),
            name(t.stuck.to),
            t.stuck.date.isoformat(),
        )
        for t in reg.stuck
        if t.stuck is not None
    )
    out.append(
        Part(
            "Hand-offs waiting to be accepted",
            (
                f"{plural(len(stuck_rows), 'hand-off')} not yet accepted by the partner it "
                "was passed to."
                if stuck_rows
                else "No hand-off is waiting.",
            ),
            ("Case", "From", "To", "Handed on") if stuck_rows else (),
            stuck_rows,
        )
    )
    o = f.overall
    lines = [
        f"{plural(o.received, 'case')} received in {f.period.label}. Acknowledged and "
        "answered: in time, of those due; days are working days to answer.",
        f"Acknowledged in time: {percent(o.acknowledged_in_time, o.acknowledgements)}. "
        f"Answered in time: {percent(o.answered_in_time, o.answers)}.",
    ]
    if o.median_days is not None:
        lines.append(
            f"Working days to answer: median {days(o.median_days)}, 90th percentile "
            f"{days(o.p90_days)}."
        )
    late_answered = f.answered_late
    if late_answered:
        lines.append(
            "Answered late: "
            + join_words(
                [
                    f"{t.case.ref} ({name(t.case.owner)}, {t.respond_days} working days)"
                    for t in late_answered
                ]
            )
            + "."
        )
    out.append(
        Part(
            "In time, by partner and stage",
            tuple(lines),
            (
                "Partner",
                "Stage",
                "Received",
                "Acknowledged",
                "Answered",
                "Median days",
                "90th pct",
            )
            if f.by_stage
            else (),
            tuple(
                (name(r.partner), str(r.stage), *_timeliness_cells(r.timeliness))
                for r in f.by_stage
            ),
        )
    )
    slowest = f.slowest_handoffs
    out.append(
        Part(
            "Hand-offs between partners (no wrong door)",
            (
                (
                    "Slowest hand-offs: " + name(slowest.partner) + f", a median of "
                    f"{days(slowest.median_days)} working days from first contact to the "
                    "partner that answers."
                )
                if slowest
                else "No case received in the period was handed off.",
            ),
            (
                "First contacted",
                "Handed off",
                "Median days",
                "Longest",
                "Told who",
                "Waiting",
            )
            if f.handoffs
            else (),
            tuple(
                (
                    name(h.partner),
                    str(h.handed_off),
                    days(h.median_days),
                    days(h.longest),
                    str(h.told),
                    str(h.waiting),
                )
                for h in f.handoffs
            ),
        )
    )
    s = f.support
    support_rows = []
    for i, kind in enumerate(s.kinds):
        met, unmet = s.shown.cells[i]
        asked = s.shown.row_totals[i] if s.shown.row_totals else None
        if asked is not None and asked.visible and asked.value == 0:
            continue
        support_rows.append(
            (
                kind.words.capitalize(),
                asked.text(f.threshold) if asked else "",
                met.text(f.threshold),
                unmet.text(f.threshold),
            )
        )
    out.append(
        Part(
            "Other formats, interpreters and advocates",
            (
                ("Requests and whether they were met. " + _small(f))
                if support_rows
                else "No case received in the period asked for support.",
            ),
            ("Asked for", "Cases", "Met", "Not met") if support_rows else (),
            tuple(support_rows),
        )
    )
    d = f.discrimination
    used = [
        j
        for j, o in enumerate(d.outcomes)
        if any(
            not (d.shown.cells[i][j].visible and d.shown.cells[i][j].value == 0)
            for i in range(len(d.strands))
        )
    ]
    out.append(
        Part(
            "Complaints alleging discrimination",
            (
                f"Complaints alleging discrimination: {d.complaints.text(f.threshold)}, by strand "
                "and outcome (a complaint on two strands counts under each). " + _small(f),
            )
            if d.strands
            else ("No complaint received in the period alleged discrimination.",),
            ("Strand", *(OUTCOME_WORDS[d.outcomes[j]] for j in used), "Total") if d.strands else (),
            tuple(
                (
                    f.label(strand),
                    *(d.shown.cells[i][j].text(f.threshold) for j in used),
                    d.shown.row_totals[i].text(f.threshold) if d.shown.row_totals else "",
                )
                for i, strand in enumerate(d.strands)
            ),
        )
    )
    out.append(
        Part(
            "Trend over four quarters",
            (
                "Cases by the quarter they were received in: acknowledged and answered in "
                "time (of those due), median working days to answer, and complaints alleging "
                "discrimination.",
            ),
            ("Quarter", "Received", "Acknowledged", "Answered", "Median days", "Alleging"),
            tuple(
                (
                    r.period.label.split(" (")[0],
                    str(r.timeliness.received),
                    percent(r.timeliness.acknowledged_in_time, r.timeliness.acknowledgements),
                    percent(r.timeliness.answered_in_time, r.timeliness.answers),
                    days(r.timeliness.median_days),
                    r.discrimination.text(f.threshold),
                )
                for r in f.trend
            ),
        )
    )
    return out


def _small(f: CaseFigures) -> str:
    return hidden_note(f.threshold)
