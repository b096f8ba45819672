"""Where personal data sits in a record's free text, found by
``model.personal_data`` (the one detection every kind's check uses), pointed at by line
and column, and shown only redacted: a finding never repeats the value."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location
from eqdiv.model.personal_data import redact, spans


def exact_place(ctx: CheckContext, base: Location, what: str) -> tuple[Location, str]:
    """The line and column where ``what`` starts (a folded note spans several lines),
    and that line redacted."""
    for line in range(base.line, base.line + 60):
        source = ctx.repo.source_line(base.path, line)
        if source is None:
            break
        for found in spans(source):
            if found.what == what:
                return replace(base, line=line, column=found.start + 1), redact(source)
    return base, ""


def personal_data_findings(
    ctx: CheckContext, base: Location, texts: Mapping[str, str], subject: str, record: str
) -> Iterator[Finding]:
    """A ``personal-data`` finding for each text (by JSON pointer below ``base``) that
    looks like it holds personal data; ``subject`` names the record in the message."""
    for pointer, text in texts.items():
        found = spans(text)
        if not found:
            continue
        at = ctx.repo.locate(base, pointer)
        at, excerpt = exact_place(ctx, at, found[0].what)
        kinds = sorted({f.what for f in found})
        field = pointer.rsplit("/", 1)[1]
        finding = ctx.finding(
            codes.PERSONAL_DATA,
            f"{subject}'s {field} looks like it holds "
            + " and ".join(kinds)
            + " (not shown here).",
            at,
            "Evidence of outcomes is anonymised: say what changed for which group, in counts "
            "and roles, never a person's details. Remove it, and if it is in the git history, "
            "ask whoever runs the repository to remove it there too.",
            record=record,
        )
        yield replace(finding, excerpt=excerpt)
