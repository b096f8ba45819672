"""The attacker's view: exact, hand-worked ranges."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from eqdiv.figures.audit import (
    Between,
    Disclosure,
    Exact,
    Figure,
    Hidden,
    Infeasible,
    Range,
    Reason,
    Relation,
    Statement,
    ZeroOr,
    audit,
)
from eqdiv.figures.programme import Row
from tests.disclosure_support import shown

A, B, C = Figure.sum("a"), Figure.sum("b"), Figure.sum("c")
TOTAL = Figure.sum("a", "b", "c")


def test_a_small_cell_beside_its_total_is_worked_out_exactly() -> None:
    # 3 + 12 + 20 = 35: hiding the 3 alone hides nothing.
    result = audit(
        [
            shown(
                "T",
                [
                    ("a", A, Between(1, 9)),
                    ("b", B, Exact(12)),
                    ("c", C, Exact(20)),
                    ("total", TOTAL, Exact(35)),
                ],
            )
        ]
    )
    assert result.disclosures == (Disclosure(A, 3, 3, Reason.EXACT, ("T: a",)),)
    assert not result.ok


def test_hiding_a_sibling_leaves_ranges_a_reader_cannot_narrow() -> None:
    # a + b = 15 with a "fewer than 10" (1..9) and b "hidden" (0 or 10+): a is 1..5
    # and b 10..14. Nothing is pinned, and a's range is no more than its label says.
    result = audit(
        [
            shown(
                "T",
                [
                    ("a", A, Between(1, 9)),
                    ("b", B, ZeroOr(10)),
                    ("c", C, Exact(20)),
                    ("total", TOTAL, Exact(35)),
                ],
            )
        ]
    )
    assert result.ok
    assert result.ranges == (Range(A, 1, 5, ("T: a",)), Range(B, 10, 14, ("T: b",)))


def test_uniform_hidden_cells_range_over_everything_their_sum_allows() -> None:
    result = audit(
        [
            shown(
                "T",
                [
                    ("a", A, Hidden()),
                    ("b", B, Hidden()),
                    ("c", C, Exact(20)),
                    ("total", TOTAL, Exact(35)),
                ],
            )
        ]
    )
    assert result.ok
    assert [(r.cell, r.low, r.high) for r in result.ranges] == [(A, 0, 15), (B, 0, 15)]


def test_a_hidden_31_shown_in_another_view_is_a_disclosure_and_gives_the_7_away() -> None:
    # The route: the year view hides the rural drop-ins (31) as a secondary
    # cell for the fathers' group (7); the view of the drop-ins alone prints 31.
    fathers, rural, others = Figure.sum("fathers"), Figure.sum("rural"), Figure.sum("others")
    year_total = Figure.sum("fathers", "rural", "others")
    year = shown(
        "year",
        [
            ("fathers' group", fathers, Between(1, 9)),
            ("rural drop-ins", rural, ZeroOr(10)),
            ("other activities", others, Exact(50)),
            ("total", year_total, Exact(88)),
        ],
    )
    drop_ins = shown("cons-2007-rural-drop-ins", [("people", rural, Exact(31))])
    alone = audit([year])
    assert alone.ok  # each view on its own is safe
    together = audit([year, drop_ins])
    assert together.disclosures == (
        Disclosure(fathers, 7, 7, Reason.EXACT, ("year: fathers' group",)),
        Disclosure(rural, 31, 31, Reason.EXACT, ("year: rural drop-ins",)),
    )


def test_a_hidden_zero_that_can_only_be_zero_is_a_disclosure() -> None:
    # 0 + 4 + 20 = 24 with the 4 "fewer than 10" and the 0 "hidden" (0 or 10+): the
    # 0 cannot reach 10, so it is 0 and the 4 is exact.
    zero, four, twenty = Figure.sum("z"), Figure.sum("f"), Figure.sum("t")
    total = Figure.sum("z", "f", "t")
    cells = [("twenty", twenty, Exact(20)), ("total", total, Exact(24))]
    labelled = audit(
        [shown("T", [("zero", zero, ZeroOr(10)), ("four", four, Between(1, 9)), *cells])]
    )
    assert labelled.disclosures == (
        Disclosure(zero, 0, 0, Reason.EXACT, ("T: zero",)),
        Disclosure(four, 4, 4, Reason.EXACT, ("T: four",)),
    )
    # Read as plain "hidden", the same pattern leaves both 0..4.
    uniform = audit([shown("T", [("zero", zero, Hidden()), ("four", four, Hidden()), *cells])])
    assert uniform.ok
    assert [(r.low, r.high) for r in uniform.ranges] == [(0, 4), (0, 4)]


def test_an_unpublished_atom_worked_out_small_is_a_disclosure_and_a_large_one_is_not() -> None:
    # Two date spans that differ by one activity: the difference is that activity's
    # count, published nowhere on its own.
    span = Figure.sum("x", "y")
    longer = Figure.sum("x", "y", "z")
    small = audit([shown("S", [("span", span, Exact(12)), ("longer", longer, Exact(15))])])
    z = Figure.sum("z")
    assert small.disclosures == (Disclosure(z, 3, 3, Reason.EXACT, ()),)
    large = audit([shown("S", [("span", span, Exact(12)), ("longer", longer, Exact(42))])])
    assert large.ok  # 30 people at z could have been published
    assert Range(z, 30, 30, ()) in large.ranges


def test_an_atom_that_counts_the_same_people_as_a_fewer_than_10_cell_is_excused() -> None:
    # s = a + b reads "fewer than 10" and b is shown as 0: a is s, and says no more.
    s = Figure.sum("a", "b")
    result = audit([shown("T", [("s", s, Between(1, 9)), ("b", B, Exact(0)), ("c", C, Exact(12))])])
    assert result.ok
    assert Range(A, 1, 9, ()) in result.ranges


def test_a_verdict_statement_narrows_a_hidden_count() -> None:
    # "men under-represented": men < 0.8 * 0.5 * said, with said = 20 shown.
    men, women = Figure.sum("men"), Figure.sum("women")
    said = Figure.sum("men", "women")
    tables = [
        shown(
            "C",
            [("men", men, Hidden()), ("women", women, Hidden()), ("said", said, Exact(20))],
        )
    ]
    under = Statement.of({men: 1, said: -Fraction("0.8") * Fraction("0.5")}, "<", 0)
    assert audit(tables).ranges[0] == Range(men, 0, 20, ("C: men",))
    assert audit(tables, statements=[under]).ranges[0] == Range(men, 0, 7, ("C: men",))


def test_statements_become_exact_whole_number_rows() -> None:
    x = Figure.sum("x")
    column = {"x": 0}
    half = Fraction(5, 2)
    assert Statement.of({x: 1}, Relation.BELOW, half).row(column) == Row(((0, 2),), None, 4)
    assert Statement.of({x: 1}, "<", 3).row(column) == Row(((0, 1),), None, 2)
    assert Statement.of({x: 1}, "<=", 3).row(column) == Row(((0, 1),), None, 3)
    assert Statement.of({x: 1}, ">", half).row(column) == Row(((0, 2),), 6, None)
    assert Statement.of({x: 1}, "==", half).row(column) == Row(((0, 2),), 5, 5)
    assert Statement.of({x: Fraction(1, 3)}, "==", half).row(column) == Row(((0, 2),), 15, 15)


def test_figures_are_the_same_however_they_are_written() -> None:
    assert Figure.sum("b", "a") == Figure.of({"a": 1, "b": 1}) == Figure((("a", 1), ("b", 1)))
    assert hash(Figure.sum("b", "a")) == hash(Figure.sum("a", "b"))
    assert Figure((("a", 1), ("a", 1))) == Figure.of({"a": 2})
    with pytest.raises(ValueError):
        Figure((("a", 1), ("a", -1)))


def test_known_upper_bounds_limit_the_range() -> None:
    tables = [shown("T", [("a", A, Hidden()), ("b", B, Hidden())])]
    assert audit(tables).ranges[0] == Range(A, 0, None, ("T: a",))
    assert audit(tables, upper_bounds={"a": 12}).ranges[0] == Range(A, 0, 12, ("T: a",))


def test_figures_that_contradict_each_other_are_reported() -> None:
    tables = [
        shown(
            "T", [("a", A, Exact(3)), ("b", B, Exact(4)), ("sum", Figure.sum("a", "b"), Exact(9))]
        )
    ]
    with pytest.raises(Infeasible):
        audit(tables)
    with pytest.raises(Infeasible):
        audit([shown("T", [("a", A, Exact(3))]), shown("U", [("a", A, Exact(4))])])


def test_auditing_prints_nothing() -> None:
    # HiGHS prints a banner on first use unless kept quiet; eqdiv's JSON goes to
    # standard output, so a fresh process must stay silent.
    script = (
        "from eqdiv.figures.audit import Figure, Hidden, Exact, PublishedCell, PublishedTable, audit\n"
        "a, t = Figure.sum('a'), Figure.sum('a', 'b')\n"
        "audit([PublishedTable('T', (PublishedCell('a', a, Hidden()),"
        " PublishedCell('t', t, Exact(12))))])\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout == ""
    assert done.stderr == ""
