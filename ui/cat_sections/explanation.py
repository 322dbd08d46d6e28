"""Prediction explained: p(cat), the threshold and the label; the point on the sigmoid; z = wᵀx + b
taken apart with the live numbers; the evidence map; and the honest context next to the baseline."""

import streamlit as st

from core.course import THRESHOLD
from core.lessons.explain import evidence_map, logit_parts, photo_column, score_split, sigmoid_curve, symmetric_limit
from core.neuron.baseline import split_baselines
from core.trust import error_counts
from ui.cached import course_data
from ui.figures.cat import TEMPLATES, accuracy_data, evidence_data, sigmoid_data, signed_map_data, waterfall_data
from ui.figures.finished import FinishedFigure
from ui.i18n import t
from ui.live_chart import live_chart
from ui.templates import refilled_chart


def chart(kind: str, numbers: dict) -> FinishedFigure:
    """The chart ``kind`` (``cat.<kind>`` in ui.figures.cat.TEMPLATES) with this photo's ``numbers`` (from its
    builder's ``*_data`` function): the same figure its builder makes, at a tenth of the CPU (ui.templates).
    Building the four charts anew was about half of a rerun's CPU on this page."""
    return refilled_chart(f"cat.{kind}", TEMPLATES[f"cat.{kind}"], numbers)


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
    live_chart(chart("sigmoid", sigmoid_data(zs, ps, parts.z, parts.p)), "cat_sigmoid_point", key="cat_chart_sigmoid")
    st.markdown(t("cat.parts_intro"))
    st.latex(r"z = w^{T}x + b = \sum_{w_i x_i > 0} w_i x_i + \sum_{w_i x_i < 0} w_i x_i + b")
    st.latex(rf"z = {parts.positive:.3f} + ({parts.negative:.3f}) + ({parts.b:.3f}) = {parts.z:.3f}")
    st.latex(r"\hat{y} = \sigma(z) = \frac{1}{1 + e^{-z}}")
    relation = ">" if parts.label else r"\le"
    st.latex(rf"\hat{{y}} = \sigma({parts.z:.3f}) = {parts.p:.4f} {relation} {THRESHOLD}"
             rf"\;\Rightarrow\; y_{{pred}} = {parts.label}")
    live_chart(chart("parts", waterfall_data(parts.positive, parts.negative, parts.b, parts.z)), "cat_z_parts",
               key="cat_chart_parts")
    evidence = evidence_map(model.w, x)
    st.caption(t("cat.evidence_caption"))
    if st.toggle(t("visual.overlay_toggle"), value=True, key="cat_overlay", bind="query-params"):
        figure = chart("overlay", evidence_data(photo.model_input, evidence, symmetric_limit(evidence)))
    else:
        figure = chart("evidence", signed_map_data(evidence, symmetric_limit(evidence)))
    live_chart(figure, "cat_evidence_map", key="cat_chart_evidence")


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
    live_chart(chart("accuracy", accuracy_data({names[s]: accuracies[s] for s in names},
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
