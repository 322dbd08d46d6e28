"""AppTest of the gradient-descent page: animation frames, warnings, step mode, race, both languages."""

import json

import numpy as np
import pytest

from core.data.features import lesson_dataset
from core.lessons.descent import MAX_FRAMES
from core.neuron.model import cost_and_grads
from tests.pages.conftest import chart_spec, charts, open_page, plotly_array, the_one, trace_by_meta
from ui.figures.descent import TRAIL_POINTS

PAGE = "pages/descent.py"
JSON_LIMIT = 1_000_000  # bytes: every figure must stay well under 1 MB
TOY = {"gd_dataset": "overlapping"}  # tests that need no course data run on the toy set




@pytest.mark.parametrize("lang, title", [("en", "Gradient descent"), ("zh", "梯度下降")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang, **TOY)
    assert not at.exception and not at.error
    assert the_one(at.title).value == title
    assert len(charts(at)) == 3  # the 3D bowl and the race wait in their (lazy) tab and box


@pytest.mark.parametrize("base, tab", [("contour", "Contour map"), ("surface", "3D bowl (rotate it)")])
def test_frames_carry_only_the_marker_and_trail(base, tab):
    at = open_page(PAGE, gd_view=tab, **TOY)
    spec = chart_spec(at, "gd_chart_view")
    # both views are one live chart below the tab bar; the view says which of its charts the browser shows
    [shown] = [chart for chart in charts(at) if chart.id.endswith("gd_chart_view")]
    assert shown.view == base
    assert shown.config["toImageButtonOptions"]["filename"].endswith(f"_{base}")
    assert [trace["meta"] for trace in spec["data"][:3]] == [base, "trail", "marker"]
    frames = spec["frames"]
    assert 0 < len(frames) <= MAX_FRAMES
    for frame in frames:
        assert frame["traces"] == [1, 2]
        assert len(frame["data"]) == 2
        for trace in frame["data"]:  # coordinates only: never the map, never styles
            assert trace["type"] in ("scatter", "scatter3d")
            assert set(trace) <= {"type", "x", "y", "z", "text", "textposition"}  # text: the off-map note
    path_x = plotly_array(trace_by_meta(spec, "path")["x"])
    # the marker ends where the path ends
    assert plotly_array(frames[-1]["data"][1]["x"])[0] == pytest.approx(path_x[-1])
    tails = [len(plotly_array(frame["data"][0]["x"])) for frame in frames]  # the trail: a short comet tail
    assert tails[0] == 1 and max(tails) == TRAIL_POINTS
    assert frames[0]["name"] == "0" and frames[-1]["name"] == "100"  # first and last step always shown
    assert len(json.dumps(spec)) < JSON_LIMIT
    assert [button["method"] for button in spec["layout"]["updatemenus"][0]["buttons"]] == ["animate", "animate"]


def test_long_runs_are_subsampled_to_at_most_a_hundred_frames():
    at = open_page(PAGE, **TOY)
    at.slider(key="gd_iterations").set_value(500).run()
    spec = chart_spec(at, "gd_chart_view")
    names = [int(frame["name"]) for frame in spec["frames"]]
    assert len(names) == MAX_FRAMES and names[0] == 0 and names[-1] == 500
    assert len(json.dumps(spec)) < JSON_LIMIT


def test_learning_rate_changes_the_path():
    at = open_page(PAGE, **TOY)
    before = plotly_array(trace_by_meta(chart_spec(at, "gd_chart_view"), "path")["x"])
    at.select_slider(key="gd_learning_rate").set_value(0.05).run()
    assert not at.exception
    after = plotly_array(trace_by_meta(chart_spec(at, "gd_chart_view"), "path")["x"])
    assert not np.allclose(before, after)


def test_key_controls_are_bound_to_the_url():
    at = open_page(PAGE, **TOY)
    widgets = [at.select_slider(key="gd_learning_rate"), at.slider(key="gd_iterations"),
               at.number_input(key="gd_w0"), at.number_input(key="gd_b0"),
               at.select_slider(key="gd_speed")]
    assert [w.proto.query_param_key for w in widgets] == [w.key for w in widgets]


def test_huge_learning_rate_warns_in_words_not_errors():
    at = open_page(PAGE, **TOY)
    at.select_slider(key="gd_learning_rate").set_value(100.0).run()
    assert not at.exception and not at.error
    assert any("α = 100" in warning.value for warning in at.warning)
    spec = chart_spec(at, "gd_chart_cost")
    assert np.all(np.isfinite(plotly_array(spec["data"][0]["y"])))


def test_diverging_rate_on_the_cat_photos_warns(course_dir, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(course_dir))
    at = open_page(PAGE, gd_dataset="cat_saturation")
    at.select_slider(key="gd_learning_rate").set_value(100.0).run()
    assert not at.exception and not at.error
    assert any("diverging" in warning.value for warning in at.warning)


def test_step_button_moves_by_exactly_rate_times_gradient():
    at = open_page(PAGE, **TOY)
    rate = at.select_slider(key="gd_learning_rate").value
    w0, b0 = at.number_input(key="gd_w0").value, at.number_input(key="gd_b0").value
    at.button(key="gd_step").click().run()
    at.button(key="gd_step").click().run()
    assert not at.exception
    X, Y = lesson_dataset("overlapping")
    w, b = w0, b0
    for _ in range(2):
        _, dw, db = cost_and_grads(np.array([[w]]), b, X, Y)
        w, b = w - rate * dw[0, 0], b - rate * db
    assert (at.session_state["gd_w"], at.session_state["gd_b"]) == (w, b)
    assert at.session_state["gd_count"] == 2
    numbers = the_one(at.get("latex"), f"{b:.4f}").value  # the step just taken, with its numbers
    assert f"{w:.4f}" in numbers and f"{b:.4f}" in numbers
    at.button(key="gd_reset").click().run()
    assert (at.session_state["gd_w"], at.session_state["gd_b"], at.session_state["gd_count"]) == (w0, b0, 0)


def test_changing_the_start_point_restarts_step_mode():
    at = open_page(PAGE, **TOY)
    at.button(key="gd_step").click().run()
    at.number_input(key="gd_w0").set_value(2.0).run()
    assert at.session_state["gd_count"] == 0 and at.session_state["gd_w"] == 2.0


def test_race_runs_both_losses_from_the_same_start():
    at = open_page(PAGE, gd_race=True, **TOY)
    starts = []
    for loss in ("cross_entropy", "squared_error"):
        path = trace_by_meta(chart_spec(at, f"gd_chart_race_{loss}"), "path")
        starts.append((plotly_array(path["x"])[0], plotly_array(path["y"])[0]))
    assert starts[0] == starts[1] == (at.number_input(key="gd_w0").value, at.number_input(key="gd_b0").value)


def test_animation_is_the_figure_plotly_itself_would_build_and_its_dict_is_made_once():
    """The frames and slider steps are plain dicts (not checked by plotly as they are built): rebuilt through
    plotly's own checks, the figure's JSON is the same, and to_dict() returns the one dict on every call."""
    import json

    import plotly.graph_objects as go
    import plotly.io as pio

    from core.data.features import lesson_dataset
    from core.lessons import descent as lesson
    from core.lessons.surface import cost_surface
    from ui.figures.descent import animated_contour, animated_surface

    X, Y = lesson_dataset("separable", None)
    for rate in (0.5, 100.0):  # converging, and flying off the map (off-map notes, 3D gaps)
        path = lesson.run_path(X, Y, -4.0, 4.0, rate, 100, "cross_entropy")
        surface = cost_surface(X, Y, 12.0, 12.0, "cross_entropy", size=61)
        for build in (animated_contour, animated_surface):
            fig = build(surface, path, lesson.frame_steps(path.w.size), (*surface.lowest(), "min"), speed=2.0)
            sent = fig.to_dict()
            assert fig.to_dict() is sent
            checked = go.Figure(sent)  # plotly's full checks: raises on any invalid property
            assert json.loads(pio.to_json(checked, validate=False)) == json.loads(pio.to_json(sent, validate=False))
            assert len(sent["frames"]) == len(lesson.frame_steps(path.w.size))
            assert len(sent["layout"]["sliders"][0]["steps"]) == len(sent["frames"])
    from ui.figures.map_image import map_layout_image
    from ui.figures.surface import CONTOURS

    picture = map_layout_image(surface, CONTOURS)  # made once per map (ui.cached_lessons.map_image)
    given = animated_contour(surface, path, lesson.frame_steps(path.w.size), picture=picture).to_dict()
    own = animated_contour(surface, path, lesson.frame_steps(path.w.size)).to_dict()
    assert given == own


def _one_step(w, b, rate, X, Y):
    _, dw, db = cost_and_grads(np.array([[w]]), b, X, Y)
    return w - rate * dw[0, 0], b - rate * db


def test_step_fragment_updates_its_map_and_keeps_the_rest_of_the_page_and_the_link():
    """Step reruns only its fragment: its map gains the new point; the cost chart, the verdict and the link
    are what they were; a learning rate changed afterwards (a full rerun) is the one the next Step uses."""
    at = open_page(PAGE, **TOY)
    w0, b0 = at.number_input(key="gd_w0").value, at.number_input(key="gd_b0").value
    rate = at.select_slider(key="gd_learning_rate").value
    cost_before = chart_spec(at, "gd_chart_cost")
    verdict_before = [s.value for s in at.success]
    link_before = dict(at.query_params)
    at.button(key="gd_step").click().run()
    assert not at.exception
    X, Y = lesson_dataset("overlapping")
    w1, b1 = _one_step(w0, b0, rate, X, Y)
    path = trace_by_meta(chart_spec(at, "gd_chart_steps"), "path")
    assert list(plotly_array(path["x"])) == [w0, w1] and list(plotly_array(path["y"])) == [b0, b1]
    assert chart_spec(at, "gd_chart_cost") == cost_before
    assert [s.value for s in at.success] == verdict_before
    assert dict(at.query_params) == link_before
    at.select_slider(key="gd_learning_rate").set_value(0.1).run()  # the page reruns with the new rate
    at.button(key="gd_step").click().run()
    w2, b2 = _one_step(w1, b1, 0.1, X, Y)
    assert (at.session_state["gd_w"], at.session_state["gd_b"], at.session_state["gd_count"]) == (w2, b2, 2)
    path = trace_by_meta(chart_spec(at, "gd_chart_steps"), "path")
    assert list(plotly_array(path["x"])) == [w0, w1, w2]
