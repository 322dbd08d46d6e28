"""Cost surface: J(w, b) is a convex bowl for cross-entropy, a non-convex landscape for squared error."""

import streamlit as st

from core.data.features import DATASETS, default_dataset, is_separable, needs_course
from core.data.loaders import DATA_ENV
from core.lessons.surface import GRID_SIZE, SurfaceMap
from core.neuron.model import LOSS_NAMES, LOSSES
from core.snippets.surface import surface_script
from ui.cached import course_data
from ui.cached_lessons import dataset_for, map_for, mark_for, surface_charts, surface_for
from ui.i18n import t
from ui.live_chart import live_chart
from ui.quiz import check_yourself, reproduce_or_hidden, revealed
from ui.url_state import keep, link_index

SPAN_MIN, SPAN_MAX = 2.0, 20.0  # the axis-range slider: grid half-width for w and b
DEFAULT_SPAN = 10.0  # wide enough for every dataset's minimum
SPAN_STEP = 1.0


def mark_words(spec: SurfaceMap) -> str:
    """The sentence that says what the map marks: the minimum (and whether it is off the map) or the lowest point."""
    mark, surface = mark_for(spec), surface_for(spec)
    w, b, J = mark.w, mark.b, mark.J
    if not mark.exact:
        return t("surface.lowest_words", w=f"{w:.2f}", b=f"{b:.2f}", J=f"{J:.4f}")
    words = t("surface.minimum_words", w=f"{w:.4f}", b=f"{b:.4f}", J=f"{J:.5f}")
    if abs(w) > surface.ws[-1] or abs(b) > surface.bs[-1]:
        words += " " + t("surface.minimum_outside", w=f"{w:.2f}", b=f"{b:.2f}")
    return words


st.title(t("surface.title"))
st.caption(t("surface.caption"))
col_data, col_loss, col_span = st.columns([2, 2, 2])
start = DATASETS[default_dataset(course_data() is not None)]
dataset = col_data.selectbox(t("surface.dataset_label"), DATASETS, link_index("surf_dataset", DATASETS, start),
                             format_func=lambda name: t(f"surface.dataset_{name}"), key="surf_dataset")
keep("surf_dataset", dataset, start)
loss = col_loss.radio(t("surface.loss_label"), LOSS_NAMES, link_index("surf_loss", LOSS_NAMES),
                      format_func=lambda name: LOSSES[name].label, key="surf_loss", help=t("surface.loss_help"))
keep("surf_loss", loss)
span = col_span.slider(t("surface.span_label"), SPAN_MIN, SPAN_MAX, DEFAULT_SPAN, SPAN_STEP, key="surf_span",
                       help=t("surface.span_help"), bind="query-params")
compare = col_span.toggle(t("surface.compare_label"), key="surf_compare", help=t("surface.compare_help"),
                          bind="query-params")

if needs_course(dataset) and course_data() is None:
    st.info(t("surface.no_data", folder=DATA_ENV))
    st.stop()
X, Y = dataset_for(dataset)
m = X.shape[1]
st.caption(t(f"surface.feature_{dataset}" if needs_course(dataset) else "surface.feature_toy", m=m))

shown = LOSS_NAMES if compare else (loss,)
quiz = {"X": X, "Y": Y, "span": span, "loss": loss}  # what the Check-yourself questions ask about
result_shown = revealed("surface", quiz)  # predict first: the maps, their lowest point and its J answer question 1
marks = {}
for col_index, (col, name) in enumerate(zip(st.columns(len(shown)), shown, strict=True)):
    spec = SurfaceMap(dataset=dataset, loss=name, span=span)  # the caches key on it
    marks[name] = map_for(spec)[1]
    words = mark_words(spec)
    if not result_shown:
        continue
    with col:
        bowl, contours = surface_charts(spec)
        # Keyed by column, not by loss: a new loss or range redraws the same chart in place (ui/live_chart.py).
        live_chart(bowl, f"surface_3d_{dataset}_{name}", key=f"surf_chart_3d_{col_index}")
        live_chart(contours, f"surface_contour_{dataset}_{name}", key=f"surf_chart_contour_{col_index}")
        if name == "cross_entropy" and is_separable(X, Y):
            st.warning(t("surface.separable_note"))
        st.success(words)  # the result line: presenter mode sets it larger than body text
        st.info(t("surface.convex_note" if name == "cross_entropy" else "surface.nonconvex_note"))

st.latex(r"J(w, b) = \frac{1}{m}\sum_{i=1}^{m} L\bigl(\sigma(w x^{(i)} + b),\, y^{(i)}\bigr)")
if result_shown:  # (it introduces the marked point's J below)
    st.caption(t("surface.formula_caption"))
for name, (w, b, J, _) in marks.items() if result_shown else ():
    st.latex(rf"J({w:.3f},\ {b:.3f}) = \frac{{1}}{{{m}}}\sum_{{i=1}}^{{{m}}} "
             rf"L\bigl(\sigma({w:.3f}\, x^{{(i)}} {b:+.3f}),\, y^{{(i)}}\bigr) = {J:.5f},"
             rf"\quad L = {LOSSES[name].latex}")

reproduce_or_hidden(result_shown, surface_script(X, Y, loss, span, span, GRID_SIZE), f"surface_{dataset}_{loss}.py",
                    key="surf_reproduce")
check_yourself("surface", quiz)
