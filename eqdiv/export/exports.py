"""``eqdiv export``: the records as flat tables (see ``table``).

Each row carries the partnership's id, and rows about a partner carry the partner's, so
the exports of many partnerships can be read together by glob. A ``published`` export
holds only figures eqdiv would publish; otherwise counts are exact and the export is for
staff.
"""

from __future__ import annotations

from datetime import date

from eqdiv.eia.summary import eia_quality
from eqdiv.export.action_rows import actions_table
from eqdiv.export.case_rows import case_tables
from eqdiv.export.consultation_rows import consultation_tables
from eqdiv.export.contract_rows import contracts_table
from eqdiv.export.eia_rows import eia_tables
from eqdiv.export.indicator_rows import indicator_table
from eqdiv.export.open_innovations import open_innovations_table
from eqdiv.export.outcome_rows import outcome_table
from eqdiv.export.partnership_rows import partners_table
from eqdiv.export.sharing_rows import sharing_table
from eqdiv.export.table import Export
from eqdiv.export.workforce_rows import workforce_table
from eqdiv.store.repository import Repository


def export(repo: Repository, as_of: date, *, published: bool) -> Export:
    """Every table, judged on ``as_of``."""
    partnership = repo.config.id
    eias = eia_quality(repo, as_of=as_of)
    tables = (
        partners_table(repo),
        actions_table(repo, as_of),
        *eia_tables(eias, partnership, as_of),
        *consultation_tables(repo, published=published),
        indicator_table(repo, as_of, eias, published=published),
        workforce_table(repo, as_of, published=published),
        open_innovations_table(repo, as_of, published=published),
        *case_tables(repo, as_of, published=published),
        contracts_table(repo, as_of),
        sharing_table(repo, as_of),
        outcome_table(repo),
    )
    return Export(partnership, as_of, published, tables)
