"""Workforce returns in the grid: every count of people a return's views publish.

Each return's figures form one table of the grid: the staff and volunteer profiles
(each category, ``not_known``, "prefer not to say", those recorded, the broad groups a
profile is compared by, the groups under a relative likelihood), each process (started,
closed, in time, late, outcomes, the people who entered it by strand and group), each
team's training, and the totals across them. Each count is an atom of its own
(``wf|<return>|...``), and each sum a reader knows (a profile adds up to the headcount;
closed in time and late add up to closed) is a statement beside the tables, so the
protection of the whole grid (``eqdiv.figures.publication``) sees every way one figure
of a return can be subtracted from another. Returns of different partners or periods
count different sets of people and share no atom.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.figures.audit import Cell, Figure, Relation, Statement, Table
from eqdiv.figures.census import category_scheme
from eqdiv.figures.contribution import Contribution, Layout
from eqdiv.figures.coverage import population_profile
from eqdiv.figures.suppression import Sum
from eqdiv.figures.workforce_measures import ReturnMeasures, measure
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme
from eqdiv.model.workforce import PREFER_NOT, UNDECLARED, Process
from eqdiv.store.repository import Repository

KIND = "workforce"
Key = tuple[Hashable, ...]


class _Cells:
    """Every published count of one return, and the sums that tie them together."""

    def __init__(self) -> None:
        self.values: dict[Key, int] = {}
        self.sums: list[Sum[Key]] = []

    def add(self, key: Key, value: int) -> Key:
        self.values[key] = value
        return key

    def total(self, key: Key, parts: Iterable[Key]) -> Key:
        parts = tuple(parts)
        self.values[key] = sum(self.values[p] for p in parts)
        self.sums.append(Sum(key, parts))
        return key


def _profile_cells(
    cells: _Cells, who: str, total: int, profile: Mapping[str, Mapping[str, int]]
) -> None:
    cells.add((who, "total"), total)
    for dim, counts in profile.items():
        if sum(counts.values()) != total:
            continue  # left out, as it does not add up (a finding says so)
        parts = [cells.add((who, dim, key), n) for key, n in counts.items()]
        for extra in (NOT_KNOWN, PREFER_NOT):
            if (who, dim, extra) not in cells.values:
                parts.append(cells.add((who, dim, extra), 0))
        cells.sums.append(Sum((who, "total"), tuple(parts)))
        cells.total((who, dim, "@recorded"), [p for p in parts if p[2] != NOT_KNOWN])


def _group_cell(
    cells: _Cells, prefix: Key, counts: Mapping[str, int], members: frozenset[str], scheme: Any
) -> Key:
    """The sum of the categories of ``counts`` in the broad groups ``members``."""
    parts = [
        (*prefix, key)
        for key in counts
        if key not in UNDECLARED and scheme.group_of(key) in members
    ]
    return cells.total((*prefix, "#", *sorted(members)), parts)


def _entry_cells(cells: _Cells, started: Key, process: Any, dim: str, scheme: Any) -> Key:
    """The people who entered a process, by broad group (and those who did not say),
    summing to ``started``. Categories are not published, so they are not cells."""
    prefix: Key = ("p", process.id, dim)
    groups: dict[str, int] = {}
    for key, n in process.by_strand[dim].items():
        group = key if key in UNDECLARED else scheme.group_of(key)
        groups[group] = groups.get(group, 0) + n
    for extra in UNDECLARED:
        groups.setdefault(extra, 0)
    parts = tuple(cells.add((*prefix, group), n) for group, n in sorted(groups.items()))
    cells.sums.append(Sum(started, parts))
    return prefix


def _entries_of(cells: _Cells, prefix: Key, members: frozenset[str]) -> Key:
    parts = [(*prefix, m) for m in sorted(members) if (*prefix, m) in cells.values]
    if len(parts) == 1:
        return parts[0]
    return cells.total((*prefix, "#", *sorted(members)), parts)


def _process_cells(cells: _Cells, p: Process, scheme: CategoryScheme) -> None:
    """One process: started, closed (in time and late), outcomes, and the people who
    entered it by group."""
    s = cells.add(("p", p.id, "started"), p.started)
    if p.closed is not None:
        c = cells.add(("p", p.id, "closed"), p.closed)
        if p.closed_in_time is not None and p.closed_in_time <= p.closed:
            t = cells.add(("p", p.id, "in_time"), p.closed_in_time)
            late = cells.add(("p", p.id, "late"), p.closed - p.closed_in_time)
            cells.sums.append(Sum(c, (t, late)))
        if p.outcomes and sum(p.outcomes.values()) == p.closed:
            outs = [cells.add(("p", p.id, "out", o), n) for o, n in p.outcomes.items()]
            cells.sums.append(Sum(c, tuple(outs)))
    for dim in p.by_strand:
        if p.adds_up(dim) and dim in scheme.dimensions:
            _entry_cells(cells, s, p, dim, scheme.dimensions[dim])


def layout_return(m: ReturnMeasures, scheme: CategoryScheme) -> ReturnCells:
    """One return's published counts, the sums that tie them, what each costs to
    hide, and the four cells under each relative likelihood (by its index in
    ``m.likelihoods``)."""
    w = m.ret
    cells = _Cells()
    _profile_cells(cells, "staff", w.staff.total, w.staff.profile)
    if w.volunteers is not None:
        _profile_cells(cells, "volunteers", w.volunteers.total, w.volunteers.profile)
    for p in w.processes:
        _process_cells(cells, p, scheme)
    for i, team in enumerate(w.training):
        d = cells.add(("t", i, "due"), team.due)
        k = cells.add(("t", i, "completed"), team.completed)
        if team.completed <= team.due:
            rest = cells.add(("t", i, "not_completed"), team.due - team.completed)
            cells.sums.append(Sum(d, (k, rest)))
    under: dict[int, tuple[Key, Key, Key, Key]] = {}
    for i, v in enumerate(m.likelihoods):
        dimension = scheme.dimensions.get(v.dimension)
        if dimension is None:
            continue
        profile = w.staff.profile[v.dimension]
        prefix: Key = ("p", v.process, v.dimension)
        under[i] = (
            _entries_of(cells, prefix, v.group.keys),
            _group_cell(cells, ("staff", v.dimension), profile, v.group.keys, dimension),
            _entries_of(cells, prefix, v.comparison.keys),
            _group_cell(cells, ("staff", v.dimension), profile, v.comparison.keys, dimension),
        )
    # What to hide first when more must go: the parts nobody reads on their own (the
    # cases closed late, those who did not say), then categories, then totals, and the
    # counts under a relative likelihood last: they carry the story.
    cost = _costs(cells.values)
    cost.update({key: 3 for keys in under.values() for key in keys})
    return ReturnCells(cells, cost, under)


def _costs(values: Mapping[Key, int]) -> dict[Key, int]:
    cost: dict[Key, int] = {}
    for key in values:
        last = key[-1]
        if last in ("late", "not_completed") or last in UNDECLARED:
            cost[key] = 0
        elif "#" in key:
            cost[key] = 3
        elif last in ("total", "started", "due", "closed", "@recorded"):
            cost[key] = 2
        else:
            cost[key] = 1
    return cost


@dataclass(frozen=True, slots=True)
class ReturnCells:
    cells: _Cells
    cost: dict[Key, int]
    under: dict[int, tuple[Key, Key, Key, Key]]


def atom(return_id: str, key: Key) -> str:
    """The atom of one count of a return."""
    return "|".join(["wf", return_id, *(str(part) for part in key)])


def figure(return_id: str, key: Key) -> Figure:
    return Figure.sum(atom(return_id, key))


def _grouped_rows(layout: ReturnCells, m: ReturnMeasures, scheme: CategoryScheme) -> None:
    """A profile compared by broad group publishes each group's count: each is a sum
    of the return's categories, so it is a cell too."""
    for d in m.profile:
        dimension = scheme.dimensions.get(d.id)
        if not d.grouped or dimension is None:
            continue
        counts = m.ret.staff.profile[d.id]
        for row in d.categories:
            key = _group_cell(layout.cells, ("staff", d.id), counts, frozenset({row.id}), dimension)
            layout.cost.setdefault(key, 1)


def return_layout(m: ReturnMeasures, scheme: CategoryScheme) -> ReturnCells:
    """Every published count of the return ``m`` measures (see the module's docstring)."""
    found = layout_return(m, scheme)
    _grouped_rows(found, m, scheme)
    return found


def contribution(repo: Repository) -> Contribution:
    """Every workforce return's table of the grid."""
    config = repo.config
    scheme = category_scheme(config)
    population = population_profile(repo)
    counts = {k: dict(d.categories) for k, d in population.dimensions.items()} if population else {}
    layout = Layout(KIND)
    for w in sorted(repo.workforce, key=lambda w: w.id):
        found = return_layout(measure(w, config, scheme, counts, set()), scheme)
        cells: list[Cell] = []
        for key, value in found.cells.values.items():
            layout.atom(atom(w.id, key), value)
            made = figure(w.id, key)
            # Old costs run from 0 (late, did not say) to 3 (groups compared).
            layout.weigh(made, found.cost[key] + 1)
            cells.append(Cell(" ".join(str(part) for part in key), made))
        layout.tables.append(Table(f"workforce return {w.id}", tuple(cells)))
        for line in found.cells.sums:
            terms: dict[Figure, int] = {figure(w.id, line.total): 1}
            for part in line.parts:
                terms[figure(w.id, part)] = terms.get(figure(w.id, part), 0) - 1
            layout.statements.append(
                Statement.of(terms, Relation.EQUAL, 0, f"{w.id}: {line.total} adds up")
            )
    return layout.done()
