"""What ``eqdiv assess`` prints: the standing as text on a terminal, or rendered from its
JSON view as Markdown or an accessible HTML page (the report's styles)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from eqdiv import __version__
from eqdiv.report.parts import day_text
from eqdiv.report.templating import render
from eqdiv.standards.standing import Standing
from eqdiv.standards.standing_json import reached_words, standing_to_dict


def render_text(console: Console, standing: Standing) -> None:
    fw = standing.framework
    head = f"{fw.name}, on {day_text(standing.as_of)}"
    assessment = standing.assessment
    if assessment is not None:
        towards = f", towards {assessment.target}" if assessment.target else ""
        head += f" (self-assessment {assessment.id} of {assessment.date.isoformat()}{towards})"
    console.print(f"[path]{escape(head)}[/]")
    nxt = ""
    if standing.next_level:
        needs = ", ".join(c.criterion.id for c in standing.needs)
        nxt = f" Next: {standing.next_level}, which needs {needs}."
    console.print(f"Level the records support: {reached_words(standing.reached)}.{nxt}")
    target = assessment.target if assessment else None
    if target and standing.framework.level(target):
        short = standing.short_of(target)
        verdict = (
            "reached"
            if not short
            else f"not reached; still needed: {', '.join(c.criterion.id for c in short)}"
        )
        console.print(f"Target {target}: {verdict}.")
    for problem in standing.problems:
        console.print(f"[warning]claim not backed[/] {escape(problem.message)}")
    for gid, title in fw.groups.items():
        level = f" ({reached_words(standing.group_reached(gid))})" if fw.graded else ""
        console.print(f"\n[path]{gid} {escape(title)}{level}[/]")
        for c in standing.group(gid):
            claimed = reached_words(c.claimed) if c.claimed else "not assessed"
            console.print(
                f"  {c.criterion.id} {escape(c.criterion.title)}: claimed {claimed}; "
                f"records show {reached_words(c.reached)}"
            )
            for gap in c.gaps:
                console.print(f"      [muted]gap:[/] {escape(gap)}")
            for action in c.actions:
                console.print(f"      [muted]action:[/] {action.ref} {escape(action.text)}")


def _page(template: str) -> Callable[[Standing, Path, str], str]:
    def page(standing: Standing, root: Path, partnership: str) -> str:
        context: Mapping[str, Any] = {
            "a": standing_to_dict(standing),
            "as_of_text": day_text(standing.as_of),
            "partnership": partnership,
            "generator": f"eqdiv {__version__}",
        }
        return render(template, context, root)

    return page


# The --format choices that are documents; "text" and "json" are written by the command.
PAGES: Mapping[str, Callable[[Standing, Path, str], str]] = {
    "md": _page("assess.md"),
    "html": _page("assess.html"),
}
