"""The computation graph as DOT text for st.graphviz_chart (rendered in the browser, no Graphviz binary).

Each node shows its operation, its forward value and its gradient dL/d(node), each only once the
step-by-step reveal has reached it; nodes lit at the current step get a thick border.
"""

import hashlib
import math
from html import escape

from core.lessons.graph import INPUTS, STEPS, GraphPoint, GraphValues, revealed
from ui.theme import PALETTE

FILL_ALPHA = "40"  # hex alpha appended to palette colours for light node fills
HIDDEN = "?"  # shown where a value or gradient is not revealed yet
BORDER, CURRENT_BORDER = 1, 3  # node border widths (pt): normal, lit at the current step
SIGNIFICANT = 4  # significant digits of the numbers on the nodes
TITLES = {"z": "z = w1·x1 + w2·x2 + b", "a": "a = σ(z)", "L": "L(a, y)"}  # node operations
FONT_PT = 14  # node text, Graphviz points (Graphviz's own default)
PRESENTER_FONT_PT = 20  # node text on a projector: the whole graph grows with it and still fits 1080 px
INVISIBLE = ("\u200b", "\u200c")  # zero-width space and non-joiner: the bits of a name suffix no one sees
NAME_BITS = 16  # bits of the content hash in that suffix: consecutive drawings share a name 1 time in 65 536


def fmt(value: float, digits: int = SIGNIFICANT) -> str:
    """A number for display: ``digits`` significant digits, a real minus sign, ∞ for infinities."""
    if math.isinf(value):
        return "−∞" if value < 0 else "∞"
    return f"{value:.{digits}g}".replace("-", "−")


def _label(title: str | None, value: str | None, grad: str | None) -> str:
    """An HTML-like DOT label: title (if any), then the value (blue) and gradient (vermillion) lines."""
    rows = [f"<tr><td><b>{escape(title)}</b></td></tr>"] if title else []
    for text, colour in ((value, PALETTE["blue"]), (grad, PALETTE["vermillion"])):
        if text is not None:
            rows.append(f'<tr><td><font color="{colour}">{escape(text)}</font></td></tr>')
    return '<<table border="0" cellborder="0" cellspacing="0" cellpadding="2">' + "".join(rows) + "</table>>"


def _node_texts(p: GraphPoint, v: GraphValues) -> dict:
    """node -> (title, value text, gradient text) with everything revealed; inputs and y have no title
    ("x1 = 1.0" names the node itself: one line less per node, a shorter graph)."""
    grads = {"x1": v.dx1, "w1": v.dw1, "x2": v.dx2, "w2": v.dw2, "b": v.db, "z": v.dz, "a": v.da, "L": 1.0}
    texts = {name: (None, f"{name} = {fmt(getattr(p, name))}", f"d{name} = {fmt(grads[name])}") for name in INPUTS}
    texts["z"] = (TITLES["z"], f"z = {fmt(v.z)}", f"dz = {fmt(v.dz)}")
    texts["a"] = (TITLES["a"], f"a = {fmt(v.a)}", f"da = {fmt(v.da)}")
    texts["L"] = (TITLES["L"], f"L = {fmt(v.L)}", "dL/dL = 1")
    texts["y"] = (None, f"y = {fmt(p.y)}", None)
    return texts


def _current(step: int) -> set:
    """Nodes lit by the latest step (drawn with a thick border)."""
    if step < 1 or step > len(STEPS):
        return set()
    values, grads = revealed(step)
    before_values, before_grads = revealed(step - 1)
    return set(values - before_values) | set(grads - before_grads)


def fresh_name(name: str, body: str) -> str:
    """``name`` with an invisible suffix that changes with the graph's content (``body``).

    Streamlit draws a Graphviz chart with d3-graphviz, which matches each new drawing's nodes and edges to
    the drawing before by their names, nested under the graph's own name. For every element it matches it
    samples points along the old and the new outline, to morph one into the other, even though Streamlit
    animates nothing: about 0.24 s of ``getPointAtLength`` per step on this project's machine (README,
    Performance). A graph whose name is new matches nothing: the new drawing simply replaces the old.
    The name is the graph's tooltip, so the reader sees ``name`` alone.
    """
    digest = int.from_bytes(hashlib.sha256(body.encode()).digest()[:4], "big")
    return name + "".join(INVISIBLE[(digest >> bit) & 1] for bit in range(NAME_BITS))


def graph_dot(p: GraphPoint, v: GraphValues, step: int, font_pt: int = FONT_PT, graph_name: str = "G") -> str:
    """DOT text of the seed's graph after ``step`` reveal steps (len(STEPS) = everything), its text ``font_pt``
    points; the graph is called ``graph_name`` (its tooltip), made unique to this content by ``fresh_name``."""
    values, grads = revealed(step)
    current = _current(step)
    lines = ["rankdir=LR;",
             f'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize={font_pt}];',
             f'edge [color="{PALETTE["grey"]}"];']
    for name, (title, value, grad) in _node_texts(p, v).items():
        shown_value = value if name in values else f"{name} = {HIDDEN}"
        shown_grad = None if grad is None else (grad if name in grads else f"d{name} = {HIDDEN}")
        fill = (PALETTE["sky"] + FILL_ALPHA) if name in values else "white"
        pen = PALETTE["vermillion"] if name in grads else PALETTE["grey"]
        width = CURRENT_BORDER if name in current else BORDER
        dashed = ',dashed' if name == "y" else ""
        lines.append(f'{name} [label={_label(title, shown_value, shown_grad)}, fillcolor="{fill}", '
                     f'color="{pen}", penwidth={width}, style="rounded,filled{dashed}"];')
    edges = [(name, "z") for name in INPUTS] + [("z", "a"), ("a", "L"), ("y", "L")]
    for tail, head in edges:
        back = tail in grads and head in grads
        colour = PALETTE["vermillion"] if back else PALETTE["grey"]
        lines.append(f'{tail} -> {head} [color="{colour}", penwidth={CURRENT_BORDER if back else BORDER}];')
    lines.append("{rank=same; x1; w1; x2; w2; b;}")
    body = "\n".join(lines)
    quoted = fresh_name(graph_name, body).replace("\\", "\\\\").replace('"', '\\"')
    return f'digraph "{quoted}" {{\n{body}\n}}'
