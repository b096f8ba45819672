"""``eqdiv workforce`` as text (blocks), JSON, CSV and Markdown. Every writer renders
the same ``WorkforceView``, so what is suppressed in one is suppressed in all."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from rich.text import Text

from eqdiv.figures.suppression import STAFF_ONLY, hidden_note
from eqdiv.figures.workforce_view import ReturnView, WorkforceView, percent, ratio_text
from eqdiv.output.blocks import render_blocks
from eqdiv.output.console import make_console

Writer = Callable[[WorkforceView, IO[str]], None]


def write_text(v: WorkforceView, stream: IO[str]) -> None:
    console = make_console(stream)
    scope = v.period.label if v.period else "each partner's latest return"
    console.print(
        Text(f"Workforce on {v.as_of.isoformat()}: {scope}", style="bold"), soft_wrap=False
    )
    console.print()
    render_blocks(console, v.blocks(), Path(v.root))


def write_json(v: WorkforceView, stream: IO[str]) -> None:
    json.dump(v.to_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


CSV_COLUMNS = (
    "return",
    "partner",
    "start",
    "end",
    "measure",
    "who",
    "subject",
    "group",
    "comparison",
    "count",
    "of",
    "rate",
    "target",
    "verdict",
)


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a cell starting =, +, - or @)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rows(v: WorkforceView, r: ReturnView) -> Iterator[list[str]]:
    base = [r.id, r.partner, r.start.isoformat(), r.end.isoformat()]
    n = v.count

    def rate(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    yield [*base, "headcount", "staff", "", "", "", n(r.staff), "", "", "", ""]
    if r.volunteers is not None:
        yield [*base, "headcount", "volunteers", "", "", "", n(r.volunteers), "", "", "", ""]
    for c in r.completeness:
        verdict = {True: "meets target", False: "below target", None: ""}[c.meets]
        yield [
            *base,
            "monitoring",
            c.who,
            c.dimension,
            "",
            "",
            n(c.recorded),
            n(c.total),
            rate(c.rate),
            f"{c.target:g}",
            verdict,
        ]
    for d in r.profile:
        for row in d.rows:
            yield [
                *base,
                "profile",
                "staff",
                d.dimension,
                row.id,
                "community",
                n(row.count),
                "",
                "" if row.ratio is None else f"{row.ratio:.2f}",
                "",
                row.verdict,
            ]
    for lk in r.likelihoods:
        yield [
            *base,
            "relative likelihood",
            "staff",
            f"{lk.process}: {lk.dimension}",
            lk.group,
            lk.comparison,
            n(lk.entered),
            n(lk.headcount),
            "" if lk.ratio is None else f"{lk.ratio:.2f}",
            "",
            lk.verdict_words,
        ]
    for p in r.casework:
        yield [
            *base,
            "casework on time",
            "staff",
            p.id,
            "",
            "",
            "" if p.closed_in_time is None else n(p.closed_in_time),
            "" if p.closed is None else n(p.closed),
            rate(p.rate),
            f"{p.target:g}",
            "",
        ]
    for t in r.training:
        yield [
            *base,
            "training",
            "staff",
            t.team,
            t.course,
            "",
            n(t.completed),
            n(t.due),
            rate(t.rate),
            f"{t.target:g}",
            "refresher overdue" if t.overdue else "",
        ]


def write_csv(v: WorkforceView, stream: IO[str]) -> None:
    """One row per figure, the columns of ``CSV_COLUMNS``: a spreadsheet's filters pick
    a measure, a partner or a group."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in v.returns:
        for row in _rows(v, r):
            writer.writerow([spreadsheet_safe(cell) for cell in row])


def cell(text: str) -> str:
    """Text that cannot break a Markdown table row or start markup."""
    for ch in "\\|*_`[]<>#":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def _md_monitoring(v: WorkforceView, r: ReturnView) -> list[str]:
    out = ["| Monitoring | Recorded | Not known | Prefer not to say | Target | Verdict |"]
    out.append("|---|---|---|---|---|---|")
    verdict = {True: "meets the target", False: "below the target", None: "-"}
    for c in r.completeness:
        out.append(
            f"| {cell(c.who)}: {cell(c.label.lower())} | {percent(c.rate)} | "
            f"{v.count(c.not_known)} | {v.count(c.prefer_not)} | {c.target:g}% | "
            f"{verdict[c.meets]} |"
        )
    return [*out, ""]


def _md_likelihoods(v: WorkforceView, r: ReturnView) -> list[str]:
    out = ["| Process | Group | Against | Entered | Of | Ratio (95% interval) | Verdict |"]
    out.append("|---|---|---|---|---|---|---|")
    for lk in r.likelihoods:
        ratio = ratio_text(lk.ratio)
        if lk.low is not None and lk.high is not None:
            ratio += f" ({ratio_text(lk.low)} to {ratio_text(lk.high)})"
        out.append(
            f"| {cell(lk.process_label)} | {cell(lk.group)} | {cell(lk.comparison)} | "
            f"{v.count(lk.entered)} | {v.count(lk.headcount)} | {ratio} | {lk.verdict_words} |"
        )
    return [*out, ""]


def _md_casework(v: WorkforceView, r: ReturnView) -> list[str]:
    out = ["| Casework | Started | Closed | In time | On time |", "|---|---|---|---|---|"]
    for p in r.casework:
        closed = "-" if p.closed is None else v.count(p.closed)
        in_time = "-" if p.closed_in_time is None else v.count(p.closed_in_time)
        out.append(
            f"| {cell(p.label)} | {v.count(p.started)} | {closed} | {in_time} | {percent(p.rate)} |"
        )
    return [*out, ""]


def _md_training(v: WorkforceView, r: ReturnView) -> list[str]:
    out = ["| Team | Due | Completed | Share | Refresher due |", "|---|---|---|---|---|"]
    for t in r.training:
        due = t.refresher_due.isoformat() if t.refresher_due else "-"
        if t.overdue:
            due += " (overdue)"
        out.append(
            f"| {cell(t.team)} | {v.count(t.due)} | {v.count(t.completed)} | "
            f"{percent(t.rate)} | {due} |"
        )
    return [*out, ""]


def write_markdown(v: WorkforceView, stream: IO[str]) -> None:
    out: list[str] = [f"# Workforce on {v.as_of.isoformat()}", ""]
    if not v.returns:
        out += ["No workforce return is in.", ""]
    for r in v.returns:
        out += [f"## {cell(r.partner_name)}: {r.period}", ""]
        volunteers = f", volunteers: {v.count(r.volunteers)}" if r.volunteers is not None else ""
        out += [f"Staff: {v.count(r.staff)}{volunteers}. Return `{r.id}`.", ""]
        for part, present in (
            (_md_monitoring, r.completeness),
            (_md_likelihoods, r.likelihoods),
            (_md_casework, r.casework),
            (_md_training, r.training),
        ):
            if present:
                out += part(v, r)
    if v.unsuppressed:
        out += [f"**{STAFF_ONLY}**", ""]
    else:
        out += [
            f"_{hidden_note(v.threshold)}_",
            "",
        ]
    stream.write("\n".join(out))


WRITERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
    "csv": write_csv,
    "md": write_markdown,
}
