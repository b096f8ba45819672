"""The ``outcome_evidence`` table: every piece of evidence of a positive outcome, with
what it evidences and who vouches for it. The account itself is published text, so it
is exported as written; a measured change is of things, never a count of people."""

from __future__ import annotations

from eqdiv.export.table import ExportTable, columns, joined
from eqdiv.store.repository import Repository

COLUMNS = columns(
    ("evidence_id", "text", "The evidence record's id."),
    ("date", "date", "When the outcome was seen."),
    ("title", "text", "What changed, in a phrase."),
    ("account", "text", "The anonymised account."),
    ("group_ids", "text", "The strands and local groups it was for, separated by `;`."),
    ("objective_ids", "text", "Objectives it evidences, separated by `;`."),
    ("action_refs", "text", "Actions it came from (PLAN/ACTION), separated by `;`."),
    ("indicator_ids", "text", "Indicators it bears on, separated by `;`."),
    ("measure", "text", "What was measured, for a measured change."),
    ("before", "number", "The value before."),
    ("after", "number", "The value after."),
    ("unit", "text", "percent, number or days."),
    ("vouched_by", "text", "Who vouches for it (a people id)."),
    ("vouched_on", "date", "When they vouched for it."),
)


def outcome_table(repo: Repository) -> ExportTable:
    partnership = repo.config.id
    rows = tuple(
        (
            partnership,
            e.id,
            e.date,
            e.title,
            e.account,
            joined(e.groups),
            joined(e.objectives),
            joined(e.actions),
            joined(e.indicators),
            e.change.measure if e.change else None,
            e.change.before if e.change else None,
            e.change.after if e.change else None,
            e.change.unit if e.change else None,
            e.vouched_by,
            e.vouched_on,
        )
        for e in sorted(repo.outcome_evidence, key=lambda e: (e.date, e.id))
    )
    return ExportTable(
        "outcome_evidence", "Every piece of evidence of a positive outcome.", COLUMNS, rows
    )
