"""ui.figures.lines draws the same lines and labels as plotly's add_hline / add_vline, in one layout update."""

import plotly.graph_objects as go
import pytest

from ui.figures.lines import LABEL_PLACES, add_lines, hline, hline_label, vline


def _blank():
    return go.Figure(go.Scatter(x=[-3.0, 3.0], y=[0.0, 1.0]))


@pytest.mark.parametrize("position", sorted(LABEL_PLACES))
def test_lines_and_label_match_plotlys_own(position):
    theirs = _blank()
    theirs.add_hline(y=0.5, line_dash="dot", line_color="#000000", annotation_text="0.5", annotation_position=position)
    theirs.add_hline(y=1.0, line_color="#999999")
    theirs.add_vline(x=-1.25, line_color="#999999", line_dash="dash")
    ours = add_lines(_blank(), [hline(0.5, colour="#000000", dash="dot"), hline(1.0, colour="#999999"),
                                vline(-1.25, colour="#999999", dash="dash")], [hline_label("0.5", 0.5, position)])
    assert ours.to_dict()["layout"] == theirs.to_dict()["layout"]


def test_added_lines_keep_the_ones_already_there():
    fig = add_lines(_blank(), [hline(0.0, colour="#999999")], [hline_label("a", 0.0, "top left")])
    add_lines(fig, [vline(1.0, colour="#999999")], [hline_label("b", 1.0, "top right")])
    assert [s.y0 for s in fig.layout.shapes] == [0.0, 0.0] and [s.x0 for s in fig.layout.shapes] == [0, 1.0]
    assert [a.text for a in fig.layout.annotations] == ["a", "b"]
