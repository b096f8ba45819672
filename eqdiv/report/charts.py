"""Charts as numbers: horizontal bar charts laid out here, drawn as inline SVG by the
templates (``charts.html``), so a template never computes a figure or a position.

Every chart carries a ``description``, its text alternative, which says in words what
the bars show; the HTML puts the chart's data table beside it as well.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from eqdiv.report.view_model import ViewModel

WIDTH = 600
LABEL_WIDTH = 150  # row labels beside the bars, right-aligned against them
TOTALS = 86  # a column on the right for each row's figure
ROW = 32
BAR = 22
LABEL_ABOVE = 18  # extra height per row when labels go above the bars
TOP = 10
AXIS = 24
MIN_TEXT_WIDTH = 24  # a segment narrower than this has no number written in it
LONG_LABEL = 18  # longer labels go above their bar rather than beside it


@dataclass(frozen=True, slots=True)
class Segment:
    key: str  # a style key: the CSS class (and SVG pattern) it is drawn with
    label: str
    value: float
    text: str  # how its value is written


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    total_text: str = ""
    marker: float | None = None  # a value to mark with a line (a target, a share)
    marker_label: str = ""


@dataclass(frozen=True, slots=True)
class SegmentView(ViewModel):
    key: str
    label: str
    value: float
    text: str
    x: float
    width: float
    text_x: float
    show_text: bool


@dataclass(frozen=True, slots=True)
class Marker(ViewModel):
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class RowView(ViewModel):
    label: str
    label_x: int
    label_y: float
    y: int
    text_y: float
    bar_height: int
    segments: tuple[SegmentView, ...]
    total_text: str
    total_x: int
    marker: Marker | None


@dataclass(frozen=True, slots=True)
class Tick(ViewModel):
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class LegendItem(ViewModel):
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Chart(ViewModel):
    """A bar chart laid out: every position the SVG needs, and its words."""

    id: str
    title: str
    description: str
    width: int
    height: int
    label_anchor: str
    grid: bool  # grid lines would run through labels written above bars
    bar_x: int
    bar_width: int
    axis_y: int
    ticks: tuple[Tick, ...]
    legend: tuple[LegendItem, ...]
    rows: tuple[RowView, ...]


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where a chart's bars go: labels above them (long labels) or beside them, the
    bars' left edge and width, each row's height, and pixels per unit."""

    above: bool
    bar_x: int
    bar_width: int
    row_height: int
    scale: float

    @classmethod
    def fit(cls, rows: Sequence[Row], top: float) -> _Frame:
        above = any(len(r.label) > LONG_LABEL for r in rows)
        bar_x = 10 if above else LABEL_WIDTH + 10
        bar_width = WIDTH - bar_x - TOTALS
        row_height = ROW + (LABEL_ABOVE if above else 0)
        return cls(above, bar_x, bar_width, row_height, bar_width / top if top else 0.0)


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[Row],
    *,
    maximum: float | None = None,
    legend: Sequence[tuple[str, str]] = (),
    unit: str = "",
    whole: bool = False,
) -> Chart:
    """Lay out ``rows`` of (stacked) bars on a common scale from 0 to ``maximum``
    (default: the largest total or marker); ``whole`` when the values are counts, so
    the axis is marked in whole numbers."""
    largest = max(
        [sum(s.value for s in r.segments) for r in rows]
        + [r.marker for r in rows if r.marker is not None]
        + [0.0]
    )
    top = maximum if maximum is not None else largest
    frame = _Frame.fit(rows, top)
    axis_y = TOP + len(rows) * frame.row_height
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=axis_y + AXIS,
        label_anchor="start" if frame.above else "end",
        grid=not frame.above,
        bar_x=frame.bar_x,
        bar_width=frame.bar_width,
        axis_y=axis_y,
        ticks=_ticks(top, frame.bar_x, frame.scale, unit, whole),
        legend=tuple(LegendItem(k, label) for k, label in legend),
        rows=tuple(_row(frame, i, row) for i, row in enumerate(rows)),
    )


def _row(frame: _Frame, index: int, row: Row) -> RowView:
    """Row ``index`` laid out in ``frame``."""
    above, bar_x = frame.above, frame.bar_x
    y = TOP + index * frame.row_height + (LABEL_ABOVE if above else 0)
    return RowView(
        label=row.label,
        label_x=bar_x if above else LABEL_WIDTH,
        label_y=y - 5 if above else y + BAR / 2 + 5,
        y=y,
        text_y=y + BAR / 2 + 5,
        bar_height=BAR,
        segments=_segments(row.segments, bar_x, frame.scale),
        total_text=row.total_text,
        total_x=bar_x + frame.bar_width + 10,
        marker=None
        if row.marker is None
        else Marker(round(bar_x + row.marker * frame.scale, 1), row.marker_label),
    )


def _segments(segments: Sequence[Segment], bar_x: int, scale: float) -> tuple[SegmentView, ...]:
    """A row's stacked segments, end to end from ``bar_x``."""
    laid = []
    x = float(bar_x)
    for segment in segments:
        width = segment.value * scale
        laid.append(
            SegmentView(
                key=segment.key,
                label=segment.label,
                value=segment.value,
                text=segment.text,
                x=round(x, 1),
                width=round(width, 1),
                text_x=round(x + width / 2, 1),
                show_text=width >= MIN_TEXT_WIDTH,
            )
        )
        x += width
    return tuple(laid)


def _ticks(top: float, bar_x: int, scale: float, unit: str, whole: bool) -> tuple[Tick, ...]:
    """Round steps along the axis, at most five of them past zero (whole numbers for
    counts)."""
    if top <= 0:
        return ()
    magnitude = 10 ** math.floor(math.log10(top / 5))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if top / (m * magnitude) <= 5)
    if whole:
        step = max(1, math.ceil(step))
    count = int(top / step + 1e-9)
    return tuple(
        Tick(round(bar_x + i * step * scale, 1), f"{i * step:g}{unit}") for i in range(count + 1)
    )
