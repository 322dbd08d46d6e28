"""Train it yourself: learning rate, iterations and L2, a live cost curve while core.neuron.trainer.Trainer
fits, the new model's accuracy, and the course's learning-rate comparison on one chart.

A run costs m × n_x × iterations (core.budget); above TRAINING_BUDGET the Train button is disabled
with a message, and every run shows a progress bar and a Stop button.

The trained model lives only in st.session_state[USER_MODEL_KEY]: each session has its own.
"""

import numpy as np
import streamlit as st

from core import budget
from core.budget import check_budget, scientific, training_cost
from core.errors import LogitLabError
from core.lessons.cat_training import history_csv
from core.neuron.model_file import TrainingRecord
from core.neuron.trainer import Trainer
from ui.cached import course_data
from ui.cat_sections.common import PENDING_KEY, USER_DATA_KEY, USER_MODEL_KEY
from ui.exports import csv_download, show_chart
from ui.figures.cat import LiveCostCurve, cost_curves
from ui.i18n import error_text, t
from ui.url_params import (  # the widgets' schema
    CAT_DEFAULT_ITERATIONS,
    CAT_DEFAULT_RATE,
    CAT_LEARNING_RATES,
    CAT_MAX_ITERATIONS,
    CAT_MAX_L2,
    CAT_MIN_ITERATIONS,
)

ITERATION_STEP = 100  # slider step
L2_STEP = 0.5  # number-input step of λ
RECORD_EVERY = 10  # cost recorded every 10 steps: a smooth live curve
LIVE_EVERY = 250  # the live chart is redrawn every 250 steps (throttled)
COMPARE_RATES = (0.01, 0.001, 0.0001)  # the course's learning-rate figure
COMPARE_ITERATIONS = 1500  # the course's iterations for that figure
COMPARE_CACHE = 4  # cached comparison runs
DATA_SOURCES = ("course", "mine")
STOP_KEY = "cat_train_stop"  # the Stop button shown while a run is going
REACHED_KEY = "cat_train_reached"  # the last step the running training recorded
STOPPED_KEY = "cat_train_stopped_at"  # set by Stop: the step the interrupted run had reached


@st.cache_data(max_entries=COMPARE_CACHE, show_spinner=False)
def _compare(rates: tuple, iterations: int, _data, data_id: str) -> list[TrainingRecord]:
    """One run per learning rate on the course data (shared by all students, cached per data_id)."""
    return [Trainer(rate, iterations).fit(_data, data_source=data_id).record for rate in rates]


def _data_source():
    """(dataset, source id) to train on: the course's or the session's own upload."""
    options = [s for s, d in zip(DATA_SOURCES, (course_data(), st.session_state.get(USER_DATA_KEY)), strict=True)
               if d is not None]
    if not options:
        st.info(t("cat.train_no_data"))
        return None, None
    source = st.radio(t("cat.train_data_label"), options, format_func=lambda s: t(f"cat.data_{s}"),
                      key="cat_train_data", horizontal=True)
    return (course_data() if source == "course" else st.session_state[USER_DATA_KEY]), source


def _stop_clicked() -> None:
    """Stop button callback: the click itself interrupts the run (see _run); remember how far it got."""
    st.session_state[STOPPED_KEY] = st.session_state.get(REACHED_KEY, 0)


def _run(data, source: str, rate: float, iterations: int, l2: float) -> None:
    """Train with a progress bar and a Stop button; the new model replaces the session's own.

    Every RECORD_EVERY steps the bar is updated and the step is stored in st.session_state. Both are
    points where Streamlit handles a pending rerun, so clicking Stop ends the run within one chunk
    of steps (a fraction of a second), and the next run says where it stopped.
    """
    st.button(t("bounds.train_stop"), key=STOP_KEY, on_click=_stop_clicked, icon="⏹️")
    bar = st.progress(0.0, text=t("cat.training_progress"))
    live = st.empty()
    steps, costs = [], []
    curve, text = LiveCostCurve(f"α = {rate}"), t("cat.training_progress")

    def progress(step: int, cost: float) -> None:
        steps.append(step)
        costs.append(cost)
        st.session_state[REACHED_KEY] = step
        bar.progress(min(1.0, (step + RECORD_EVERY) / iterations), text=text)
        if step % LIVE_EVERY == 0:
            with live.container():
                show_chart(curve.figure(steps, costs), "cat_training_live")

    trainer = Trainer(rate, iterations, l2, record_every=RECORD_EVERY)
    st.session_state[USER_MODEL_KEY] = trainer.fit(data, progress=progress, data_source=source)
    st.session_state[PENDING_KEY] = True  # use the new model for the photos from the next run on
    st.rerun()


def _within_budget(data, iterations: int) -> bool:
    """Caption with the run's cost against TRAINING_BUDGET; a warning (and False) when it is above it."""
    if data is None:
        return False
    m, n_x = data.train_y.shape[1], int(np.prod(data.train_x_orig.shape[1:]))  # (m, 64, 64, 3) -> 12288
    try:
        check_budget(m, n_x, iterations)
    except LogitLabError as err:
        st.warning(error_text(err), icon="⏱️")
        return False
    st.caption(t("bounds.train_cost", m=m, n_x=n_x, iterations=iterations,
                 cost=scientific(training_cost(m, n_x, iterations)), budget=scientific(budget.TRAINING_BUDGET)))
    return True


@st.fragment
def show_training() -> None:
    """Controls, the training run and the result of the session's own model.

    A fragment: its controls change nothing outside it (the run's cost caption is here), so moving one
    reruns only this part, and Train shows its progress bar at once instead of after the whole page
    (the photo tab above always runs). A finished run reruns the whole page (``_run``), where the new
    model is used for the photos."""
    st.subheader(t("cat.train_title"))
    st.caption(t("cat.train_caption"))
    data, source = _data_source()
    cols = st.columns(3)
    rate = cols[0].select_slider(t("cat.lr_label"), CAT_LEARNING_RATES, value=CAT_DEFAULT_RATE, key="cat_lr",
                                 bind="query-params", help=t("cat.lr_help"))
    iterations = cols[1].slider(t("cat.iterations_label"), CAT_MIN_ITERATIONS, CAT_MAX_ITERATIONS,
                                CAT_DEFAULT_ITERATIONS, step=ITERATION_STEP, key="cat_iterations", bind="query-params")
    l2 = cols[2].number_input(t("cat.l2_label"), 0.0, CAT_MAX_L2, 0.0, step=L2_STEP, key="cat_l2",
                              bind="query-params", help=t("cat.l2_help"))
    within = _within_budget(data, iterations)
    if st.button(t("cat.train_button"), key="cat_train", type="primary", disabled=not within, icon="🏋️"):
        _run(data, source, rate, iterations, l2)
    if STOPPED_KEY in st.session_state:
        st.info(t("bounds.train_stopped", step=st.session_state.pop(STOPPED_KEY)))
    user = st.session_state.get(USER_MODEL_KEY)
    if user is not None:
        record = user.record
        st.success(t("cat.trained", rate=record.learning_rate, iterations=record.iterations, l2=record.l2,
                     data=t(f"cat.data_{record.data_source}")))
        if record.seconds is not None:  # this run's gradient descent on the server, progress bar included
            st.container(key="cat_train_time").caption(t("cat.trained_time", ms=f"{record.seconds * 1000:.0f}"))
        cols = st.columns(2)
        cols[0].metric(t("cat.my_train_accuracy"), f"{record.train_accuracy:.1f} %")
        cols[1].metric(t("cat.my_test_accuracy"), f"{record.test_accuracy:.1f} %")
        name = f"cat_my_model_a{record.learning_rate:g}_it{record.iterations}_l2{record.l2:g}"
        show_chart(cost_curves([(f"α = {record.learning_rate}", record.cost_steps, record.costs)]),
                   name, key="cat_chart_my_cost")
        csv_download(history_csv(record.cost_steps, record.costs), f"{name}.csv", key="cat_history_csv")


def show_comparison(data) -> None:
    """The course's figure: α = 0.01, 0.001, 0.0001 for 1500 iterations, with their accuracies."""
    st.subheader(t("cat.compare_title"))
    if not st.toggle(t("cat.compare_toggle"), key="cat_compare", help=t("cat.compare_help"), bind="query-params"):
        return
    runs = _compare(COMPARE_RATES, COMPARE_ITERATIONS, data, "course")
    show_chart(cost_curves([(f"α = {r.learning_rate}", r.cost_steps, r.costs) for r in runs]),
               f"cat_learning_rates_{COMPARE_ITERATIONS}", key="cat_chart_compare")
    st.table({t("cat.col_rate"): [str(r.learning_rate) for r in runs],
              t("cat.col_train"): [f"{r.train_accuracy:.1f} %" for r in runs],
              t("cat.col_test"): [f"{r.test_accuracy:.1f} %" for r in runs]})
