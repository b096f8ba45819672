"""A report as a Word document (``--format docx``), the form councils attach to
committee papers.

The document is made from the report's own HTML page, so it has the same headings,
paragraphs, lists and tables in the same order, and says the same words: there is one
report, in several formats. What makes a Word document accessible is added on the way:
real heading styles, a header row that repeats on every page, a caption and a
description for every table, each chart as an image with the chart's own title and
description as its alternative text, and the document's title and language set.

python-docx and Pillow (which draws the charts) are the ``docx`` extra.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from eqdiv.model.errors import UsageError

LANGUAGE = "en-GB"
# Content a reader of the document does not need: the page's style and its navigation.
_SKIPPED = frozenset({"style", "nav", "script"})
_BLOCKS = frozenset({"p", "li", "dt", "dd", "figcaption", "caption", "th", "td"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
# What a page shows by layout, said in words: a card's label, then its figure.
_AFTER_SPAN = {"label": ": ", "figure": ". "}


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str
    style: str | None = None  # "List Bullet", "List Number"


@dataclass
class Table:
    caption: str = ""
    head: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)


@dataclass
class Chart:
    width: float
    height: float
    title: str = ""
    desc: str = ""
    shapes: list[tuple[str, dict[str, str], str]] = field(default_factory=list)


Block = Heading | Para | Table | Chart


class _PageReader(HTMLParser):
    """eqdiv's own report page (well formed, its text already escaped) as blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._text: list[str] = []
        self._skip = 0
        self._lists: list[str] = []
        self._table: Table | None = None
        self._row: list[str] | None = None
        self._in_head = False
        self._chart: Chart | None = None
        self._svg_depth = 0
        self._shape: tuple[str, dict[str, str]] | None = None
        self._in_title = False
        self._term = ""  # a <dt>'s text, said with its <dd>
        self._spans: list[str] = []

    # --- tags -------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self._svg_depth:
            self._svg_depth += tag == "svg"
            if self._chart is not None and tag in ("rect", "line", "text", "title", "desc"):
                self._shape = (tag, a)
                self._text = []
            return
        if self._skip or tag in _SKIPPED or "skip-link" in a.get("class", ""):
            self._skip += 1
            return
        if tag == "svg":
            self._svg_depth = 1
            if a.get("role") == "img":
                self._chart = Chart(float(a.get("width", 600)), float(a.get("height", 200)))
            return
        self._open(tag, a.get("class", ""))
        if tag in _BLOCKS or tag in _HEADINGS:
            self._text = []

    def _open(self, tag: str, classes: str = "") -> None:
        if tag == "span":
            self._spans.append(classes)
        elif tag == "title":
            self._in_title = True
        elif tag in ("ul", "ol"):
            self._lists.append(tag)
        elif tag == "table":
            self._table = Table()
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if self._svg_depth:
            self._end_svg(tag)
            return
        if self._skip:
            self._skip -= 1
            return
        if tag == "span" and self._spans:
            # A card's label and figure read as "Action plan: Red. 19 actions, 3 late."
            self._text.append(_AFTER_SPAN.get(self._spans.pop(), ""))
            return
        text = " ".join("".join(self._text).split())
        if tag in _HEADINGS:
            self.blocks.append(Heading(_HEADINGS[tag], text))
        elif tag in ("title", "dt", "dd", "p", "figcaption", "li", "ul", "ol"):
            self._close_text(tag, text)
        else:
            self._close_table(tag, text)
        if tag in _BLOCKS or tag in _HEADINGS:
            self._text = []

    def _close_text(self, tag: str, text: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = text
        elif tag == "dt":
            self._term = text
        elif tag == "dd" and text:
            self.blocks.append(Para(f"{self._term}: {text}" if self._term else text))
            self._term = ""
        elif tag in ("p", "figcaption") and self._table is None and text:
            self.blocks.append(Para(text))
        elif tag == "li" and text:
            numbered = bool(self._lists) and self._lists[-1] == "ol"
            self.blocks.append(Para(text, "List Number" if numbered else "List Bullet"))
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()

    def _close_table(self, tag: str, text: str) -> None:
        table = self._table
        if table is None:
            return
        if tag == "caption":
            table.caption = text
        elif tag in ("th", "td") and self._row is not None:
            self._row.append(text)
        elif tag == "tr" and self._row is not None:
            (table.head if self._in_head else table.body).append(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "table":
            self.blocks.append(table)
            self._table = None

    def _end_svg(self, tag: str) -> None:
        chart = self._chart
        if chart is not None and self._shape is not None and tag == self._shape[0]:
            kind, attrs = self._shape
            text = " ".join("".join(self._text).split())
            if kind == "title":
                chart.title = text
            elif kind == "desc":
                chart.desc = text
            else:
                chart.shapes.append((kind, attrs, text))
            self._shape = None
        if tag == "svg":
            self._svg_depth -= 1
            if not self._svg_depth and chart is not None:
                self.blocks.append(chart)
                self._chart = None

    def handle_data(self, data: str) -> None:
        if self._skip and not self._in_title:
            return
        if self._svg_depth and self._shape is None:
            return
        self._text.append(data)


def read_page(html: str) -> tuple[str, list[Block]]:
    """The page's title and its blocks, in order."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader.title, reader.blocks


def _modules() -> tuple[Any, Any]:
    # Lazy imports: python-docx and Pillow are the optional `docx` extra.
    try:
        import docx
        import PIL
    except ImportError:
        raise UsageError(
            "Word documents need python-docx and Pillow, which are not installed.",
            "Install them with `pip install 'eqdiv[docx]'`, or use --format html.",
        ) from None
    return docx, PIL


def page_to_docx(html: str) -> bytes:
    """The report page ``html`` as a .docx file's bytes."""
    docx, _ = _modules()
    title, blocks = read_page(html)
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE
    _set_language(document)
    writers: dict[type, Callable[[Any, Any], None]] = {
        Heading: _heading,
        Para: _para,
        Table: _table,
        Chart: _chart,
    }
    for block in blocks:
        writers[type(block)](document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_language(document: Any) -> None:
    """The document's language, in the default run properties every style inherits."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    r_pr = r_pr.find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _heading(document: Any, block: Heading) -> None:
    document.add_heading(block.text, level=min(block.level, 4))


def _para(document: Any, block: Para) -> None:
    document.add_paragraph(block.text, style=block.style)


def _table(document: Any, block: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = [*block.head, *block.body]
    if not rows:
        return
    width = max(len(r) for r in rows)
    caption = block.caption or "Table"
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for i, values in enumerate(rows):
        row = table.rows[i]
        for j, value in enumerate(values):
            cell_run = row.cells[j].paragraphs[0].add_run(value)
            cell_run.bold = i < len(block.head)
        if i < len(block.head):
            header = OxmlElement("w:tblHeader")  # repeat on every page; marks a header row
            row._tr.get_or_add_trPr().append(header)
    properties = table._tbl.tblPr
    for name, text in (("w:tblCaption", caption), ("w:tblDescription", _describe(block))):
        element = OxmlElement(name)
        element.set(qn("w:val"), text)
        properties.append(element)


def _describe(block: Table) -> str:
    head = block.head[-1] if block.head else []
    columns = f" Columns: {', '.join(c for c in head if c)}." if head else ""
    return f"{block.caption or 'Table'}: {len(block.body)} rows.{columns}"


def _chart(document: Any, block: Chart) -> None:
    from docx.shared import Inches

    picture = document.add_picture(io.BytesIO(draw_chart(block)), width=Inches(6))
    properties = picture._inline.docPr
    properties.set("descr", block.desc or block.title)
    properties.set("title", block.title)


# The report's chart colours (templates/report.css), by class.
_FILLS = {
    "seg-late": "#a4141b",
    "seg-due_soon": "#f0a30a",
    "seg-undated": "#8a5d00",
    "seg-on_track": "#00703c",
    "seg-complete": "#003d21",
    "seg-closed": "#505a5f",
    "seg-neutral": "#505a5f",
    "seg-share": "#1d4f76",
    "seg-value": "#1d4f76",
}
_LINES = {"chart-axis": "#484949", "chart-grid": "#dcdcdc", "chart-marker": "#0b0c0c"}
_SCALE = 2  # drawn at twice the size, for print


def draw_chart(chart: Chart) -> bytes:
    """The chart's rectangles, lines and labels as a PNG (what the SVG shows)."""
    _modules()
    from PIL import Image, ImageDraw, ImageFont

    size = (int(chart.width * _SCALE), int(chart.height * _SCALE))
    image = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=15 * _SCALE)
    for kind, a, text in chart.shapes:
        classes = a.get("class", "").split()
        if kind == "rect":
            box = [
                _n(a, "x"),
                _n(a, "y"),
                _n(a, "x") + _n(a, "width"),
                _n(a, "y") + _n(a, "height"),
            ]
            fill = next((_FILLS[c] for c in classes if c in _FILLS), "#505a5f")
            pen.rectangle([v * _SCALE for v in box], fill=fill)
        elif kind == "line":
            colour = next((_LINES[c] for c in classes if c in _LINES), "#484949")
            ends = [_n(a, k) * _SCALE for k in ("x1", "y1", "x2", "y2")]
            pen.line(ends, fill=colour, width=_SCALE * (3 if "chart-marker" in classes else 1))
        elif kind == "text" and text:
            inside = "inside" in classes and "on-light" not in classes
            anchor = {"middle": "ms", "end": "rs"}.get(a.get("text-anchor", ""), "ls")
            pen.text(
                (_n(a, "x") * _SCALE, _n(a, "y") * _SCALE),
                text,
                fill="white" if inside else "#0b0c0c",
                font=font,
                anchor=anchor,
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _n(attrs: dict[str, str], key: str) -> float:
    try:
        return float(attrs.get(key, "0"))
    except ValueError:
        return 0.0


__all__: Sequence[str] = ("draw_chart", "page_to_docx", "read_page")
