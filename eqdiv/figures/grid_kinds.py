"""The record kinds that publish counts of people, each with its part of the grid.

The one list (``KINDS``) of contributors beside the consultations' coverage, which
``eqdiv.figures.grid`` lays out itself (its verdicts need it): ``publication(repo)``
protects every table they contribute together, and ``eqdiv audit disclosure`` audits
them together. A new kind of published figure about people adds its contributor here
(see ``eqdiv.figures.contribution``) and nowhere else.
"""

from __future__ import annotations

from eqdiv.figures import case_grid, indicator_grid, workforce_grid
from eqdiv.figures.contribution import Contribution, Contributor
from eqdiv.store.repository import Repository

KINDS: tuple[tuple[str, Contributor], ...] = (
    (case_grid.KIND, case_grid.contribution),
    (workforce_grid.KIND, workforce_grid.contribution),
    (indicator_grid.KIND, indicator_grid.contribution),
)


def contributions(repo: Repository) -> tuple[Contribution, ...]:
    """Every registered kind's tables for ``repo``, in ``KINDS`` order."""
    return tuple(contribute(repo) for _, contribute in KINDS)
