"""The ``workforce`` table: every figure of every workforce return in on the day.

One row per figure (a headcount, a strand's monitoring, a relative likelihood, a
process's timeliness, a team's training), from the same protected view ``eqdiv
workforce`` shows: in a ``--published`` export a count that must not be shown is empty,
with ``count_text`` saying why; without it the counts are exact, for staff.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from eqdiv.export.table import ExportTable, Value, columns
from eqdiv.figures.suppression import Shown
from eqdiv.figures.workforce_view import ReturnView, WorkforceView, workforce_view
from eqdiv.store.repository import Repository

WORKFORCE_COLUMNS = columns(
    ("return_id", "text", "The workforce return's id."),
    ("partner_id", "text", "The partner the return is for."),
    ("start", "date", "The period's first day."),
    ("end", "date", "The period's last day."),
    (
        "measure",
        "text",
        "`headcount`, `monitoring`, `relative_likelihood`, `casework_on_time` or `training`.",
    ),
    ("who", "text", "`staff` or `volunteers`."),
    ("subject", "text", "The dimension, process or team the figure is about."),
    ("group", "text", "For a relative likelihood: the group, and `comparison` its comparator."),
    ("comparison", "text", "The group a relative likelihood compares with."),
    ("count", "integer", "The count (empty when it must not be shown)."),
    ("count_text", "text", "The count as reports show it (`fewer than 10`, `hidden`)."),
    ("base", "integer", "What the count is out of (empty when it must not be shown)."),
    ("base_text", "text", "The base as reports show it."),
    ("rate", "number", "count / base, or the relative likelihood (empty when not published)."),
    ("target", "number", "The target in percent, where there is one."),
    ("verdict", "text", "Against the target or the band, in words."),
)


def workforce_table(repo: Repository, as_of: date, *, published: bool) -> ExportTable:
    shown = workforce_view(repo, as_of, unsuppressed=not published)
    partnership = repo.config.id
    rows = [
        (partnership, *row)
        for trend in shown.trends
        for r in trend.points
        for row in _rows(shown, r)
    ]
    return ExportTable(
        "workforce",
        "Every figure of every workforce return in on the day, one row per figure.",
        WORKFORCE_COLUMNS,
        tuple(rows),
    )


def _rows(v: WorkforceView, r: ReturnView) -> Iterator[tuple[Value, ...]]:
    base = (r.id, r.partner, r.start, r.end)

    def shown(s: Shown | None) -> tuple[int | None, str | None]:
        return (None, None) if s is None else (s.exact(), s.text(v.threshold))

    yield (
        *base,
        "headcount",
        "staff",
        None,
        None,
        None,
        *shown(r.staff),
        None,
        None,
        None,
        None,
        None,
    )
    if r.volunteers is not None:
        yield (
            *base,
            "headcount",
            "volunteers",
            None,
            None,
            None,
            *shown(r.volunteers),
            None,
            None,
            None,
            None,
            None,
        )
    for c in r.completeness:
        verdict = {True: "meets target", False: "below target", None: None}[c.meets]
        yield (
            *base,
            "monitoring",
            c.who,
            c.dimension,
            None,
            None,
            *shown(c.recorded),
            *shown(c.total),
            c.rate,
            c.target,
            verdict,
        )
    for lk in r.likelihoods:
        yield (
            *base,
            "relative_likelihood",
            "staff",
            f"{lk.process}:{lk.dimension}",
            lk.group,
            lk.comparison,
            *shown(lk.entered),
            *shown(lk.headcount),
            lk.ratio,
            None,
            lk.verdict_words,
        )
    for p in r.casework:
        yield (
            *base,
            "casework_on_time",
            "staff",
            p.id,
            None,
            None,
            *shown(p.closed_in_time),
            *shown(p.closed),
            p.rate,
            p.target,
            None,
        )
    for t in r.training:
        yield (
            *base,
            "training",
            "staff",
            t.team,
            None,
            None,
            *shown(t.completed),
            *shown(t.due),
            t.rate,
            t.target,
            "refresher overdue" if t.overdue else None,
        )
