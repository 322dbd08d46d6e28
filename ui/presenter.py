"""The page stylesheet: formulas and labels never clipped (every mode), and presenter mode for
projectors: larger type everywhere (widgets' own text and tables too), headline numbers larger
still (charts follow via ui.theme)."""

import streamlit as st

from ui.i18n import minus_signs
from ui.theme import presenter_mode

PRESENTER_ROOT_FONT = "130%"  # page text scale on a projector
BODY_REM = 1.25  # presenter body text (markdown paragraphs and lists), rem
RESULT_REM = 1.5  # presenter result lines (success/info/warning boxes), rem: clearly above body text
CAPTION_REM = 1.05  # presenter captions (and the uploader's limit line), rem
CODE_REM = 1.05  # presenter code blocks (the rank-1 and broadcasting sessions), rem
METRIC_REM = 3.2  # presenter st.metric values, rem: the headline numbers, read from the back of the room
TABLE_BOX_PX = 480  # presenter: a long table scrolls inside a box this tall
GRAPH_MAX_VH = 62  # the computation graph is at most this share of the window's height (fits on one screen) …
GRAPH_MAX_PX = 680  # … and never taller than this (a whole-page screenshot stretches the window)
PRESENTER_GRAPH_MAX_VH = 74  # presenter: the graph with its step buttons and status line above still fits one
PRESENTER_GRAPH_MAX_PX = 800  # screen, its node text as large as body text
PHONE_MAX_PX = 640  # a window this narrow is a phone (Streamlit's own breakpoint)
PHONE_FORMULA_EM = 1.0  # display formulas on a phone at body size (KaTeX's 1.21) so more of them fit the width
GRAPH_PHONE_MIN_PX = 640  # on a phone the graph keeps this width, readable, and scrolls sideways in its box

# Every mode. KaTeX: a long formula scrolls inside its own box instead of running off the page, and
# tall fractions get room above and below (the box's overflow would otherwise cut their tops).
# Page links (Home's lesson list) wrap instead of ending in "…". The graph fits the window's height; on a
# phone it keeps a readable width and scrolls sideways instead of shrinking its text to a few pixels. A phone
# shows no chart toolbar: a tap brought it up over the chart's title (a double tap still resets the view).
_BASE_CSS = f"""
<style>
.katex-display {{ overflow-x: auto; overflow-y: hidden; padding: 0.4em 0.1em 0.3em; }}
[data-testid="stPageLink-NavLink"] p {{ white-space: normal; overflow: visible; text-overflow: clip; }}
[data-testid="stGraphVizChart"] svg {{
  max-height: min({GRAPH_MAX_VH}vh, {GRAPH_MAX_PX}px); max-width: 100%; height: auto; }}
@media (max-width: {PHONE_MAX_PX}px) {{
  [data-testid="stGraphVizChart"] {{ overflow-x: auto; }}
  [data-testid="stGraphVizChart"] svg {{ min-width: {GRAPH_PHONE_MIN_PX}px; max-width: none; max-height: none; }}
  .js-plotly-plot .modebar-container {{ display: none; }}
  .katex-display > .katex {{ font-size: {PHONE_FORMULA_EM}em; }}
}}
</style>
"""

_PRESENTER_CSS = f"""
<style>
html {{ font-size: {PRESENTER_ROOT_FONT}; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {{ font-size: {BODY_REM}rem; }}
[data-testid="stCaptionContainer"] {{ font-size: {CAPTION_REM}rem; }}
[data-testid="stMain"] input, [data-testid="stMain"] textarea, [data-baseweb="popover"] li,
[data-testid="stTable"] th, [data-testid="stTable"] td {{ font-size: {BODY_REM}rem; }}
[data-testid="stAlert"] [data-testid="stMarkdownContainer"] p {{ font-size: {RESULT_REM}rem; }}
[data-testid="stCode"] pre, [data-testid="stCode"] code {{ font-size: {CODE_REM}rem; }}
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetricValue"] {{ font-size: {METRIC_REM}rem; line-height: 1.2; }}
.katex {{ font-size: 1.45em; }}
[data-testid="stGraphVizChart"] svg {{ max-height: min({PRESENTER_GRAPH_MAX_VH}vh, {PRESENTER_GRAPH_MAX_PX}px); }}
</style>
"""


def apply_presenter_style() -> None:
    """Inject the page stylesheet, with the larger-type rules when presenter mode is on."""
    st.html(_BASE_CSS + (_PRESENTER_CSS if presenter_mode() else ""))


def number_table(columns: dict, *, formats: dict, key: str) -> None:
    """A table of numbers; ``formats`` = {column: printf format}. Normally st.dataframe (sortable,
    scrolls); in presenter mode the same numbers as st.table, whose HTML text takes the presenter
    type (the data grid draws on a canvas at a fixed 13 px), in a box TABLE_BOX_PX tall that scrolls."""
    if not presenter_mode():
        st.dataframe(columns, hide_index=True, key=key,
                     column_config={name: st.column_config.NumberColumn(format=fmt) for name, fmt in formats.items()})
        return
    shown = {name: [minus_signs(formats[name] % value) if name in formats else value for value in values]
             for name, values in columns.items()}
    with st.container(height=TABLE_BOX_PX, key=key):
        st.table(shown, hide_index=True)
