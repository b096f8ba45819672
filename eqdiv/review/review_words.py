"""A review in words, the same in every format: what was compared, the verdict, each
record's heading and one-line summary, and the text screen as blocks."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from eqdiv.model.blocks import Block, Entry, Tone, join_words, plural
from eqdiv.model.findings import Finding, Severity, counts
from eqdiv.review import Review, Revision
from eqdiv.review.changes import Change
from eqdiv.review.eia_changes import grade_words
from eqdiv.review.record_changes import RecordReview

TONES = {Severity.ERROR: Tone.BAD, Severity.WARNING: Tone.WARN, Severity.INFO: Tone.PLAIN}
STATE_WORDS = {
    "added": "added",
    "removed": "deleted",
    "modified": "changed",
    "affected": "not changed, but its grade is",
}


def revision_words(revision: Revision, code: Callable[[str], str] = str) -> str:
    """``main (3f2a1b9)``; ``the working tree``. ``code`` marks up names and ids (in
    Markdown, as code)."""
    commit = revision.commit
    if commit is None:
        return revision.label
    short = code(commit.short)
    if revision.branch is not None:
        return f"{code(revision.branch)} (at {short}, where this branch left it)"
    return short if revision.label == commit.short else f"{code(revision.label)} ({short})"


def headline(review: Review) -> str:
    return (
        f"Review of the records from {revision_words(review.base)} to "
        f"{revision_words(review.head)}, on {review.as_of.isoformat()}"
    )


def tally_words(findings: Iterable[Finding]) -> str:
    """``1 error, 2 warnings and 3 notes``; ``nothing to note``."""
    tally = counts(findings)
    parts = [
        plural(tally[severity], word)
        for severity, word in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "note"),
        )
        if tally[severity]
    ]
    return join_words(parts) or "nothing to note"


def verdict(review: Review, level: Severity = Severity.ERROR) -> str:
    """The one sentence that says whether the change is fit to merge."""
    records = plural(len(review.records), "record")
    if not review.records and not review.findings.introduced:
        return "No records changed."
    said = f"{records} changed: {tally_words(review.problems())}."
    if review.fails(level):
        worst = "an error" if review.fails(Severity.ERROR) else "a warning"
        return f"{said} FAILED: the change introduces {worst}."
    return said


def record_name(record: RecordReview) -> str:
    """``EIA eia-2007-home-visits``; a file that cannot be read, by its path."""
    if record.kind == "unknown":
        return f"File {record.path or record.old_path}"
    return f"{record.kind_name[0].upper()}{record.kind_name[1:]} {record.id}"


def grade_line(record: RecordReview) -> str | None:
    """``Grade: Excellent (95%) → Good (77%).`` for an EIA with a grade on either side."""
    if record.scores is None:
        return None
    before, after = record.scores
    if before is None and after is None:
        return None
    if before is None:
        assert after is not None
        return f"Grade: {grade_words(after)}."
    if after is None:
        return f"Grade before: {grade_words(before)}."
    if grade_words(before) == grade_words(after):
        return f"Grade: {grade_words(after)}, unchanged."
    return f"Grade: {grade_words(before)} → {grade_words(after)}."


def where_words(record: RecordReview) -> str:
    """``Changed.``, ``Added.``: the entries below say where."""
    said = STATE_WORDS[record.state]
    return said[0].upper() + said[1:] + "."


def ranked(changes: Iterable[Change]) -> list[Change]:
    """Most serious first; otherwise in the order they were found."""
    return sorted(changes, key=lambda c: -c.severity.rank)


def summary(record: RecordReview, limit: int = 4) -> str:
    """A few words for each change, most serious first, for a summary table."""
    words = list(dict.fromkeys(c.short for c in ranked(record.changes)))
    if len(words) > limit:
        words = [*words[:limit], f"and {len(words) - limit} more"]
    return "; ".join(words) or "no change to note"


def record_problems(review: Review, record: RecordReview) -> list[Finding]:
    """A record's changes, and the problems the change introduces in its file."""
    introduced = [f for f in review.findings.introduced if f.location.path == record.path]
    return [*(c.as_finding() for c in record.changes), *introduced]


def other_problems(review: Review) -> dict[str, list[Finding]]:
    """Problems introduced in files the change did not touch (a link that broke), by
    file."""
    touched = {r.path for r in review.records}
    found: dict[str, list[Finding]] = {}
    for finding in review.findings.introduced:
        if finding.location.path not in touched:
            found.setdefault(finding.location.path, []).append(finding)
    return found


def attention(findings: Iterable[Finding]) -> str:
    """``1 error, 2 warnings``; ``none`` when there is only information."""
    tally = counts(findings)
    parts = [
        plural(tally[s], word)
        for s, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"))
        if tally[s]
    ]
    return ", ".join(parts) or "none"


def blocks(review: Review) -> list[Block]:
    """The text screen: what the change introduces, each record, then what was there."""
    found: list[Block] = []
    introduced = review.findings.introduced
    if introduced:
        found.append(
            Block(
                f"Problems this change introduces ({len(introduced)})",
                entries=tuple(finding_entry(f) for f in introduced),
            )
        )
    for record in review.records:
        lines = [where_words(record)]
        grade = grade_line(record)
        if grade:
            lines.append(grade)
        title = f": {record.title}" if record.title else ""
        found.append(
            Block(
                f"{record_name(record)}{title}",
                lines=tuple(lines),
                entries=tuple(change_entry(c) for c in ranked(record.changes)),
            )
        )
    others = _others(review)
    if others:
        found.append(Block("Other findings", lines=tuple(others)))
    return found


def finding_entry(finding: Finding) -> Entry:
    hint = (f"Hint: {finding.hint}",) if finding.hint else ()
    return Entry(
        key="",
        tag=f"{finding.severity.value} {finding.code}",
        tone=TONES[finding.severity],
        details=(finding.message, *hint),
        location=finding.location,
    )


def change_entry(change: Change) -> Entry:
    entry = finding_entry(change.as_finding())
    if change.on_base:  # the file is gone: say where it was, not a place to jump to
        return Entry(
            key=f"(was {change.location.path})",
            tag=entry.tag,
            tone=entry.tone,
            details=entry.details,
        )
    return entry


def _others(review: Review) -> list[str]:
    delta = review.findings
    said = []
    if delta.existing:
        said.append(
            f"{plural(len(delta.existing), 'problem was', 'problems were')} already there "
            "before this change: `eqdiv validate` lists them."
        )
    if delta.fixed:
        said.append(f"This change fixes {plural(len(delta.fixed), 'problem')}.")
    return said
