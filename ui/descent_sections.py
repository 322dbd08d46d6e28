"""The gradient-descent page's two fragments: the animated views (contour map and 3D bowl under one tab bar)
and step mode (Step and Reset with their numbers and map), and the update rule that step mode and the page
typeset. pages/descent.py calls them; each fragment reruns alone when its own controls change."""

import streamlit as st

from core.lessons import descent as lesson
from core.lessons.descent import DescentRun, StepStart
from ui.cached_lessons import animation, steps_map
from ui.i18n import t
from ui.live_chart import live_chart
from ui.quiz import hidden_part
from ui.url_params import DESCENT_VIEWS
from ui.url_state import keep, tab_default


def update_latex(step, define: bool = False):
    """The update rule in the seed's names (dw, db; ``define`` once: dw = ∂J/∂w), then this step's numbers."""
    where = r",\quad dw = \frac{\partial J}{\partial w}" if define else ""
    st.latex(rf"\begin{{aligned}} w &:= w - \alpha\,dw{where} \\ b &:= b - \alpha\,db \end{{aligned}}")
    st.latex(rf"\begin{{aligned}} w &:= {step.w:.4f} - {step.rate:g} \cdot ({step.dw:.4f}) = {step.w_new:.4f} \\ "
             rf"b &:= {step.b:.4f} - {step.rate:g} \cdot ({step.db:.4f}) = {step.b_new:.4f} \end{{aligned}}")


def reset_steps(origin: StepStart, X, Y):
    """Step mode back to the start point: gd_w, gd_b, gd_count, gd_last (a Step) and gd_points [(w, b, J)]."""
    start_cost = lesson.take_step(X, Y, origin.w0, origin.b0, 0.0, origin.loss).cost
    st.session_state.update(gd_origin=origin, gd_w=origin.w0, gd_b=origin.b0, gd_count=0, gd_last=None,
                            gd_points=[(origin.w0, origin.b0, start_cost)])


def one_step(X, Y, rate, loss):
    """Apply one update to the step-mode state."""
    step = lesson.take_step(X, Y, st.session_state.gd_w, st.session_state.gd_b, rate, loss)
    st.session_state.update(gd_w=step.w_new, gd_b=step.b_new, gd_count=st.session_state.gd_count + 1, gd_last=step,
                            gd_points=st.session_state.gd_points + [(step.w_new, step.b_new, step.cost_new)])


@st.fragment
def step_by_step(X, Y, rate, loss, origin, name, spec):
    """Step and Reset with their numbers and map: a click reruns only this part (nothing else on the page
    depends on the steps taken); the controls above rerun the page, and with it this part's arguments."""
    step_col, reset_col, _ = st.columns([1, 1, 4])
    step_col.button(t("descent.step_button"), key="gd_step", on_click=one_step, args=(X, Y, rate, loss), type="primary")
    reset_col.button(t("descent.reset_button"), key="gd_reset", on_click=reset_steps, args=(origin, X, Y))
    state = st.session_state
    left, right = st.columns(2)
    with left:
        st.info(t("descent.step_count", count=state.gd_count, w=f"{state.gd_w:.4f}", b=f"{state.gd_b:.4f}",
                      J=f"{state.gd_points[-1][2]:.5f}"))
        st.caption(t("descent.step_done" if state.gd_last else "descent.step_next"))
        update_latex(state.gd_last or lesson.take_step(X, Y, state.gd_w, state.gd_b, rate, loss))
    with right:
        live_chart(steps_map(spec, tuple(state.gd_points), rate), f"{name}_steps", key="gd_chart_steps")


@st.fragment
def views(run: DescentRun, speed: float, name: str, result_shown: bool):
    """The contour map and the 3D bowl under one tab bar. A tab switch reruns only this part (nothing else on
    the page depends on the view). The tabs are lazy: only the open view's animation (~0.25 MB) is built and
    sent. Both views are one live chart below the tab bar: the view not shown stays on the page, hidden, so
    switching back to it redraws nothing unless its run changed (then it is updated in place)."""
    box = st.container(gap=None)  # the chart right under the tab bar, where a tab's own content would start
    labels = [t(f"descent.tab_{view}") for view in DESCENT_VIEWS]
    tab_map, tab_bowl = box.tabs(labels, default=tab_default("gd_view", labels), key="gd_view", on_change="rerun")
    view = DESCENT_VIEWS[1] if tab_bowl.open else DESCENT_VIEWS[0]
    keep("gd_view", view)
    if not result_shown:
        hidden_part(tab_bowl if tab_bowl.open else tab_map)
        return
    with box:
        live_chart(animation(run, three_d=tab_bowl.open, speed=speed), f"{name}_{view}", key="gd_chart_view",
                   view=view)
