"""The training budget m × n_x × iterations: the course fits with room to spare, what is above is refused
with the number of iterations that would fit, and the trainer never does more work than the budget counts."""

import numpy as np
import pytest

from core.budget import TRAINING_BUDGET, check_budget, max_iterations, scientific, training_cost
from core.course import ITERATIONS, M_TRAIN, N_X
from core.errors import LogitLabError
from core.neuron import descent


def test_the_course_run_is_a_small_part_of_the_budget():
    assert training_cost(M_TRAIN, N_X, ITERATIONS) * 3 < TRAINING_BUDGET
    check_budget(M_TRAIN, N_X, ITERATIONS)


@pytest.mark.parametrize(("m", "n_x"), [(209, 12288), (480, 12288), (20_000, 12288), (1, 1)])
def test_max_iterations_is_the_last_count_that_fits(m, n_x):
    fit = max_iterations(m, n_x)
    check_budget(m, n_x, fit)
    with pytest.raises(LogitLabError) as info:
        check_budget(m, n_x, fit + 1)
    assert info.value.key == "bounds.over_budget" and info.value.params["fit"] == fit
    assert "TRAINING_BUDGET" in str(info.value) and f"at most {fit} iterations" in str(info.value)


def test_the_issues_declared_size_bomb_is_refused_before_training():
    """20 000 photos for the default 2000 iterations took about 14 minutes before the budget."""
    with pytest.raises(LogitLabError):
        check_budget(16_000, N_X, ITERATIONS)


@pytest.mark.parametrize(("count", "text"), [(245_760_000, "2.5·10⁸"), (TRAINING_BUDGET, "2·10¹⁰"),
                                             (5_136_384_000, "5.1·10⁹")])
def test_costs_are_written_as_powers_of_ten(count, text):
    assert scientific(count) == text


@pytest.mark.parametrize(("n_x", "m", "iterations"), [(40, 12, 11), (40, 12, 500), (40, 50, 20),
                                                      (400, 200, 1), (400, 200, 199), (400, 200, 200)])
def test_the_trainer_picked_never_costs_more_than_twice_the_budgets_count(n_x, m, iterations):
    """Gram: n_x·m² once plus m² per step; textbook: n_x·m per step (the budget's count). (400, 200, 1)
    would be 200× the count if XᵀX were built for a single step."""
    X = np.random.default_rng(0).normal(size=(n_x, m))
    Y = (np.arange(m) % 2).reshape(1, -1)
    method = descent.train(X, Y, 0.01, iterations).method
    work = n_x * m * m + m * m * iterations if method == "gram" else n_x * m * iterations
    assert work <= 2 * training_cost(m, n_x, iterations)
