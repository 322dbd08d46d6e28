"""One palette and one plotly layout for every chart (Okabe–Ito: colour-blind safe)."""

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
DIVERGING = "RdBu_r"  # signed quantities (weights, evidence): blue < 0 < red
SEQUENTIAL = "Viridis"  # costs and surfaces

PRESENT_KEY = "present"  # session-state key and URL query parameter (?present=1)
FONT_SIZE = 14  # chart font size, px
PRESENTER_FONT_SIZE = 22  # chart font size on a projector, px
CHART_HEIGHT = 420  # default chart height, px
PRESENTER_CHART_HEIGHT = 560  # chart height on a projector, px


def presenter_mode() -> bool:
    """True when the presenter toggle (or ?present=1) is on."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def style(fig, *, title=None, x_title=None, y_title=None, height=None):
    """Apply the house layout to a plotly figure and return it."""
    present = presenter_mode()
    fig.update_layout(
        template="plotly_white",
        title=title,
        font={"size": PRESENTER_FONT_SIZE if present else FONT_SIZE},
        height=height or (PRESENTER_CHART_HEIGHT if present else CHART_HEIGHT),
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        colorway=list(PALETTE.values()),
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
