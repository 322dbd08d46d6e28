"""AppTest of the vectorization page: per-session dot-product timing, the gradient step both ways, the shapes."""

import os
import re

import numpy as np
import pytest

from core import timing
from tests.pages.conftest import chart_spec, open_page, the_one

PAGE = "pages/vectorization.py"
SMALL = {"vec_n": 1000, "vec_features": 16}  # short loops, for tests about something other than the lengths


def _chart(at) -> dict:
    return chart_spec(at, "vec_chart")


def _trace(at, meta: str) -> dict:
    return next(tr for tr in _chart(at)["data"] if tr.get("meta") == meta)


def _diff(text: str) -> float:
    """The number after "largest difference" in the success message."""
    return float(text.split("largest difference ")[1].rstrip(".").replace("−", "-"))


@pytest.mark.parametrize("lang, title", [("en", "Vectorization"), ("zh", "向量化")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang, **SMALL)
    assert not at.exception
    assert the_one(at.title).value == title
    assert len(at.metric) == 9
    assert {tr["meta"] for tr in _chart(at)["data"]} == {"loop", "numpy", "current"}
    assert _chart(at)["layout"]["xaxis"]["type"] == "log" and _chart(at)["layout"]["yaxis"]["type"] == "log"


def test_changing_n_changes_the_measured_dot_product():
    at = open_page(PAGE)
    before = next(m.value for m in at.markdown if "np.dot" in m.value)
    at.slider(key="vec_n").set_value(2000).run()
    assert not at.exception
    after = next(m.value for m in at.markdown if "np.dot" in m.value)
    assert "n = 2000" in after and after != before
    assert _trace(at, "current")["x"] == [2000, 2000]
    assert the_one(at.info, "n = 2000")  # the verdict names the n it measured


def test_loops_and_vectorized_step_give_the_same_numbers_for_any_subset():
    at = open_page(PAGE, **SMALL)
    at.slider(key="vec_features").set_value(32).run()
    assert not at.exception
    assert any("32 features" in m.label for m in at.metric)
    assert _diff(the_one(at.success, "largest difference").value) < 1e-12


def test_equations_show_the_shapes_of_the_actual_arrays():
    at = open_page(PAGE, **SMALL)
    latex = [m.value for m in at.get("latex")]
    assert any("(1, 209) = (1, 12288)\\,(12288, 209)" in text for text in latex)
    assert any("(12288, 1) = \\frac{1}{209}\\,(12288, 209)\\,(209, 1)" in text for text in latex)


def test_page_uses_the_course_photos_when_installed(course_dir, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(course_dir))
    at = open_page(PAGE, **SMALL)
    assert not at.exception
    assert any("209 training photos" in c.value for c in at.caption)
    assert _diff(the_one(at.success, "largest difference").value) < 1e-12


def test_page_falls_back_to_synthetic_data_of_the_course_shape(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(tmp_path))  # an empty folder: no dataset
    at = open_page(PAGE, **SMALL)
    assert not at.exception
    assert any("not installed" in c.value and "(12288, 209)" in c.value for c in at.caption)
    assert any("(1, 209) = (1, 12288)" in m.value for m in at.get("latex"))


class StepClock:
    """A stand-in for the timing clock that moves ``step`` seconds per reading: every timed run lasts ``step``."""

    def __init__(self, step: float):
        self.step, self.now = step, 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


FIRST_STEP, SECOND_STEP = 0.05, 0.1  # fake seconds per run in the first and the second session


def _loop_metric(at) -> str:
    return next(m.value for m in at.metric if m.label == "for-loop")


def test_each_session_gets_its_own_measurement_not_the_first_visitors(monkeypatch):
    clock = StepClock(FIRST_STEP)
    monkeypatch.setattr(timing, "clock", clock)
    first = open_page(PAGE, **SMALL)
    assert _loop_metric(first) == "50.0 ms"
    clock.step = SECOND_STEP  # the server got slower (or faster): a new visitor measures it now
    second = open_page(PAGE, **SMALL)
    assert _loop_metric(second) == "100 ms"
    first.slider(key="vec_features").set_value(32).run()  # a rerun keeps the first session's own dot timing
    assert _loop_metric(first) == "50.0 ms"


def test_measure_again_times_it_again_for_this_session(monkeypatch):
    clock = StepClock(FIRST_STEP)
    monkeypatch.setattr(timing, "clock", clock)
    at = open_page(PAGE, **SMALL)
    clock.step = SECOND_STEP
    at.button(key="vec_remeasure").click().run()
    assert _loop_metric(at) == "100 ms"


def test_every_time_shows_its_spread_and_the_conditions():
    at = open_page(PAGE, **SMALL)
    spreads = [c.value for c in at.caption if c.value.startswith("best of ")]
    assert len(spreads) == 5  # loop, np.dot; two loops and vectorized on the subset; vectorized on all
    assert all(re.fullmatch(r"best of \d+ runs: [\d.,]+ (ns|µs|ms|s) · median [\d.,]+ (ns|µs|ms|s)", s)
               for s in spreads)
    conditions = the_one(at.info, "CPU cores").value
    assert f"{os.cpu_count()} CPU cores" in conditions and f"NumPy {np.__version__}" in conditions
    assert "n = 1000" in conditions


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_speedup_text_reports_the_measurement_and_never_says_the_course_is_wrong(lang, monkeypatch):
    monkeypatch.setattr(timing, "clock", StepClock(FIRST_STEP))  # a speed-up of 1×: far below the course's
    at = open_page(PAGE, lang=lang, **SMALL)
    text = " ".join(el.value for el in (*at.info, *at.markdown))
    assert the_one(at.info, "1.00×") and "300×" in text
    for wrong in ("less than the course", "more than the course", "the course is wrong", "比课程说的少",
                  "比课程说的还要多"):
        assert wrong not in text
