"""The complaints and queries tables: how quickly each partner answered, quarter by
quarter, and (for staff) every case's clock.

``case_timeliness`` is about the organisations (cases received, answered in time,
working days to answer, per owning partner, stage and quarter received), and is
exported as reports show it. ``cases`` holds one row per case: its dates and its clock,
never its strands or the support asked for (those are about the person). Even so, a
single case's dates can point at someone in a small community, so a ``--published``
export leaves the ``cases`` table empty: its columns stay, so readers by glob still
find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from eqdiv.export.table import ExportTable, Value, columns
from eqdiv.figures.case_figures import Timeliness
from eqdiv.figures.case_timing import Timing, time_cases
from eqdiv.model.periods import quarter_of
from eqdiv.store.repository import Repository

TIMELINESS_COLUMNS = columns(
    ("quarter_start", "date", "The first day of the quarter the cases were received in."),
    ("quarter", "text", "The quarter, as reports name it (`2007/08 Q1 ...`)."),
    ("partner_id", "text", "The partner that owns the answer (after any hand-off)."),
    ("stage", "integer", "The stage of the complaints procedure (1, 2 ...)."),
    ("received", "integer", "Cases received in the quarter."),
    ("acknowledged_in_time", "integer", "Acknowledged within the timescale."),
    ("acknowledgements_due", "integer", "Acknowledgements done or overdue on the day."),
    ("answered_in_time", "integer", "Answered within the timescale."),
    ("answers_due", "integer", "Answers done or overdue on the day."),
    ("answered_share", "number", "answered_in_time / answers_due (empty when none due)."),
    ("median_working_days", "number", "Median working days to answer, of those answered."),
    ("p90_working_days", "integer", "90th percentile of working days to answer."),
    ("as_of", "date", "The day the clocks are read."),
)

CASE_COLUMNS = columns(
    ("log_id", "text", "The case log the case is in."),
    ("case_ref", "text", "The case's reference in its log."),
    ("type", "text", "complaint, query, compliment ..."),
    ("received", "date", "The day it was received."),
    ("first_contact_id", "text", "The partner the resident first contacted."),
    ("partner_id", "text", "The partner that owns the answer (after any hand-off)."),
    ("handoffs", "integer", "How many times it was handed to another partner."),
    ("stage", "integer", "The stage of the complaints procedure."),
    ("acknowledge_by", "date", "The last day to acknowledge it in time."),
    ("respond_by", "date", "The last day to answer it in time."),
    ("acknowledgement", "text", "on_time, late, overdue, due_soon, pending, not_recorded ..."),
    ("response", "text", "The same, for the answer."),
    ("respond_days", "integer", "Working days it took to answer (empty while open)."),
    ("days_late", "integer", "Working days past a missed deadline, for an open case."),
    ("outcome", "text", "upheld, partly_upheld, not_upheld, withdrawn ... (empty while open)."),
    ("as_of", "date", "The day the clock is read."),
)


def case_tables(
    repo: Repository, as_of: date, *, published: bool
) -> tuple[ExportTable, ExportTable]:
    config = repo.config
    timings = time_cases([c for c in repo.cases if c.received <= as_of], config.cases, as_of)
    return (
        ExportTable(
            "case_timeliness",
            "Complaints and queries answered in time, per owning partner, stage and quarter "
            "received.",
            TIMELINESS_COLUMNS,
            _timeliness_rows(config.id, timings, config.year_start_month, as_of),
        ),
        ExportTable(
            "cases",
            "Every complaint and query with its clock on the day (staff only: empty in a "
            "published export).",
            CASE_COLUMNS,
            () if published else tuple(_case_row(config.id, t, as_of) for t in timings),
        ),
    )


def _timeliness_rows(
    partnership: str, timings: Sequence[Timing], start_month: int, as_of: date
) -> tuple[tuple[Value, ...], ...]:
    groups: dict[tuple[date, str, int], list[Timing]] = {}
    labels: dict[date, str] = {}
    for t in timings:
        quarter = quarter_of(t.case.received, start_month)
        labels[quarter.start] = quarter.label
        groups.setdefault((quarter.start, t.case.owner, t.case.stage), []).append(t)
    rows = []
    for start, partner, stage in sorted(groups):
        of = Timeliness.of(groups[start, partner, stage])
        share = of.answered_share
        rows.append(
            (
                partnership,
                start,
                labels[start],
                partner,
                stage,
                of.received,
                of.acknowledged_in_time,
                of.acknowledgements,
                of.answered_in_time,
                of.answers,
                None if share is None else round(share, 4),
                of.median_days,
                of.p90_days,
                as_of,
            )
        )
    return tuple(rows)


def _case_row(partnership: str, t: Timing, as_of: date) -> tuple[Value, ...]:
    case = t.case
    return (
        partnership,
        case.log,
        case.ref,
        case.type,
        case.received,
        case.first_contact,
        case.owner,
        len(case.handoffs),
        case.stage,
        t.acknowledge_by,
        t.respond_by,
        t.acknowledgement.value,
        t.response.value,
        t.respond_days,
        t.days_late or None,
        case.outcome,
        as_of,
    )
