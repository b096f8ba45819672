"""What the authoring commands (init, new, import, action update) print: spreadsheet
problems by row and column, findings in a draft, and what was written."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from eqdiv.authoring.plan_import import ImportProblem
from eqdiv.model.findings import Finding, Severity
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
    as removed and re-added; without that heuristic the diff is the minimal one, but
    difflib's matching is then quadratic in the lines it compares. An edit changes one
    stretch of a file, so only that stretch (with its context lines) is compared: the
    lines before and after it, the same on both sides, are skipped in linear time."""
    old = before.decode("utf-8", errors="replace").splitlines()
    new = after.decode("utf-8", errors="replace").splitlines()
    same = min(len(old), len(new))
    start = 0
    while start < same and old[start] == new[start]:
        start += 1
    end = 0  # lines the same at the end, not counting any already in the start
    while end < same - start and old[-1 - end] == new[-1 - end]:
        end += 1
    # Keep ``context`` of the same lines each side, so the hunks are those a comparison
    # of the whole files would give.
    first, last = max(0, start - context), max(0, end - context)
    old, new = old[first : len(old) - last], new[first : len(new) - last]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not lines:
            lines += [f"--- {path} (before)", f"+++ {path} (after)"]
        top, bottom = group[0], group[-1]
        lines.append(
            f"@@ -{_range(first + top[1], bottom[2] - top[1])} "
            f"+{_range(first + top[3], bottom[4] - top[3])} @@"
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [f" {line}" for line in old[i1:i2]]
                continue
            lines += [f"-{line}" for line in old[i1:i2]]
            lines += [f"+{line}" for line in new[j1:j2]]
    return "".join(f"{line}\n" for line in lines)


def _range(start: int, length: int) -> str:
    """A hunk's lines as `diff -u` numbers them: from 1, and an empty range by the line
    before it (0 at the top of the file)."""
    return f"{start + 1 if length else start},{length}"


def render_diff(console: Console, diff: str) -> None:
    styles = {"+": "ok", "-": "error", "@": "muted"}
    for line in diff.splitlines():
        style = styles.get(line[:1]) if not line.startswith(("+++", "---")) else "path"
        text = escape(line)
        console.print(f"[{style}]{text}[/]" if style else text)
