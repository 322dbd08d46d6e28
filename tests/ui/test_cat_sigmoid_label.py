"""The cat page's sigmoid chart: the photo's "z = …, p = … %" label sits clear of the curve, of the dashed
z = 0 line and of the chart's edges, wherever the photo lands."""

import pytest

from core.lessons.explain import sigmoid_curve
from core.neuron.model import sigmoid
from ui.figures.cat import sigmoid_point

# σ rises, so below-right and above-left of a point on it are the two sides clear of the curve.
CLEAR_OF_CURVE = {"bottom right", "top left"}


def _label_position(z: float) -> str:
    zs, ps = sigmoid_curve(z)
    fig = sigmoid_point(zs, ps, z, float(sigmoid(z)))
    return next(trace for trace in fig.data if trace.meta == "z_point").textposition


@pytest.mark.parametrize("z", [0.0, 0.4, 1.82, 3.0, -0.5, -1.82, -3.0])
def test_label_points_away_from_the_dashed_line_and_clear_of_the_curve(z):
    position = _label_position(z)
    assert position in CLEAR_OF_CURVE
    assert position.endswith("right" if z >= 0 else "left")


@pytest.mark.parametrize("z", [6.0, 7.5, 20.0, -6.0, -7.5, -20.0])
def test_label_near_an_edge_turns_back_under_the_flat_top_or_over_the_flat_bottom(z):
    # Far out σ is flat (≈ 1 or ≈ 0): the label goes back towards z = 0, on the side of the flat curve facing the plot.
    assert _label_position(z) == ("bottom left" if z > 0 else "top right")
