"""AppTest of the sigmoid page: renders in both languages; z, w, b and the stability input do what they say."""

import base64
import json

import numpy as np
import pytest

from core.model import sigmoid
from tests.pages.conftest import open_page

PAGE = "pages/sigmoid.py"


def _spec(at, key):
    """The plotly spec of the chart rendered with ``key``."""
    charts = [c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id]
    assert len(charts) == 1, f"no single chart with key {key}"
    return json.loads(charts[0].proto.spec)


def _trace(spec, meta):
    return next(tr for tr in spec["data"] if tr.get("meta") == meta)


def _values(data):
    """A plotly data array as NumPy: plain lists, or plotly's typed arrays {"dtype", "bdata"}."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
    return np.asarray(data, dtype=float)


@pytest.mark.parametrize("lang, title", [("en", "The sigmoid σ(z)"), ("zh", "Sigmoid 函数 σ(z)")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert at.title[0].value == title
    assert len(at.get("plotly_chart")) == 2


def test_chinese_page_shows_chinese_text():
    at = open_page(PAGE, lang="zh")
    assert any("导数" in h.value for h in at.subheader)
    assert any("准确率" in m.label for m in at.metric)


def test_moving_z_moves_the_marker_and_the_readout():
    at = open_page(PAGE)
    at.slider(key="sig_z").set_value(2.0).run()
    assert not at.exception
    marker = _trace(_spec(at, "sig_curve_chart"), "z_marker")
    s = float(sigmoid(2.0))
    np.testing.assert_allclose(_values(marker["x"]), [2.0, 2.0])
    np.testing.assert_allclose(_values(marker["y"]), [s, s * (1 - s)])
    readout = " ".join(l.value for l in at.latex)
    assert f"{s:.4f}" in readout and r"\sigma(2.00)" in readout


def test_changing_w_changes_the_curve_and_the_decision_point():
    at = open_page(PAGE)
    before = _spec(at, "sig_model_chart")
    at.slider(key="sig_b").set_value(1.0).run()
    at.slider(key="sig_w").set_value(2.0).run()
    assert not at.exception
    after = _spec(at, "sig_model_chart")
    x = _values(_trace(after, "model_curve")["x"])
    np.testing.assert_allclose(_values(_trace(after, "model_curve")["y"]), sigmoid(2.0 * x + 1.0))
    assert not np.allclose(_values(_trace(after, "model_curve")["y"]), _values(_trace(before, "model_curve")["y"]))
    np.testing.assert_allclose(_values(_trace(after, "boundary")["x"]), [-0.5, -0.5])  # x = −b/w
    assert any("= -0.500" in l.value for l in at.latex)


def test_w_zero_says_there_is_no_decision_point():
    at = open_page(PAGE)
    at.slider(key="sig_w").set_value(0.0).run()
    assert not at.exception
    assert all(tr.get("meta") != "boundary" for tr in _spec(at, "sig_model_chart")["data"])
    assert any("no decision point" in i.value for i in at.info)


def test_predictions_are_marked_right_and_wrong_with_different_symbols():
    at = open_page(PAGE)
    spec = _spec(at, "sig_model_chart")
    right, wrong = _trace(spec, "right"), _trace(spec, "wrong")
    assert right["marker"]["symbol"] != wrong["marker"]["symbol"]
    n_right, n_wrong = len(_values(right["x"])), len(_values(wrong["x"]))
    assert n_wrong > 0  # the default dataset overlaps, so some are wrong
    accuracy = float(at.metric[0].value.split()[0])
    assert accuracy == pytest.approx(100 * n_right / (n_right + n_wrong))


def test_stability_section_shows_numpys_overflow_warning_and_explains_infinity():
    at = open_page(PAGE)
    texts = [w.value for w in at.warning]
    assert any("overflow encountered in exp" in w for w in texts)
    assert any("divide by zero encountered in log" in w for w in texts)
    captions = " ".join(c.value for c in at.caption)
    assert "float64" in captions and "−∞" in captions
    assert not any("nan" in l.value.lower().replace(r"\mathrm{nan}", "") for l in at.latex)


def test_moderate_z_gives_no_warning():
    at = open_page(PAGE)
    at.number_input(key="sig_big_z").set_value(3.0).run()
    assert not at.exception
    assert len(at.warning) == 0
