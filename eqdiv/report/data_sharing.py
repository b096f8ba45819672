"""Information sharing in the reports: the agreements in force in the period, what each
shares, why and on what basis, who signed it and when it is reviewed; in the quarterly
report, what needs doing (``checks.sharing.sharing_problems``, the judgement
``validate`` and ``status`` report), including partners that share with no agreement.
Counts of agreements, not of people."""

from __future__ import annotations

from datetime import date

from eqdiv.checks.sharing import SharingProblem, sharing_problems
from eqdiv.model import codes
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.sharing import SharingAgreement
from eqdiv.report.commissioning import RegisterItem, RegisterSection
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import day_text


def _item(
    a: SharingAgreement, names: dict[str, str], problems: list[SharingProblem]
) -> RegisterItem:
    signed = [
        f"{names.get(s.partner, s.partner)} ({s.role}, {day_text(s.date)})" for s in a.signatures
    ]
    return RegisterItem(
        id=a.id,
        title=a.title,
        lines=(
            "Between " + join_words([names.get(p, p) for p in a.parties]) + ".",
            f"Purpose: {a.purpose.rstrip('. ')}.",
            "Information shared: " + "; ".join(d.rstrip(". ") for d in a.data) + ".",
            f"Lawful basis: {a.lawful_basis.rstrip('. ')}.",
            f"Kept: {a.retention.rstrip('. ')}.",
            ("Signed for " + "; ".join(signed) + ".") if signed else "Not signed yet.",
            f"Next review: {day_text(a.review)}.",
        ),
        attention=tuple(p.message for p in problems),
        location=f"{a.location.path}:{a.location.line}",
    )


def sharing_section(ctx: ReportContext, *, annual: bool) -> RegisterSection:
    """Agreements in force at some time in the period; the quarterly report adds what
    needs doing on the day it is run."""
    names = {p.id: p.name for p in ctx.repo.config.partners}
    problems = [] if annual else list(sharing_problems(ctx.repo, ctx.as_of))
    by_agreement: dict[str, list[SharingProblem]] = {}
    missing = [p for p in problems if p.code is codes.SHARING_AGREEMENT_MISSING]
    for p in problems:
        if p.code is not codes.SHARING_AGREEMENT_MISSING:
            by_agreement.setdefault(p.subject, []).append(p)
    agreements = [
        a
        for a in ctx.repo.sharing_agreements
        if (first := min((s.date for s in a.signatures), default=a.review)) <= ctx.as_of
        and ctx.period.overlaps(first, a.end or date.max)
    ]
    summary = []
    if agreements:
        summary.append(
            f"{plural(len(agreements), 'information sharing agreement')} in force in "
            f"{ctx.period.label}."
        )
    summary += [p.message for p in missing]
    return RegisterSection(
        heading="Information sharing agreements",
        summary=tuple(summary),
        items=tuple(_item(a, names, by_agreement.get(a.id, [])) for a in agreements),
        empty="No information sharing agreement is recorded for the period.",
    )
