"""``eqdiv consultation`` for people: coverage as a terminal screen (rich) or Markdown,
and the list of activities. Both coverage writers render the same ``CoverageView``,
so what is suppressed in one is suppressed in the other."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

from eqdiv.figures.coverage import Verdict
from eqdiv.figures.coverage_view import SIGNIFICANCE, CategoryView, CoverageView, DimensionView
from eqdiv.figures.coverage_words import people
from eqdiv.figures.suppression import STAFF_ONLY
from eqdiv.model.consultations import Consultation
from eqdiv.model.escaping import markdown_text
from eqdiv.output.console import make_console

_STYLE = {
    Verdict.NOT_REACHED: "error",
    Verdict.UNDER: "warning",
    Verdict.OVER: "info",
    Verdict.IN_LINE: "ok",
    Verdict.TOO_SMALL: "muted",
    Verdict.NO_BASELINE: "muted",
}
_HEADINGS = ("Category", "Took part", "Share", "Area", "Ratio", "Expected", "Verdict")


# Sentences shared by the text and Markdown writers.


def header_lines(v: CoverageView, period_note: str | None = None) -> list[str]:
    cov = v.coverage
    count = len(cov.activities)
    took_part = people(v.people, v.threshold)
    if cov.consultation:
        lines = [f"{cov.activities[0].title} ({cov.consultation}): {took_part} took part."]
    else:
        lines = [f"{_plural(count, 'activity', 'activities')}; {took_part} took part."]
    if period_note:
        lines.append(period_note)
    population = cov.population
    if population is None:
        lines.append(
            "There is no population profile (kind: demographics) in the records, so nothing "
            "can be compared: add one."
        )
    else:
        lines.append(
            f"Population: {population.area}, from {population.id}. Source: {population.source}."
        )
    lines += warning_lines(v)
    if v.suppressed and v.threshold <= 1:
        lines.append("No counts are suppressed: thresholds > suppression is 1 in eqdiv.yaml.")
    elif v.suppressed:
        lines.append(
            f"Counts of people from 1 to {v.threshold - 1} are hidden, and so is any "
            "count that the figures of every view eqdiv publishes would give away "
            "together; a hidden count may be 0 and has no share or ratio. "
            "--unsuppressed shows exact counts (for staff: do not publish them)."
        )
    else:
        lines.append(STAFF_ONLY)
    return lines


def dimension_intro(d: DimensionView, v: CoverageView) -> str:
    dim = d.dimension
    text = " ".join(d.answers(v.threshold))
    if dim.grouped:
        sources = _sources(dim.grouped_by)
        text += (
            f" Compared by broad group, because {sources} recorded only the groups "
            "(--id ID shows one activity in detail)."
        )
    if not dim.baseline:
        text += " The population profile has no figures for this dimension."
    reason = d.withheld_reason(v.threshold)
    if reason:
        text += " " + reason
    return text


def chi_square_sentence(d: DimensionView) -> str | None:
    test = d.test
    if test is None:
        return None
    degrees = _plural(test.df, "degree", "degrees") + " of freedom"
    if not d.exact_test:
        # Even a band says how far the hidden counts are from the expected ones, which
        # can narrow them: no result of the test is published beside a hidden count.
        return (
            f"Chi-square with {degrees}: withheld to protect small numbers "
            "(some counts are hidden)."
        )
    p = f"p = {test.p_value:.3g}" if test.p_value >= 0.001 else "p < 0.001"
    value = f"Chi-square {test.statistic:.2f} with {degrees}, {p}"
    meaning = (
        "the profile differs from the population's by more than chance"
        if test.p_value < SIGNIFICANCE
        else "no clear difference from the population"
    )
    caution = (
        ""
        if test.reliable
        else f" Treat it with caution: {test.small_expected} of the expected counts are below 5."
    )
    return f"{value}: {meaning}.{caution}"


def targeted_lines(v: CoverageView) -> list[str]:
    """Each local group with the activities aimed at it (saying so when none), then
    the strands that some activity was aimed at."""
    cov = v.coverage
    lines = [
        f"{r.label}: {', '.join(r.activities) or 'no activity in this period was aimed at them'}."
        for r in cov.targeted
        if r.local
    ]
    lines += [
        f"Also aimed at {r.label}: {', '.join(r.activities)}." for r in cov.targeted if not r.local
    ]
    return lines


def note_lines(v: CoverageView) -> list[str]:
    cov = v.coverage
    return [
        "Shares leave out people who did not say, on both sides. Ratio: share of "
        "participants divided by share of the area. A category is judged only when at "
        f"least {_number(cov.thresholds.min_expected)} people are expected in it."
    ]


def warning_lines(v: CoverageView) -> list[str]:
    """Why the figures may be incomplete: said before them, not after."""
    cov = v.coverage
    lines = []
    if cov.left_out:
        lines.append(
            f"Not counted, because of errors: {', '.join(cov.left_out)}. The figures below "
            "are incomplete until then: run `eqdiv validate` to see what to fix."
        )
    if cov.unknown:
        lines.append(
            f"Not known to eqdiv: {', '.join(cov.unknown)}. Run `eqdiv validate` for what to do."
        )
    return lines


def row_cells(c: CategoryView, v: CoverageView) -> list[str]:
    row = c.row
    area = _percent(row.population_share) if row.population_share is not None else "none"
    return [
        row.label,
        c.count.text(v.threshold),
        _percent(c.share),
        area,
        f"{c.ratio:.2f}" if c.ratio is not None else "",
        f"{c.expected:.1f}" if c.expected is not None else "",
        c.verdict.words if c.verdict else "",
    ]


# The terminal screen.


def write_text(v: CoverageView, stream: IO[str], period_note: str | None = None) -> None:
    console = make_console(stream)
    cov = v.coverage
    console.print(f"[bold]Consultation coverage: {escape(cov.period.label)}[/]")
    _prose(console, header_lines(v, period_note), indent=0)
    console.print()
    console.print("[bold]Summary[/]")
    _prose(console, v.gaps.sentences())
    if cov.activities:
        console.print()
        console.print("[bold]Activities counted[/]")
        _prose(console, [activity_line(v, a) for a in cov.activities])
    for d in v.dimensions:
        console.print()
        console.print(f"[bold]{escape(d.dimension.label)}[/]")
        _prose(console, [dimension_intro(d, v)])
        if d.dimension.categories and not d.withheld:
            console.print(Padding(_table(d, v), (0, 0, 0, 2), expand=False))
        sentence = chi_square_sentence(d)
        if sentence:
            _prose(console, [sentence])
    console.print()
    console.print("[bold]Targeted reach (groups with no census figure)[/]")
    _prose(console, targeted_lines(v))
    console.print()
    console.print("[bold]Notes[/]")
    _prose(console, note_lines(v))


def _table(d: DimensionView, v: CoverageView) -> Table:
    table = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), show_edge=False)
    for i, heading in enumerate(_HEADINGS):
        numeric = 0 < i < len(_HEADINGS) - 1
        table.add_column(
            heading,
            justify="right" if numeric else "left",
            no_wrap=i > 0,
            header_style="bold",
        )
    for c in d.categories:
        cells = row_cells(c, v)
        style = _STYLE[c.verdict] if c.verdict else "muted"
        table.add_row(*map(escape, cells[:-1]), f"[{style}]{escape(cells[-1])}[/]")
    return table


def _prose(console: Console, lines: Sequence[str], indent: int = 2) -> None:
    """Sentences wrapped to the console's width (80 when not a terminal), indented."""
    width = max(40, console.width - indent)
    for line in lines:
        for part in textwrap.wrap(line, width, break_on_hyphens=False) or [""]:
            console.print(" " * indent + escape(part), highlight=False)


def activity_line(v: CoverageView, a: Consultation) -> str:
    labels = {r.group: r.label for r in v.coverage.targeted}
    dates = a.start.isoformat() if a.start == a.end else f"{a.start} to {a.end}"
    aimed = ", ".join(labels.get(g, g) for g in a.targeted)
    line = f"{a.id} ({dates}): {people(v.taking_part(a.id), v.threshold)} took part"
    if aimed:
        line += f"; aimed at {aimed}"
    left_out = [n for n in v.coverage.not_counted if n.activity == a.id]
    if left_out:
        line += "; not counted: " + "; ".join(v.not_counted_words(n, its=True) for n in left_out)
    return line + "."


# Markdown, for a report or a wiki page.


def write_markdown(v: CoverageView, stream: IO[str], period_note: str | None = None) -> None:
    cov = v.coverage
    out = [f"# Consultation coverage: {_md(cov.period.label)}", ""]
    for line in header_lines(v, period_note):
        out += [_md(line), ""]
    out += ["## Summary", ""] + [f"- {_md(s)}" for s in v.gaps.sentences()] + [""]
    if cov.activities:
        out += ["## Activities counted", ""]
        out += [f"- {_md(activity_line(v, a))}" for a in cov.activities] + [""]
    for d in v.dimensions:
        out += [f"## {_md(d.dimension.label)}", "", _md(dimension_intro(d, v)), ""]
        if d.dimension.categories and not d.withheld:
            out.append("| " + " | ".join(_HEADINGS) + " |")
            out.append("|---|" + "---:|" * (len(_HEADINGS) - 2) + "---|")
            for c in d.categories:
                out.append("| " + " | ".join(_md(x) for x in row_cells(c, v)) + " |")
            out.append("")
        sentence = chi_square_sentence(d)
        if sentence:
            out += [_md(sentence), ""]
    out += ["## Targeted reach (groups with no census figure)", ""]
    out += [f"- {_md(line)}" for line in targeted_lines(v)] + [""]
    out += ["## Notes", ""] + [f"- {_md(line)}" for line in note_lines(v)]
    stream.write("\n".join(out) + "\n")


def write_json(v: CoverageView, stream: IO[str], root: str, as_of: date | None) -> None:
    json.dump(v.to_dict(root, as_of), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _md(text: str) -> str:
    """Text safe inside Markdown and its tables: the Markdown family's escaping."""
    return markdown_text(text, one_line=False)


def _sources(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _number(value: float) -> str:
    return f"{value:g}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
