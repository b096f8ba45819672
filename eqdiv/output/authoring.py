"""What the authoring commands (init, new, import, action update) print: spreadsheet
problems by row and column, findings in a draft, and what was written."""

from __future__ import annotations

import difflib
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


def unified_diff(before: bytes, after: bytes, path: str, context: int = 1) -> str:
    """The change to a file, as `diff -u` shows it. difflib's own unified_diff treats
    lines that recur often (``status: ongoing``) as junk and shows a changed neighbour
    as removed and re-added; without that heuristic the diff is the minimal one."""
    old = before.decode("utf-8", errors="replace").splitlines()
    new = after.decode("utf-8", errors="replace").splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not lines:
            lines += [f"--- {path} (before)", f"+++ {path} (after)"]
        first, last = group[0], group[-1]
        lines.append(
            f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@"
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [f" {line}" for line in old[i1:i2]]
                continue
            lines += [f"-{line}" for line in old[i1:i2]]
            lines += [f"+{line}" for line in new[j1:j2]]
    return "".join(f"{line}\n" for line in lines)


def render_diff(console: Console, diff: str) -> None:
    styles = {"+": "ok", "-": "error", "@": "muted"}
    for line in diff.splitlines():
        style = styles.get(line[:1]) if not line.startswith(("+++", "---")) else "path"
        text = escape(line)
        console.print(f"[{style}]{text}[/]" if style else text)
