"""Vectorization: explicit for-loops and NumPy give the same numbers, and this machine measures how much
faster NumPy is, first for one dot product, then for a whole gradient step on the course's shapes."""

import streamlit as st

from core.data import TRAIN_FILE, data_dir
from core.snippets_vectorization import vectorization_script
from core.vectorization import (
    DOT_N_DEFAULT,
    DOT_N_MAX,
    DOT_N_MIN,
    DOT_N_STEP,
    LOOP_FEATURES_DEFAULT,
    LOOP_FEATURES_MAX,
    LOOP_FEATURES_MIN,
    REPEATS,
    compare_step,
    dot_curve,
    synthetic_course_shaped,
    time_dot,
)
from ui.cached import course_data
from ui.exports import reproduce_block, show_chart
from ui.figures.graph import fmt
from ui.figures.vectorization import dot_timing_chart
from ui.i18n import t

SEED = 0  # seed of the vectors, the synthetic data and the starting weights
FEATURE_STEP = 16  # step of the feature-subset slider
COURSE_CLAIM = 100  # the seed's "about 100×"
ABOUT_LOW, ABOUT_HIGH = 50, 200  # measured speed-ups in this range count as "about 100×"
MS, US = 1e3, 1e6  # seconds -> milliseconds, microseconds


@st.cache_data(max_entries=32, show_spinner=False)
def _dot(n: int):
    return time_dot(n, SEED)


@st.cache_data(max_entries=1, show_spinner=False)
def _curve():
    return dot_curve(seed=SEED)


@st.cache_data(max_entries=8, show_spinner=False)
def _step(features: int, use_course: bool):
    data = course_data() if use_course else None
    X, Y = (data.train_x, data.train_y) if data is not None else synthetic_course_shaped(SEED)
    return compare_step(X, Y, features, SEED)


def _remeasure() -> None:
    for cached in (_dot, _curve, _step):
        cached.clear()


def _shape(shape: tuple) -> str:
    return r"\text{float}" if shape == () else "(" + ", ".join(str(s) for s in shape) + ")"


def _verdict(speedup: float) -> str:
    return "about" if ABOUT_LOW <= speedup <= ABOUT_HIGH else "more" if speedup > ABOUT_HIGH else "less"


st.title(t("vectorization.title"))
st.caption(t("vectorization.caption"))

st.subheader(t("vectorization.dot_header"))
n = st.slider(t("vectorization.n_label"), DOT_N_MIN, DOT_N_MAX, DOT_N_DEFAULT, DOT_N_STEP, key="vec_n",
              bind="query-params", help=t("vectorization.n_help", max=DOT_N_MAX))
left, right = st.columns(2)
left.code("z = 0.0\nfor i in range(n):\n    z += w[i] * x[i]", language="python")
right.code("z = np.dot(w, x)", language="python")
dot = _dot(n)
cols = st.columns(3)
cols[0].metric(t("vectorization.loop_time"), f"{dot.loop_s * MS:.2f} ms")
cols[1].metric(t("vectorization.numpy_time"), f"{dot.numpy_s * US:.1f} µs")
cols[2].metric(t("vectorization.speedup"), f"{dot.speedup:.0f}×")
st.markdown(t("vectorization.dot_values", n=n, loop=repr(dot.loop_value), numpy=repr(dot.numpy_value),
              diff=fmt(dot.difference, 2)))
st.info(t(f"vectorization.verdict_{_verdict(dot.speedup)}", n=n, speedup=f"{dot.speedup:.0f}", claim=COURSE_CLAIM,
          repeats=REPEATS))
show_chart(dot_timing_chart(_curve(), dot), f"logitlab_vectorization_dot_n{n}", key="vec_chart")
st.button(t("vectorization.remeasure"), key="vec_remeasure", on_click=_remeasure,
          help=t("vectorization.remeasure_help"))

st.subheader(t("vectorization.step_header"))
data = course_data()
st.caption(t("vectorization.data_course" if data is not None else "vectorization.data_synthetic"))
features = st.slider(t("vectorization.features_label"), LOOP_FEATURES_MIN, LOOP_FEATURES_MAX, LOOP_FEATURES_DEFAULT,
                     FEATURE_STEP, key="vec_features", bind="query-params", help=t("vectorization.features_help"))
step = _step(features, data is not None)
cols = st.columns(3)
cols[0].metric(t("vectorization.loop_subset", k=step.features), f"{step.loop_s * MS:.1f} ms")
cols[1].metric(t("vectorization.vec_subset", k=step.features), f"{step.vec_subset_s * MS:.3f} ms")
cols[2].metric(t("vectorization.speedup"), f"{step.speedup_subset:.0f}×")
cols = st.columns(3)
cols[0].metric(t("vectorization.loop_full", n_x=step.n_x), f"≈ {step.loop_full_estimate_s:.2f} s")
cols[1].metric(t("vectorization.vec_full", n_x=step.n_x), f"{step.vec_full_s * MS:.2f} ms")
cols[2].metric(t("vectorization.speedup"), f"≈ {step.speedup_full:.0f}×")
st.caption(t("vectorization.scaling_note", k=step.features, n_x=step.n_x, m=step.m,
             iterations=step.loop_iterations))
st.success(t("vectorization.same_numbers", k=step.features, diff=fmt(step.max_diff, 2)))

st.subheader(t("vectorization.shapes_header"))
sh = step.shapes
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
    right.latex(shapes)
st.caption(t("vectorization.shapes_caption", cost=fmt(step.full_cost, 6)))

data_file = str(data_dir() / TRAIN_FILE) if data is not None else None
reproduce_block(vectorization_script(n, features, SEED, data_file), "logitlab_vectorization.py",
                key="vec_reproduce")
