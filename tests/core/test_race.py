"""The race compares decisions, not costs: accuracy and the step the decisions settled."""

import numpy as np

from core.data.toy_data import one_feature_dataset
from core.lessons.descent import Path, run_path
from core.lessons.race import race_result
from core.neuron.model import accuracy, predict


def test_settled_step_is_the_first_after_which_no_decision_changes():
    X = np.array([[-2.0, -1.0, 1.0, 2.0]])
    Y = np.array([[0, 0, 1, 1]])
    # steps: w moves from −1 (all wrong at b = 0) to +1; the decisions flip at step 2 and then stay
    path = Path(np.array([-1.0, -0.5, 0.5, 1.0, 2.0]), np.zeros(5), np.array([3.0, 2.0, 1.0, 0.5, 0.2]),
                "cross_entropy", 0.1)
    result = race_result(X, Y, path)
    assert result.settled_at == 2
    assert result.accuracy == 100.0
    assert result.cost == 0.2


def test_accuracy_is_the_course_rule_at_the_end_of_a_real_run():
    X, Y = one_feature_dataset("overlapping")
    path = run_path(X, Y, -4.0, 4.0, 0.5, 100, "squared_error")
    result = race_result(X, Y, path)
    assert result.accuracy == accuracy(predict(np.array([[path.w[-1]]]), path.b[-1], X), Y)
    assert 0 <= result.settled_at <= 100
