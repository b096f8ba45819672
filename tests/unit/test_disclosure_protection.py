"""Consistent protection over a grid of tables, and honest verdicts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqdiv.figures.audit import (
    Between,
    Disclosure,
    Exact,
    Figure,
    Hidden,
    PublishedTable,
    Reason,
    Statement,
    Table,
    ZeroOr,
    audit,
    domain,
)
from eqdiv.figures.protection import Labels, Why, protect, verdict_allowed
from tests.disclosure_support import per_table, table

A, B, C = Figure.sum("a"), Figure.sum("b"), Figure.sum("c")
TOTAL = Figure.sum("a", "b", "c")
ONE_TABLE = [table("T", {"a": A, "b": B, "c": C, "total": TOTAL})]


@pytest.mark.parametrize("labels", list(Labels))
def test_a_small_cell_and_its_total_hide_the_cheapest_sibling(labels: Labels) -> None:
    protection = protect(ONE_TABLE, {"a": 3, "b": 12, "c": 20}, labels=labels)
    assert dict(protection.hidden) == {A: Why.PRIMARY, B: Why.SECONDARY}
    assert protection.published[C] == Exact(20)
    assert protection.published[TOTAL] == Exact(35)
    assert audit(protection.publish(ONE_TABLE)).ok


def test_beside_fewer_than_10_a_hidden_zero_protects_nothing_so_a_larger_cell_goes() -> None:
    # Under "fewer than 10" labels a hidden 0 reads "0 or 10+", and 0 + 4 <= 24 - 20
    # keeps it 0: the 20 must go instead. Read plainly as "hidden", the 0 does the job.
    values = {"a": 4, "b": 0, "c": 20}
    small = protect(ONE_TABLE, values, labels=Labels.SMALL)
    assert dict(small.hidden) == {A: Why.PRIMARY, C: Why.SECONDARY}
    assert small.published[A] == Between(1, 9)
    assert small.published[C] == ZeroOr(10)
    uniform = protect(ONE_TABLE, values, labels=Labels.UNIFORM)
    assert dict(uniform.hidden) == {A: Why.PRIMARY, B: Why.SECONDARY}
    assert uniform.published[A] == uniform.published[B] == Hidden()
    for protection in (small, uniform):
        assert audit(protection.publish(ONE_TABLE)).ok


# Two overlapping outputs and a third: the first quarter (activities x and y), the
# year (x, y, z) and activity z on its own, each by sex.
def _by_sex(name: str, activities: str) -> Table:
    men = Figure.sum(*(f"men/{a}" for a in activities))
    women = Figure.sum(*(f"women/{a}" for a in activities))
    total = Figure.sum(*men.atoms, *women.atoms)
    return table(name, {"men": men, "women": women, "total": total})


DIFFERENCING = [_by_sex("Q1", "xy"), _by_sex("year", "xyz"), _by_sex("activity z", "z")]
DIFFERENCING_VALUES = {
    "men/x": 3, "men/y": 1, "men/z": 10, "women/x": 8, "women/y": 8, "women/z": 10,
}  # fmt: skip
Q1_MEN = Figure.sum("men/x", "men/y")


@pytest.mark.parametrize("labels", list(Labels))
def test_per_table_suppression_leaks_by_differencing(labels: Labels) -> None:
    # Q1 hides its 4 men (and so its 16 women); the year and activity z are all 10 or
    # more and show everything: 14 men in the year less 10 at z is 4.
    old = per_table(DIFFERENCING, DIFFERENCING_VALUES, labels)
    assert (old[0].cells[0].label, old[0].cells[0].published) == (
        "men",
        Between(1, 9) if labels is Labels.SMALL else Hidden(),
    )
    result = audit(old)
    assert Disclosure(Q1_MEN, 4, 4, Reason.EXACT, ("Q1: men",)) in result.disclosures


@pytest.mark.parametrize("labels", list(Labels))
def test_consistent_protection_of_the_same_tables_does_not(labels: Labels) -> None:
    protection = protect(DIFFERENCING, DIFFERENCING_VALUES, labels=labels)
    published = protection.publish(DIFFERENCING)
    assert audit(published).ok
    _assert_consistent_and_true(published, DIFFERENCING_VALUES)
    assert protection.hidden[Q1_MEN] is Why.PRIMARY
    assert len(protection.hidden) > 2  # more than the old method's Q1 men and women


def test_the_same_input_gives_the_same_pattern_in_any_process() -> None:
    # Python salts string hashes per process; nothing may depend on set order.
    script = (
        "from tests.unit.test_disclosure_protection import DIFFERENCING, DIFFERENCING_VALUES\n"
        "from eqdiv.figures.protection import protect\n"
        "p = protect(DIFFERENCING, DIFFERENCING_VALUES)\n"
        "print(sorted((str(f), w.value) for f, w in p.hidden.items()))\n"
    )
    root = Path(__file__).resolve().parents[2]
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
    here = protect(DIFFERENCING, DIFFERENCING_VALUES)
    assert runs == {f"{sorted((str(f), w.value) for f, w in here.hidden.items())}\n"}


def test_a_threshold_of_1_hides_nothing() -> None:
    protection = protect(ONE_TABLE, {"a": 3, "b": 12, "c": 20}, threshold=1)
    assert not protection.hidden


def test_a_false_statement_is_refused() -> None:
    false = Statement.of({A: 1}, ">", 5)
    with pytest.raises(ValueError, match="not true"):
        protect(ONE_TABLE, {"a": 3, "b": 12, "c": 20}, statements=[false])


def test_a_statement_no_hiding_can_protect_is_reported_unresolved() -> None:
    pinned = [Statement.of({A: 1}, "<=", 3), Statement.of({A: 1}, ">=", 3)]
    protection = protect(ONE_TABLE, {"a": 3, "b": 12, "c": 20}, statements=pinned)
    assert [(d.cell, d.low, d.high) for d in protection.unresolved] == [(A, 3, 3)]


# The 23-person consultation: 19 women, 3 men, 1 did not say.
WOMEN, MEN, NOT_KNOWN = Figure.sum("women"), Figure.sum("men"), Figure.sum("not known")
SAID = Figure.sum("women", "men")
ASKED = Figure.sum("women", "men", "not known")
CONSULTATION = [
    table(
        "cons-23",
        {"women": WOMEN, "men": MEN, "said": SAID, "not known": NOT_KNOWN, "asked": ASKED},
    )
]
PEOPLE = {"women": 19, "men": 3, "not known": 1}
# Men are 49% of the area; "under-represented" means a ratio below 0.8, that is
# men < 0.8 * 0.49 * said (expected 10.8; 3 is far below).
UNDER = Statement.of({MEN: 1, SAID: -Fraction("0.8") * Fraction("0.49")}, "<", 0, "men under")


def test_the_23_person_consultation_may_say_men_were_under_represented() -> None:
    protection = protect(CONSULTATION, PEOPLE)
    check = verdict_allowed(protection, CONSULTATION, UNDER, PEOPLE)
    assert check.allowed
    assert check.disclosures == ()
    # It does narrow what a reader allows the men, which a strict policy refuses.
    assert any(r.cell == MEN for r in check.narrowed)
    assert not verdict_allowed(protection, CONSULTATION, UNDER, PEOPLE, strict=True).allowed


def test_a_verdict_that_pins_a_hidden_count_is_withheld() -> None:
    protection = protect(CONSULTATION, PEOPLE)
    exactly_three = [Statement.of({MEN: 1}, "<=", 3), Statement.of({MEN: 1}, ">=", 3)]
    check = verdict_allowed(protection, CONSULTATION, exactly_three, PEOPLE)
    assert not check.allowed
    assert [(d.cell, d.low, d.high) for d in check.disclosures] == [(MEN, 3, 3)]


def test_a_false_verdict_is_never_checked_for_publication() -> None:
    protection = protect(CONSULTATION, PEOPLE)
    over = Statement.of({MEN: 1, SAID: -Fraction("1.2") * Fraction("0.49")}, ">", 0)
    with pytest.raises(ValueError, match="not true"):
        verdict_allowed(protection, CONSULTATION, over, PEOPLE)


# -- the property ----------------------------------------------------------------------


def _assert_consistent_and_true(
    published: Sequence[PublishedTable], values: Mapping[str, int]
) -> None:
    """Every shown figure is its true value, every hidden one's label holds its true
    value, and each figure reads the same in every table."""
    seen: dict[Figure, object] = {}
    for t in published:
        for cell in t.cells:
            true = cell.figure.value(values)
            if isinstance(cell.published, Exact):
                assert cell.published.value == true
            else:
                assert domain(cell.published).holds(true)
            assert seen.setdefault(cell.figure, cell.published) == cell.published


@st.composite
def grids(draw: st.DrawFn) -> tuple[list[Table], dict[str, int]]:
    """Small families of overlapping tables: sub-sums of random atoms (like
    activities in overlapping periods), with small, zero and larger counts."""
    n = draw(st.integers(3, 7))
    atoms = [f"x{i}" for i in range(n)]
    count = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 40))
    values = {a: draw(count) for a in atoms}
    subset = st.lists(st.sampled_from(atoms), min_size=1, max_size=n, unique=True)
    tables = []
    for t in range(draw(st.integers(1, 4))):
        parts = draw(st.lists(subset, min_size=1, max_size=4))
        cells = {f"f{i}": Figure.sum(*p) for i, p in enumerate(parts)}
        if draw(st.booleans()):
            cells["total"] = Figure.sum(*sorted({a for p in parts for a in p}))
        tables.append(table(f"t{t}", cells))
    return tables, values


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(grids(), st.sampled_from(list(Labels)))
def test_after_protection_no_count_can_be_worked_out(
    grid: tuple[list[Table], dict[str, int]], labels: Labels
) -> None:
    tables, values = grid
    protection = protect(tables, values, labels=labels)
    published = protection.publish(tables)
    _assert_consistent_and_true(published, values)
    for figure, why in protection.hidden.items():
        small = 1 <= figure.value(values) <= 9
        assert (why is Why.PRIMARY) == small
    found = audit(published)
    if labels is Labels.UNIFORM:
        assert found.ok, found.disclosures
        assert protection.unresolved == ()
        return
    # Beside "fewer than 10" cells, a "hidden" cell says "0 or 10 and more", and the
    # labels together can place a count within 1..9 whatever else is hidden. Those,
    # and only those, may remain: each is reported, and still there with every figure
    # hidden.
    assert {d.cell for d in found.disclosures} <= {d.cell for d in protection.unresolved}
    everything = protect(tables, values, labels=labels, threshold=10)
    hidden_all = [
        PublishedTable(
            t.name,
            tuple(
                c.__class__(c.label, c.figure, _label_for(c.figure.value(values))) for c in t.cells
            ),
        )
        for t in everything.publish(tables)
    ]
    inherent = {d.cell for d in audit(hidden_all).disclosures}
    assert {d.cell for d in found.disclosures} <= inherent


def _label_for(value: int) -> Between | ZeroOr:
    return Between(1, 9) if 1 <= value <= 9 else ZeroOr(10)
