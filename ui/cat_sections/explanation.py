"""Prediction explained: p(cat), the threshold and the label; the point on the sigmoid; z = wᵀx + b
taken apart with the live numbers; the evidence map; and the honest context next to the baseline."""

import numpy as np
import streamlit as st

from core.course import THRESHOLD
from core.lessons.explain import (
    IMAGE_SHAPE,
    evidence_map,
    logit_parts,
    photo_column,
    score_split,
    sigmoid_curve,
    symmetric_limit,
)
from core.neuron.baseline import split_baselines
from core.trust import error_counts
from ui.cached import course_data
from ui.exports import show_chart
from ui.figures.cat import (
    accuracy_bars,
    accuracy_data,
    evidence_data,
    evidence_on_photo,
    logit_waterfall,
    sigmoid_data,
    sigmoid_point,
    signed_map,
    signed_map_data,
    waterfall_data,
)
from ui.figures.finished import FinishedFigure, finished, refilled
from ui.i18n import t
from ui.theme import Look, current_look

# The page's charts, each built by its builder with stand-in numbers (all of them refilled on every run).
STAND_IN_MAP = np.zeros(IMAGE_SHAPE[:2])
STAND_IN_PHOTO = np.zeros(IMAGE_SHAPE, dtype=np.uint8)
CHARTS = {
    "sigmoid": lambda: sigmoid_point(np.zeros(2), np.zeros(2), 0.0, 0.0),
    "parts": lambda: logit_waterfall(0.0, 0.0, 0.0, 0.0),
    "overlay": lambda: evidence_on_photo(STAND_IN_PHOTO, STAND_IN_MAP, 1.0, title=t("visual.overlay_title")),
    "evidence": lambda: signed_map(STAND_IN_MAP, 1.0, title=t("cat.fig_evidence_title"), colorbar="w·x",
                                   meta="evidence"),
    "accuracy": lambda: accuracy_bars({}, {}),
}
TEMPLATE_ENTRIES = 4 * len(CHARTS)  # each chart in both languages, with and without presenter mode


@st.cache_resource(max_entries=TEMPLATE_ENTRIES, show_spinner=False)
def _template(kind: str, look: Look) -> FinishedFigure:
    """The chart ``kind`` built and checked by plotly once per Look (its words and sizes follow the Look)."""
    return finished(CHARTS[kind]())


def chart(kind: str, data: dict[int, dict]) -> FinishedFigure:
    """The chart ``kind`` with this photo's numbers (``data``, from its builder's ``*_data`` function).

    The same figure its builder makes (tests compare the two), without building and styling a new
    plotly figure on each rerun: that was about half of a rerun's CPU on this page (four charts, ~10 ms
    each, against ~1 ms to refill a template)."""
    return refilled(_template(kind, current_look()), data)


def _label(value: int) -> str:
    return t("cat.label_cat") if value == 1 else t("cat.label_non_cat")


def show_prediction(model, photo) -> None:
    """The verdict for one photo with everything that produced it."""
    x = photo_column(photo.model_input)  # (12288, 1)
    parts = logit_parts(model.w, model.b, x)
    st.subheader(t("cat.prediction_title"))
    cols = st.columns(3)
    cols[0].metric(t("cat.p_cat"), f"{100 * parts.p:.1f} %")
    cols[1].metric(t("cat.threshold"), f"{THRESHOLD}")
    cols[2].metric(t("cat.verdict"), _label(parts.label))
    st.info(trust_sentence(model, parts.label), icon="⚖️")
    if photo.label is not None:
        ok = parts.label == photo.label
        (st.success if ok else st.warning)(t("cat.truth_right" if ok else "cat.truth_wrong", label=_label(photo.label)))
    zs, ps = sigmoid_curve(parts.z)
    show_chart(chart("sigmoid", sigmoid_data(zs, ps, parts.z, parts.p)), "cat_sigmoid_point", key="cat_chart_sigmoid")
    st.markdown(t("cat.parts_intro"))
    st.latex(r"z = w^{T}x + b = \sum_{w_i x_i > 0} w_i x_i + \sum_{w_i x_i < 0} w_i x_i + b")
    st.latex(rf"z = {parts.positive:.3f} + ({parts.negative:.3f}) + ({parts.b:.3f}) = {parts.z:.3f}")
    st.latex(r"\hat{y} = \sigma(z) = \frac{1}{1 + e^{-z}}")
    relation = ">" if parts.label else r"\le"
    st.latex(rf"\hat{{y}} = \sigma({parts.z:.3f}) = {parts.p:.4f} {relation} {THRESHOLD}"
             rf"\;\Rightarrow\; y_{{pred}} = {parts.label}")
    show_chart(chart("parts", waterfall_data(parts.positive, parts.negative, parts.b, parts.z)), "cat_z_parts",
               key="cat_chart_parts")
    evidence = evidence_map(model.w, x)
    st.caption(t("cat.evidence_caption"))
    if st.toggle(t("visual.overlay_toggle"), value=True, key="cat_overlay", bind="query-params"):
        figure = chart("overlay", evidence_data(photo.model_input, evidence, symmetric_limit(evidence)))
    else:
        figure = chart("evidence", signed_map_data(evidence, symmetric_limit(evidence)))
    show_chart(figure, "cat_evidence_map", key="cat_chart_evidence")


def trust_sentence(model, label: int) -> str:
    """One sentence next to the verdict: how often this model calls a non-cat test photo "cat", and
    what that means for this verdict (from the course's test set, or the model file's accuracy)."""
    data = course_data()
    if data is None or data.test_x.shape[0] != model.n_x:
        return t("visual.trust_no_data", wrong=f"{100 - model.record.test_accuracy:.0f}")
    counts = error_counts(score_split(model.w, model.b, data.test_x, data.test_y).pred, data.test_y)
    return t("visual.trust_cat" if label == 1 else "visual.trust_non_cat", false_cats=counts.false_cats,
             non_cats=counts.non_cats, rate=f"{counts.false_cat_rate:.0f}", missed=counts.missed_cats,
             cats=counts.cats, missed_rate=f"{counts.missed_rate:.0f}")


def show_context(accuracies: dict, baselines: dict, is_user: bool) -> None:
    """Train/test accuracy of the model in use next to always guessing the majority label."""
    st.subheader(t("cat.context_title"))
    names = {"train": t("cat.split_train"), "test": t("cat.split_test")}
    cols = st.columns(2)
    for col, split in zip(cols, ("train", "test"), strict=True):
        col.metric(t("cat.accuracy_on", split=names[split]), f"{accuracies[split]:.1f} %",
                   delta=f"{accuracies[split] - baselines[split]:+.1f} pp {t('cat.vs_baseline')}")
    show_chart(chart("accuracy", accuracy_data({names[s]: accuracies[s] for s in names},
                                               {names[s]: baselines[s] for s in names})),
               "cat_accuracy_vs_baseline", key="cat_chart_accuracy")
    st.info(t("cat.honest_note_user" if is_user else "cat.honest_note"), icon="ℹ️")


def accuracies_and_baselines(model, data, is_user: bool) -> tuple[dict, dict]:
    """Train/test accuracy (%) of the model in use and of the majority guess on the data it was judged on."""
    record = model.record
    recorded = {"train": record.train_accuracy, "test": record.test_accuracy}
    if is_user:
        return recorded, record.baselines
    if data is None:
        return recorded, split_baselines(None)
    scores = {"train": score_split(model.w, model.b, data.train_x, data.train_y).accuracy,
              "test": score_split(model.w, model.b, data.test_x, data.test_y).accuracy}
    return scores, split_baselines(data)
