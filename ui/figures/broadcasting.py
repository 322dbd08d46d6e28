"""The broadcasting picture: each operand copied out to the result's grid, copies shaded apart.

Heatmap traces carry ``meta`` ids ("operand_0", …, "result") so tests can find them in the spec.
"""

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.i18n import t
from ui.theme import PALETTE, TITLE_LINE_UNITS, style, title_room, wrap_title

ORIGINAL, COPY, RESULT = 0, 1, 2  # cell kinds, also the heatmap's z values
KIND_COLOURS = {ORIGINAL: PALETTE["sky"], COPY: PALETTE["yellow"], RESULT: PALETTE["green"]}
KIND_LABELS = {ORIGINAL: "broadcasting.cell_original", COPY: "broadcasting.cell_copy",
               RESULT: "broadcasting.cell_result"}
DIGITS = 4  # significant digits written in a cell (quotients of "/" are not whole)
CELL_GAP = 3  # px between cells
SWATCH_SIZE = 14  # px, legend squares
LEGEND_Y = -0.04  # legend just below the panels (fraction of the plot height)
PANEL_TITLE_EM = 0.7  # room between the panel titles and the chart title, in font sizes
PANEL_LINE_EM = 1.3  # each line of a panel title, in font sizes
SUBPLOT_GAP = 0.06  # fraction of the width between panels


def _colourscale() -> list:
    """A stepped colour scale: z = 0, 1, 2 each get one flat colour."""
    steps = []
    for kind, colour in KIND_COLOURS.items():
        steps += [[kind / len(KIND_COLOURS), colour], [(kind + 1) / len(KIND_COLOURS), colour]]
    return steps


def _panel(values, kinds, meta: str) -> go.Heatmap:
    text = [[f"{v:.{DIGITS}g}" for v in row] for row in values.tolist()]
    return go.Heatmap(z=kinds, text=text, texttemplate="%{text}", zmin=0, zmax=len(KIND_COLOURS) - 1,
                      colorscale=_colourscale(), showscale=False, xgap=CELL_GAP, ygap=CELL_GAP, meta=meta,
                      hovertemplate="[%{y}, %{x}] = %{text}<extra></extra>")


def stretch_figure(picture, titles: list[str]):
    """One panel per operand (its values copied out by rule 4) and one for the result.

    picture: core.lessons.broadcasting.Picture (2-D arrays, all of the result's shape);
    titles: one panel title per operand and one for the result.
    """
    n_panels = len(picture.values)
    # A panel has a share of the chart's width: its title wraps at that share of a chart title's line (a phone).
    wrapped = [wrap_title(title, TITLE_LINE_UNITS // n_panels) for title in titles]
    fig = make_subplots(rows=1, cols=n_panels, subplot_titles=["<br>".join(lines) for lines in wrapped],
                        horizontal_spacing=SUBPLOT_GAP)
    for k, copied in enumerate(picture.copied):
        fig.add_trace(_panel(picture.values[k], copied.astype(int).tolist(), f"operand_{k}"), row=1, col=k + 1)
    result = picture.values[-1]
    fig.add_trace(_panel(result, [[RESULT] * result.shape[1]] * result.shape[0], "result"), row=1, col=n_panels)
    for kind, colour in KIND_COLOURS.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(KIND_LABELS[kind]), meta=f"kind_{kind}",
                                 marker={"size": SWATCH_SIZE, "color": colour, "symbol": "square"}))
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    style(fig, title=t("broadcasting.picture_title"))
    fig.update_annotations(font_size=fig.layout.font.size)  # panel titles as large as the chart's text
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": LEGEND_Y, "x": 0},
                      margin={"t": title_room(fig, PANEL_TITLE_EM + PANEL_LINE_EM * max(map(len, wrapped)))})
    return fig
