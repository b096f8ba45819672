"""What the authoring commands (init, new, import, action update) print: spreadsheet
problems by row and column, findings in a draft, and what was written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from eqdiv.authoring.plan_import import ImportProblem
from eqdiv.findings import Finding, Severity
from eqdiv.output.console import display_path
from eqdiv.output.findings import render_finding

_LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_problems(console: Console, source: str, problems: Iterable[ImportProblem]) -> None:
    """``plan.csv: row 4, column D (By When/ Update): error ...`` and its hint."""
    for problem in problems:
        where = f" {problem.where}:" if problem.where else ""
        style = problem.severity.value
        console.print(
            f"[path]{escape(source)}:{escape(where)}[/] "
            f"[{style}]{_LABEL[problem.severity]}[/] {escape(problem.message)}"
        )
        if problem.hint:
            console.print(f"  [muted]hint:[/] {escape(problem.hint)}")


def render_findings(console: Console, root: Path, findings: Iterable[Finding]) -> None:
    for finding in findings:
        render_finding(console, finding, display_path(root, finding.location.path))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
