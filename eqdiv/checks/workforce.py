"""Workforce returns must add up, hold groups and not people, arrive on time, and keep
personal details out of their words.

- ``workforce-total``: a profile or a casework breakdown that does not count the total
  it breaks down, outcomes that do not count the cases closed, more cases closed in
  time than closed, more people trained than were due;
- ``workforce-individual``: figures so small they describe one person (a process one
  person entered, broken down by strand; a team of one's training);
- ``workforce-late``, ``workforce-duplicate``, and ``date-order``/``date-future`` on the
  period and the day it was sent;

Refreshers that have fallen due are not a finding: like an overdue action, that is a
state of the day, which ``eqdiv status``, ``eqdiv workforce`` and the reports show
(a finding would stand in every old return for ever).
- ``personal-data``: free text that looks like an email address, a phone or National
  Insurance number, a staff number, a birth date or a titled name. The finding never
  repeats the text, and its excerpt leaves the value out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from eqdiv.checks.categories import category_unknown, dimension_unknown
from eqdiv.checks.check_context import CheckContext
from eqdiv.figures.census import category_scheme
from eqdiv.model import codes
from eqdiv.model.categories import CategoryScheme
from eqdiv.model.dates import add_days
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.workforce import UNDECLARED, Headcount, WorkforceReturn
from eqdiv.yamlio.loader import escape_pointer_token as escape

# The figures are left out of every measure until they add up, as coverage does.
LEFT_OUT = "Until it adds up, `eqdiv workforce`, status and the reports leave it out."

# What free text must not hold, and how a finding names it (never the text itself).
PERSONAL: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    (
        "a National Insurance number",
        re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE),
    ),
    ("a phone number", re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")),
    (
        "a staff or payroll number",
        re.compile(r"\b(?:staff|payroll|employee|personnel)\s*(?:no\.?|number|id|#)", re.I),
    ),
    ("a date of birth", re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born on)\b", re.I)),
    ("a name with a title", re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+")),
)
NOT_SHOWN = "(not shown: it may hold personal details)"


def check_workforce(ctx: CheckContext) -> Iterator[Finding]:
    scheme = category_scheme(ctx.repo.config)
    for wf in ctx.repo.workforce:
        yield from _dates(ctx, wf)
        for key, count in (("staff", wf.staff), ("volunteers", wf.volunteers)):
            if count is not None:
                yield from _headcount(ctx, wf, key, count, scheme)
        yield from _casework(ctx, wf, scheme)
        yield from _training(ctx, wf)
        yield from _personal(ctx, wf)
    yield from _duplicates(ctx)


def _dates(ctx: CheckContext, wf: WorkforceReturn) -> Iterator[Finding]:
    repo = ctx.repo
    if wf.end < wf.start:
        yield ctx.finding(
            codes.DATE_ORDER,
            f"The return's period ends ({wf.end.isoformat()}) before it starts "
            f"({wf.start.isoformat()}).",
            repo.locate(wf.location, "/end"),
            "Check both dates: one of them is probably mistyped.",
            record=wf.id,
        )
    if wf.submitted is None:
        return
    at = repo.locate(wf.location, "/submitted")
    if wf.submitted > ctx.as_of:
        yield ctx.finding(
            codes.DATE_FUTURE,
            f"The return is dated {wf.submitted.isoformat()}, after today "
            f"({ctx.as_of.isoformat()}).",
            at,
            "Only record a return that has been sent; if the date is a typing slip, correct it.",
            record=wf.id,
        )
    if wf.submitted < wf.end:
        yield ctx.finding(
            codes.DATE_ORDER,
            f"The return was sent ({wf.submitted.isoformat()}) before its period ended "
            f"({wf.end.isoformat()}).",
            at,
            "A return counts the whole period: check `submitted` and `end`.",
            record=wf.id,
        )
    due_days = ctx.repo.config.workforce.return_due_days
    late = (wf.submitted - wf.end).days - due_days
    if late > 0:
        yield ctx.finding(
            codes.WORKFORCE_LATE,
            f"The return was sent {late} days after it was due "
            f"({add_days(wf.end, due_days).isoformat()}, {due_days} days after the "
            "period).",
            at,
            "Ask HR for returns sooner, or change `workforce: return_due_days` in eqdiv.yaml.",
            severity=Severity.WARNING,
            record=wf.id,
        )


def _headcount(
    ctx: CheckContext, wf: WorkforceReturn, key: str, count: Headcount, scheme: CategoryScheme
) -> Iterator[Finding]:
    yield from _categories(ctx, wf, count.profile, f"/{key}/profile", scheme)
    for dimension in count.profile:
        if count.adds_up(dimension):
            continue
        yield _total(
            ctx,
            wf,
            count.profile_locations[dimension],
            f"The {key} {dimension} profile",
            count.counted(dimension),
            count.total,
            f"{key} in the return",
        )
    if 0 < count.total < 3 and count.profile:
        yield ctx.finding(
            codes.WORKFORCE_INDIVIDUAL,
            f"The return counts {_people(count.total, key)} and profiles them: at this "
            "size the profile describes people, not a group.",
            ctx.repo.locate(wf.location, f"/{key}/total"),
            "Leave the profile out for fewer than 3 people, or combine this return with a "
            "larger one.",
            severity=Severity.WARNING,
            record=wf.id,
        )


def _people(n: int, key: str) -> str:
    if key == "staff":
        return f"{n} {'member of staff' if n == 1 else 'staff'}"
    return f"{n} {'volunteer' if n == 1 else 'volunteers'}"


def _total(
    ctx: CheckContext,
    wf: WorkforceReturn,
    at: Location,
    what: str,
    counted: int,
    total: int,
    of: str,
) -> Finding:
    if counted > total:
        return ctx.finding(
            codes.WORKFORCE_TOTAL,
            f"{what} counts {counted}, but there are {total} {of}.",
            at,
            "Each person is counted once: check the counts and the total. " + LEFT_OUT,
            record=wf.id,
        )
    return ctx.finding(
        codes.WORKFORCE_TOTAL,
        f"{what} counts {counted} of the {total} {of}.",
        at,
        f"Count the other {total - counted} as `not_known`, so the gap in the monitoring "
        "is visible. " + LEFT_OUT,
        severity=Severity.WARNING,
        record=wf.id,
    )


def _casework(ctx: CheckContext, wf: WorkforceReturn, scheme: CategoryScheme) -> Iterator[Finding]:
    repo = ctx.repo
    for p in wf.processes:
        base = f"/casework/{p.id}"
        yield from _categories(ctx, wf, p.by_strand, f"{base}/by_strand", scheme)
        for dimension, counts in p.by_strand.items():
            if not p.adds_up(dimension):
                yield _total(
                    ctx,
                    wf,
                    p.strand_locations[dimension],
                    f"The {p.label.lower()} breakdown by {dimension}",
                    sum(counts.values()),
                    p.started,
                    "people who entered the process",
                )
        if 0 < p.started < 3 and p.by_strand:
            yield ctx.finding(
                codes.WORKFORCE_INDIVIDUAL,
                f"{p.label}: {p.started} {'person' if p.started == 1 else 'people'} entered "
                "the process, and the return breaks them down by strand: that describes "
                "who they are.",
                repo.locate(wf.location, f"{base}/by_strand", key=True),
                "Leave `by_strand` out for fewer than 3 cases: HR's annual return can carry "
                "the breakdown once there are more.",
                severity=Severity.WARNING,
                record=wf.id,
            )
        if p.closed is None:
            if p.closed_in_time is not None or p.outcomes:
                yield ctx.finding(
                    codes.WORKFORCE_TOTAL,
                    f"{p.label}: cases closed in time or outcomes are given, but not how many "
                    "cases were closed.",
                    repo.locate(wf.location, base, key=True),
                    "Add `closed:` (how many cases were closed in the period).",
                    record=wf.id,
                )
            continue
        if p.closed_in_time is not None and p.closed_in_time > p.closed:
            yield ctx.finding(
                codes.WORKFORCE_TOTAL,
                f"{p.label}: {p.closed_in_time} cases closed in time, but only {p.closed} "
                "were closed.",
                repo.locate(wf.location, f"{base}/closed_in_time"),
                "`closed_in_time` counts the closed cases that met the timescale: at most "
                "`closed`.",
                record=wf.id,
            )
        outcomes = sum(p.outcomes.values())
        if p.outcomes and outcomes != p.closed:
            yield _total(
                ctx,
                wf,
                repo.locate(wf.location, f"{base}/outcomes", key=True),
                f"The {p.label.lower()} outcomes list",
                outcomes,
                p.closed,
                "cases closed",
            )


def _training(ctx: CheckContext, wf: WorkforceReturn) -> Iterator[Finding]:
    for i, t in enumerate(wf.training):
        if t.completed > t.due:
            yield ctx.finding(
                codes.WORKFORCE_TOTAL,
                f"Training for a team: {t.completed} completed, but only {t.due} were due.",
                ctx.repo.locate(wf.location, f"/training/{i}/completed"),
                "`due` counts everyone in the team due to attend; `completed` those of them "
                "who did.",
                record=wf.id,
            )
        if t.due == 1:
            yield ctx.finding(
                codes.WORKFORCE_INDIVIDUAL,
                "Training for a team of one: the figures say whether that person attended.",
                ctx.repo.locate(wf.location, f"/training/{i}/due"),
                "Count the team with the one it belongs to.",
                severity=Severity.WARNING,
                record=wf.id,
            )


def _categories(
    ctx: CheckContext,
    wf: WorkforceReturn,
    profile: Mapping[str, Mapping[str, int]],
    prefix: str,
    scheme: CategoryScheme,
) -> Iterator[Finding]:
    for dim_id, counts in profile.items():
        at = f"{prefix}/{escape(dim_id)}"
        dimension = scheme.dimensions.get(dim_id)
        if dimension is None:
            where = ctx.repo.locate(wf.location, at, key=True)
            yield dimension_unknown(ctx, scheme, dim_id, where, wf.id)
            continue
        for key in counts:
            if key not in dimension.known and key not in UNDECLARED:
                where = ctx.repo.locate(wf.location, f"{at}/{escape(key)}", key=True)
                yield category_unknown(ctx, dimension, key, where, wf.id)


def _duplicates(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[tuple[str, str, str], WorkforceReturn] = {}
    for wf in sorted(ctx.repo.workforce, key=lambda w: (w.location.path, w.id)):
        key = (wf.organisation, wf.start.isoformat(), wf.end.isoformat())
        first = seen.setdefault(key, wf)
        if first is wf:
            continue
        yield ctx.finding(
            codes.WORKFORCE_DUPLICATE,
            f"A second return for {wf.organisation} from {wf.start.isoformat()} to "
            f"{wf.end.isoformat()} (the first is {first.id}, in {first.location.path}).",
            wf.location,
            "Keep one return per partner and period: correct that one, or remove this.",
            record=wf.id,
        )


def personal_details(text: str) -> list[str]:
    """What kinds of personal detail ``text`` seems to hold (in words), never the text."""
    return [what for what, pattern in PERSONAL if pattern.search(text)]


def _personal(ctx: CheckContext, wf: WorkforceReturn) -> Iterator[Finding]:
    for pointer, (text, at) in sorted(wf.texts.items(), key=lambda item: item[1][1]):
        found = personal_details(text)
        if not found:
            continue
        field = pointer.rsplit("/", 1)[-1]
        line = ctx.repo.source_line(at.path, at.line)
        excerpt = (line[: at.column - 1] if line is not None else "") + NOT_SHOWN
        finding = ctx.finding(
            codes.PERSONAL_DATA,
            f"The `{field}` text looks like it holds {' and '.join(found)}.",
            at,
            "Records hold counts and roles, never personal details: rewrite it without them, "
            "and remove the old text from the git history if it was committed.",
            record=wf.id,
        )
        yield Finding(
            finding.code,
            finding.severity,
            finding.message,
            finding.location,
            finding.hint,
            finding.record,
            excerpt=excerpt,
        )
