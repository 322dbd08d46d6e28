"""One palette and one plotly layout for every chart (Okabe–Ito: colour-blind safe)."""

import plotly.io as pio
import streamlit as st

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
CAT = PALETTE["orange"]  # class 1 (cat) everywhere
NON_CAT = PALETTE["blue"]  # class 0 (non-cat) everywhere
RIGHT = PALETTE["green"]
WRONG = PALETTE["vermillion"]
# Signed quantities (weights, evidence): blue (towards non-cat) < 0 (white) < orange (towards cat).
# One meaning on every map of the app: orange always pushes towards "cat", like CAT everywhere.
DIVERGING = [[0.0, NON_CAT], [0.5, "#FFFFFF"], [1.0, CAT]]
# The same meaning laid over a photo: transparent at 0, so only pixels that count are coloured.
OVERLAY = [[0.0, "rgba(0, 114, 178, 0.9)"], [0.5, "rgba(255, 255, 255, 0)"], [1.0, "rgba(230, 159, 0, 0.9)"]]
SEQUENTIAL = "Viridis"  # costs and surfaces

PRESENT_KEY = "present"  # session-state key and URL query parameter (?present=1)
FONT_SIZE = 14  # chart font size, px
PRESENTER_FONT_SIZE = 22  # chart font size on a projector, px
CHART_HEIGHT = 420  # default chart height, px
PRESENTER_CHART_HEIGHT = 560  # chart height on a projector, px
TOP_MARGIN_EM = 6.5  # room above the plot for a title and up to two legend rows, in font sizes
PLAIN_TOP_MARGIN_EM = 3  # room above the plot for the legend alone, in font sizes
PRESENTER_LINE_WIDTH = 4  # px, scatter lines in presenter mode
TITLE_Y = 0.985  # title's top edge, as a fraction of the whole figure's height


# Applied when a figure is created: far cheaper than assigning a template to every figure.
pio.templates.default = "plotly_white"


def presenter_mode() -> bool:
    """True when the presenter toggle (or ?present=1) is on."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def style(fig, *, title=None, x_title=None, y_title=None, height=None):
    """Apply the house layout to a plotly figure and return it."""
    present = presenter_mode()
    font = PRESENTER_FONT_SIZE if present else FONT_SIZE
    top = (TOP_MARGIN_EM if title else PLAIN_TOP_MARGIN_EM) * font
    fig.update_layout(
        # The title sits at the very top; the legend rows just above the plot, below the title.
        title={"text": title, "x": 0, "xanchor": "left", "yref": "container", "y": TITLE_Y,
               "yanchor": "top"} if title else None,
        font={"size": font},
        height=height or (PRESENTER_CHART_HEIGHT if present else CHART_HEIGHT),
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        colorway=list(PALETTE.values()),
    )
    if present:  # thicker lines read better on a projector
        fig.update_traces(selector={"type": "scatter"}, line_width=PRESENTER_LINE_WIDTH)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
