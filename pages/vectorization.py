"""Vectorization: explicit for-loops and NumPy give the same numbers, and this machine measures how much
faster NumPy is, first for one dot product, then for a whole gradient step on the course's shapes."""

import streamlit as st

from core.lessons.vectorization import (
    DOT_N_DEFAULT,
    DOT_N_MAX,
    DOT_N_MIN,
    DOT_N_STEP,
    LOOP_FEATURES_DEFAULT,
    LOOP_FEATURES_MAX,
    LOOP_FEATURES_MIN,
    compare_step,
    dot_curve,
    synthetic_course_shaped,
    time_dot,
)
from core.snippets.vectorization import vectorization_script
from core.timing import format_duration, format_ratio
from ui.cached import course_data
from ui.exports import reproduce_block, show_chart
from ui.figures.graph import fmt
from ui.figures.vectorization import dot_timing_chart
from ui.i18n import t
from ui.quiz import check_yourself, revealed
from ui.session_cache import forget, session_cached
from ui.timing import conditions_text, spread_text

SEED = 0  # seed of the vectors, the synthetic data and the starting weights
FEATURE_STEP = 16  # step of the feature-subset slider
COURSE_SPEEDUP = 300  # the course video's for-loop vs np.dot ratio (about 475 ms vs 1.5 ms, a million numbers)
TIMINGS = "vec_timings"  # st.session_state key of this session's own measurements (never shared)
TIMINGS_KEPT = 8  # measurements one session keeps (oldest dropped first)


def _measured(key: tuple, measure):
    """This session's measurement for ``key``: taken now for this student if they have none yet."""
    with st.spinner(t("timing.measuring")):
        return session_cached(TIMINGS, key, measure, TIMINGS_KEPT)


def _step(features: int, data):
    X, Y = (data.train_x, data.train_y) if data is not None else synthetic_course_shaped(SEED)
    return compare_step(X, Y, features, SEED)


def _shape(shape: tuple) -> str:
    return r"\text{float}" if shape == () else "(" + ", ".join(str(s) for s in shape) + ")"


def _timed_metric(col, label: str, timing) -> None:
    col.metric(label, format_duration(timing.best_s))
    col.caption(spread_text(timing))


st.title(t("vectorization.title"))
st.caption(t("vectorization.caption"))

st.subheader(t("vectorization.dot_header"))
n = st.slider(t("vectorization.n_label"), DOT_N_MIN, DOT_N_MAX, DOT_N_DEFAULT, DOT_N_STEP, key="vec_n",
              bind="query-params", help=t("vectorization.n_help", max=DOT_N_MAX))
left, right = st.columns(2)
left.code("z = 0.0\nfor i in range(n):\n    z += w[i] * x[i]", language="python")
right.code("z = np.dot(w, x)", language="python")
dot = _measured(("dot", n), lambda: time_dot(n, SEED))
cols = st.columns(3)
_timed_metric(cols[0], t("vectorization.loop_time"), dot.loop)
_timed_metric(cols[1], t("vectorization.numpy_time"), dot.numpy)
cols[2].metric(t("vectorization.speedup"), format_ratio(dot.speedup))
cols[2].caption(t("vectorization.speedup_median", ratio=format_ratio(dot.speedup_median)))
st.markdown(t("vectorization.dot_values", n=n, loop=repr(dot.loop_value), numpy=repr(dot.numpy_value),
              diff=fmt(dot.difference, 2)))
st.info(t("vectorization.measured", n=n, speedup=format_ratio(dot.speedup), repeats=dot.loop.repeats,
          loop=format_duration(dot.loop.best_s), numpy=format_duration(dot.numpy.best_s))
        + "\n\n" + conditions_text(dot.machine))
st.markdown(t("vectorization.why_differ", course=COURSE_SPEEDUP))
show_chart(dot_timing_chart(_measured(("curve",), lambda: dot_curve(seed=SEED)), dot),
           f"logitlab_vectorization_dot_n{n}", key="vec_chart")
st.caption(t("vectorization.chart_caption"))
st.button(t("vectorization.remeasure"), key="vec_remeasure", on_click=forget, args=(TIMINGS,),
          help=t("vectorization.remeasure_help"))

st.subheader(t("vectorization.step_header"))
data = course_data()
st.caption(t("vectorization.data_course" if data is not None else "vectorization.data_synthetic"))
features = st.slider(t("vectorization.features_label"), LOOP_FEATURES_MIN, LOOP_FEATURES_MAX, LOOP_FEATURES_DEFAULT,
                     FEATURE_STEP, key="vec_features", bind="query-params", help=t("vectorization.features_help"))
step = _measured(("step", features, data is not None), lambda: _step(features, data))
cols = st.columns(3)
_timed_metric(cols[0], t("vectorization.loop_subset", k=step.features), step.loop)
_timed_metric(cols[1], t("vectorization.vec_subset", k=step.features), step.vec_subset)
cols[2].metric(t("vectorization.speedup"), format_ratio(step.speedup_subset))
cols = st.columns(3)
cols[0].metric(t("vectorization.loop_full", n_x=step.n_x), f"≈ {format_duration(step.loop_full_estimate_s)}")
_timed_metric(cols[1], t("vectorization.vec_full", n_x=step.n_x), step.vec_full)
cols[2].metric(t("vectorization.speedup"), f"≈ {format_ratio(step.speedup_full)}")
st.caption(t("vectorization.scaling_note", k=step.features, n_x=step.n_x, m=step.m,
             iterations=step.loop_iterations) + " " + conditions_text(step.machine))
st.success(t("vectorization.same_numbers", k=step.features, diff=fmt(step.max_diff, 2)))

st.subheader(t("vectorization.shapes_header"))
sh = step.shapes
quiz = {"shapes": sh}  # what the Check-yourself questions ask about
result_shown = revealed("vectorization", quiz)  # predict first: the shapes answer question 1
wt = tuple(reversed(sh["w"]))
m = step.m
for formula, shapes in (
    (r"Z = w^{T}X + b", rf"{_shape(sh['Z'])} = {_shape(wt)}\,{_shape(sh['X'])} + \text{{float}}"),
    (r"A = \sigma(Z)", rf"{_shape(sh['A'])} = \sigma\left({_shape(sh['Z'])}\right)"),
    (r"dZ = A - Y", rf"{_shape(sh['dZ'])} = {_shape(sh['A'])} - {_shape(sh['Y'])}"),
    (r"dw = \frac{1}{m} X\,dZ^{T}", rf"{_shape(sh['dw'])} = \frac{{1}}{{{m}}}\,{_shape(sh['X'])}\,"
                                    rf"{_shape(tuple(reversed(sh['dZ'])))}"),
    (r"db = \frac{1}{m}\,\mathrm{sum}(dZ)", rf"{_shape(sh['db'])} = \frac{{1}}{{{m}}}\,\mathrm{{sum}}"
                                            rf"\left({_shape(sh['dZ'])}\right)"),
):
    left, right = st.columns(2)
    left.latex(formula)
    if result_shown:
        right.latex(shapes)
if result_shown:  # (it describes the shapes)
    st.caption(t("vectorization.shapes_caption", cost=fmt(step.full_cost, 6)))

reproduce_block(vectorization_script(n, features, SEED, use_data=data is not None), "logitlab_vectorization.py",
                key="vec_reproduce")  # (its output has no shapes: it stays while predicting)
check_yourself("vectorization", quiz)
