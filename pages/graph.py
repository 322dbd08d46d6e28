"""Computation graph: run one example forward left to right, then backward right to left, and check each
chain-rule derivative against a finite difference before averaging over m examples with loops and vectors."""

import streamlit as st

from core.lessons.graph import (
    INPUTS,
    M_DEFAULT,
    M_MAX,
    STEPS,
    GraphPoint,
    apply_update,
    example_set,
    forward_backward,
    gradient_check,
    m_examples,
    revealed,
)
from core.snippets.graph import graph_script
from ui.exports import reproduce_block
from ui.figures.graph import FONT_PT, PRESENTER_FONT_PT, fmt, graph_dot
from ui.i18n import t
from ui.quiz import check_yourself, stop_until_answered
from ui.quiz import revealed as result_revealed  # core.lessons.graph.revealed is the step plan
from ui.theme import presenter_mode
from ui.url_params import CG_ALPHA_DEFAULT, CG_ALPHA_MAX, CG_DEFAULTS, CG_INPUT_LIMIT, CG_SEED_MAX
from ui.url_state import keep, link_value

INPUT_STEP = 0.1  # +/- step of the number inputs
ALPHA_STEP = 0.1  # +/- step of the learning-rate input
CHECK_DIGITS = 10  # significant digits in the gradient-check table
STEP_KEY = "cg_step"  # session-state key and link parameter of the reveal counter (0 … len(STEPS))
FORWARD_STEPS = sum(kind == "forward" for kind, _ in STEPS)  # reveal steps before the first gradient

st.title(t("graph.title"))
st.caption(t("graph.caption"))

st.subheader(t("graph.inputs_header"))
cols = st.columns(len(INPUTS) + 1)
values = {name: col.number_input(name, -CG_INPUT_LIMIT, CG_INPUT_LIMIT, CG_DEFAULTS[name], INPUT_STEP,
                                 key=f"cg_{name}", bind="query-params")
          for name, col in zip(INPUTS, cols[:-1], strict=True)}
y = cols[-1].radio("y", (0, 1), index=1, key="cg_y", horizontal=True, help=t("graph.y_help"), bind="query-params")
p = GraphPoint(**values, y=float(y))
v = forward_backward(p)
quiz = {"point": p}  # what the Check-yourself questions ask about
result_shown = result_revealed("graph", quiz, note=False)  # predict first: the backward pass answers question 1

st.subheader(t("graph.graph_header"))
total = len(STEPS)
if STEP_KEY not in st.session_state:  # the session's first look: the step the link asks for, else nothing shown
    st.session_state[STEP_KEY] = int(link_value(STEP_KEY) or 0)


def _set_step(step: int) -> None:
    st.session_state[STEP_KEY] = max(0, min(total, step))


step = st.session_state[STEP_KEY]
keep(STEP_KEY, step)
shown_values, shown_grads = revealed(step)
done = step == total  # the backward pass has reached the inputs: every derivative is on screen
buttons = st.columns(4)
buttons[0].button(t("graph.btn_reset"), key="cg_reset", on_click=_set_step, args=(0,), width="stretch")
buttons[1].button(t("graph.btn_prev"), key="cg_prev", on_click=_set_step, args=(step - 1,), width="stretch")
buttons[2].button(t("graph.btn_next"), key="cg_next", on_click=_set_step, args=(step + 1,), width="stretch",
                  type="primary")
buttons[3].button(t("graph.btn_all"), key="cg_all", on_click=_set_step, args=(total,), width="stretch")
shown_step = step if result_shown else min(step, FORWARD_STEPS)  # predict first: no gradients drawn or described
st.info(t("graph.step_status", step=shown_step, total=total, what=t(f"graph.step_{shown_step}")))
graph_font = PRESENTER_FONT_PT if presenter_mode() else FONT_PT
st.graphviz_chart(graph_dot(p, v, shown_step, graph_font, t("graph.graph_name")), width="stretch",
                  alt=t("graph.graph_alt"))
stop_until_answered("graph", quiz)  # predict first: the backward pass below answers question 1

st.subheader(t("graph.chain_header"))
chain = {  # gradient node -> its chain-rule lines, shown once the backward pass has reached that node
    "a": rf"da &= -\frac{{y}}{{a}} + \frac{{1-y}}{{1-a}} &&= -\frac{{{fmt(p.y)}}}{{{fmt(v.a)}}} + "
         rf"\frac{{1-{fmt(p.y)}}}{{1-{fmt(v.a)}}} = {fmt(v.da)}",
    "z": rf"dz &= da \cdot a(1-a) = a - y &&= {fmt(v.a)} - {fmt(p.y)} = {fmt(v.dz)}",
    "w1": rf"dw_1 &= x_1\,dz &&= {fmt(p.x1)} \cdot ({fmt(v.dz)}) = {fmt(v.dw1)}\\"
          rf"dw_2 &= x_2\,dz &&= {fmt(p.x2)} \cdot ({fmt(v.dz)}) = {fmt(v.dw2)}\\"
          rf"db &= dz &&= {fmt(v.db)}",
}
lines = [line for node, line in chain.items() if node in shown_grads]
if lines:
    st.latex(r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}")
else:
    st.caption(t("graph_steps.chain_hidden"))
if not v.da_finite and "a" in shown_grads:
    st.warning(t("graph.da_infinite", a=fmt(v.a), z=fmt(v.z), dz=fmt(v.dz)))

st.subheader(t("graph.check_header"))
st.caption(t("graph.check_caption"))
rows = [row for row in gradient_check(p) if row[0] in shown_grads]
if not rows:
    st.caption(t("graph_steps.check_hidden"))
else:
    st.table({
        t("graph.col_node"): [f"d{node}" for node, *_ in rows],
        t("graph.col_analytic"): [fmt(a, CHECK_DIGITS) for _, a, _, _ in rows],
        t("graph.col_numeric"): [t("graph.undefined") if n is None else fmt(n, CHECK_DIGITS) for _, _, n, _ in rows],
        t("graph.col_diff"): [t("graph.undefined") if d is None else f"{d:.1e}".replace("-", "−") for *_, d in rows],
    })

st.subheader(t("graph.update_header"))
alpha = st.number_input(t("graph.alpha"), 0.0, CG_ALPHA_MAX, CG_ALPHA_DEFAULT, ALPHA_STEP, key="cg_alpha",
                        bind="query-params", help=t("graph.alpha_help"))
new, new_loss = apply_update(p, alpha)
if not done:
    st.caption(t("graph_steps.update_hidden"))
else:
    st.latex(r"\begin{aligned}"
             rf"w_1 &:= w_1 - \alpha\,dw_1 &&= {fmt(p.w1)} - {fmt(alpha)} \cdot ({fmt(v.dw1)}) = {fmt(new.w1)}\\"
             rf"w_2 &:= w_2 - \alpha\,dw_2 &&= {fmt(p.w2)} - {fmt(alpha)} \cdot ({fmt(v.dw2)}) = {fmt(new.w2)}\\"
             rf"b &:= b - \alpha\,db &&= {fmt(p.b)} - {fmt(alpha)} \cdot ({fmt(v.db)}) = {fmt(new.b)}\\"
             rf"L &= L(a, y) &&= {fmt(v.L)} \;\longrightarrow\; L_{{\text{{{t('annotations.new')}}}}} = {fmt(new_loss)}"
             r"\end{aligned}")
    verdict = "update_zero" if alpha == 0 else "update_lower" if new_loss < v.L else "update_not_lower"
    st.markdown(t(f"graph.{verdict}"))

st.subheader(t("graph.m_header"))
st.caption(t("graph.m_caption"))
mc = st.columns(2)
m = mc[0].number_input(t("graph.m_label"), 1, M_MAX, M_DEFAULT, key="cg_m", bind="query-params")
seed = mc[1].number_input(t("graph.seed_label"), 0, CG_SEED_MAX, 0, key="cg_seed", bind="query-params")
X, Y = example_set(m, seed)
res = m_examples(p, X, Y)
columns = {"i": [str(i + 1) for i in range(m)], "x1": [fmt(x) for x in X[0]], "x2": [fmt(x) for x in X[1]],
           "y": [fmt(label) for label in Y[0]]}
if "a" in shown_values:
    columns["a"] = [fmt(r.a) for r in res.per_example]
if done:
    columns.update({"dz = a − y": [fmt(r.dz) for r in res.per_example],
                    "x1·dz": [fmt(r.dw1) for r in res.per_example], "x2·dz": [fmt(r.dw2) for r in res.per_example]})
st.table(columns)
(loop_j, loop_dw, loop_db), (vec_j, vec_dw, vec_db) = res.loop, res.vectorized
if not done:
    st.caption(t("graph_steps.average_hidden"))
else:
    st.latex(r"\begin{aligned}"
             rf"dw_1 &= \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} x_1^{{(i)}} dz^{{(i)}} &&= {fmt(vec_dw[0, 0])}\\"
             rf"dw_2 &= \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} x_2^{{(i)}} dz^{{(i)}} &&= {fmt(vec_dw[1, 0])}\\"
             rf"db &= \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} dz^{{(i)}} &&= {fmt(vec_db)}\\"
             rf"J &= \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} L(a^{{(i)}}, y^{{(i)}}) &&= {fmt(vec_j)}\quad (m = {m})"
             r"\end{aligned}")
    st.table({
        t("graph.col_quantity"): ["J", "dw1", "dw2", "db"],
        t("graph.col_loop"): [fmt(x, CHECK_DIGITS) for x in (loop_j, loop_dw[0, 0], loop_dw[1, 0], loop_db)],
        t("graph.col_vec"): [fmt(x, CHECK_DIGITS) for x in (vec_j, vec_dw[0, 0], vec_dw[1, 0], vec_db)],
    })
    st.success(t("graph.equal", diff=f"{res.max_diff:.1e}".replace("-", "−")))

reproduce_block(graph_script(p, alpha, X, Y), "logitlab_graph.py", key="cg_reproduce")
check_yourself("graph", quiz)
