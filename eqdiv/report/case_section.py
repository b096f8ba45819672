"""The reports' complaints and queries section ("no wrong door"): what was received in
the period and how quickly it was answered, by partner and stage, with a chart of the
answers in time and late, what is late on the day of the report, hand-offs, support
asked for, complaints alleging discrimination by strand, and the trend.

The view is a typed frozen value (``CasesView``, a ``ViewModel``): templates read its
attributes, ``to_dict`` is its JSON. Its tables come from ``figures.case_tables`` (what
``eqdiv cases`` shows), so the counts by strand and of support are protected as every
published figure is.
"""

from __future__ import annotations

from dataclasses import dataclass

from eqdiv.figures.case_figures import CaseFigures, case_figures
from eqdiv.figures.case_tables import Part, parts
from eqdiv.model.blocks import plural
from eqdiv.report.charts import Chart, Row, Segment, bar_chart
from eqdiv.report.context import ReportContext
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class CaseTable(ViewModel):
    """One table of the section: a heading, sentences, then the table (which may have
    no rows when there is nothing to show), and each row as a sentence for plain text
    (no tables there: a screen reader reads a text table out symbol by symbol)."""

    heading: str
    lines: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_text: tuple[str, ...]

    @classmethod
    def of(cls, part: Part) -> CaseTable:
        sentences = tuple(
            f"{row[0]}. "
            + "; ".join(f"{h}: {cell}" for h, cell in zip(part.headers[1:], row[1:], strict=True))
            + "."
            for row in part.rows
        )
        return cls(part.heading, part.lines, part.headers, part.rows, sentences)


@dataclass(frozen=True, slots=True)
class CasesView(ViewModel):
    present: bool  # whether the partnership keeps case logs at all
    summary: tuple[str, ...]
    chart: Chart | None
    tables: tuple[CaseTable, ...]


def cases_section(ctx: ReportContext) -> CasesView:
    if not ctx.repo.case_logs:
        return CasesView(False, ("No complaints and queries log is kept yet.",), None, ())
    figures = case_figures(ctx.repo, ctx.period, ctx.as_of)
    return CasesView(
        present=True,
        summary=_summary(figures),
        chart=_chart(figures),
        tables=tuple(CaseTable.of(part) for part in parts(figures)),
    )


def _summary(f: CaseFigures) -> tuple[str, ...]:
    o, reg = f.overall, f.register
    lines = [
        f"{plural(o.received, 'complaint or query', 'complaints and queries')} received; "
        f"{o.answered_in_time} of {o.answers} answered in time"
        + (f" ({100 * o.answered_in_time / o.answers:.0f}%)." if o.answers else "."),
        f"On {f.as_of.isoformat()}: {plural(len(reg.late), 'open case')} late, "
        f"{plural(len(reg.stuck), 'hand-off')} waiting to be accepted.",
    ]
    slowest = f.slowest_handoffs
    if slowest is not None:
        lines.append(
            f"Slowest hand-offs: {f.partners.get(slowest.partner, slowest.partner)} "
            f"(a median of {slowest.median_days:g} working days to the partner that answers)."
        )
    return tuple(lines)


def _chart(f: CaseFigures) -> Chart | None:
    """Answers in time and late, by the partner that answered."""
    owners: dict[str, tuple[int, int]] = {}
    for row in f.by_stage:
        t = row.timeliness
        on, late = owners.get(row.partner, (0, 0))
        owners[row.partner] = (on + t.answered_in_time, late + t.answers - t.answered_in_time)
    shown = {p: v for p, v in owners.items() if sum(v)}
    if not shown:
        return None
    rows = [
        Row(
            label=f.partners.get(p, p),
            segments=(
                Segment("on_track", "Answered in time", on, str(on)),
                Segment("late", "Late", late, str(late)),
            ),
            total_text=f"{on} of {on + late}",
        )
        for p, (on, late) in shown.items()
    ]
    description = " ".join(
        f"{f.partners.get(p, p)}: {on} of {on + late} answered in time."
        for p, (on, late) in shown.items()
    )
    return bar_chart(
        "chart-cases",
        f"Complaints and queries answered in time, by partner ({f.period.label.split(' (')[0]})",
        description,
        rows,
        legend=[("on_track", "Answered in time"), ("late", "Late")],
        whole=True,
    )
