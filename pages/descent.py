"""Gradient descent: w := w − α·dw rolls (w, b) downhill; the learning rate α decides if it glides or flies off."""

import streamlit as st

from core.data.features import DATASETS, default_dataset, needs_course
from core.data.loaders import DATA_ENV
from core.lessons import descent as lesson
from core.lessons.descent import DescentRun
from core.lessons.race import race_result
from core.neuron.model import LOSS_NAMES, LOSSES
from core.snippets.descent import descent_script
from ui.cached import course_data
from ui.cached_lessons import dataset_for, path_for, race
from ui.descent_sections import reset_steps, step_by_step, update_latex, views
from ui.exports import csv_download, show_chart
from ui.figures.descent import cost_curve
from ui.i18n import t
from ui.live_chart import live_chart
from ui.quiz import check_yourself, hidden_part, reproduce_or_hidden, revealed
from ui.theme import LOSS_COLOURS
from ui.url_params import SPEEDS
from ui.url_state import keep, link_index

MAP_SPAN = 12.0  # half-width of the drawn maps: a little beyond the start-point limits
MAP_SIZE = 61  # grid points per axis here (lighter than the surface page: the animation JSON stays small)
START_STEP = 0.5  # start-point input step
WARNINGS = ("diverging", "runaway", "oscillating")  # diagnoses shown as st.warning


def show_race_numbers(result):
    """One runner's decisions first (accuracy, steps to settle), its own J last and marked as such."""
    c1, c2 = st.columns(2)
    c1.metric(t("visual.race_accuracy"), f"{result.accuracy:.1f} %")
    c2.metric(t("visual.race_settled"), result.settled_at, help=t("visual.race_settled_help"))
    st.caption(f"{t('visual.race_cost')}: {result.cost:.4f}")


st.title(t("descent.title"))
st.caption(t("descent.caption"))
c1, c2, c3 = st.columns([2, 2, 3])
start = DATASETS[default_dataset(course_data() is not None)]
dataset = c1.selectbox(t("surface.dataset_label"), DATASETS, link_index("gd_dataset", DATASETS, start),
                       format_func=lambda name: t(f"surface.dataset_{name}"), key="gd_dataset")
keep("gd_dataset", dataset, start)
loss = c2.radio(t("descent.loss_label"), LOSS_NAMES, link_index("gd_loss", LOSS_NAMES),
                format_func=lambda name: LOSSES[name].label, key="gd_loss")
keep("gd_loss", loss)
rate = c3.select_slider(t("descent.rate_label"), lesson.LEARNING_RATES, lesson.DEFAULT_RATE,
                        format_func=lambda a: f"{a:g}", key="gd_learning_rate", help=t("descent.rate_help"),
                        bind="query-params")
c1, c2, c3, c4 = st.columns(4)
iterations = c1.slider(t("descent.iterations_label"), 1, lesson.MAX_ITERATIONS, lesson.DEFAULT_ITERATIONS,
                       key="gd_iterations", help=t("descent.iterations_help", limit=lesson.MAX_ITERATIONS),
                       bind="query-params")
limit, (start_w, start_b) = lesson.START_LIMIT, lesson.DEFAULT_START
start_help = t("descent.start_help", limit=f"{limit:g}")
w0 = c2.number_input(t("descent.w0_label"), -limit, limit, start_w, START_STEP, key="gd_w0", help=start_help,
                     bind="query-params")
b0 = c3.number_input(t("descent.b0_label"), -limit, limit, start_b, START_STEP, key="gd_b0", help=start_help,
                     bind="query-params")
speed = c4.select_slider(t("descent.speed_label"), SPEEDS, 1.0, format_func=lambda s: f"{s:g}", key="gd_speed",
                         help=t("descent.speed_help"), bind="query-params")
if needs_course(dataset) and course_data() is None:
    st.info(t("surface.no_data", folder=DATA_ENV))
    st.stop()
X, Y = dataset_for(dataset)
run = DescentRun(dataset=dataset, loss=loss, w0=w0, b0=b0, rate=rate, iterations=iterations, span=MAP_SPAN,
                 size=MAP_SIZE)  # every cache below keys on it
path = path_for(run)
verdict = lesson.diagnose(path)
quiz = {"X": X, "Y": Y, "w0": w0, "b0": b0, "rate": rate, "iterations": iterations, "loss": loss, "path": path}
# Predict first: the run answers question 1 wherever it shows (the verdict, the animation, the cost curve, its CSV,
# step mode, the race, the Reproduce script's output): all of it waits until question 1 is answered.
result_shown = revealed("descent", quiz)
numbers = {"rate": f"{rate:g}", "rises": verdict.rises, "flips": verdict.flips, "growth": f"{verdict.growth:.1f}",
           "iterations": iterations, "start": f"{path.cost[0]:.4f}", "end": f"{path.cost[-1]:.4f}"}
if result_shown and verdict.kind in WARNINGS:
    st.warning(t(f"descent.warn_{verdict.kind}", **numbers), icon="⚠️")
elif result_shown and verdict.kind == "stalled":
    st.info(t("descent.info_stalled", **numbers))
elif result_shown:
    st.success(t("descent.ok_converging", w=f"{path.w[-1]:.4f}", b=f"{path.b[-1]:.4f}", J=f"{path.cost[-1]:.5f}",
                 **numbers))

name = f"descent_{dataset}_{loss}_a{rate:g}_it{iterations}"
left, right = st.columns(2)
with left:
    views(run, speed, name, result_shown)
with right:
    if result_shown:
        live_chart(cost_curve([(path, LOSSES[loss].label, LOSS_COLOURS[loss])], title=t("descent.chart_cost")),
                   f"{name}_cost", key="gd_chart_cost")
    st.subheader(t("descent.h_update"))
    update_latex(lesson.take_step(X, Y, w0, b0, rate, loss), define=True)
if result_shown:
    st.caption(t("descent.csv_note"))
    csv_download(lesson.path_csv(path), f"{name}.csv", key="gd_csv")

st.subheader(t("descent.h_step"))
origin = run.start
if st.session_state.get("gd_origin") != origin:
    reset_steps(origin, X, Y)
if not result_shown:  # stepping would show the run one step at a time
    hidden_part()
else:
    st.caption(t("descent.step_intro"))
    step_by_step(X, Y, rate, loss, origin, name, run.surface_map)

race_box = st.expander(t("descent.h_race"), icon="🏁", key="gd_race", on_change="rerun", bind="query-params")
if race_box.open and not result_shown:  # the race runs the page's own path too
    hidden_part(race_box)
elif race_box.open:  # lazy: the two race maps are built and sent only while the box is open
    race_box.caption(t("descent.race_intro"))
    race_figures = race(run)
    results = {race_loss: race_result(X, Y, path_for(run.with_loss(race_loss)))
               for race_loss in LOSS_NAMES}
    race_box.markdown(t("visual.race_words", iterations=iterations,
                        ce_accuracy=f"{results['cross_entropy'].accuracy:.1f}",
                        se_accuracy=f"{results['squared_error'].accuracy:.1f}"))
    for col, (race_loss, figure) in zip(race_box.columns(len(LOSS_NAMES)), race_figures, strict=True):
        with col:
            show_race_numbers(results[race_loss])
            show_chart(figure, f"{name}_race_{race_loss}", key=f"gd_chart_race_{race_loss}")

reproduce_or_hidden(result_shown, descent_script(X, Y, w0, b0, rate, iterations, loss), f"{name}.py",
                    key="gd_reproduce")
check_yourself("descent", quiz)
