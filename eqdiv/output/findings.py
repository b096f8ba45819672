"""Findings for people and for machines: text (hledger-style excerpts with a caret),
JSON, and GitHub workflow annotations. ``REPORTERS`` maps ``--format`` to a writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO

from rich.console import Console
from rich.markup import escape

from eqdiv.checks.validation import ValidationResult, validation_to_dict
from eqdiv.figures.suppression import STAFF_ONLY_EXCERPTS
from eqdiv.model.findings import Finding, Severity
from eqdiv.output.ci import Report
from eqdiv.output.console import display_path, make_console

Reporter = Callable[[ValidationResult, IO[str]], None]


def render_finding(console: Console, finding: Finding, shown_path: str) -> None:
    """``path:line:col: severity code message``, the line with a caret, and a hint."""
    loc = finding.location
    style = finding.severity.value
    console.print(
        f"[path]{escape(shown_path)}:{loc.line}:{loc.column}:[/] "
        f"[{style}]{finding.severity.value}[/] [muted]{finding.code}[/] {escape(finding.message)}"
    )
    if finding.excerpt is not None:
        number = str(loc.line)
        gutter = " " * len(number)
        line, column = excerpt_window(finding.excerpt.expandtabs(1), loc.column)
        console.print(f"  [muted]{number} |[/] {escape(line)}")
        console.print(f"  [muted]{gutter} |[/] {' ' * (column - 1)}[caret]^[/]")
    if finding.hint:
        console.print(f"  [muted]hint:[/] {escape(finding.hint)}")


EXCERPT_WIDTH = 160  # characters of a source line shown under a finding


def excerpt_window(line: str, column: int) -> tuple[str, int]:
    """The part of a long source line around ``column`` (a 4 MiB line is one line too),
    marked with "…" where it is cut, and the column within it."""
    if len(line) <= EXCERPT_WIDTH:
        return line, column
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
    end = start + EXCERPT_WIDTH
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return shown, column - start + (1 if start else 0)


def summary_line(result: ValidationResult) -> str:
    tally = result.counts
    errors, warnings = tally[Severity.ERROR], tally[Severity.WARNING]
    checked = _plural(len(result.files), "file")
    if not result.findings:
        return f"[ok]OK:[/] {checked} checked, no problems found."
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if tally[Severity.INFO]:
        parts.append(_plural(tally[Severity.INFO], "note"))
    label = "[error]FAILED:[/]" if errors else "[warning]WARNINGS:[/]"
    return (
        f"{label} {', '.join(parts)} in {_plural(len(result.files_with_findings), 'file')} "
        f"({checked} checked)."
    )


def write_text(result: ValidationResult, stream: IO[str]) -> None:
    console = make_console(stream)
    root = result.repo.root
    previous: str | None = None
    for finding in result.findings:
        if previous is not None and finding.location.path != previous:
            console.print()
        previous = finding.location.path
        render_finding(console, finding, display_path(root, finding.location.path))
    if result.findings:
        console.print()
    if any(f.excerpt is not None for f in result.findings):
        console.print(f"[muted]{escape(STAFF_ONLY_EXCERPTS)}[/]")
    console.print(summary_line(result))


def write_json(result: ValidationResult, stream: IO[str]) -> None:
    json.dump(validation_to_dict(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_github(result: ValidationResult, stream: IO[str]) -> None:
    """GitHub Actions workflow commands: each finding annotates its line in the PR."""
    for finding in result.findings:
        stream.write(
            github_annotation(finding, display_path(result.repo.root, finding.location.path))
        )
        stream.write("\n")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_annotation(finding: Finding, shown_path: str | None) -> str:
    """A workflow command annotating the finding's line; with no path (a file that no
    longer exists), an annotation on the run as a whole."""
    loc = finding.location
    message = finding.message + (f" Hint: {finding.hint}" if finding.hint else "")
    place = (
        []
        if shown_path is None
        else [
            f"file={_escape_property(shown_path)}",
            f"line={loc.line}",
            f"col={loc.column}",
        ]
    )
    properties = ",".join([*place, f"title={_escape_property('eqdiv ' + finding.code)}"])
    return f"::{_GITHUB_LEVEL[finding.severity]} {properties}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def ci_report(result: ValidationResult, fail_level: Severity) -> Report:
    """``validate``'s findings for the CI formats (``eqdiv.output.ci.CI_WRITERS``)."""
    return Report("validate", result.repo.root, result.files, result.findings, fail_level)


REPORTERS: dict[str, Reporter] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
}
