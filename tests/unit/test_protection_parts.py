"""The grid protected part by part (``eqdiv.figures.components``): parts that no figure
or statement links are found exactly, each part's protection is what it gets alone,
whatever else the grid holds, and the attacker who solves every table at once still
finds nothing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqdiv.figures import components
from eqdiv.figures.audit import Cell, Figure, Relation, Statement, Table, audit
from eqdiv.figures.components import blocked, blocks, protect_parts, split
from eqdiv.figures.protection import Labels, Why, protect
from tests.disclosure_support import table

Grid = tuple[list[list[Table]], list[list[Statement]], dict[str, int]]


@st.composite
def groups(draw: st.DrawFn) -> Grid:
    """One to three groups of atoms, each with its own small family of overlapping
    tables (sub-sums, with a total now and then) and, now and then, a statement that
    its first atoms add up to its last."""
    tables: list[list[Table]] = []
    statements: list[list[Statement]] = []
    values: dict[str, int] = {}
    count = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 40))
    for g in range(draw(st.integers(1, 3))):
        atoms = [f"g{g}|x{i}" for i in range(draw(st.integers(2, 6)))]
        values.update({a: draw(count) for a in atoms})
        subset = st.lists(st.sampled_from(atoms), min_size=1, max_size=len(atoms), unique=True)
        own = []
        for t in range(draw(st.integers(1, 3))):
            parts = draw(st.lists(subset, min_size=1, max_size=4))
            cells = {f"f{i}": Figure.sum(*p) for i, p in enumerate(parts)}
            if draw(st.booleans()):
                cells["total"] = Figure.sum(*sorted({a for p in parts for a in p}))
            own.append(table(f"g{g}t{t}", cells))
        tables.append(own)
        said = []
        if len(atoms) >= 3 and draw(st.booleans()):
            # The last atom is the sum of the others, and a reader is told so.
            values[atoms[-1]] = sum(values[a] for a in atoms[:-1])
            terms: dict[Figure, int] = {Figure.sum(a): 1 for a in atoms[:-1]}
            terms[Figure.sum(atoms[-1])] = -1
            said.append(Statement.of(terms, Relation.EQUAL, 0, f"g{g} adds up"))
        statements.append(said)
    return tables, statements, values


def interleaved(tables: Sequence[Sequence[Table]], mix: bool) -> list[Table]:
    """Every group's tables in one grid: one group after another, or (``mix``) with
    cells of several groups side by side in one table, as a report page shows them."""
    if not mix:
        return [t for own in tables for t in own]
    out = []
    longest = max(len(own) for own in tables)
    for i in range(longest):
        cells: list[Cell] = []
        for own in tables:
            if i < len(own):
                cells += [Cell(f"{own[i].name}: {c.label}", c.figure) for c in own[i].cells]
        out.append(Table(f"page {i}", tuple(cells)))
    return out


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(groups(), st.booleans())
def test_the_parts_are_the_connected_groups(grid: Grid, mix: bool) -> None:
    tables, statements, _ = grid
    whole = interleaved(tables, mix)
    said = [s for own in statements for s in own]
    parts = split(whole, said)
    part_of = {a: i for i, part in enumerate(parts) for a in part.atoms}
    assert len(part_of) == sum(len(p.atoms) for p in parts)  # no atom in two parts
    for t in whole:
        for cell in t.cells:
            assert len({part_of[a] for a in cell.figure.atoms}) == 1
    for s in said:
        assert len({part_of[a] for a in s.atom_terms()}) == 1
    # Each part is connected: from its first atom, its figures and statements reach all.
    for part in parts:
        links = [c.figure.atoms for t in part.tables for c in t.cells]
        links += [tuple(s.atom_terms()) for s in part.statements]
        reached = {part.atoms[0]}
        grew = True
        while grew:
            grew = False
            for atoms in links:
                if reached & set(atoms) and not set(atoms) <= reached:
                    reached |= set(atoms)
                    grew = True
        assert reached == set(part.atoms)
    # Every cell is in exactly one part, in the grid's order within its table.
    for t in whole:
        kept = [c for p in parts for pt in p.tables if pt.name == t.name for c in pt.cells]
        assert sorted(kept, key=t.cells.index) == list(t.cells)


@SETTINGS
@given(groups(), st.booleans(), st.sampled_from(list(Labels)))
def test_each_group_is_protected_as_it_is_alone(grid: Grid, mix: bool, labels: Labels) -> None:
    """Whatever other groups the grid holds, and however their cells are laid out
    beside a group's, the group's figures read as they do when it is the whole grid."""
    tables, statements, values = grid
    whole = interleaved(tables, mix)
    together = protect_parts(
        whole, values, labels=labels, statements=[s for own in statements for s in own]
    )
    for own, said in zip(tables, statements, strict=True):
        alone = protect_parts(own, values, labels=labels, statements=said)
        for figure, reads in alone.published.items():
            assert together.published[figure] == reads
        assert {f: w for f, w in together.hidden.items() if f in alone.published} == dict(
            alone.hidden
        )


@SETTINGS
@given(groups(), st.booleans())
def test_a_part_is_protected_as_protect_does_it_alone(grid: Grid, mix: bool) -> None:
    tables, statements, values = grid
    whole = interleaved(tables, mix)
    said = [s for own in statements for s in own]
    together = protect_parts(whole, values, statements=said)
    for part in split(whole, said):
        alone = protect(part.tables, {a: values[a] for a in part.atoms}, statements=part.statements)
        assert {f: together.published[f] for f in alone.published} == dict(alone.published)


@SETTINGS
@given(groups(), st.booleans())
def test_the_attacker_solving_every_table_at_once_finds_nothing(grid: Grid, mix: bool) -> None:
    tables, statements, values = grid
    whole = interleaved(tables, mix)
    said = [s for own in statements for s in own]
    protection = protect_parts(whole, values, statements=said)
    assert protection.unresolved == ()
    found = audit(protection.publish(whole), statements=said)
    assert found.ok, found.disclosures


def test_a_total_over_two_groups_joins_them_into_one_part() -> None:
    a, b = Figure.sum("a|x"), Figure.sum("b|x")
    apart = split([table("a", {"x": a}), table("b", {"x": b})])
    assert [p.atoms for p in apart] == [("a|x",), ("b|x",)]
    joined = split(
        [table("a", {"x": a}), table("b", {"x": b}), table("all", {"x": Figure.sum("a|x", "b|x")})]
    )
    assert [p.atoms for p in joined] == [("a|x", "b|x")]
    # A statement links what it names, as a figure does.
    linked = split(
        [table("a", {"x": a}), table("b", {"x": b})],
        [Statement.of({a: 1, b: -1}, Relation.AT_MOST, 0, "a <= b")],
    )
    assert [p.atoms for p in linked] == [("a|x", "b|x")]


@st.composite
def activities(draw: st.DrawFn) -> tuple[list[Table], list[Statement], dict[str, int]]:
    """Coverage in miniature: records (activities) of a few answer counts each, every
    one with its own table (the answers, and people who took part, said to add up to
    them now and then), and totals over runs of records (quarters, a year), by answer
    and over all people, which link the records into one part."""
    count = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 40))
    n = draw(st.integers(3, 9))
    answers = draw(st.integers(1, 3))
    values: dict[str, int] = {}
    tables: list[Table] = []
    statements: list[Statement] = []
    for i in range(n):
        atoms = [f"r{i}|a{j}" for j in range(answers)]
        values.update({a: draw(count) for a in atoms})
        cells = {f"answer {j}": Figure.sum(a) for j, a in enumerate(atoms)}
        people = f"r{i}|people"
        if draw(st.booleans()):
            values[people] = sum(values[a] for a in atoms)
            terms: dict[Figure, int] = {Figure.sum(a): 1 for a in atoms}
            terms[Figure.sum(people)] = -1
            statements.append(Statement.of(terms, Relation.EQUAL, 0, f"r{i} adds up"))
        else:
            values[people] = draw(count)
        cells["people"] = Figure.sum(people)
        tables.append(table(f"r{i}", cells))
    cuts = sorted(set(draw(st.lists(st.integers(1, n - 1), max_size=3))))
    # A record may run into the next period too, and count in both.
    runs = [
        range(a, min(n, b + draw(st.integers(0, 1))))
        for a, b in zip([0, *cuts], [*cuts, n], strict=True)
    ]
    for k, run in enumerate([*runs, range(n)]):
        cells = {f"answer {j}": Figure.sum(*(f"r{i}|a{j}" for i in run)) for j in range(answers)}
        cells["people"] = Figure.sum(*(f"r{i}|people" for i in run))
        tables.append(table(f"period {k}", cells))
    return tables, statements, values


@SETTINGS
@given(activities(), st.integers(1, 3))
def test_a_large_part_protected_in_blocks_discloses_nothing(
    grid: tuple[list[Table], list[Statement], dict[str, int]],
    block: int,
) -> None:
    """Totals over records make one part; cut into blocks of about ``block`` records
    (as a part of thousands of consultations is), each protected on its own, the
    attacker who solves every table at once still works out no count."""
    tables, statements, values = grid
    parts = split(tables, statements)
    with _blocks_of(block):
        # The totals link records: each answer's, and the people's, in one part
        # (joined when a record says its answers add up to its people).
        assert all(blocked(p) for p in parts)
        made = [b for p in parts for b in blocks(p, values, 10)]
        protection = protect_parts(tables, values, statements=statements)
    assert block > 1 or len(made) > len(parts)  # blocks of one record each
    assert protection.unresolved == ()
    for figure, why in protection.hidden.items():
        assert (why is Why.PRIMARY) == (1 <= figure.value(values) <= 9)
    assert {f for f in protection.figures if 1 <= f.value(values) <= 9} <= set(protection.hidden)
    found = audit(protection.publish(tables), statements=statements)
    assert found.ok, found.disclosures


@contextmanager
def _blocks_of(size: int) -> Iterator[None]:
    """Every part of more than one record is cut into blocks of about ``size``."""
    units, block = components.UNITS, components.BLOCK
    components.UNITS, components.BLOCK = 1, size
    try:
        yield
    finally:
        components.UNITS, components.BLOCK = units, block
