"""The integer programme behind the disclosure audit: solver answers are checked
exactly before they are believed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from eqdiv.figures.programme import Domain, Model, Row


def small_model() -> Model:
    """a + b = 7 with a, b >= 0."""
    return Model([Domain(0), Domain(0)], [Row(((0, 1), (1, 1)), 7, 7)])


def test_a_solution_that_breaks_a_row_is_solved_again_without_presolve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """HiGHS 1.7 once called a solution breaking a row "optimal" (CI, oldest
    releases): the model must not believe it, and must not fail either."""
    model = small_model()
    real = Model._whole
    calls: list[int] = []

    def first_one_unfit(self: Model, solution: Sequence[float]) -> bool:
        calls.append(1)
        return False if len(calls) == 1 else real(self, solution)

    monkeypatch.setattr(Model, "_whole", first_one_unfit)
    assert model.feasible()
    assert len(calls) == 2
    assert model.counters.milp == 2
    assert model._milp.highs.getOptionValue("presolve")[1] == "off"
    assert model.range(((0, 1),)) == (0, 7)


def test_a_solver_that_keeps_breaking_rows_is_an_error_not_a_wrong_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = small_model()
    monkeypatch.setattr(Model, "_whole", lambda self, solution: False)
    with pytest.raises(RuntimeError, match="does not fit"):
        model.feasible()


def test_an_infeasible_model_is_reported_as_such() -> None:
    model = Model([Domain(0, 3), Domain(0, 3)], [Row(((0, 1), (1, 1)), 7, 7)])
    assert not model.feasible()
