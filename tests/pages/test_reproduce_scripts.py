"""Every page's "Reproduce this page in plain NumPy" script runs on its own and prints the numbers the page shows.

Each test opens a page with non-default settings, takes the script from the page's reproduce box, runs it
with this Python in a fresh process (LOGITLAB_DATA passed on), and finds every printed number on the page,
written the way the page writes it. Scripts built from the course dataset ask for the `course_dir` fixture,
so they skip without it (and fail in CI, where the dataset is required).
"""

import io
import re
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from core.data.features import REAL_DEFAULT
from tests.pages.conftest import ROOT, chart_spec, open_page, plotly_array, trace_by_meta
from ui.i18n import minus_signs

SCRIPT_TIMEOUT = 120  # seconds one script may take (the vectorization script times loops) on 2 busy cores
SEED = 4  # fixed seed for the uploaded photo
PHOTO_SIDE = 80  # pixels of the uploaded photo
TEXT_KINDS = ("latex", "markdown", "info", "success", "warning", "error", "caption")  # where pages write numbers
MINUS = "−"  # pages that write U+2212 for negative numbers


def _script(at) -> str:
    """The script in the page's one reproduce box ("Reproduce this page in plain NumPy")."""
    boxes = [box for box in at.expander if box.label.startswith("Reproduce")]
    assert len(boxes) == 1, f"expected one reproduce box, found {len(boxes)}"
    scripts = [code.value for code in boxes[0].get("code")]
    assert len(scripts) == 1
    return scripts[0]


def _run(script: str) -> str:
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=SCRIPT_TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _printed(out: str) -> dict[str, str]:
    """``name = value`` lines of a script's output."""
    return dict(re.findall(r"^(\w+) = (.+)$", out, re.MULTILINE))


def _shown(at) -> str:
    """All the text a page shows (formulas, prose, boxes, metrics), never its code blocks."""
    texts = [el.value for kind in TEXT_KINDS for el in at.get(kind)]
    texts += [f"{m.label}: {m.value}" for m in at.metric]
    return "\n".join(texts)


def _open(script: str, **state):
    at = open_page(script, **state)
    assert not at.exception
    return at, _run(_script(at))


def _assert_shown(at, values: dict[str, str]) -> None:
    shown = _shown(at)
    missing = {name: text for name, text in values.items() if minus_signs(text) not in shown and text not in shown}
    assert not missing, f"printed by the script but not on the page: {missing}"


def test_sigmoid_script_prints_the_pages_numbers():
    at, out = _open("pages/sigmoid.py", sig_z=1.3, sig_w=-1.7, sig_b=0.6, sig_kind="overlapping")
    p = {k: float(v) for k, v in _printed(out).items() if v != "none"}
    _assert_shown(at, {"sigma": f"= {p['sigma']:.4f}", "slope": f"= {p['slope']:.4f}",
                       "decision_point": f"= {p['decision_point']:.3f}", "accuracy": f"Accuracy: {p['accuracy']:.1f} %",
                       "stable_log_sigma": f"= {p['stable_log_sigma']:.6g}"})


def test_loss_script_prints_the_pages_numbers():
    at, out = _open("pages/loss.py", loss_w=1.2, loss_b=-0.3, loss_example=5, loss_kind="overlapping")
    p = {k: float(v) for k, v in _printed(out).items()}
    _assert_shown(at, {"J_cross_entropy": f"= {p['J_cross_entropy']:.4f}", "y_hat": f"L({p['y_hat']:.4f},",
                       "p": f"= {p['p']:.4f}", "loss": f"= -{p['loss']:.4f}",
                       "log_likelihood": f"= {p['log_likelihood']:.4f}",
                       "chord_gap_squared_error": f"rises {p['chord_gap_squared_error']:.4f} above its chord"})


def test_graph_script_prints_the_pages_numbers():
    at, out = _open("pages/graph.py", cg_alpha=0.3, cg_m=7, cg_seed=3, cg_step=8)  # every step revealed
    p = {k: float(v) for k, v in _printed(out).items() if not v.startswith("infinite")}

    def g4(name):  # the graph page writes 4 significant digits and a real minus sign
        return f"{p[name]:.4g}".replace("-", MINUS)

    names = ("a", "dz", "dw1", "dw2", "w1_new", "w2_new", "b_new", "L_new", "vec_dw1", "vec_dw2", "vec_db")
    _assert_shown(at, {name: f"= {g4(name)}" for name in names})
    assert p["loop_dw1"] == pytest.approx(p["vec_dw1"], rel=1e-12)  # the loops and the vectorized code agree


def _descent_check(at, out):
    rows = re.findall(r"^iteration (\d+): w = (\S+), b = (\S+), cost = (\S+)$", out, re.MULTILINE)
    first, last = rows[0], rows[-1]
    w, b, cost = (float(v) for v in last[1:])
    _assert_shown(at, {"last": f"After {last[0]} steps: w = {w:.4f}, b = {b:.4f}, J = {cost:.5f}",
                       "first": f"started at J = {float(first[3]):.4f}"})


def test_descent_script_prints_the_pages_numbers_on_toy_data():
    at, out = _open("pages/descent.py", gd_dataset="overlapping", gd_learning_rate=2.0, gd_iterations=60,
                    gd_loss="squared_error")
    _descent_check(at, out)


def test_descent_script_prints_the_pages_numbers_on_the_cat_photos(course_dir):
    at, out = _open("pages/descent.py", gd_dataset=REAL_DEFAULT, gd_iterations=80)
    _descent_check(at, out)


def test_surface_script_prints_the_lowest_grid_point_the_page_names():
    at, out = _open("pages/surface.py", surf_dataset="overlapping", surf_loss="squared_error", surf_span=6.0)
    w, b, J = (float(v) for v in re.search(r"w = (\S+), b = (\S+), J = (\S+)$", out.strip()).groups())
    _assert_shown(at, {"lowest": f"w = {w:.2f}, b = {b:.2f}, J = {J:.4f}"})


def test_surface_script_prints_the_lowest_point_of_the_drawn_cat_photo_surface(course_dir):
    at, out = _open("pages/surface.py", surf_dataset=REAL_DEFAULT)
    w, b, J = (float(v) for v in re.search(r"w = (\S+), b = (\S+), J = (\S+)$", out.strip()).groups())
    surface = trace_by_meta(chart_spec(at, "surf_chart_3d_0"), "surface")
    z = plotly_array(surface["z"])
    row, col = np.unravel_index(np.argmin(z), z.shape)
    assert (plotly_array(surface["x"])[col], plotly_array(surface["y"])[row]) == pytest.approx((w, b))
    assert z[row, col] == pytest.approx(J, rel=1e-6)  # the chart's z values travel as float32


def test_vectorization_script_prints_the_pages_numbers():
    at, out = _open("pages/vectorization.py", vec_n=3000, vec_features=128)
    p = _printed(out)
    diff = f"{float(p['max_diff']):.1e}".replace("-", MINUS)
    _assert_shown(at, {"loop_dot": f"loop {p['loop_dot']}", "np_dot": f"np.dot {p['np_dot']}",
                       "max_diff": f"largest difference {diff}"})


def test_broadcasting_script_prints_the_pages_result_shape():
    at, out = _open("pages/broadcasting.py", bc_a="(4, 1)", bc_b="(2, 1, 3)")
    shape = re.search(r"^result shape: (.+)$", out, re.MULTILINE).group(1)
    assert shape == "(2, 4, 3)"
    _assert_shown(at, {"shape": f"Result shape: {shape}"})


def test_rank_one_script_prints_the_pages_numbers():
    at, out = _open("pages/rank_one.py", r1_n=4, r1_seed=9)
    a_at = float(re.search(r"^a @ a.T: (\S+)", out, re.MULTILINE).group(1))
    silent = re.search(r"^\(a \+ col\)\.shape: (.+)$", out, re.MULTILINE).group(1)
    _assert_shown(at, {"a_at": f"= {a_at:.3f}", "silent": f"an {silent} matrix"})


def test_cat_script_prints_the_pages_probability_for_an_uploaded_photo():
    rgb = np.random.default_rng(SEED).integers(0, 256, (PHOTO_SIDE, PHOTO_SIDE, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "PNG")
    at = open_page("pages/cat_classifier.py")
    at.file_uploader(key="cat_upload").set_value(("mine.png", buf.getvalue(), "image/png"))
    at.run()
    assert not at.exception
    p = _printed(_run(_script(at)))
    _assert_shown(at, {"p_cat": f"p(cat): {100 * float(p['p_cat']):.1f} %"})
