"""The ``sharing_agreements`` table: one row per party to each information sharing
agreement, with the agreement's review date and what needs doing on the day of the
export. Counts of agreements, not of people: the same published or not."""

from __future__ import annotations

from datetime import date

from eqdiv.checks.sharing import sharing_problems
from eqdiv.export.table import ExportTable, columns, joined
from eqdiv.store.repository import Repository

COLUMNS = columns(
    ("agreement_id", "text", "The agreement record's id."),
    ("title", "text", "What the agreement is called."),
    ("partner_id", "text", "One party to it (a row per party)."),
    ("signed_role", "text", "The role that signed for that party (empty: not signed)."),
    ("signed", "date", "The day that party signed."),
    ("review", "date", "The day the agreement is next reviewed."),
    ("end", "date", "The day it ends (empty: it runs)."),
    ("data_kinds", "integer", "How many kinds of information it shares."),
    ("problems", "text", "Finding codes for what needs doing, separated by `;`."),
    ("as_of", "date", "The day it is judged on."),
)


def sharing_table(repo: Repository, as_of: date) -> ExportTable:
    partnership = repo.config.id
    problems: dict[str, list[str]] = {}
    for p in sharing_problems(repo, as_of):
        problems.setdefault(p.subject, []).append(p.code.id)
    rows = []
    for a in sorted(repo.sharing_agreements, key=lambda a: a.id):
        signed = {s.partner: s for s in a.signatures}
        for party in a.parties:
            s = signed.get(party)
            rows.append(
                (
                    partnership,
                    a.id,
                    a.title,
                    party,
                    s.role if s else None,
                    s.date if s else None,
                    a.review,
                    a.end,
                    len(a.data),
                    joined(problems.get(a.id, [])),
                    as_of,
                )
            )
    return ExportTable(
        "sharing_agreements",
        "Every information sharing agreement, one row per party.",
        COLUMNS,
        tuple(rows),
    )
