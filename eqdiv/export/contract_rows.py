"""The ``contracts`` table: every contract, with its equality terms and what needs
doing on the day of the export (the judgement of ``eqdiv contracts``). Counts of
contracts and returns, not of people: the table is the same published or not."""

from __future__ import annotations

from datetime import date

from eqdiv.export.table import ExportTable, columns, joined
from eqdiv.registers.contract_list import contract_register
from eqdiv.store.repository import Repository

COLUMNS = columns(
    ("contract_id", "text", "The contract record's id."),
    ("reference", "text", "The buying partner's own reference."),
    ("title", "text", "What is bought."),
    ("partner_id", "text", "The partner that buys it."),
    ("provider", "text", "The organisation that provides it."),
    ("value_band", "text", "under_25k, 25k_to_100k, 100k_to_500k or over_500k."),
    ("relevance", "text", "Relevance to equality decided at the start: high, medium, low, none."),
    (
        "needs_equality_terms",
        "boolean",
        "Whether relevance and value call for an EIA and a clause.",
    ),
    ("eia_id", "text", "The EIA of the service bought."),
    ("eia_grade", "text", "That EIA's grade on the partnership's rubric."),
    ("requirements", "integer", "Equality requirements in the specification."),
    ("award_criteria", "integer", "Award criteria that weigh equality."),
    ("clauses", "integer", "Equality clauses in the terms."),
    ("start", "date", "The day it starts."),
    ("end", "date", "The day it ends (empty: no end date)."),
    ("review", "date", "The day it is next reviewed."),
    ("state", "text", "On the day of the export: in_force, not_started or ended."),
    ("returns_due", "integer", "Monitoring returns due by the day of the export."),
    ("returns_received", "integer", "Of those, how many came in."),
    ("returns_overdue", "integer", "Returns past due and not received while it is in force."),
    ("problems", "text", "Finding codes for what needs doing, separated by `;`."),
    ("as_of", "date", "The day it is judged on."),
)


def contracts_table(repo: Repository, as_of: date) -> ExportTable:
    partnership = repo.config.id
    register = contract_register(repo, as_of, include_ended=True)
    rows = tuple(
        (
            partnership,
            e.id,
            e.reference,
            e.title,
            e.partner,
            e.provider,
            e.value_band,
            e.relevance,
            e.needs_equality_terms,
            e.eia,
            e.eia_grade,
            len(e.requirements),
            len(e.award_criteria),
            len(e.clauses),
            e.start,
            e.end,
            e.review,
            e.state,
            e.returns_due,
            e.returns_received,
            e.returns_overdue,
            joined([p.code for p in e.problems]),
            as_of,
        )
        for e in sorted(register.entries, key=lambda e: e.id)
    )
    return ExportTable("contracts", "Every contract and commissioning decision.", COLUMNS, rows)
