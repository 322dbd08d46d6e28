"""Train it yourself: learning rate, iterations and L2, a live cost curve while core.descent.train
runs, the new model's accuracy, and the course's learning-rate comparison on one chart.

The trained model lives only in st.session_state[USER_MODEL_KEY]: each session has its own.
"""

import streamlit as st

from core.explain import fit_and_score, history_csv, split_baselines
from core.model_file import TrainedModel
from ui.cached import course_data
from ui.cat_sections.common import PENDING_KEY, USER_DATA_KEY, USER_MODEL_KEY
from ui.exports import csv_download, show_chart
from ui.figures.cat import cost_curves
from ui.i18n import t

LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.005, 0.01, 0.03)  # log-spaced choices of α
DEFAULT_LEARNING_RATE = 0.005  # the course's choice for this dataset
MIN_ITERATIONS, MAX_ITERATIONS = 100, 3000  # bounds of the iterations slider (keeps a run to seconds)
DEFAULT_ITERATIONS = 2000  # the course's number of steps
ITERATION_STEP = 100  # slider step
MAX_L2 = 20.0  # upper bound of λ
L2_STEP = 0.5  # number-input step of λ
RECORD_EVERY = 10  # cost recorded every 10 steps: a smooth live curve
LIVE_EVERY = 250  # the live chart is redrawn every 250 steps (throttled)
COMPARE_RATES = (0.01, 0.001, 0.0001)  # the course's learning-rate figure
COMPARE_ITERATIONS = 1500  # the course's iterations for that figure
COMPARE_CACHE = 4  # cached comparison runs
DATA_SOURCES = ("course", "mine")


@st.cache_data(max_entries=COMPARE_CACHE, show_spinner=False)
def _compare(rates: tuple, iterations: int, _data, data_id: str) -> list[dict]:
    """One run per learning rate on the course data: cost curve and accuracies (cached per data_id)."""
    runs = []
    for rate in rates:
        fit = fit_and_score(_data.train_x, _data.train_y, _data.test_x, _data.test_y, rate, iterations)
        runs.append({"rate": rate, "steps": fit.history.cost_steps.tolist(), "costs": fit.history.costs.tolist(),
                     "train": fit.train_accuracy, "test": fit.test_accuracy})
    return runs


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


def _run(data, source: str, rate: float, iterations: int, l2: float) -> None:
    bar = st.progress(0.0, text=t("cat.training_progress"))
    live = st.empty()
    steps, costs = [], []

    def progress(step: int, cost: float) -> None:
        steps.append(step)
        costs.append(cost)
        bar.progress(min(1.0, (step + RECORD_EVERY) / iterations), text=t("cat.training_progress"))
        if step % LIVE_EVERY == 0:
            with live.container():
                show_chart(cost_curves([(f"α = {rate}", steps, costs)]), "cat_training_live")

    fit = fit_and_score(data.train_x, data.train_y, data.test_x, data.test_y, rate, iterations, l2=l2,
                        record_every=RECORD_EVERY, progress=progress)
    meta = {"learning_rate": rate, "iterations": iterations, "l2": l2, "data": source,
            "train_accuracy": fit.train_accuracy, "test_accuracy": fit.test_accuracy,
            "baselines": split_baselines(data), "m_train": data.train_y.shape[1], "m_test": data.test_y.shape[1],
            "cost_steps": fit.history.cost_steps.tolist(), "costs": fit.history.costs.tolist()}
    st.session_state[USER_MODEL_KEY] = TrainedModel(fit.history.w, fit.history.b, meta)
    st.session_state[PENDING_KEY] = True  # use the new model for the photos from the next run on
    st.rerun()


def show_training() -> None:
    """Controls, the training run and the result of the session's own model."""
    st.subheader(t("cat.train_title"))
    st.caption(t("cat.train_caption"))
    data, source = _data_source()
    cols = st.columns(3)
    rate = cols[0].select_slider(t("cat.lr_label"), LEARNING_RATES, value=DEFAULT_LEARNING_RATE, key="cat_lr",
                                 bind="query-params", help=t("cat.lr_help"))
    iterations = cols[1].slider(t("cat.iterations_label"), MIN_ITERATIONS, MAX_ITERATIONS, DEFAULT_ITERATIONS,
                                step=ITERATION_STEP, key="cat_iterations", bind="query-params")
    l2 = cols[2].number_input(t("cat.l2_label"), 0.0, MAX_L2, 0.0, step=L2_STEP, key="cat_l2",
                              bind="query-params", help=t("cat.l2_help"))
    if st.button(t("cat.train_button"), key="cat_train", type="primary", disabled=data is None, icon="🏋️"):
        _run(data, source, rate, iterations, l2)
    user = st.session_state.get(USER_MODEL_KEY)
    if user is not None:
        meta = user.meta
        st.success(t("cat.trained", rate=meta["learning_rate"], iterations=meta["iterations"], l2=meta["l2"],
                     data=t(f"cat.data_{meta['data']}")))
        cols = st.columns(2)
        cols[0].metric(t("cat.my_train_accuracy"), f"{meta['train_accuracy']:.1f} %")
        cols[1].metric(t("cat.my_test_accuracy"), f"{meta['test_accuracy']:.1f} %")
        name = f"cat_my_model_a{meta['learning_rate']:g}_it{meta['iterations']}_l2{meta['l2']:g}"
        show_chart(cost_curves([(f"α = {meta['learning_rate']}", meta["cost_steps"], meta["costs"])]),
                   name, key="cat_chart_my_cost")
        csv_download(history_csv(meta["cost_steps"], meta["costs"]), f"{name}.csv", key="cat_history_csv")


def show_comparison(data) -> None:
    """The course's figure: α = 0.01, 0.001, 0.0001 for 1500 iterations, with their accuracies."""
    st.subheader(t("cat.compare_title"))
    if not st.toggle(t("cat.compare_toggle"), key="cat_compare", help=t("cat.compare_help"), bind="query-params"):
        return
    runs = _compare(COMPARE_RATES, COMPARE_ITERATIONS, data, "course")
    show_chart(cost_curves([(f"α = {r['rate']}", r["steps"], r["costs"]) for r in runs]),
               f"cat_learning_rates_{COMPARE_ITERATIONS}", key="cat_chart_compare")
    st.table({t("cat.col_rate"): [str(r["rate"]) for r in runs],
              t("cat.col_train"): [f"{r['train']:.1f} %" for r in runs],
              t("cat.col_test"): [f"{r['test']:.1f} %" for r in runs]})
