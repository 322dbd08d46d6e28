"""AppTest helpers: open the real app (router, sidebar and all) on a given page."""

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui import live_chart

ROOT = Path(__file__).resolve().parents[2]
APP_TIMEOUT = 60  # seconds one script run may take under AppTest (2 slow cores)


def open_page(script: str | None = None, *, lang: str = "en", **state) -> AppTest:
    """Run app.py, then switch to ``script`` (e.g. "pages/sigmoid.py"); return the AppTest.

    Extra keyword arguments are put into st.session_state before the first run.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if script is not None:
        at.switch_page(script).run()
    return at


@pytest.fixture
def page():
    """The ``open_page`` helper as a fixture."""
    return open_page


@dataclass(frozen=True)
class Chart:
    """One plotly chart on the page, whichever way it is drawn: ``st.plotly_chart``, or ``ui.live_chart``
    (a component updated in place in the browser, which sends the same figure and config)."""

    id: str  # the element's id, which ends with its key
    spec: dict  # the figure as plotly.js gets it
    config: dict  # plotly's config (toolbar, PNG download)
    view: str | None = None  # a live chart's view (one of several figures shown in turn at one place)


def live_chart_data(message_json: str) -> dict:
    """What a live chart's element carries (its proto's ``json``), its figure and config decoded from JSON."""
    return {key: json.loads(value) if key in ("figure", "config") else value
            for key, value in json.loads(message_json).items()}


def charts(at: AppTest) -> list[Chart]:
    """Every plotly chart on the page, in page order."""
    found = []
    for element in at.get("plotly_chart") + at.get("bidi_component"):
        proto = element.proto
        if hasattr(proto, "spec"):
            found.append(Chart(proto.id, json.loads(proto.spec), json.loads(proto.config)))
        elif proto.component_name == live_chart.COMPONENT:
            data = live_chart_data(proto.json)
            found.append(Chart(proto.id, data["figure"], data["config"], data.get("view")))
    return found


def chart_spec(at: AppTest, key: str) -> dict:
    """The plotly spec (as a dict) of the one chart rendered with widget key ``key``."""
    keyed = [c for c in charts(at) if c.id and key in c.id]
    assert len(keyed) == 1, f"expected one chart with key {key}, found {len(keyed)}"
    return keyed[0].spec


def trace_by_meta(spec: dict, meta: str) -> dict:
    """The trace of a plotly spec whose ``meta`` id is ``meta`` (figure builders set them)."""
    return next(trace for trace in spec["data"] if trace.get("meta") == meta)


def plotly_array(value) -> np.ndarray:
    """A plotly spec array as NumPy: a plain list, or plotly's typed array {"dtype", "bdata", "shape"}."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")]) if shape else flat
    return np.asarray(value, dtype=float)


def shown(markdown: str) -> str:
    """The text a reader sees for Markdown whose user values were escaped by ui.safe_text.escape_markdown:
    backslash escapes resolved and the invisible word joiners dropped."""
    from ui.safe_text import WORD_JOINER

    out, chars = [], iter(markdown.replace(WORD_JOINER, ""))
    for ch in chars:
        out.append(next(chars, "") if ch == "\\" else ch)
    return "".join(out)


def the_one(elements, containing: str = ""):
    """The one element of ``elements`` whose value contains ``containing``; fails on none or several.

    For elements Streamlit gives no key (titles, alerts, tables): found by what they say, never by position.
    """
    found = [el for el in elements if containing in str(el.value)]
    assert len(found) == 1, f"expected one element containing {containing!r}, found {len(found)}"
    return found[0]


def table_with_column(at: AppTest, column: str):
    """The value (a DataFrame) of the one st.table that has a column named ``column``."""
    tables = [table.value for table in at.table if column in table.value.columns]
    assert len(tables) == 1, f"expected one table with column {column!r}, found {len(tables)}"
    return tables[0]
