"""Trainer speed on the course data: Gram trainer vs the textbook loop (same numbers), and scikit-learn.

The course setting: X (12288, 209) flattened / 255, zero init, learning rate 0.005, 2000 iterations, each
run through core.neuron.trainer.Trainer (the page's and the CLI's fit: descent, then both splits scored).
Goal: the Gram trainer takes at most 1/40 of the textbook loop's time, with costs and weights equal to 1e-10.

Both trainers run with NumPy's BLAS on one thread (core.blas), one core against one core: the Gram trainer
always does, and on this busy 2-core machine OpenBLAS's second thread made the textbook loop 5× slower
(150 s against 27 s at a load of 22), a ratio that would flatter the Gram trainer and measure the load.
Wall time and CPU time are both reported: CPU time is what a run costs once it has a core.
"""

import warnings
from types import SimpleNamespace

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from bench.common import Row, median_ms, side_by_side_cpu
from core.blas import one_blas_thread
from core.course import ITERATIONS
from core.course import LEARNING_RATE as RATE
from core.data.loaders import course_data_available, data_dir, load_course_dataset
from core.neuron.trainer import Trainer

REPEATS = 3  # the textbook loop takes ~2 s per run, so few repeats
GOAL_RATIO = 40  # Gram trainer must be at least this many times faster
SAME_COSTS = 1e-10  # max |Δcost| and max |Δw| allowed between the two trainers
COST_UNIT = 1e-15  # the cost difference is reported in units of 1e-15 (a few ulps of J ≈ 0.1)
SKLEARN_MAX_ITER = 2000  # lbfgs steps; the data are separable, so unpenalised lbfgs stops here


def _sklearn_fit(course):
    """Unpenalised logistic regression (C=np.inf: sklearn ≥ 1.8 deprecates penalty=None) on the same X."""
    clf = LogisticRegression(C=np.inf, max_iter=SKLEARN_MAX_ITER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # no finite optimum on separable data
        return clf.fit(course.train_x.T, course.train_y.ravel())


def _trainer_rows(course) -> list[Row]:
    arrays = SimpleNamespace(train_x=course.train_x, train_y=course.train_y, test_x=course.test_x,
                             test_y=course.test_y)  # flattened once (CourseData flattens on every read)

    def gram():
        return Trainer(RATE, ITERATIONS, method="gram").fit(arrays)

    def loop():
        return Trainer(RATE, ITERATIONS, method="textbook").fit(arrays)

    with one_blas_thread():
        (gram_ms, loop_ms), (gram_cpu, loop_cpu) = side_by_side_cpu(gram, loop, REPEATS)
        fast, slow = gram(), loop()
    cost_diff = float(np.max(np.abs(np.subtract(fast.record.costs, slow.record.costs))))
    w_diff = max(float(np.max(np.abs(fast.w - slow.w))), abs(fast.b - slow.b))
    goal = f"≤ 1/{GOAL_RATIO} of baseline"
    return [
        Row(f"Gram trainer, {ITERATIONS} its (m=209 < n_x=12288)", gram_ms, "textbook vectorized loop", loop_ms,
            goal=goal, met=loop_ms / gram_ms >= GOAL_RATIO),
        Row("  the same, CPU time", gram_cpu, "textbook vectorized loop, CPU time", loop_cpu,
            goal=goal, met=loop_cpu / gram_cpu >= GOAL_RATIO),
        Row("max |Δcost| Gram vs textbook (every 100 its)", cost_diff / COST_UNIT, "", None, unit="e-15",
            goal=f"≤ {SAME_COSTS:g}", met=cost_diff <= SAME_COSTS),
        Row("max |Δw|, |Δb| Gram vs textbook", w_diff / COST_UNIT, "", None, unit="e-15",
            goal=f"≤ {SAME_COSTS:g}", met=w_diff <= SAME_COSTS),
    ]


def _sklearn_row(course, loop_ms) -> Row:
    fit_ms = median_ms(lambda: _sklearn_fit(course), REPEATS)
    clf = _sklearn_fit(course)
    test_acc = 100.0 * float(np.mean(clf.predict(course.test_x.T) == course.test_y.ravel()))
    return Row(f"sklearn LogisticRegression(C=inf, lbfgs), test {test_acc:.0f} %", fit_ms,
               "textbook vectorized loop", loop_ms)


def rows() -> list[Row]:
    if not course_data_available():
        return [Row(f"bench_trainer skipped: no course data in {data_dir()} (set LOGITLAB_DATA)", 0.0, "", None,
                    unit="")]
    course = load_course_dataset()
    trainer = _trainer_rows(course)
    return [*trainer, _sklearn_row(course, trainer[0].baseline)]
