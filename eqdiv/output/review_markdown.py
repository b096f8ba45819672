"""``eqdiv review --format md``: a pull request comment, ready to post.

A summary table first (each record, what changed, what needs attention), then the
details record by record, then the problems that were there before, folded away.
Levels are written in words, never shown by colour alone. The first line is a hidden
marker, so a workflow can find its earlier comment and replace it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO

from eqdiv import __version__
from eqdiv.model.escaping import markdown_code, markdown_text
from eqdiv.model.findings import Finding, Severity
from eqdiv.output.console import display_path
from eqdiv.review import Review
from eqdiv.review.changes import Change
from eqdiv.review.record_changes import RecordReview
from eqdiv.review.review_words import (
    attention,
    grade_line,
    other_problems,
    ranked,
    record_name,
    record_problems,
    revision_words,
    summary,
    tally_words,
)

MARKER = "<!-- eqdiv-review -->"
LABELS = {Severity.ERROR: "**Error**", Severity.WARNING: "**Warning**", Severity.INFO: ""}


def write_markdown(review: Review, stream: IO[str], level: Severity) -> None:
    stream.write("\n".join(comment(review, level)) + "\n")


def comment(review: Review, level: Severity = Severity.ERROR) -> list[str]:
    lines = [
        MARKER,
        "## eqdiv review of the records",
        "",
        f"From {revision_words(review.base, _code)} to {revision_words(review.head, _code)}, "
        f"checked on {review.as_of.isoformat()}.",
        "",
        _verdict(review, level),
    ]
    others = other_problems(review)
    if review.records or others:
        lines += ["", "| Record | What changed | Needs attention |", "|---|---|---|"]
        lines += [_row(review, r) for r in review.records]
        lines += [
            f"| {_code(display_path(review.root, path))} | not changed; problems introduced | "
            f"{_cell(attention(found))} |"
            for path, found in others.items()
        ]
    introduced = review.findings.introduced
    if introduced:
        lines += ["", f"### Problems this change introduces ({len(introduced)})", ""]
        lines += [_finding(review, f) for f in introduced]
    for record in review.records:
        lines += ["", *_record(review, record)]
    lines += _folded(review, "already there before this change", review.findings.existing)
    lines += _folded(review, "fixed by this change", review.findings.fixed)
    lines += ["", f"<sub>eqdiv {__version__} · `eqdiv review`; the levels are set in "
              f"`eqdiv.yaml` under `review:` on the base side.</sub>"]  # fmt: skip
    return lines


def _verdict(review: Review, level: Severity) -> str:
    if not review.records and not review.findings.introduced:
        return "**No records changed.**"
    tally = tally_words(review.problems())
    if review.fails(level):
        worst = "an error" if review.fails(Severity.ERROR) else "a warning"
        return f"**This change introduces {worst}, so the review fails.** Found: {tally}."
    if review.fails(Severity.WARNING):
        return f"**Nothing fails the review; the warnings need a look.** Found: {tally}."
    return f"**Nothing needs attention.** Found: {tally}."


def _row(review: Review, record: RecordReview) -> str:
    name = _name(record)
    needs = _cell(attention(record_problems(review, record)))
    return f"| {name} | {_cell(summary(record))} | {needs} |"


def _record(review: Review, record: RecordReview) -> Iterator[str]:
    title = f": {_text(record.title)}" if record.title else ""
    yield f"### {_name(record)}{title}"
    yield ""
    path = record.path or record.old_path or ""
    where = _code(display_path(review.root, path))
    if record.state == "added":
        where += ", added."
    elif record.state == "removed":
        where += ", deleted."
    elif record.state == "affected":
        where += ", not changed itself."
    elif record.old_path and record.old_path != record.path:
        where += f", moved from {_code(display_path(review.root, record.old_path))}."
    else:
        where += ", changed."
    grade = grade_line(record)
    yield where + (f" {_text(grade)}" if grade else "")
    yield ""
    for change in ranked(record.changes):
        yield _change(change)


def _change(change: Change) -> str:
    where = "" if change.on_base else f"line {change.location.line}, "
    return _item(change.as_finding(), f"{where}{_code(change.code)}")


def _finding(review: Review, finding: Finding) -> str:
    loc = finding.location
    shown = display_path(review.root, loc.path)
    return _item(finding, f"{_code(f'{shown}:{loc.line}:{loc.column}')}, {_code(finding.code)}")


def _item(finding: Finding, where: str) -> str:
    """``- **Warning**: what happened (where, code)``, and the hint below it."""
    label = LABELS[finding.severity]
    said = f"- {label + ': ' if label else ''}{_text(finding.message)} ({where})"
    return said + (f"  \n  _{_text(finding.hint)}_" if finding.hint else "")


def _folded(review: Review, said: str, findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return []
    count = f"{len(findings)} problem" + ("" if len(findings) == 1 else "s")
    return [
        "",
        f"<details><summary>{count} {said}</summary>",
        "",
        *(_finding(review, f) for f in findings),
        "",
        "</details>",
    ]


def _name(record: RecordReview) -> str:
    """``EIA `eia-2007-home-visits```."""
    name = record_name(record)
    kind, _, rest = name.rpartition(" ")
    return f"{_text(kind)} {_code(rest)}"


# Record text (and commit names) through the Markdown family's escaping: a comment
# must not link, mention, hide itself or close the marker and folds it is made of.
_text = _cell = markdown_text
_code = markdown_code
