"""Everything an AppTest page shows, as text and numbers, found by walking every element (never by kind).

``page_content(at)`` reads each element's whole protobuf message: bodies, labels, captions, help tooltips,
options, code, DOT graphs, plotly figures (titles, annotations, hover text, every number, also plotly's
base64 typed arrays) and dataframes or tables (column names and cells). A widget's own current value is left
out (it is the page's input, not its result), and so is anything from the "Check yourself" section on, unless
asked for: a new kind of element, or a new leak in an old one, is read without changing this module.
"""

import base64
import contextlib
import json
import math
from dataclasses import dataclass, field

import numpy as np
from google.protobuf.json_format import MessageToDict
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.pages.conftest import live_chart_data
from ui import live_chart

QUIZ_ANCHOR = "check-yourself"  # the section's header anchor (ui.quiz.ANCHOR)
SKIPPED_FIELDS = frozenset({"id", "formId", "default", "value", "rawValue", "setValue", "url"})
# ^ a widget's identity and current value (the page's inputs) and media URLs
BYTES_FIELD = "data"  # a table's Arrow bytes (base64 in the message; read by _collect_table), or plotly's traces
REL_TOLERANCE = 1e-6  # a shown number "is" an answer when it agrees to about six significant digits
ABS_TOLERANCE = 1e-12  # ... or both are this close to zero


@dataclass
class Content:
    """What a page shows: (where, text) pairs and (where, number) pairs; ``where`` names the element."""

    texts: list = field(default_factory=list)
    numbers: list = field(default_factory=list)

    def with_text(self, needle: str) -> list[str]:
        """Where ``needle`` occurs as (part of) a shown text."""
        return [where for where, text in self.texts if needle in text]

    def with_number(self, value: float) -> list[str]:
        """Where a shown number equals ``value`` (to REL_TOLERANCE)."""
        return [where for where, number in self.numbers
                if math.isclose(number, value, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE)]

    def comparable(self, leave_out: tuple = ()) -> list[str]:
        """Texts and numbers in page order, each with its element's name, but without the link parameters in
        ``leave_out``: two renders of a page compare equal."""
        skipped = {f"link.{name}" for name in leave_out}
        return [f"{where}: {text}" for where, text in self.texts if where not in skipped] + \
               [f"{where}: {number:.12g}" for where, number in self.numbers]


def _typed_array(value: dict) -> list[float]:
    """plotly's typed array {"dtype": "f8", "bdata": base64} as numbers."""
    return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).astype(float).tolist()


def _collect(value, where: str, out: Content) -> None:
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            out.numbers.extend((where, n) for n in _typed_array(value))
            return
        for key, item in value.items():
            if key in SKIPPED_FIELDS or (key == BYTES_FIELD and isinstance(item, str)):
                continue
            if key == "spec" and isinstance(item, str):  # a plotly figure as JSON (a DOT graph stays text)
                with contextlib.suppress(json.JSONDecodeError):
                    item = json.loads(item)
            _collect(item, f"{where}.{key}", out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, where, out)
    elif isinstance(value, str):
        out.texts.append((where, value))
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        out.numbers.append((where, float(value)))


def _collect_table(proto, where: str, out: Content) -> None:
    """A dataframe or table element's Arrow bytes: column names and every cell."""
    data = getattr(proto, "data", None)
    if not isinstance(data, bytes) or not data:
        return
    frame = convert_arrow_bytes_to_pandas_df(data)
    out.texts.extend((f"{where}.columns", str(c)) for c in frame.columns)
    for column in frame.columns:
        for cell in frame[column].tolist():
            _collect(cell.item() if hasattr(cell, "item") else cell, f"{where}[{column}]", out)


def _children(node) -> list:
    children = getattr(node, "children", None) or {}
    return [children[k] for k in sorted(children)]


def _walk(node, out: Content, quiz: bool) -> bool:
    """Collect ``node`` and its children in page order; False once the quiz section starts (if left out)."""
    proto = getattr(node, "proto", None)
    kind = getattr(node, "type", type(node).__name__)
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        message = MessageToDict(proto, preserving_proto_field_name=False)
        if not quiz and message.get("anchor") == QUIZ_ANCHOR:
            return False
        if message.get("componentName") == live_chart.COMPONENT:  # a live chart: the figure st.plotly_chart sends
            kind, message = live_chart.COMPONENT, live_chart_data(message["json"])
        _collect(message, kind, out)
        _collect_table(proto, kind, out)
    return all(_walk(child, out, quiz) for child in _children(node))


def page_content(at, quiz: bool = False) -> Content:
    """Everything the page shows (main area and sidebar) and the link's values; the Check-yourself
    section only if ``quiz``."""
    out = Content()
    _walk(at.main, out, quiz)
    _walk(at.sidebar, out, quiz)
    out.texts.extend((f"link.{key}", str(value)) for key, value in at.query_params.items())
    return out
