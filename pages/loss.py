"""Loss and likelihood: cross-entropy is −log p(y|x), keeps J(w) convex where squared error does not; J is its mean."""

import streamlit as st

from core.budget import SUPERSCRIPTS
from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.lessons.loss import (
    TINIEST_LOG10,
    W_LIMIT,
    convexity_demo,
    cost_at,
    example_walkthrough,
    likelihood,
    loss_curves,
    per_example_table,
)
from core.lessons.sigmoid import power_of_ten
from core.snippets.loss import loss_script
from ui.figures.loss import cost_chart, loss_chart, per_example_chart
from ui.i18n import t
from ui.live_chart import live_chart
from ui.presenter import number_table
from ui.quiz import check_yourself, hidden_part, reproduce_or_hidden, revealed
from ui.theme import LOSS_COLOURS
from ui.url_state import keep, link_index

B_LIMIT = 4.0  # the b slider spans [−4, 4]
PARAM_STEP = 0.1  # w and b slider step
DEFAULT_W = 1.0  # a reasonable model to start from
CACHE_ENTRIES = 64  # slider positions remembered per cached function
TABLE_DECIMALS = "%.4f"  # x, ŷ and L in the per-example table: one width, as in the formulas above
DECIMAL_COLUMNS = ("x", "y_hat", "L")  # the table's real-valued columns (i and y are whole numbers)


def power_text(log10_value: float) -> str:
    """10^log10_value as a student writes it: 3.2 × 10⁻³²⁹ (two significant digits)."""
    mantissa, exponent = power_of_ten(log10_value)
    if round(mantissa, 1) >= 10:  # 9.96 rounds up to the next power
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.1f} × 10{str(exponent).translate(SUPERSCRIPTS)}"


dataset = st.cache_data(max_entries=len(TOY_KINDS))(one_feature_dataset)
curves = st.cache_data(max_entries=2)(loss_curves)
convexity = st.cache_data(max_entries=CACHE_ENTRIES)(convexity_demo)

st.title(t("loss.title"))
st.caption(t("loss.caption"))
kind = st.radio(t("loss.kind_label"), TOY_KINDS, link_index("loss_kind", TOY_KINDS),
                format_func=lambda k: t(f"loss.kind_{k}"), key="loss_kind", horizontal=True)
keep("loss_kind", kind)
X, Y = dataset(kind)
m = X.shape[1]
col_w, col_b, col_i = st.columns(3)
w = col_w.slider("w", -W_LIMIT, W_LIMIT, DEFAULT_W, PARAM_STEP, key="loss_w", bind="query-params")
b = col_b.slider("b", -B_LIMIT, B_LIMIT, 0.0, PARAM_STEP, key="loss_b", bind="query-params")
index = col_i.number_input(t("loss.example_label", last=m - 1), 0, m - 1, 0, 1, key="loss_example",
                           bind="query-params")
ex = example_walkthrough(w, b, X, Y, index)
quiz = {"w": w, "b": b, "X": X, "Y": Y, "index": index}  # what the Check-yourself questions ask about

st.subheader(t("loss.h_loss"))
# Predict first: the example's two losses answer question 1, wherever they show (the marker on the curves,
# the numbers below, log p = −L, the per-example bars and table, the Reproduce script's output).
result_shown = revealed("loss", quiz)
for col, y in zip(st.columns(2), (1, 0), strict=True):
    with col:
        live_chart(loss_chart(*curves(y), y, mark=ex if ex.y == y and result_shown else None), f"loss_L_y{y}",
                   key=f"loss_curve_y{y}")
st.latex(r"L(\hat{y}, y) = -\bigl(y \log \hat{y} + (1 - y) \log(1 - \hat{y})\bigr)")
if result_shown:
    st.latex(rf"L({ex.y_hat:.4f}, {ex.y}) = -\bigl({ex.y} \log {ex.y_hat:.4f} + (1 - {ex.y}) "
             rf"\log(1 - {ex.y_hat:.4f})\bigr) = {ex.loss:.4f}")
st.latex(r"L_{\mathrm{sq}}(\hat{y}, y) = \tfrac{1}{2}(\hat{y} - y)^2")
if result_shown:
    st.latex(rf"L_{{\mathrm{{sq}}}}({ex.y_hat:.4f}, {ex.y}) = \tfrac{{1}}{{2}}({ex.y_hat:.4f} - {ex.y})^2 "
             rf"= {ex.sq_loss:.4f}")
st.caption(t("loss.loss_note"))
if result_shown:  # predict first hides the diamond
    st.caption(t("loss.diamond_note"))

st.subheader(t("loss.h_convex"))
st.markdown(t("loss.convex_intro", b=f"{b:.1f}"))
demo = convexity(b, X, Y)
for col, loss in zip(st.columns(2), ("squared_error", "cross_entropy"), strict=True):
    with col:
        live_chart(cost_chart(demo.w_grid, demo.costs[loss], demo.chords[loss], w, cost_at(w, b, X, Y, loss),
                              title=t(f"loss.chart_cost_{loss}"), colour=LOSS_COLOURS[loss], meta=f"cost_{loss}"),
                   f"loss_J_{loss}_{kind}_b{b:.1f}", key=f"loss_cost_{loss}")
sq, ce = demo.chords["squared_error"], demo.chords["cross_entropy"]
if sq is None:
    st.info(t("loss.no_violation"))
else:
    st.latex(rf"\text{{{t('annotations.convex')}}} \iff J\left(\dfrac{{w_1 + w_2}}{{2}}\right) \le "
             rf"\dfrac{{J(w_1) + J(w_2)}}{{2}}\ \text{{{t('annotations.for_every_chord')}}}")
    st.latex(rf"J_{{\mathrm{{sq}}}}({sq.mid_w:.2f}) = {sq.mid_curve:.4f} > "
             rf"\dfrac{{{sq.j1:.4f} + {sq.j2:.4f}}}{{2}} = {sq.mid_chord:.4f}")
    st.latex(rf"J_{{\mathrm{{CE}}}}({ce.mid_w:.2f}) = {ce.mid_curve:.4f} \le \dfrac{{{ce.j1:.4f} + {ce.j2:.4f}}}{{2}} "
             rf"= {ce.mid_chord:.4f}")
    left, right = st.columns(2)
    left.warning(t("loss.nonconvex_words", w1=f"{sq.w1:.1f}", w2=f"{sq.w2:.1f}", gap=f"{sq.violation:.4f}"))
    if demo.ce_chord_above:
        right.success(t("loss.convex_words", w1=f"{ce.w1:.1f}", w2=f"{ce.w2:.1f}"))

st.subheader(t("loss.h_likelihood"))
st.markdown(t("loss.likelihood_intro"))
st.latex(r"p(y \mid x) = \hat{y}^{\,y}\,(1 - \hat{y})^{1 - y}")
if result_shown:
    st.latex(rf"p({ex.y} \mid x^{{({ex.index})}} = {ex.x:.3f}) = {ex.y_hat:.4f}^{{{ex.y}}}"
             rf"\,(1 - {ex.y_hat:.4f})^{{1 - {ex.y}}} = {ex.p:.4f}")
st.latex(r"\log p(y \mid x) = y \log \hat{y} + (1 - y) \log(1 - \hat{y}) = -L(\hat{y}, y)")
if result_shown:
    st.latex(rf"\log {ex.p:.4f} = {ex.log_p:.4f} = -L = -{ex.loss:.4f}")
else:
    hidden_part()
lik = likelihood(w, b, X, Y)
st.latex(r"p(Y \mid X) = \prod_{i=1}^{m} p(y^{(i)} \mid x^{(i)}) = e^{\log p(Y \mid X)}")
st.latex(r"\log p(Y \mid X) = \sum_{i=1}^{m} \log p(y^{(i)} \mid x^{(i)}) = -m\,J(w, b)")
st.latex(rf"\log p(Y \mid X) = -{lik.m} \times {lik.cost:.4f} = {lik.log_likelihood:.4f}")
st.latex(rf"p(Y \mid X) = e^{{{lik.log_likelihood:.4f}}} = {lik.mantissa:.3f} \times 10^{{{lik.exponent}}}")
if lik.repeats is not None:
    st.info(t("loss.underflow_words", copies=lik.repeats, total=lik.repeated_examples,
              likelihood=power_text(lik.log10_repeated), tiniest=power_text(TINIEST_LOG10),
              direct=f"{lik.direct_product_repeated:g}"))
st.caption(t("loss.likelihood_note"))

st.subheader(t("loss.h_cost"))
table = per_example_table(w, b, X, Y)
if result_shown:
    live_chart(per_example_chart(table["L"], table["y"], lik.cost), f"loss_per_example_{kind}_w{w:.1f}_b{b:.1f}",
               key="loss_bars")
st.latex(r"J(w, b) = \frac{1}{m} \sum_{i=1}^{m} L(\hat{y}^{(i)}, y^{(i)})")
st.latex(rf"J({w:.2f}, {b:.2f}) = \frac{{1}}{{{m}}} \times {lik.loss_sum:.4f} = {lik.cost:.4f}")
if result_shown:
    number_table({t(f"loss.col_{name}"): values for name, values in table.items()}, key="loss_table",
                 formats={t(f"loss.col_{name}"): TABLE_DECIMALS for name in DECIMAL_COLUMNS})
else:
    hidden_part()

reproduce_or_hidden(result_shown, loss_script(w, b, kind, X, Y, index, sq.w1 if sq else -W_LIMIT,
                                              sq.w2 if sq else W_LIMIT), f"loss_w{w:.1f}_b{b:.1f}.py",
                    key="loss_reproduce")
check_yourself("loss", quiz)
