"""AppTest of what issue 12 asked the pages to show: the race compares decisions, not J values; the
step map marks the current point; one notation (dw, db; ∂J/∂w once); the loss legend names −log ŷ;
numbers in prose written as a student reads them (3.2 × 10⁻³²⁹, one minus sign)."""

import math
import re

import numpy as np
import pytest

from core.data.features import lesson_dataset
from core.lessons.descent import run_path
from core.lessons.race import race_result
from tests.pages.conftest import chart_spec, charts, open_page, plotly_array, trace_by_meta

DESCENT = "pages/descent.py"
TOY = {"gd_dataset": "overlapping"}  # needs no course data


def test_race_shows_accuracy_and_settled_step_and_says_costs_are_not_comparable():
    at = open_page(DESCENT, gd_race=True, **TOY)
    X, Y = lesson_dataset("overlapping", None)
    w0, b0 = at.number_input(key="gd_w0").value, at.number_input(key="gd_b0").value
    rate, iterations = at.select_slider(key="gd_learning_rate").value, at.slider(key="gd_iterations").value
    results = [race_result(X, Y, run_path(X, Y, w0, b0, rate, iterations, loss))
               for loss in ("cross_entropy", "squared_error")]
    words = " ".join(md.value for md in at.markdown)
    assert "not the J values" in words
    assert all(f"{r.accuracy:.1f} %" in words for r in results)
    metrics = [m.value for m in at.metric]
    assert [f"{r.accuracy:.1f} %" for r in results] == metrics[0::2]
    assert [str(r.settled_at) for r in results] == metrics[1::2]


def test_step_map_marks_the_current_point_and_follows_each_step():
    at = open_page(DESCENT, **TOY)
    now = trace_by_meta(chart_spec(at, "gd_chart_steps"), "now")
    assert plotly_array(now["x"])[0] == pytest.approx(at.session_state.gd_w)
    at.button(key="gd_step").click().run()
    now = trace_by_meta(chart_spec(at, "gd_chart_steps"), "now")
    assert plotly_array(now["x"])[0] == pytest.approx(at.session_state.gd_w)
    assert at.session_state.gd_count == 1


def test_descent_page_writes_dw_and_db_and_defines_dw_once():
    at = open_page(DESCENT, **TOY)
    formulas = [latex.value for latex in at.latex]
    assert sum(r"\partial J" in f for f in formulas) == 1  # dw = ∂J/∂w, once
    assert all(r"\alpha\,dw" in f for f in formulas if ":= w -" in f)
    words = " ".join(md.value for md in at.markdown)
    assert "dw = " in words and "∂J/∂" not in words  # the questions too use the seed's names


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_loss_legend_names_the_log_of_y_hat(lang):
    at = open_page("pages/loss.py", lang=lang)
    specs = [chart.spec for chart in charts(at)]
    names = [trace.get("name", "") for spec in specs for trace in spec["data"]]
    cross_entropy = [name for name in names if "log" in name]
    assert len(cross_entropy) >= 2  # the charts for y = 1 and y = 0
    assert all("−log ŷ" in name or "−log(1 − ŷ)" in name for name in cross_entropy), cross_entropy


def test_marker_note_is_blank_on_the_map_and_says_where_off_it():
    from core.lessons.surface import cost_surface
    from ui.figures.descent import ON_MAP_NOTE, marker_at

    X, Y = lesson_dataset("overlapping", None)
    surface = cost_surface(X, Y, 5.0, 5.0, "cross_entropy", size=11)
    inside = marker_at(surface, 1.0, 1.0, 0.5, False)
    assert inside["text"] == [ON_MAP_NOTE] and inside["x"] == [1.0]
    outside = marker_at(surface, 40.0, -2.0, 9.0, False)
    assert outside["x"] == [5.0] and outside["y"] == [-2.0]
    assert "40" in outside["text"][0] and outside["textposition"] == "middle left"
    assert np.isfinite(marker_at(surface, 40.0, -2.0, 9.0, True)["z"][0])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_underflow_note_writes_powers_of_ten_as_a_student_reads_them(lang):
    from core.data.toy_data import one_feature_dataset
    from core.lessons.loss import likelihood
    from core.lessons.sigmoid import power_of_ten

    at = open_page("pages/loss.py", lang=lang)
    X, Y = one_feature_dataset(at.radio(key="loss_kind").value)
    lik = likelihood(at.slider(key="loss_w").value, at.slider(key="loss_b").value, X, Y)
    assert lik.repeats is not None  # the default example underflows: the note is on the page
    (note,) = [box.value for box in at.info if str(lik.repeats) in box.value]
    mantissa, exponent = power_of_ten(lik.log10_repeated)
    superscript = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    assert f"{mantissa:.1f} × 10{superscript}" in note, note
    assert "^" not in note and not re.search(r"10\^?-?\d+\.\d", note)  # no "10^-328.5"
    tiniest = math.log10(np.finfo(float).smallest_subnormal)
    assert f"× 10{str(math.floor(tiniest)).translate(str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'))}" in note


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sigmoid_overflow_note_uses_one_minus_sign(lang):
    at = open_page("pages/sigmoid.py", lang=lang)
    z = at.number_input(key="sig_big_z").value
    assert z < 0
    notes = [c.value for c in at.caption if "e⁻ᶻ" in c.value]
    assert len(notes) == 1, notes
    assert f"{z:g}".replace("-", "\u2212") in notes[0] and f"{-z:g}" in notes[0]
    assert "-" not in notes[0] and "(−(" not in notes[0], notes[0]
    formulas = [latex.value for latex in at.latex if f"e^{{{-z:g}}}" in latex.value]  # e^{-z} = e^{1000}
    assert len(formulas) == 1 and all("-(-" not in latex.value for latex in at.latex)
