"""Home: what Logit Lab teaches, the map from the course's sections to pages, and the notation."""

import streamlit as st

from core.course import CHANNELS, IMAGE_SIZE, M_TEST, M_TRAIN, N_X
from core.data.loaders import DATA_ENV
from ui.cached import course_data, course_error
from ui.i18n import error_text, t
from ui.lessons import course_map

st.title(t("home.title"))
st.caption(t("home.caption"))
st.markdown(t("home.intro"))

st.subheader(t("home.map_title"))
for key, script in course_map():
    st.page_link(script, label=t(f"home.{key}"), icon="👉")

st.subheader(t("home.notation_title"))
data = course_data()
n_x = N_X
m_train = data.train_y.shape[1] if data is not None else M_TRAIN  # the course's split sizes when no data is installed
m_test = data.test_y.shape[1] if data is not None else M_TEST
st.latex(r"x \in \mathbb{R}^{n_x},\quad y \in \{0, 1\},\quad "
         r"\hat{y} = \sigma(w^{T}x + b)")
st.latex(rf"n_x = {IMAGE_SIZE} \times {IMAGE_SIZE} \times {CHANNELS} = {n_x}")
# One line of text follows this toggle: the course stacks examples as columns, scikit-learn and pandas as rows.
as_rows = st.toggle(t("home.rows_label"), key="home_rows", help=t("home.rows_help"), bind="query-params")
st.markdown(t("home.rows_on" if as_rows else "home.rows_off", n_x=n_x, m=m_train))
st.table({
    t("home.col_symbol"): ["X", "Y", "w", "b", "X_test", "Y_test"],
    t("home.col_shape"): [f"({n_x}, {m_train})", f"(1, {m_train})", f"({n_x}, 1)",
                          t("home.scalar"), f"({n_x}, {m_test})", f"(1, {m_test})"],
    t("home.col_meaning"): [t("home.X"), t("home.Y"), t("home.w"), t("home.b"),
                            t("home.Xt"), t("home.Yt")],
})
if course_error() is not None:  # the files are there but broken: say which and why
    st.error(error_text(course_error()))
elif data is None:
    st.info(t("home.no_data", folder=DATA_ENV))
else:
    st.success(t("home.data_ok", train=m_train, test=m_test))
