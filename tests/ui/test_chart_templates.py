"""The cat and sigmoid pages' charts are refilled templates (ui.templates): each must be exactly the figure its
builder makes for the same numbers, in every Look, and refilling must never change the shared template or a
chart made from it before."""

import copy
import json
import logging

import numpy as np
import pytest
import streamlit as st
from plotly.utils import PlotlyJSONEncoder

from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.lessons.explain import IMAGE_SHAPE, sigmoid_curve
from core.lessons.sigmoid import one_feature_fit, sigmoid_curves, sigmoid_readout
from core.neuron.model import sigmoid
from ui import templates
from ui.cat_sections import explanation
from ui.figures import sigmoid as sigmoid_figures
from ui.figures.cat import (
    TEMPLATES,
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
from ui.i18n import LANG_KEY, t
from ui.theme import PRESENT_KEY

LOOKS = [("en", False), ("zh", False), ("en", True), ("zh", True)]
# z on both sides of 0, near the curve's flat ends (the label turns back) and far out (p rounds to 0 or 1)
ZS = [0.0, 1.82, -0.4, 6.5, -7.5, 40.0, -40.0]


@pytest.fixture(params=LOOKS, ids=[f"{lang}{'-present' if present else ''}" for lang, present in LOOKS])
def look(request):
    """The builders and the templates read the Look from session state (bare mode keeps it in-process)."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    lang, present = request.param
    st.session_state[LANG_KEY], st.session_state[PRESENT_KEY] = lang, present
    yield request.param
    del st.session_state[LANG_KEY], st.session_state[PRESENT_KEY]


def _same(refilled, built) -> None:
    """Equal as they are sent: the JSON of both dicts, written by plotly's encoder as Streamlit writes it
    (NumPy arrays as base64 typed arrays, an empty one as [])."""
    def sent(fig) -> str:
        return json.dumps(fig.to_dict(), sort_keys=True, cls=PlotlyJSONEncoder)

    assert sent(refilled) == sent(built)


@pytest.mark.parametrize("z", ZS)
def test_sigmoid_chart_is_the_builders_figure(look, z):
    zs, ps = sigmoid_curve(z)
    p = float(sigmoid(z))
    _same(explanation.chart("sigmoid", sigmoid_data(zs, ps, z, p)), sigmoid_point(zs, ps, z, p))


@pytest.mark.parametrize("parts", [(12.5, -51.834, -0.016, -39.35), (3.0, -1.0, 0.5, 2.5), (0.0, 0.0, 0.0, 0.0)])
def test_parts_chart_is_the_builders_figure(look, parts):
    _same(explanation.chart("parts", waterfall_data(*parts)), logit_waterfall(*parts))


@pytest.mark.parametrize("seed", [0, 1])
def test_evidence_charts_are_the_builders_figures(look, seed):
    rng = np.random.default_rng(seed)
    photo = rng.integers(0, 256, IMAGE_SHAPE, dtype=np.uint8)
    values = rng.normal(0, 0.01, IMAGE_SHAPE[:2])
    limit = float(np.max(np.abs(values)))
    _same(explanation.chart("overlay", evidence_data(photo, values, limit)),
          evidence_on_photo(photo, values, limit, title=t("visual.overlay_title")))
    _same(explanation.chart("evidence", signed_map_data(values, limit)),
          signed_map(values, limit, title=t("cat.fig_evidence_title"), colorbar="w·x", meta="evidence"))


def test_accuracy_chart_is_the_builders_figure(look):
    model, baseline = {t("cat.split_train"): 99.04, t("cat.split_test"): 70.0}, {"a": 65.55, "b": 34.0}
    _same(explanation.chart("accuracy", accuracy_data(model, baseline)), accuracy_bars(model, baseline))


@pytest.mark.parametrize("z", [0.0, 0.3, -0.45, -0.6, 2.0, -3.0, 9.9, -10.0])
def test_sigmoid_pages_curve_chart_is_the_builders_figure(look, z):
    _, s, _, ds = sigmoid_readout(z)
    _same(templates.refilled_chart("sigmoid.curve", sigmoid_figures.TEMPLATES["sigmoid.curve"],
                                   sigmoid_figures.sigmoid_marks(z, s, ds)),
          sigmoid_figures.sigmoid_chart(*sigmoid_curves(), z, s, ds))


@pytest.mark.parametrize("kind", TOY_KINDS)
@pytest.mark.parametrize(("w", "b"), [(1.0, 0.0), (0.0, 0.3), (-2.5, 1.2), (5.0, -5.0), (0.1, 4.9)])
def test_sigmoid_pages_model_chart_is_the_builders_figure(look, kind, w, b):
    X, Y = one_feature_dataset(kind)
    fit = one_feature_fit(w, b, X, Y)
    name = "sigmoid.model" if fit.boundary is None else "sigmoid.model_boundary"
    _same(templates.refilled_chart(name, sigmoid_figures.TEMPLATES[name],
                                   sigmoid_figures.model_data(fit, X.ravel(), Y.ravel())),
          sigmoid_figures.model_chart(fit, X.ravel(), Y.ravel()))


def test_refilling_changes_neither_the_template_nor_an_earlier_chart(look):
    def template():
        return templates._template("cat.sigmoid", templates.current_look(), TEMPLATES["cat.sigmoid"]).to_dict()

    kept_template = copy.deepcopy(template())
    zs, ps = sigmoid_curve(1.0)
    first = explanation.chart("sigmoid", sigmoid_data(zs, ps, 1.0, float(sigmoid(1.0))))
    kept = copy.deepcopy(first.to_dict())
    zs, ps = sigmoid_curve(-9.0)
    second = explanation.chart("sigmoid", sigmoid_data(zs, ps, -9.0, float(sigmoid(-9.0))))
    assert first.to_dict() == kept
    assert template() == kept_template
    assert second.to_dict()["data"][1]["marker"]["color"] != kept["data"][1]["marker"]["color"]
    assert second.to_dict()["layout"] is first.to_dict()["layout"]  # shared, never copied
