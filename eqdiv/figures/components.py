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

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from eqdiv.figures.audit import (
    Cell,
    Disclosure,
    Exact,
    Figure,
    Published,
    Relation,
    Statement,
    Table,
)
from eqdiv.figures.protection import Cost, Labels, Protection, Why, label, people, protect


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
    """``protect`` applied to each part of the grid on its own (a large one block by
    block), as one protection of the whole grid: what ``eqdiv.figures.publication``
    does, keeping each part and block."""
    return merge(
        tables,
        [
            protect_part(part, values, threshold, cost=cost, labels=labels)
            for part in split(tables, statements)
        ],
        threshold,
        labels,
    )


def whole(part: Part, values: Mapping[str, int]) -> Block:
    """``part`` as one block (a part not cut up)."""
    return Block(
        part.tables,
        {a: values[a] for a in part.atoms},
        part.statements,
        {},
        None,
        frozenset(),
        {f: f for f in part.figures},
    )


def cut(part: Part, values: Mapping[str, int], threshold: int) -> tuple[Block, ...]:
    """The blocks ``part`` is protected in: itself, or, when large, its blocks."""
    return blocks(part, values, threshold) if blocked(part) else (whole(part, values),)


def protect_part(
    part: Part,
    values: Mapping[str, int],
    threshold: int = 10,
    *,
    cost: Cost = people,
    labels: Labels = Labels.UNIFORM,
) -> Protection:
    """The protection of one part: whole, or block by block when it is large (with
    uniform labels, the only ones the blocks are made for)."""
    if labels is not Labels.UNIFORM:
        return protect(
            part.tables,
            {a: values[a] for a in part.atoms},
            threshold,
            cost=cost,
            labels=labels,
            statements=part.statements,
        )
    made = cut(part, values, threshold)
    return assemble(
        part,
        made,
        [b.protect(threshold, block_cost(b, cost)) for b in made],
        values,
        threshold,
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


# -- a large part, block by block ----------------------------------------------------
#
# A published total over many records (coverage of a quarter, of a year) links every
# record it sums into one part, and the protection of one part costs about the square
# of its size (every count to protect asks an integer programme over the whole part):
# minutes for a few hundred consultations, hours for thousands, and all of it again
# whenever one count changes. A part of more than ``UNITS`` records is therefore
# protected in blocks of a few records each (``BLOCK`` on average), each block on its
# own, as follows; a smaller part is protected whole, as above.
#
# A block's programme is the whole part's with every atom outside the block held at
# its true count. Each figure wholly inside the block is itself; a total that reaches
# outside (women in a quarter) becomes the block's share of it (women at the block's
# activities in that quarter) plus a pinned atom, which is 0, or, for the one block
# that answers for a small total (1 to threshold-1), the rest of the total, so that
# the figure there is the total itself. A share is held fixed (the total is shown)
# unless the total is small (hidden, so free) or the block's own protector hides it
# (then the total is hidden in the whole grid). Shares and pinned atoms are not checked
# as counts to protect: a total is protected by the block that answers for it (when
# small) or by the one that hid it (its move is the proof).
#
# Why the union of the blocks' patterns protects the whole grid: a block's programme
# has every constraint of the whole grid's over its atoms (a share held fixed is its
# total held fixed with the other atoms at their counts), and more (a total another
# block hides is held fixed here; the atoms outside are fixed). Its solutions are
# solutions of the whole grid, and stay so as other blocks hide more (hiding only
# takes constraints away). Every count the block protects has such a solution in which
# it takes another value (outside 1..threshold-1 when small): the proof that it is
# protected in the whole grid. The price is some hiding a whole-part protection would
# have avoided (a block cannot lean on records outside it), never a disclosure; the
# disclosure audit solves every table at once and checks it.
#
# Blocks are cut by record: records counted in the same totals (the same quarters and
# years) together, in the grid's order, cut where a record's name hashes to a
# boundary, so that adding, removing or editing one record changes its own block and
# no other; records linked by a statement stay in one block. A block's key (its
# figures, counts, statements and which totals are small) changes only when its own
# counts change or a total it shares crosses the threshold.

UNITS = 40
BLOCK = 16


def unit(atom: str) -> str:
    """The record an atom belongs to: its name up to the first ``|`` (an activity's
    id for coverage; a record kind for the other kinds, which are never split)."""
    return atom.split("|", 1)[0]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a large part, laid out as a grid of its own for ``protect``."""

    tables: tuple[Table, ...]
    values: Mapping[str, int]
    statements: tuple[Statement, ...]
    upper_bounds: Mapping[str, int]
    primary: frozenset[Figure] | None  # None: those from 1 to threshold-1
    exempt: frozenset[Figure]
    # Each figure of the block that stands for a figure of the grid: itself, or a
    # total's share plus its pinned atom for the total.
    stands_for: Mapping[Figure, Figure]
    # How many blocks a total reaches, for each share of one: hiding a share hides
    # the whole total, dearer than its share's people say, so its cost is the share's
    # times this (about the total's, and changed by no edit to another block).
    reach: Mapping[Figure, int] = field(default_factory=dict)

    def cost(self, figure: Figure, value: int, weight: Cost) -> float:
        """The cost of hiding ``figure`` of the block, by ``weight`` of the grid's."""
        return weight(self.stands_for[figure], value) * self.reach.get(figure, 1)

    def protect(self, threshold: int, cost: Cost) -> Protection:
        return protect(
            self.tables,
            self.values,
            threshold,
            cost=cost,
            statements=self.statements,
            upper_bounds=self.upper_bounds,
            primary=self.primary,
            exempt=self.exempt,
        )


def block_cost(block: Block, cost: Cost) -> Cost:
    """``cost`` of the grid's figures, for the block's figures standing for them (a
    total's share costs what its own people cost, at the total's weight)."""
    return lambda figure, value: block.cost(figure, value, cost)


def blocked(part: Part) -> bool:
    """Whether ``part`` is protected block by block: more than ``UNITS`` records, and
    every figure a sum (so a total's share is never more than the total)."""
    return len({unit(a) for a in part.atoms}) > UNITS and all(
        c > 0 for f in part.figures for _, c in f.terms
    )


def _boundary(name: str) -> bool:
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % BLOCK == 0


def _pin(figure: Figure) -> str:
    """The pinned atom of a total's share: named by the total, never a record's."""
    return "\0share|" + hashlib.blake2b(repr(figure.terms).encode(), digest_size=12).hexdigest()


def _groups(part: Part) -> list[list[str]]:
    """The records of ``part`` in the grid's order, grouped by the totals they are
    counted in (the same quarters and years): the records a move at one can be
    balanced against."""
    order: dict[str, int] = {}
    for table in part.tables:
        for cell in table.cells:
            for atom in cell.figure.atoms:
                order.setdefault(unit(atom), len(order))
    for atom in part.atoms:
        order.setdefault(unit(atom), len(order))
    totals: dict[str, set[int]] = {name: set() for name in order}
    for i, table in enumerate(part.tables):
        for cell in table.cells:
            records = {unit(a) for a in cell.figure.atoms}
            if len(records) > 1:
                for name in records:
                    totals[name].add(i)
    groups: dict[frozenset[int], list[str]] = {}
    for name in order:
        groups.setdefault(frozenset(totals[name]), []).append(name)
    return list(groups.values())


def _chunks(part: Part) -> dict[str, int]:
    """Each record of ``part`` and its block's number (see above)."""
    chunk: dict[str, int] = {}
    count = 0
    for names in _groups(part):
        size = 0
        for name in names:
            chunk[name] = count
            size += 1
            if _boundary(name) or size >= 4 * BLOCK:
                count += 1
                size = 0
        count += 1 if size else 0
    # Records one statement links stay together: join their chunks, numbered by the
    # first of them.
    join = _Union()
    for s in part.statements:
        join.join(f"{chunk[unit(a)]:09d}" for a in s.atom_terms())
    first: dict[str, int] = {}
    for c in sorted(set(chunk.values())):
        first.setdefault(join.find(f"{c:09d}"), c)
    return {name: first[join.find(f"{c:09d}")] for name, c in chunk.items()}


def blocks(part: Part, values: Mapping[str, int], threshold: int) -> tuple[Block, ...]:
    """``part`` cut into blocks (see above), in the grid's order. Each figure, cell,
    atom and statement is visited once, whatever the number of blocks."""
    block_of = _chunks(part)
    numbers = sorted(set(block_of.values()))
    builders = {b: _Builder(b, threshold) for b in numbers}
    stands: dict[Figure, dict[int, Figure]] = {}
    for f in part.figures:
        shares: dict[int, list[tuple[str, int]]] = {}
        for a, k in f.terms:
            shares.setdefault(block_of[unit(a)], []).append((a, k))
        total = f.value(values)
        if len(shares) == 1:
            (b,) = shares
            stands[f] = {b: builders[b].add(f, total)}
            continue
        pin = _pin(f)
        first = min(shares)
        stands[f] = {
            b: builders[b].add(f, total, share, pin, first == b, values, len(shares))
            for b, share in sorted(shares.items())
        }
    for t in part.tables:
        rows: dict[int, list[Cell]] = {}
        for cell in t.cells:
            for b, stand in stands[cell.figure].items():
                rows.setdefault(b, []).append(Cell(cell.label, stand))
        for b, cells in rows.items():
            builders[b].tables.append(Table(t.name, tuple(cells)))
    for atom in part.atoms:
        builders[block_of[unit(atom)]].values[atom] = values[atom]
    for s in part.statements:
        builders[block_of[unit(next(iter(s.atom_terms())))]].statements.append(s)
    return tuple(builders[b].block() for b in numbers)


class _Builder:
    """One block being laid out (see ``blocks``)."""

    def __init__(self, number: int, threshold: int) -> None:
        self.number = number
        self.threshold = threshold
        self.tables: list[Table] = []
        self.values: dict[str, int] = {}
        self.statements: list[Statement] = []
        self.pins: dict[str, int] = {}
        self.primary: set[Figure] = set()
        self.exempt: set[Figure] = set()
        self.stands_for: dict[Figure, Figure] = {}
        self.reach: dict[Figure, int] = {}

    def add(
        self,
        f: Figure,
        total: int,
        share: Sequence[tuple[str, int]] = (),
        pin: str = "",
        answers: bool = False,
        values: Mapping[str, int] | None = None,
        reach: int = 1,
    ) -> Figure:
        """What stands for the grid's figure ``f`` (of value ``total``) in this block:
        itself when wholly inside; else its ``share`` of atoms here and its ``pin``
        atom, the rest of the total when this block ``answers`` for it (if small)."""
        small = 1 <= total <= self.threshold - 1
        if not share:
            stand = f
        else:
            assert values is not None
            answers = answers and small
            self.pins[pin] = total - sum(c * values[a] for a, c in share) if answers else 0
            stand = Figure((*share, (pin, 1)))
            self.reach[stand] = reach
            self.exempt.add(Figure.sum(pin))
            if not answers:
                self.exempt.add(stand)
        if small:
            self.primary.add(stand)
        self.stands_for[stand] = f
        return stand

    def block(self) -> Block:
        self.values.update(self.pins)
        self.statements += [
            Statement.of({Figure.sum(pin): 1}, Relation.AT_LEAST, rest, "the rest of a small total")
            for pin, rest in self.pins.items()
            if rest
        ]
        return Block(
            tuple(self.tables),
            self.values,
            tuple(self.statements),
            self.pins,
            frozenset(self.primary),
            frozenset(self.exempt),
            self.stands_for,
            self.reach,
        )


def assemble(
    part: Part,
    parts: Sequence[Block],
    protections: Sequence[Protection],
    values: Mapping[str, int],
    threshold: int,
) -> Protection:
    """The protection of ``part`` from its blocks': a figure is hidden when it is small
    or any block hides what stands for it there."""
    if len(parts) == 1 and parts[0].primary is None:
        return protections[0]  # the part whole
    why: dict[Figure, Why] = {}
    unresolved: list[Disclosure] = []
    for block, made in zip(parts, protections, strict=True):
        for figure, reason in made.hidden.items():
            real = block.stands_for.get(figure)
            if real is not None and (reason is Why.PRIMARY or real not in why):
                why[real] = reason
        unresolved.extend(
            Disclosure(block.stands_for.get(d.cell, d.cell), d.low, d.high, d.reason, d.where)
            for d in made.unresolved
        )
    figures = part.figures
    return Protection(
        threshold,
        Labels.UNIFORM,
        figures,
        {
            f: label(why[f], threshold, Labels.UNIFORM) if f in why else Exact(f.value(values))
            for f in figures
        },
        {f: why[f] for f in figures if f in why},
        tuple(unresolved),
    )
