"""The grid split into parts that no published figure or statement links.

Why a part may be protected on its own. What a reader can learn is the set of
whole-number counts of the atoms that fit everything published (the attacker's model,
``eqdiv.figures.audit``): each shown figure fixes a sum of atoms, each hidden one bounds
a sum of atoms, each statement bounds a sum of atoms, and every atom is a count from 0.
Each of those constraints names the atoms of one figure or one statement. When the atoms
fall into groups such that no figure and no statement names atoms of two groups, the
set of solutions is the product of each group's solutions: whatever a reader assumes of
one group's atoms leaves every other group's solutions as they were. The least and
greatest value of any figure (of one group, as every figure is) is then the same
whether worked out from its own group's figures and statements or from the whole grid,
so a pattern of hidden figures that protects each group against its own figures
protects the whole grid (the disclosure audit over every table at once still finds
nothing), and the protector's proof for a count (another solution in which it differs)
stays a solution of the whole grid with the other groups at their true counts.

The same holds for a verdict published beside the tables: its statement names the atoms
of its category's count and of the people who said, which one coverage table already
sums together, so it falls in one part and can only give away counts of that part.

The parts are the connected components of the graph whose nodes are atoms, with an edge
between atoms that one figure or one statement names together. A table whose figures
fall in several parts (an activity whose answers about one dimension do not add up to
the people who took part, say) is split cell by cell; every part keeps the grid's order
of tables and cells, so its protection (which works through figures in that order) is
the same whatever else the grid holds.

A published total over everything (coverage of a quarter sums every activity in it,
of a year every activity in the year; an activity that runs across the end of a year
counts in both) links all it sums into one part: the split helps where record kinds and
periods are apart, not within one year of consultations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from eqdiv.figures.audit import Cell, Disclosure, Figure, Published, Statement, Table
from eqdiv.figures.protection import Cost, Labels, Protection, Why, people, protect


@dataclass(frozen=True, slots=True)
class Part:
    """One connected part of the grid: its tables (each keeping only its cells in
    this part, in the grid's order), the statements over its atoms, and its atoms."""

    tables: tuple[Table, ...]
    statements: tuple[Statement, ...]
    atoms: tuple[str, ...]

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(dict.fromkeys(c.figure for t in self.tables for c in t.cells))


class _Union:
    """Union-find over atom names (path halving; the smaller root joins the larger)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def find(self, atom: str) -> str:
        parent = self.parent
        if atom not in parent:
            parent[atom] = atom
            self.size[atom] = 1
            return atom
        while parent[atom] != atom:
            parent[atom] = parent[parent[atom]]
            atom = parent[atom]
        return atom

    def join(self, atoms: Iterable[str]) -> None:
        it = iter(atoms)
        first = next(it, None)
        if first is None:
            return
        root = self.find(first)
        for atom in it:
            other = self.find(atom)
            if other == root:
                continue
            if self.size[other] > self.size[root]:
                root, other = other, root
            self.parent[other] = root
            self.size[root] += self.size[other]


def split(tables: Sequence[Table], statements: Sequence[Statement] = ()) -> tuple[Part, ...]:
    """The parts of the grid ``tables`` with ``statements`` (see the module's
    docstring), in the order of their first figure in the grid. Statements over atoms
    no table shows make parts of their own, after the others."""
    union = _Union()
    for table in tables:
        for cell in table.cells:
            union.join(cell.figure.atoms)
    statement_atoms = [tuple(s.atom_terms()) for s in statements]
    for atoms in statement_atoms:
        union.join(atoms)
    order: dict[str, int] = {}
    cells: dict[str, dict[int, list[Cell]]] = {}  # root -> table's index -> its cells
    for index, table in enumerate(tables):
        for cell in table.cells:
            root = union.find(cell.figure.terms[0][0])
            order.setdefault(root, len(order))
            cells.setdefault(root, {}).setdefault(index, []).append(cell)
    said: dict[str, list[Statement]] = {}
    for statement, atoms in zip(statements, statement_atoms, strict=True):
        if not atoms:
            continue  # says nothing of any count (0 = 0): no part needs it
        root = union.find(atoms[0])
        order.setdefault(root, len(order))
        said.setdefault(root, []).append(statement)
    atoms_of: dict[str, list[str]] = {}
    for atom in union.parent:
        atoms_of.setdefault(union.find(atom), []).append(atom)
    parts = []
    for root in sorted(order, key=order.__getitem__):
        by_table = cells.get(root, {})
        parts.append(
            Part(
                tuple(
                    Table(t.name, tuple(by_table[i])) for i, t in enumerate(tables) if i in by_table
                ),
                tuple(said.get(root, ())),
                tuple(sorted(atoms_of[root])),
            )
        )
    return tuple(parts)


def protect_parts(
    tables: Sequence[Table],
    values: Mapping[str, int],
    threshold: int = 10,
    *,
    cost: Cost = people,
    labels: Labels = Labels.UNIFORM,
    statements: Sequence[Statement] = (),
) -> Protection:
    """``protect`` applied to each part of the grid on its own, as one protection of
    the whole grid (what ``eqdiv.figures.publication`` does, keeping each part)."""
    return merge(
        tables,
        [
            protect(
                part.tables,
                {a: values[a] for a in part.atoms},
                threshold,
                cost=cost,
                labels=labels,
                statements=part.statements,
            )
            for part in split(tables, statements)
        ],
        threshold,
        labels,
    )


def merge(
    tables: Sequence[Table],
    protections: Sequence[Protection],
    threshold: int,
    labels: Labels = Labels.UNIFORM,
) -> Protection:
    """The protections of the parts of ``tables`` as one, over the whole grid in its
    order (every figure is in exactly one part). The parts' witnesses, counts over
    their own atoms only, are not carried over: whoever needs them (the verdicts)
    takes them part by part."""
    published: dict[Figure, Published] = {}
    why: dict[Figure, Why] = {}
    unresolved: list[Disclosure] = []
    for made in protections:
        published.update(made.published)
        why.update(made.hidden)
        unresolved.extend(made.unresolved)
    figures = tuple(dict.fromkeys(c.figure for t in tables for c in t.cells))
    return Protection(
        threshold,
        labels,
        figures,
        {f: published[f] for f in figures},
        {f: why[f] for f in figures if f in why},
        tuple(unresolved),
    )
