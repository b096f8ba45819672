"""Complaints and queries in the grid: the counts of people ``eqdiv cases``, status and
the reports publish about them.

What is about people's characteristics is laid out here: support asked for by kind
(met, not met, and asked), and complaints alleging discrimination by strand and outcome
(with each strand's total and the number of complaints). Timeliness per partner is about
the organisations and stays as it is.

The atoms are the finest counts: cases received in one quarter of the partnership's
calendar that asked for one kind of support and got it (or not); complaints received in
one quarter alleging discrimination on one *set* of strands with one outcome (a
complaint on two strands counts under each strand, so the set is the atom). A figure
for any set of cases is the sum of the atoms those cases fall in, so the same cases read
the same in the period's table, the year's and the trend. The grid publishes each
quarter and each year with cases; a view of any other set of cases (a period cut short
by ``--as-of``) shows only what the grid publishes of the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eqdiv.figures.audit import Cell, Figure, Table
from eqdiv.figures.contribution import (
    DETAIL,
    SUBTOTAL,
    TOTAL,
    Contribution,
    Layout,
    calendar_periods,
    sum_of,
)
from eqdiv.model.cases import OUTCOMES, Case, Support
from eqdiv.model.periods import Period, quarter_of
from eqdiv.store.repository import Repository

KIND = "cases"
OPEN = "open"


def _quarter(case: Case, start_month: int) -> str:
    return quarter_of(case.received, start_month).start.isoformat()


def support_atom(case: Case, kind: Support, start_month: int) -> str:
    met = "met" if kind in case.provided else "not_met"
    return f"case|{_quarter(case, start_month)}|support|{kind.value}|{met}"


def discrimination_atom(case: Case, start_month: int) -> str:
    strands = "+".join(sorted(set(case.strands)))
    outcome = case.outcome or OPEN
    return f"case|{_quarter(case, start_month)}|discrimination|{strands}|{outcome}"


def support_figure(
    cases: Iterable[Case], kind: Support, met: bool | None, start_month: int
) -> Figure | None:
    """Cases that asked for ``kind`` and got it (``met``), did not, or either."""
    return sum_of(
        support_atom(c, kind, start_month)
        for c in cases
        if kind in c.asked and (met is None or (kind in c.provided) is met)
    )


def strand_figure(
    cases: Iterable[Case], strand: str, outcome: str | None, start_month: int
) -> Figure | None:
    """Complaints alleging discrimination on ``strand`` with ``outcome`` ("open" for
    none yet; None for any)."""
    return sum_of(
        discrimination_atom(c, start_month)
        for c in cases
        if c.alleges_discrimination
        and strand in c.strands
        and (outcome is None or (c.outcome or OPEN) == outcome)
    )


def alleging_figure(cases: Iterable[Case], start_month: int) -> Figure | None:
    """Complaints alleging discrimination, on any strand."""
    return sum_of(discrimination_atom(c, start_month) for c in cases if c.alleges_discrimination)


def strands_of(cases: Iterable[Case], groups: Sequence[str]) -> tuple[str, ...]:
    """The strands named, the configured groups' order first."""
    named = {s for c in cases if c.alleges_discrimination for s in c.strands}
    return tuple([g for g in groups if g in named] + sorted(named - set(groups)))


def case_table(
    layout: Layout, name: str, cases: Sequence[Case], groups: Sequence[str], start_month: int
) -> None:
    """The figures of ``cases`` (those received in one period) as one table."""
    cells: list[Cell] = []

    def add(label: str, figure: Figure | None, weight: int) -> None:
        if layout.weigh(figure, weight) is not None:
            assert figure is not None
            cells.append(Cell(label, figure))

    for kind in Support:
        add(f"{kind.value} asked for", support_figure(cases, kind, None, start_month), SUBTOTAL)
        add(f"{kind.value} provided", support_figure(cases, kind, True, start_month), DETAIL)
        add(f"{kind.value} not provided", support_figure(cases, kind, False, start_month), DETAIL)
    add("complaints alleging discrimination", alleging_figure(cases, start_month), TOTAL)
    for strand in strands_of(cases, groups):
        add(f"{strand}: alleging", strand_figure(cases, strand, None, start_month), SUBTOTAL)
        for outcome in (*OUTCOMES, OPEN):
            add(f"{strand}: {outcome}", strand_figure(cases, strand, outcome, start_month), DETAIL)
    layout.tables.append(Table(name, tuple(cells)))


def grid_periods(cases: Sequence[Case], start_month: int) -> tuple[Period, ...]:
    if not cases:
        return ()
    days = [c.received for c in cases]
    return calendar_periods(min(days), max(days), start_month)


def contribution(repo: Repository) -> Contribution:
    """Every quarter and year with cases, as tables of the grid."""
    config = repo.config
    start = config.year_start_month
    cases = sorted(repo.cases, key=lambda c: (c.received, c.ref))
    layout = Layout(KIND)
    for c in cases:
        for kind in c.asked:
            atom = support_atom(c, kind, start)
            layout.atom(atom, layout.values.get(atom, 0) + 1)
        if c.alleges_discrimination:
            atom = discrimination_atom(c, start)
            layout.atom(atom, layout.values.get(atom, 0) + 1)
    groups = [g.id for g in config.groups]
    for period in grid_periods(cases, start):
        chosen = [c for c in cases if c.received in period]
        case_table(layout, f"complaints and queries, {period.label}", chosen, groups, start)
    return layout.done()
