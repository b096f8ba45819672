"""The ``partners`` table: the partnership and its partner organisations."""

from __future__ import annotations

from eqdiv.export.table import ExportTable, columns
from eqdiv.store.repository import Repository

COLUMNS = columns(
    ("partnership", "text", "The partnership's name."),
    ("area", "text", "The area the partnership serves."),
    ("partner_id", "text", "A partner's id, as records name it."),
    ("partner", "text", "The partner organisation's name."),
    ("partner_type", "text", "local_authority, nhs, police, education, voluntary ..."),
)


def partners_table(repo: Repository) -> ExportTable:
    config = repo.config
    rows = tuple(
        (config.id, config.name, config.area, p.id, p.name, p.type) for p in config.partners
    )
    return ExportTable("partners", "The partnership and its partner organisations.", COLUMNS, rows)
