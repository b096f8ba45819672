"""Complaints and queries: what a case log's schema cannot see.

A case that is late is not a mistake in the records: like an overdue action, it is
shown by ``eqdiv status`` and ``eqdiv cases``. What is checked here is whether the
records can be true and can be published:

- impossible sequences (answered before received, a hand-off before the case came
  in, closed before it was answered), and dates after today;
- hand-offs to (and logs kept by) partners that are not in the partnership;
- the same case logged twice;
- strands the configuration does not have, and discrimination alleged on no strand;
- an extension longer than the owning partner's standard allows;
- an extension agreed after the deadline it extends had passed;
- free text that looks like personal data, found without repeating it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import pairwise

from eqdiv.checks.check_context import CheckContext
from eqdiv.checks.personal_text import exact_place
from eqdiv.figures.working_days import Calendar
from eqdiv.model import codes
from eqdiv.model.cases import Case, CaseLog
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.personal_data import spans
from eqdiv.model.suggest import did_you_mean


def check_cases(ctx: CheckContext) -> Iterator[Finding]:
    logs = ctx.repo.case_logs
    if not logs:
        return
    yield from _personal_data(ctx, logs)
    yield from _duplicates(ctx, logs)
    for log in logs:
        for case in log.cases:
            yield from _sequence(ctx, log, case)
    if ctx.config_read:
        yield from _partners(ctx, logs)
        yield from _strands(ctx, logs)
        yield from _extensions(ctx, logs)


def _at(ctx: CheckContext, case: Case, suffix: str) -> Location:
    return ctx.repo.locate(case.location, suffix)


def _sequence(ctx: CheckContext, log: CaseLog, case: Case) -> Iterator[Finding]:
    hint = "Check both dates against the case file: one of them is probably mistyped."
    steps: list[tuple[str, str, date | None]] = [("received", "/received", case.received)]
    for j, handoff in enumerate(case.handoffs):
        steps.append((f"handed to {handoff.to}", f"/handoffs/{j}/date", handoff.date))
        if handoff.accepted is not None and handoff.accepted < handoff.date:
            yield ctx.finding(
                codes.CASE_ORDER,
                f"Case {case.ref}: accepted by {handoff.to} on {handoff.accepted} but only "
                f"handed to it on {handoff.date}.",
                _at(ctx, case, f"/handoffs/{j}/accepted"),
                hint,
                record=log.id,
            )
    for what, pointer, day in (
        ("acknowledged", "/acknowledged", case.acknowledged),
        ("answered", "/responded", case.responded),
        ("closed", "/closed", case.closed),
    ):
        if day is not None and day < case.received:
            yield ctx.finding(
                codes.CASE_ORDER,
                f"Case {case.ref} was {what} on {day}, before it was received ({case.received}).",
                _at(ctx, case, pointer),
                hint,
                record=log.id,
            )
    if case.closed and case.responded and case.closed < case.responded:
        yield ctx.finding(
            codes.CASE_ORDER,
            f"Case {case.ref} was closed on {case.closed}, before it was answered "
            f"({case.responded}).",
            _at(ctx, case, "/closed"),
            hint,
            record=log.id,
        )
    for (before, _, first), (what, pointer, then) in pairwise(steps):
        if first is not None and then is not None and then < first:
            yield ctx.finding(
                codes.CASE_ORDER,
                f"Case {case.ref} was {what} on {then}, before it was {before} ({first}).",
                _at(ctx, case, pointer),
                "Hand-offs are listed in the order they happened, after the day received. " + hint,
                record=log.id,
            )
    yield from _recorded(ctx, log, case, steps)


def _recorded(
    ctx: CheckContext, log: CaseLog, case: Case, steps: list[tuple[str, str, date | None]]
) -> Iterator[Finding]:
    """Nothing recorded after today; an outcome with the day it was answered."""
    dated = [*steps, ("acknowledged", "/acknowledged", case.acknowledged)]
    dated += [("answered", "/responded", case.responded), ("closed", "/closed", case.closed)]
    for what, pointer, day in dated:
        if day is not None and day > ctx.as_of:
            yield ctx.finding(
                codes.DATE_FUTURE,
                f"Case {case.ref} is recorded as {what} on {day}, after today ({ctx.as_of}).",
                _at(ctx, case, pointer),
                "Only record what has happened; if it is a typing slip, correct it.",
                record=log.id,
            )
    if case.outcome is not None and case.outcome != "withdrawn" and case.responded is None:
        yield ctx.finding(
            codes.CASE_ORDER,
            f"Case {case.ref} has an outcome ({case.outcome.replace('_', ' ')}) but no date "
            "it was answered.",
            _at(ctx, case, "/outcome"),
            "Add `responded:` with the day the answer was sent, so its timeliness counts.",
            severity=Severity.WARNING,
            record=log.id,
        )


def _partners(ctx: CheckContext, logs: tuple[CaseLog, ...]) -> Iterator[Finding]:
    known = {p.id for p in ctx.repo.config.partners}
    names = ", ".join(sorted(known))

    def check(partner: str, at: Location, what: str, record: str) -> Iterator[Finding]:
        if partner not in known:
            yield ctx.finding(
                codes.CASE_PARTNER,
                f"{what} '{partner}', which is not a partner in eqdiv.yaml.",
                at,
                did_you_mean(partner, known)
                + f"Partners: {names}. A case passed outside the partnership is closed "
                "with a note saying where it went, not handed off.",
                record=record,
            )

    for log in logs:
        yield from check(
            log.partner, ctx.repo.locate(log.location, "/partner"), "The log is kept by", log.id
        )
        for case in log.cases:
            if case.first_contact != log.partner:
                yield from check(
                    case.first_contact,
                    _at(ctx, case, "/first_contact"),
                    f"Case {case.ref} was first received by",
                    log.id,
                )
            for j, handoff in enumerate(case.handoffs):
                yield from check(
                    handoff.to,
                    _at(ctx, case, f"/handoffs/{j}/to"),
                    f"Case {case.ref} was handed to",
                    log.id,
                )


def _duplicates(ctx: CheckContext, logs: tuple[CaseLog, ...]) -> Iterator[Finding]:
    seen: dict[tuple[str, int], Case] = {}
    for log in logs:
        for case in log.cases:
            key = (case.ref, case.stage)
            first = seen.setdefault(key, case)
            if first is not case:
                yield ctx.finding(
                    codes.CASE_DUPLICATE,
                    f"Case {case.ref} (stage {case.stage}) is already logged at {first.location}.",
                    _at(ctx, case, "/ref"),
                    "Log each case once, in the log of the partner first contacted, with its "
                    "hand-offs: a case logged twice is counted twice.",
                    record=log.id,
                )


def _strands(ctx: CheckContext, logs: tuple[CaseLog, ...]) -> Iterator[Finding]:
    config = ctx.repo.config
    known = config.group_ids
    for log in logs:
        for case in log.cases:
            for i, group in enumerate(case.strands):
                if group not in known:
                    yield ctx.finding(
                        codes.STRAND_UNKNOWN,
                        f"'{group}' is not a strand or local group in this partnership's "
                        f"configuration ({config.strand_set}).",
                        _at(ctx, case, f"/strands/{i}"),
                        did_you_mean(group, known) + "Known: " + ", ".join(sorted(known)) + ".",
                        record=log.id,
                    )
            if case.alleges_discrimination and not case.strands:
                yield ctx.finding(
                    codes.CASE_STRAND,
                    f"Case {case.ref} alleges discrimination but names no strand.",
                    _at(ctx, case, "/about"),
                    "Add `strands:` (for example [disability]): complaints of discrimination "
                    "are reported by strand.",
                    severity=Severity.WARNING,
                    record=log.id,
                )


def _extensions(ctx: CheckContext, logs: tuple[CaseLog, ...]) -> Iterator[Finding]:
    settings = ctx.repo.config.cases
    calendar = Calendar(settings.nation)
    for log in logs:
        for case in log.cases:
            if case.extension is None:
                continue
            standard = settings.timescale(case.owner, case.stage)
            allowed = standard.extension
            agreed = case.extension.agreed
            due = calendar.add(case.received, standard.respond)
            if agreed is not None and agreed > due:
                yield ctx.finding(
                    codes.CASE_EXTENSION,
                    f"Case {case.ref}'s extension was agreed on {agreed}, after the answer "
                    f"was due ({due}).",
                    _at(ctx, case, "/extension/agreed"),
                    "An extension is agreed with the person before the deadline passes; "
                    "after it, the case was late. Check the date.",
                    severity=Severity.WARNING,
                    record=log.id,
                )
            if case.extension.days > allowed:
                yield ctx.finding(
                    codes.CASE_EXTENSION,
                    f"Case {case.ref} has an extension of {case.extension.days} working days; "
                    f"{case.owner}'s standard allows {allowed} at stage {case.stage}.",
                    _at(ctx, case, "/extension/days"),
                    "The Ombudsman's code allows up to 10 more working days at stage 1: "
                    "check the days, or the partner's standard under `cases:` in eqdiv.yaml.",
                    severity=Severity.WARNING,
                    record=log.id,
                )


def _personal_data(ctx: CheckContext, logs: tuple[CaseLog, ...]) -> Iterator[Finding]:
    """A finding for each text that looks like it holds personal data, pointing at the
    line and column of the value, with that line shown redacted: the value itself is
    never repeated."""
    for log in logs:
        for case in log.cases:
            for pointer, text in case.texts.items():
                found = spans(text)
                if not found:
                    continue
                base = ctx.repo.locate(Location(log.location.path, pointer=pointer))
                at, excerpt = exact_place(ctx, base, found[0].what)
                kinds = sorted({f.what for f in found})
                finding = ctx.finding(
                    codes.PERSONAL_DATA,
                    f"Case {case.ref}'s {pointer.rsplit('/', 1)[1]} looks like it holds "
                    + " and ".join(kinds)
                    + " (not shown here).",
                    at,
                    "Records hold roles and dates, never a person's details: remove it, and "
                    "keep contact details in the partner's own case system. If it is in the "
                    "git history, ask whoever runs the repository to remove it there too.",
                    record=log.id,
                )
                yield replace(finding, excerpt=excerpt)
