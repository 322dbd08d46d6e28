"""One palette and one plotly layout for every chart (Okabe–Ito: colour-blind safe)."""

import unicodedata
from dataclasses import dataclass

import plotly.io as pio
import streamlit as st

from core.neuron.model import CROSS_ENTROPY, SQUARED_ERROR
from ui.i18n import current_language

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
# One colour per registered loss (core.neuron.model.LOSSES), on every chart that draws it.
LOSS_COLOURS = {CROSS_ENTROPY.name: PALETTE["blue"], SQUARED_ERROR.name: PALETTE["vermillion"]}
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
TITLE_ONLY_EM = 3  # room above the plot for a one-line title when the legend sits inside the plot
LEGEND_INSIDE = {"orientation": "v", "x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top",
                 "bgcolor": "rgba(255, 255, 255, 0.75)"}  # top-left inside the plot, clear of the title
PRESENTER_LINE_WIDTH = 4  # px, scatter lines in presenter mode
TITLE_Y = 0.985  # title's top edge, as a fraction of the whole figure's height
# A title line holds at most this many width units (a Latin letter 1, a Chinese character 2): at the title
# font it fits a 390-px phone's chart (plotly never wraps a title; a longer one ran off the screen).
TITLE_LINE_UNITS = 34
TITLE_LINE_EM = 1.3  # plotly's line spacing: each further title line adds this many title font sizes
TITLE_FONT_SCALE = 1.4  # plotly draws a title at 1.4 times the layout's font size
TITLE_PAD_PX = 2  # px kept between the chart's top edge and a title's first line
BREAKS = (": ", "：", "，", ", ", "；", " ")  # where a title may wrap, best first (after the mark)


# Applied when a figure is created: far cheaper than assigning a template to every figure.
pio.templates.default = "plotly_white"


def presenter_mode() -> bool:
    """True when the presenter toggle (or ?present=1) is on."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def _units(text: str) -> int:
    """How wide ``text`` is in title units: wide (CJK, full-width) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _outside(head: str) -> bool:
    """True when the text after ``head`` is outside every bracket: a shape such as (5, 1) stays on one line."""
    return sum(head.count(c) for c in "([（") == sum(head.count(c) for c in ")]）")


def _split(text: str, units: int) -> tuple[str, str]:
    """Split one over-long line at the best break that leaves a first line of at most ``units``."""
    for mark in BREAKS:
        cut = max((i + len(mark) for i in range(len(text)) if text.startswith(mark, i) and _outside(text[:i])
                   and _units(text[:i + len(mark)].rstrip()) <= units), default=0)
        if cut:
            return text[:cut].rstrip(), text[cut:].lstrip()
    cut = next(i for i in range(len(text), 0, -1) if _units(text[:i]) <= units)  # no break fits
    return text[:cut], text[cut:]


def wrap_title(text: str, units: int = TITLE_LINE_UNITS) -> list[str]:
    """A chart title (or label) as lines of at most ``units`` (plotly draws each <br> as a new line)."""
    lines = []
    while _units(text) > units:
        first, text = _split(text, units)
        lines.append(first)
    return lines + [text]


@dataclass(frozen=True)
class Look:
    """What a built figure's words and sizes depend on: the language and presenter mode.

    A shared cache of figures keys on it; its public wrapper adds ``current_look()`` itself, so a page
    never passes (or forgets) the language.
    """

    lang: str
    present: bool


def current_look() -> Look:
    """This run's Look: the sidebar's language and the presenter toggle."""
    return Look(current_language(), presenter_mode())


def title_room(fig, extra_em: float = 0.0) -> int:
    """px above the plot for the title ``style`` gave ``fig`` (every wrapped line of it) and ``extra_em`` more
    font sizes (a row of panel titles): for charts whose legend is not above the plot, where ``style`` leaves
    room for two legend rows. In the figure's own font size, so presenter mode gets its larger room too."""
    font = fig.layout.font.size
    text = fig.layout.title.text or ""
    if not text:
        return round((PLAIN_TOP_MARGIN_EM + extra_em) * font)
    extra_lines = text.count("<br>")
    return round((TITLE_ONLY_EM + extra_em) * font + TITLE_LINE_EM * TITLE_FONT_SCALE * font * extra_lines)


def style(fig, *, title=None, x_title=None, y_title=None, height=None, legend_inside=False):
    """Apply the house layout to a plotly figure and return it; ``legend_inside`` puts the legend in
    the plot's top-left corner (maps, where no line runs there) and leaves room above for the title only."""
    present = presenter_mode()
    font = PRESENTER_FONT_SIZE if present else FONT_SIZE
    lines = wrap_title(title) if title else []
    first_line = TITLE_ONLY_EM if legend_inside else TOP_MARGIN_EM
    extra = TITLE_LINE_EM * TITLE_FONT_SCALE * font * (len(lines) - 1)  # px, the title's lines after the first
    top = first_line * font + extra if title else PLAIN_TOP_MARGIN_EM * font
    fig.update_layout(
        # The title sits at the very top; the legend rows just above the plot, below the title.
        # plotly centres a title's lines on its anchor: pad the top by half the extra lines' height.
        title={"text": "<br>".join(lines), "x": 0, "xanchor": "left", "yref": "container", "y": TITLE_Y,
               "yanchor": "top", "pad": {"t": round(extra / 2) + TITLE_PAD_PX}}
        if title else None,
        font={"size": font},
        height=height or (PRESENTER_CHART_HEIGHT if present else CHART_HEIGHT),
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        legend=LEGEND_INSIDE if legend_inside else {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        colorway=list(PALETTE.values()),
    )
    if present:  # thicker lines read better on a projector
        fig.update_traces(selector={"type": "scatter"}, line_width=PRESENTER_LINE_WIDTH)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
