"""``eqdiv cases`` written out: plain text, Markdown, CSV and JSON.

The words and tables are built once (``figures.case_tables.parts``) and each format
draws them, so the text, the Markdown and the reports say the same. Record text
(references, partner names, strand labels) is escaped for Markdown; CSV cells are
written by the csv module, with a leading quote on anything a spreadsheet would run
as a formula.
"""

from __future__ import annotations

import csv
import json
import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import IO

from eqdiv.figures.case_figures import CaseFigures
from eqdiv.figures.case_tables import parts


def write_text(f: CaseFigures, stream: IO[str], note: str | None = None) -> None:
    stream.write(_wrap(f"Complaints and queries, {f.period.label}, on {f.as_of.isoformat()}"))
    stream.write("\n")
    if note:
        stream.write(_wrap(note) + "\n")
    if f.partners:
        key = ", ".join(f"{pid} ({name})" for pid, name in f.partners.items())
        stream.write(_wrap(f"Partners: {key}.") + "\n")
    for part in parts(f, names=False):
        stream.write(f"\n{part.heading}\n{'-' * len(part.heading)}\n")
        for line in part.lines:
            stream.write(_wrap(line) + "\n")
        if part.headers:
            stream.write("\n" + _table(part.headers, part.rows) + "\n")


def _wrap(text: str, width: int = 80) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [
        max(len(headers[i]), *(len(r[i]) for r in rows)) if rows else len(headers[i])
        for i in range(len(headers))
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def md(text: str) -> str:
    """Record text safe inside Markdown and its tables: no emphasis, links, code or HTML."""
    for char in "\\|*_`[]#":
        text = text.replace(char, "\\" + char)
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text).replace("\n", " ")


def write_markdown(f: CaseFigures, stream: IO[str], note: str | None = None) -> None:
    stream.write(f"# Complaints and queries, {md(f.period.label)}, on {f.as_of.isoformat()}\n")
    if note:
        stream.write(f"\n{md(note)}\n")
    for part in parts(f):
        stream.write(f"\n## {md(part.heading)}\n\n")
        for line in part.lines:
            stream.write(md(line) + "\n")
        if part.headers:
            stream.write("\n| " + " | ".join(md(h) for h in part.headers) + " |\n")
            stream.write("|" + "|".join("---" for _ in part.headers) + "|\n")
            for row in part.rows:
                stream.write("| " + " | ".join(md(c) for c in row) + " |\n")


def write_json(f: CaseFigures, stream: IO[str], root: str, as_of: date | None) -> None:
    json.dump(f.to_json(root, as_of), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


def write_csv(f: CaseFigures, stream: IO[str]) -> None:
    """Every table, one row per line, with the table's name first: a long format that
    a spreadsheet filters and pivots."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["table", "row", "column", "value"])
    for part in parts(f):
        for row in part.rows:
            for header, cell in zip(part.headers[1:], row[1:], strict=True):
                writer.writerow(
                    [_csv_cell(part.heading), _csv_cell(row[0]), header, _csv_cell(cell)]
                )
