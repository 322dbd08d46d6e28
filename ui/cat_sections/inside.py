"""Inside the model: the learned weights as pictures, and a dataset explorer (paged thumbnails with
p(cat) and right/wrong, the mistakes first if asked, and one example's share of the gradient)."""

import numpy as np
import streamlit as st

from core.data.image import enlarge
from core.lessons.explain import (
    confidence,
    example_gradient,
    misclassified,
    photo_column,
    score_split,
    symmetric_limit,
    weight_channels,
)
from core.lessons.paging import page_count, page_slice
from ui.exports import show_chart
from ui.figures.cat import signed_map
from ui.figures.cat import weight_channels as weight_channels_chart
from ui.i18n import t
from ui.url_state import keep, link_index

PER_PAGE = 12  # thumbnails per page of the explorer
GRID_COLUMNS = 6  # thumbnails per row
THUMB_ENLARGE = 2  # thumbnails shown at 128×128
SPLITS = ("train", "test")


def show_weights(model) -> None:
    """w reshaped to 64×64×3: each colour channel and their sum, one symmetric diverging scale."""
    st.subheader(t("cat.weights_title"))
    st.caption(t("cat.weights_caption"))
    maps = weight_channels(model.w)
    show_chart(weight_channels_chart(maps, symmetric_limit(*maps)), "cat_weights", key="cat_chart_weights")


def _split(data, split: str):
    """(X_orig (m, 64, 64, 3), X (12288, m), Y (1, m)) of one split."""
    if split == "train":
        return data.train_x_orig, data.train_x, data.train_y
    return data.test_x_orig, data.test_x, data.test_y


def _caption(i: int, y: int, p: float, ok: bool) -> str:
    mark = t("cat.right") if ok else t("cat.wrong")
    return f"#{i} · {t('cat.label_cat') if y else t('cat.label_non_cat')} · {100 * p:.1f} % {mark}"


def show_explorer(model, data) -> None:
    """Browse a split's photos with label, p(cat) and right/wrong; optionally only the mistakes."""
    st.subheader(t("cat.explorer_title"))
    cols = st.columns(3)
    split = cols[0].radio(t("cat.split_label"), SPLITS, link_index("cat_split", SPLITS),
                          format_func=lambda s: t(f"cat.split_{s}"), key="cat_split", horizontal=True)
    keep("cat_split", split)
    only_wrong = cols[1].toggle(t("cat.only_wrong"), key="cat_only_wrong", help=t("cat.only_wrong_help"),
                                bind="query-params")
    X_orig, X, Y = _split(data, split)
    scores = score_split(model.w, model.b, X, Y)
    order = misclassified(scores) if only_wrong else np.arange(Y.shape[1])
    pages = page_count(len(order), PER_PAGE)
    page = cols[2].number_input(t("cat.page_label", pages=pages), 1, pages, 1, key="cat_page", bind="query-params")
    st.caption(t("cat.explorer_caption", shown=len(order), total=Y.shape[1], accuracy=f"{scores.accuracy:.1f}"))
    if len(order) == 0:
        st.success(t("cat.no_mistakes"))
    shown = [int(order[k]) for k in page_slice(len(order), int(page) - 1, PER_PAGE)]
    grid = st.columns(GRID_COLUMNS)
    for k, i in enumerate(shown):
        grid[k % GRID_COLUMNS].image(enlarge(X_orig[i], THUMB_ENLARGE),
                                     caption=_caption(i, int(Y[0, i]), scores.proba[i], bool(scores.correct[i])))
    if only_wrong and len(order):
        conf = confidence(scores)
        st.caption(t("cat.mistakes_caption", worst=int(order[0]), confidence=f"{100 * conf[order[0]]:.1f}"))
    _inspector(model, X_orig, Y, split)


def _inspector(model, X_orig, Y, split: str) -> None:
    """a, dz = a − y and dz·x/m (this example's share of dw) as a picture."""
    m = Y.shape[1]
    st.markdown(f"**{t('cat.inspector_title')}**")
    i = st.number_input(t("cat.inspect_label", split=t(f"cat.split_{split}")), 0, m - 1, 0, key="cat_inspect",
                        bind="query-params")
    y = int(Y[0, i])
    grad = example_gradient(model.w, model.b, photo_column(X_orig[i]), y, m)
    st.latex(r"a = \sigma(w^{T}x + b),\quad dz = a - y,\quad dw \mathrel{+}= \frac{dz\,x}{m}")
    st.latex(rf"a = {grad.a:.4f},\quad dz = {grad.a:.4f} - {y} = {grad.dz:+.4f},\quad m = {m}")
    left, right = st.columns([1, 2])
    left.image(enlarge(X_orig[i], THUMB_ENLARGE * 2), caption=f"#{i}, y = {y}")
    left.caption(t("cat.inspector_caption"))
    with right:
        show_chart(signed_map(grad.contribution, symmetric_limit(grad.contribution),
                              title=t("cat.fig_gradient_title"), colorbar="dz·x/m", meta="gradient_share"),
                   "cat_gradient_share", key="cat_chart_gradient")
