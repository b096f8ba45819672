"""Buying and commissioning in the reports: the contracts in force in the period, what
each asks of its provider on equality, and what needs doing (the same judgement as
``validate`` and ``eqdiv contracts``, through ``registers.contract_list``).

The quarterly report shows every contract in force in the quarter; the annual report,
which is published, lists those with equality requirements, award criteria or
clauses written in, and says in one sentence how many have none. These are counts of
contracts, not of people: nothing here goes through the protection of figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv.model.blocks import join_words, plural
from eqdiv.registers.contract_list import ContractEntry, contract_register
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import day_text
from eqdiv.report.view_model import ViewModel


@dataclass(frozen=True, slots=True)
class RegisterItem(ViewModel):
    """One contract or agreement: its title, sentences about it, and what needs doing."""

    id: str
    title: str
    lines: tuple[str, ...]
    attention: tuple[str, ...]
    location: str


@dataclass(frozen=True, slots=True)
class RegisterSection(ViewModel):
    """A register in a report: a heading, a summary, the items (``empty`` says why
    there are none)."""

    heading: str
    summary: tuple[str, ...]
    items: tuple[RegisterItem, ...]
    empty: str


def _listed(label: str, values: tuple[str, ...], none: str) -> str:
    return f"{label}: " + ("; ".join(v.rstrip(". ") for v in values) if values else none) + "."


def contract_item(e: ContractEntry, *, attention: bool = True) -> RegisterItem:
    worth = f", worth {e.value_words}" if e.value_words else ""
    until = f" to {day_text(e.end)}" if e.end else ", with no end date"
    eia = (
        f"Equality impact assessment: {e.eia}"
        + (f", graded {e.eia_grade}." if e.eia_grade else ".")
        if e.eia
        else "Equality impact assessment: none linked."
    )
    return RegisterItem(
        id=e.id,
        title=e.title,
        lines=(
            f"{e.partner_name} buys it from {e.provider}, from {day_text(e.start)}{until}"
            f"{worth}. Relevance to equality: {e.relevance}.",
            eia,
            _listed("Equality requirements in the specification", e.requirements, "none"),
            _listed("Award criteria", e.award_criteria, "none recorded"),
            _listed("Equality clauses", e.clauses, "none yet"),
        ),
        attention=tuple(p.message for p in e.problems) if attention else (),
        location=f"{e.path}:{e.line}",
    )


def _overlaps(ctx: ReportContext, start: date, end: date | None) -> bool:
    return ctx.period.overlaps(start, end or date.max)


def buying_section(ctx: ReportContext, *, annual: bool) -> RegisterSection:
    """Contracts in force at some time in the period (the annual report: those with
    equality terms written in)."""
    register = contract_register(ctx.repo, ctx.as_of, include_ended=True)
    in_period = [
        e for e in register.entries if e.start <= ctx.as_of and _overlaps(ctx, e.start, e.end)
    ]
    with_terms = [e for e in in_period if e.has_equality_terms]
    shown = with_terms if annual else in_period
    attention = [e for e in in_period if e.problems]
    summary = []
    if in_period:
        summary.append(
            f"{plural(len(in_period), 'contract')} in force in {ctx.period.label}; "
            f"{len(with_terms)} with equality requirements, award criteria or clauses "
            "written in."
        )
    if in_period and not annual:
        summary.append(
            f"Needing attention on {day_text(ctx.as_of)}: "
            + join_words([e.title for e in attention])
            + "."
            if attention
            else f"No contract needs attention on {day_text(ctx.as_of)}."
        )
    return RegisterSection(
        heading="Buying and commissioning",
        summary=tuple(summary),
        # The annual report is published: what needs doing is for the quarterly meeting.
        items=tuple(contract_item(e, attention=not annual) for e in shown),
        empty="No contract with equality requirements was in force in the period."
        if annual and in_period
        else "No contracts are recorded for the period.",
    )
