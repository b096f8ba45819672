"""Small-number suppression: primary, secondary, percentages; and a property test that
no published row or column total pins down a hidden count."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.figures.suppression import (
    Hidden,
    Shown,
    Sum,
    SuppressedTable,
    share,
    suppress,
    suppress_counts,
    suppress_table,
)

T = 10


def texts(cells: tuple[Shown, ...]) -> list[str]:
    return [c.text(T) for c in cells]


def test_nothing_small_nothing_hidden() -> None:
    line = suppress_counts([20, 30, 40], T)
    assert texts(line.cells) == ["20", "30", "40"]
    assert line.total == Shown(90)


def test_zero_is_shown_and_small_counts_read_fewer_than_10() -> None:
    line = suppress_counts([371, 0, 2, 3], T)
    assert texts(line.cells) == ["371", "0", "fewer than 10", "fewer than 10"]
    assert [c.hidden for c in line.cells] == [None, None, Hidden.SMALL, Hidden.SMALL]
    assert line.total == Shown(376)


def test_a_row_total_would_reveal_a_single_hidden_cell() -> None:
    # 12 + 3 = 15: with 12 and 15 published, the 3 is 15 - 12. So 12 is hidden too.
    line = suppress_counts([12, 3], T)
    assert texts(line.cells) == ["hidden", "fewer than 10"]
    assert [c.hidden for c in line.cells] == [Hidden.SECONDARY, Hidden.SMALL]
    assert line.total == Shown(15)


def test_secondary_suppression_takes_the_smallest_other_cell() -> None:
    line = suppress_counts([200, 15, 40, 4], T)
    assert texts(line.cells) == ["200", "hidden", "40", "fewer than 10"]


def test_two_small_cells_can_still_give_each_other_away() -> None:
    # Both 'fewer than 10' with a visible remainder of 2: each must be 1.
    assert texts(suppress_counts([50, 1, 1], T).cells) == [
        "hidden",
        "fewer than 10",
        "fewer than 10",
    ]
    # And 9 + 9 = 18 leaves only 9 and 9.
    assert texts(suppress_counts([50, 9, 9], T).cells) == [
        "hidden",
        "fewer than 10",
        "fewer than 10",
    ]
    # 4 + 5 = 9 could be 1 + 8, 2 + 7 ...: safe as it is.
    assert texts(suppress_counts([50, 4, 5], T).cells) == ["50", "fewer than 10", "fewer than 10"]


def test_total_is_hidden_when_no_other_cell_can_protect() -> None:
    # 10 + 1 = 11: hiding the 10 is not enough (a hidden cell is at least 10, so the
    # other is 11 - 10 = 1). The total has to go, and then the 10 can stay.
    line = suppress_counts([10, 1], T)
    assert texts(line.cells) == ["10", "fewer than 10"]
    assert line.total == Shown(11, Hidden.SECONDARY)


def test_a_small_total_is_itself_suppressed() -> None:
    line = suppress_counts([0, 0, 4], T)
    assert texts(line.cells) == ["0", "0", "fewer than 10"]
    assert line.total == Shown(4, Hidden.SMALL)


def test_without_a_published_total_only_small_cells_are_hidden() -> None:
    line = suppress_counts([12, 3], T, total=False)
    assert texts(line.cells) == ["12", "fewer than 10"]
    assert line.total is None


def test_threshold_one_hides_nothing() -> None:
    assert texts(suppress_counts([1, 2], 1).cells) == ["1", "2"]


def test_cross_table_hides_a_rectangle_not_a_cascade() -> None:
    table = suppress_table([[20, 3, 15], [12, 14, 30], [25, 25, 25]], T)
    assert [texts(row) for row in table.cells] == [
        ["20", "fewer than 10", "hidden"],
        ["12", "hidden", "hidden"],
        ["25", "25", "25"],
    ]
    assert table.row_totals is not None and texts(table.row_totals) == ["38", "56", "75"]
    assert table.column_totals is not None and texts(table.column_totals) == ["57", "42", "70"]
    assert table.grand_total == Shown(169)


def test_share_is_withheld_for_hidden_parts_and_small_denominators() -> None:
    assert share(Shown(30), Shown(120), T) == 0.25
    assert share(Shown(3, Hidden.SMALL), Shown(120), T) is None
    assert share(Shown(3), 9, T) is None  # a percentage of 9 people
    assert share(Shown(30), Shown(120, Hidden.SECONDARY), T) is None
    assert share(Shown(0), 10, T) == 0.0


def test_text_and_exact() -> None:
    assert Shown(4, Hidden.SMALL).text(5) == "fewer than 5"
    assert Shown(40, Hidden.SECONDARY).text(5) == "hidden"
    assert Shown(4, Hidden.SMALL).exact() is None and Shown(4).exact() == 4


def test_bad_tables_are_refused() -> None:
    with pytest.raises(ValueError, match="same number"):
        suppress_table([[1, 2], [3]], T)
    with pytest.raises(ValueError, match="negative"):
        suppress_table([[1, -2]], T)


# The property: a reader who knows the rules (hidden small counts are 1 to 9, other
# hidden counts at least 10, zeros shown) and sees one published line cannot solve it
# for a hidden count. Checked by brute force over every value the hidden cells could
# take: each hidden cell must have at least two possible values.


def lines_of(table: SuppressedTable) -> list[list[tuple[Shown, int]]]:
    cells = table.cells
    lines: list[list[tuple[Shown, int]]] = []
    if table.row_totals is not None:
        lines += [
            [(c, 1) for c in row] + [(t, -1)]
            for row, t in zip(cells, table.row_totals, strict=True)
        ]
    if table.column_totals is not None:
        columns = list(zip(*cells, strict=True))
        lines += [
            [(c, 1) for c in col] + [(t, -1)]
            for col, t in zip(columns, table.column_totals, strict=True)
        ]
    if table.grand_total is not None and table.row_totals and table.column_totals:
        lines.append([(t, 1) for t in table.column_totals] + [(table.grand_total, -1)])
        lines.append([(t, 1) for t in table.row_totals] + [(table.grand_total, -1)])
    return lines


def possible_values(line: list[tuple[Shown, int]], cap: int) -> list[set[int]]:
    hidden = [(c, s) for c, s in line if not c.visible]
    known = sum(s * c.value for c, s in line if c.visible)
    ranges = [range(1, T) if c.hidden is Hidden.SMALL else range(T, cap + 1) for c, _ in hidden]
    seen: list[set[int]] = [set() for _ in hidden]
    for values in product(*ranges):
        if known + sum(s * v for (_, s), v in zip(hidden, values, strict=True)) == 0:
            for i, v in enumerate(values):
                seen[i].add(v)
    return seen


counts = st.integers(0, 30) | st.integers(0, 4)


@settings(max_examples=150, deadline=None)
@given(st.lists(counts, min_size=1, max_size=5))
def test_no_line_gives_a_hidden_count_away(row: list[int]) -> None:
    line = suppress_counts(row, T)
    assert line.total is not None
    assert [c.value for c in line.cells] == row
    assert all(c.hidden is Hidden.SMALL for c in line.cells if 0 < c.value < T)
    assert all(c.visible for c in line.cells if c.value == 0)
    [published] = lines_of(SuppressedTable((line.cells,), (line.total,), None, None))
    if sum(1 for c, _ in published if not c.visible) > 3:
        return  # brute force grows too fast; the small cases are the risky ones
    cap = max(sum(row), T) + T
    for values in possible_values(published, cap):
        assert len(values) != 1, (row, [c.text(T) for c, _ in published])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(counts, min_size=2, max_size=3), min_size=2, max_size=3))
def test_cross_tables_keep_their_lines_safe(rows: list[list[int]]) -> None:
    width = min(len(r) for r in rows)
    rows = [r[:width] for r in rows]
    table = suppress_table(rows, T)
    for line in lines_of(table):
        if sum(1 for c, _ in line if not c.visible) > 3:
            continue
        cap = max(sum(map(sum, rows)), T) + T
        for values in possible_values(line, cap):
            assert len(values) != 1, (rows, [c.text(T) for c, _ in line])


def test_threshold_two_hides_what_it_can_and_ends() -> None:
    # 'Fewer than 2' can only mean 1, so nothing protects it; the other cells and the
    # total are hidden all the same, and suppression still finishes.
    line = suppress_counts([1, 12, 0], 2)
    assert [c.text(2) for c in line.cells] == ["fewer than 2", "hidden", "0"]
    assert line.total == Shown(13, Hidden.SECONDARY)


# Sums that overlap: the people who took part in each activity, and for each
# dimension the people asked, who are those of the activities that asked about it.


def test_two_published_totals_that_differ_by_one_hidden_cell() -> None:
    # Three activities (7, 12 and 148 people); one dimension asked all three (167), one
    # asked the last two (160). 167 - 160 = 7, so hiding the 12 or the 148 does not
    # help: the total of all three goes.
    values = {"a": 7, "b": 12, "c": 148, "all": 167, "bc": 160}
    shown = suppress(values, [Sum("all", ("a", "b", "c")), Sum("bc", ("b", "c"))], T)
    assert {k: v.text(T) for k, v in shown.cells.items()} == {
        "a": "fewer than 10",
        "b": "12",
        "c": "148",
        "all": "hidden",
        "bc": "160",
    }
    assert shown.unbounded == frozenset()


def test_cost_says_what_to_hide_first() -> None:
    values = {"a": 7, "b": 12, "c": 148, "all": 167}
    sums = [Sum("all", ("a", "b", "c"))]
    assert suppress(values, sums, T)["b"].hidden is Hidden.SECONDARY
    dear = suppress(values, sums, T, cost={"b": 2, "c": 1, "all": 3})
    assert (dear["b"].hidden, dear["c"].hidden) == (None, Hidden.SECONDARY)


def test_a_cell_hidden_on_the_way_that_protects_nothing_is_shown_again() -> None:
    # 8 + 3 + 13 + 0 = 24, and one dimension asked the 8, the 13 and the 0 (21). The
    # 8 needs a second hidden cell in the 21: hiding the 13 first is undone once the 21
    # is hidden, as 8 + 3 = 24 - 13 leaves the 8 anything from 2 to 9.
    values = {"a": 8, "b": 3, "c": 13, "d": 0, "all": 24, "acd": 21}
    sums = [Sum("all", ("a", "b", "c", "d")), Sum("acd", ("a", "c", "d"))]
    shown = suppress(values, sums, T)
    assert {k: v.text(T) for k, v in shown.cells.items()} == {
        "a": "fewer than 10",
        "b": "fewer than 10",
        "c": "13",
        "d": "0",
        "all": "24",
        "acd": "hidden",
    }


def test_a_bound_is_what_a_reader_also_knows() -> None:
    # 'x is 7 to 9' (say, from a verdict) with 'fewer than 10' and x + y = 17: hiding
    # y (at least 10) leaves x at most 7, so 7. The total goes instead.
    values = {"x": 7, "y": 10, "t": 17}
    sums = [Sum("t", ("x", "y"))]
    assert suppress(values, sums, T)["y"].hidden is Hidden.SECONDARY
    shown = suppress(values, sums, T, bounds={"x": (7, 9)})
    assert [shown[k].text(T) for k in "xyt"] == ["fewer than 10", "10", "hidden"]
    assert shown.unbounded == frozenset()


def test_a_bound_that_alone_gives_a_count_away_is_dropped() -> None:
    # 'More than 8.875' and 'fewer than 10' can only be 9: whatever says so must go.
    shown = suppress({"x": 9, "y": 50, "t": 59}, [Sum("t", ("x", "y"))], T, bounds={"x": (9, 59)})
    assert shown.unbounded == frozenset({"x"})
    assert [shown[k].text(T) for k in "xyt"] == ["fewer than 10", "hidden", "59"]


def solutions(
    activities: list[int], subsets: list[tuple[int, ...]], shown: dict[str, Shown]
) -> list[set[int]]:
    """Every value each activity could have, for a reader who sees ``shown``."""

    def possible(cell: Shown, cap: int) -> range:
        if cell.visible:
            return range(cell.value, cell.value + 1)
        return range(1, T) if cell.hidden is Hidden.SMALL else range(T, cap + 1)

    cap = sum(activities) + T
    ranges = [possible(shown[f"a{i}"], cap) for i in range(len(activities))]
    totals = {"all": tuple(range(len(activities)))} | {
        f"s{k}": subset for k, subset in enumerate(subsets)
    }
    seen: list[set[int]] = [set() for _ in activities]
    for values in product(*ranges):
        if all(
            sum(values[i] for i in members) in possible(shown[name], cap)
            for name, members in totals.items()
        ):
            for i, v in enumerate(values):
                seen[i].add(v)
    return seen


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.integers(0, 14) | st.integers(0, 4), min_size=2, max_size=4),
    st.lists(st.sets(st.integers(0, 3), min_size=1), min_size=1, max_size=2),
)
def test_overlapping_sums_give_no_hidden_count_away(
    activities: list[int], asked: list[set[int]]
) -> None:
    subsets = [tuple(sorted(i for i in s if i < len(activities))) for s in asked]
    subsets = [s for s in subsets if s]
    values = {f"a{i}": v for i, v in enumerate(activities)} | {"all": sum(activities)}
    values |= {f"s{k}": sum(activities[i] for i in s) for k, s in enumerate(subsets)}
    sums = [Sum("all", tuple(f"a{i}" for i in range(len(activities))))]
    sums += [Sum(f"s{k}", tuple(f"a{i}" for i in s)) for k, s in enumerate(subsets)]
    shown = suppress(values, sums, T).cells
    hidden = [i for i in range(len(activities)) if not shown[f"a{i}"].visible]
    if len(hidden) > 3:
        return  # brute force grows too fast; the small cases are the risky ones
    for i, possible in enumerate(solutions(activities, subsets, dict(shown))):
        if i in hidden:
            assert len(possible) > 1, (
                activities,
                subsets,
                {k: v.text(T) for k, v in shown.items()},
            )
