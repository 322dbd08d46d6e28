"""Every chart downloads as PNG from its toolbar, named after the page and its settings (README, "Using the app")."""

import pytest

from tests.pages.conftest import charts, open_page

CHART_PAGES = ("pages/sigmoid.py", "pages/loss.py", "pages/surface.py", "pages/descent.py", "pages/vectorization.py",
               "pages/broadcasting.py", "pages/cat_classifier.py")  # the pages that draw plotly charts
PLOTLY_DEFAULT_NAME = "newplot"  # what plotly calls a download nobody named


def _png_options(at) -> list[dict]:
    return [chart.config["toImageButtonOptions"] for chart in charts(at)]


@pytest.mark.parametrize("script", CHART_PAGES)
def test_every_chart_on_the_page_downloads_as_a_named_png(script):
    at = open_page(script)
    assert not at.exception
    options = _png_options(at)
    assert options, "no chart drawn"
    for option in options:
        assert option["format"] == "png"
        assert option["filename"] and option["filename"] != PLOTLY_DEFAULT_NAME


def test_png_name_follows_the_settings():
    names = {o["filename"] for o in _png_options(open_page("pages/sigmoid.py", sig_w=-1.5, sig_kind="overlapping"))}
    assert "sigmoid_model_overlapping_w-1.5_b0.0" in names
