"""Sigmoid: σ squeezes any z into (0, 1) with slope σ(1 − σ), σ(wx + b) classifies, and σ must be computed stably."""

import streamlit as st

from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.lessons.sigmoid import (
    Z_LIMIT,
    naive_vs_stable,
    one_feature_fit,
    power_of_ten,
    sigmoid_readout,
    value_kind,
)
from core.snippets.sigmoid import sigmoid_script
from ui.figures.sigmoid import TEMPLATES, model_data, sigmoid_marks
from ui.i18n import t
from ui.live_chart import live_chart
from ui.quiz import check_yourself, reproduce_or_hidden, revealed
from ui.templates import refilled_chart
from ui.url_state import keep, link_index

Z_STEP = 0.1  # z marker slider step
W_LIMIT, B_LIMIT = 5.0, 5.0  # w and b sliders span [−5, 5]
PARAM_STEP = 0.1  # w and b slider step
DEFAULT_W = 1.0  # a gentle upward curve to start from
BIG_Z_LIMIT = 5000.0  # the stability input accepts z ∈ [−5000, 5000]
DEFAULT_BIG_Z = -1000.0  # far beyond −709, where e^(−z) overflows float64
BIG_Z_STEP = 100.0  # stability input step
MINUS = "\u2212"  # the minus sign of typeset formulas; "-" is a hyphen
INF_TEX = {"pos_inf": r"\infty", "neg_inf": r"-\infty", "nan": r"\mathrm{NaN}"}  # non-finite numbers in LaTeX

dataset = st.cache_data(max_entries=len(TOY_KINDS))(one_feature_dataset)


def minus_sign(value: float) -> str:
    """A number for prose, with the typographic minus sign (−) that the formulas show."""
    return f"{value:g}".replace("-", MINUS)


def shown(value: float) -> str:
    """A number for LaTeX: finite values to 6 significant digits, infinities as ∞ symbols."""
    return INF_TEX.get(value_kind(value), f"{value:.6g}")


st.title(t("sigmoid.title"))
st.caption(t("sigmoid.caption"))

st.subheader(t("sigmoid.h_curve"))
z = st.slider(t("sigmoid.z_label"), -Z_LIMIT, Z_LIMIT, 0.0, Z_STEP, key="sig_z", bind="query-params")
e_neg_z, s, one_minus_s, ds = sigmoid_readout(z)
live_chart(refilled_chart("sigmoid.curve", TEMPLATES["sigmoid.curve"], sigmoid_marks(z, s, ds)), f"sigmoid_z{z:.1f}",
           key="sig_curve_chart")
left, right = st.columns(2)
left.latex(r"\sigma(z) = \frac{1}{1 + e^{-z}}")
left.latex(rf"\sigma({z:.2f}) = \frac{{1}}{{1 + {e_neg_z:.4f}}} = {s:.4f}")
right.latex(r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)")
right.latex(rf"\sigma'({z:.2f}) = {s:.4f} \times {one_minus_s:.4f} = {ds:.4f}")
st.caption(t("sigmoid.curve_note"))

st.subheader(t("sigmoid.h_model"))
kind = st.radio(t("sigmoid.kind_label"), TOY_KINDS, link_index("sig_kind", TOY_KINDS),
                format_func=lambda k: t(f"sigmoid.kind_{k}"), key="sig_kind", horizontal=True)
keep("sig_kind", kind)
col_w, col_b = st.columns(2)
w = col_w.slider("w", -W_LIMIT, W_LIMIT, DEFAULT_W, PARAM_STEP, key="sig_w", bind="query-params",
                 help=t("sigmoid.w_help"))
b = col_b.slider("b", -B_LIMIT, B_LIMIT, 0.0, PARAM_STEP, key="sig_b", bind="query-params",
                 help=t("sigmoid.b_help"))
X, Y = dataset(kind)
fit = one_feature_fit(w, b, X, Y)
quiz = {"z": z, "w": w, "b": b}  # what the Check-yourself questions ask about
result_shown = revealed("sigmoid", quiz)  # predict first: the fit, its decision point and accuracy answer question 1
if result_shown:
    name = "sigmoid.model" if fit.boundary is None else "sigmoid.model_boundary"
    live_chart(refilled_chart(name, TEMPLATES[name], model_data(fit, X.ravel(), Y.ravel())),
               f"sigmoid_model_{kind}_w{w:.1f}_b{b:.1f}", key="sig_model_chart")  # (hidden: the note stands in)
left, right = st.columns(2)
left.latex(r"\hat{y} = \sigma(w x + b)")
left.latex(rf"\hat{{y}} = \sigma({w:.2f}\,x + ({b:.2f}))")
if result_shown and fit.boundary is None:
    right.info(t("sigmoid.no_boundary", b=f"{b:.2f}", y_hat=f"{fit.proba[0]:.4f}"))
elif result_shown:
    right.latex(r"w x + b = 0 \;\Rightarrow\; x = -\frac{b}{w}")
    right.latex(rf"x = -\frac{{{b:.2f}}}{{{w:.2f}}} = {fit.boundary:.3f}")
m = Y.size
if result_shown:
    st.metric(t("sigmoid.accuracy"), f"{fit.accuracy:.1f} %",
              help=t("sigmoid.accuracy_help", right=fit.n_correct, m=m))
    st.caption(t("sigmoid.model_note"))

st.subheader(t("sigmoid.h_stable"))
st.markdown(t("sigmoid.stable_intro"))
big_z = st.number_input(t("sigmoid.big_z_label"), -BIG_Z_LIMIT, BIG_Z_LIMIT, DEFAULT_BIG_Z, BIG_Z_STEP,
                        key="sig_big_z", bind="query-params")
r = naive_vs_stable(big_z)
naive, stable = st.columns(2)
with naive:
    st.markdown(t("sigmoid.naive_title"))
    st.latex(r"\sigma(z) = \frac{1}{1 + e^{-z}},\qquad \log \sigma(z)")
    st.latex(rf"e^{{-z}} = e^{{{0.0 - r.z:g}}} = {shown(r.naive_exp)},\quad \sigma = {shown(r.naive_sigma)},"
             rf"\quad \log \sigma = {shown(r.naive_log_sigma)}")
    for text in r.naive_exp_warnings + r.naive_log_warnings:
        st.warning(t("sigmoid.numpy_warned", text=text))
    if value_kind(r.naive_exp) == "pos_inf":
        st.caption(t("sigmoid.explain_exp_inf", z=minus_sign(r.z), minus_z=minus_sign(0.0 - r.z)))
    if r.sigma_rounded_to_zero:
        st.caption(t("sigmoid.explain_sigma_zero"))
    if value_kind(r.naive_log_sigma) != "finite":
        st.caption(t("sigmoid.explain_log_inf"))
    if not (r.naive_exp_warnings or r.naive_log_warnings):
        st.success(t("sigmoid.naive_fine"))
with stable:
    st.markdown(t("sigmoid.stable_title"))
    st.latex(r"\log \sigma(z) = -\log\bigl(1 + e^{-z}\bigr)")
    mantissa, exponent = power_of_ten(r.log10_sigma)
    st.latex(rf"\log \sigma({r.z:g}) = {r.stable_log_sigma:.6g}")
    st.latex(rf"\sigma({r.z:g}) = e^{{{r.stable_log_sigma:.6g}}} \approx {mantissa:.3f} \times 10^{{{exponent}}}")
    st.success(t("sigmoid.stable_ok", sigma=f"{r.stable_sigma:.6g}"))

reproduce_or_hidden(result_shown, sigmoid_script(z, w, b, kind, X, Y, big_z), f"sigmoid_w{w:.1f}_b{b:.1f}.py",
                    key="sig_reproduce")
check_yourself("sigmoid", quiz)
