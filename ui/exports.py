"""Exports every page shares: charts with a named PNG download, CSV downloads, and the
"reproduce this" snippet (a standalone NumPy script that recomputes the page's numbers)."""

import re

import streamlit as st

from ui.i18n import t
from ui.theme import presenter_mode

PNG_SCALE = 2  # PNG export at twice the on-screen resolution (sharp on slides)
PRESENTER_PNG_SCALE = 3  # sharper still for presenter mode
# The toolbar keeps the PNG download and the reset of the view: dragging still zooms (2D) or turns (3D), and
# a double click resets. The full toolbar was wide enough to lie over a chart's title while the mouse was on it.
TOOLBAR_REMOVED = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
                   "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines", "zoom3d", "pan3d",
                   "orbitRotation", "tableRotation", "resetCameraLastSave3d", "hoverClosest3d",
                   "sendChartToCloud"]  # plotly.js 4's "Share chart..." uploads the chart to Plotly Cloud: never


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "chart"


def chart_config(filename: str) -> dict:
    """plotly config: toolbar PNG download named after the page and its settings."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": TOOLBAR_REMOVED,
        "toImageButtonOptions": {"format": "png", "filename": _slug(filename),
                                 "scale": PRESENTER_PNG_SCALE if presenter_mode() else PNG_SCALE},
    }


def show_chart(fig, filename: str, *, key: str | None = None, **kwargs):
    """Render a plotly figure full width with a PNG download named ``filename``.png.

    Extra keyword arguments go to st.plotly_chart (e.g. on_select="rerun").
    """
    return st.plotly_chart(fig, width="stretch", config=chart_config(filename), key=key,
                           theme=None, **kwargs)


def csv_download(csv_text: str, filename: str, *, key: str) -> None:
    """A download button for CSV text (built by core; this only offers it)."""
    st.download_button(t("exports.csv"), data=csv_text.encode("utf-8"), file_name=_slug(filename),
                       mime="text/csv", key=key, icon="⬇️", on_click="ignore")


def reproduce_block(script: str, filename: str, *, key: str) -> None:
    """An expander with a standalone Python script (NumPy only) that recomputes this page."""
    with st.expander(t("exports.reproduce_title"), icon="🧪"):
        st.caption(t("exports.reproduce_caption"))
        st.code(script, language="python")
        st.download_button(t("exports.reproduce_download"), data=script.encode("utf-8"),
                           file_name=_slug(filename), mime="text/x-python", key=key, icon="⬇️",
                           on_click="ignore")
