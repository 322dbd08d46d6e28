"""A plotly chart that stays on the page between reruns and is updated in place.

Streamlit's ``st.plotly_chart`` keys its React element on a hash of the whole figure, so a chart whose
numbers changed is thrown away and drawn again from nothing (``Plotly.newPlot``). For a 3D chart that
means a new WebGL context, its shaders compiled again and the scene rasterised from scratch: on a
machine without a GPU (this project's, or a school laptop on software WebGL) about 0.8 s, against
about 0.16 s for ``Plotly.react`` on the chart already there; for a 2D contour map 0.13 s against
0.06 s (README, Performance).

An animation's frames go along (``Plotly.react`` replaces them with the new run's).

``live_chart`` is a Streamlit component (``st.components.v2``, drawn in the page itself, not in an
iframe) whose element keeps its identity through its ``key``. On a rerun its JavaScript receives the
new figure and calls ``Plotly.react`` on the same chart: the WebGL context stays, and so does the
camera a student turned the bowl to. What it draws is the figure JSON
``st.plotly_chart`` would have sent, with the same toolbar (``ui.exports.chart_config``: the PNG
download named after the settings) plus a full-screen button. plotly.js is the plotly Python
package's own copy, served by this app's server from the installed package: nothing is fetched from
the network.

The key must stay the same while the chart shows the same place on the page (the surface page keys
its charts by column, not by loss), or the chart is built anew, as ``st.plotly_chart`` would.
"""

import json
from pathlib import Path

import plotly
import streamlit as st
import streamlit.components.v1 as components_v1
from plotly.utils import PlotlyJSONEncoder

from ui.exports import chart_config
from ui.i18n import t

COMPONENT = "live_plotly_chart"  # the component's name (tests find its elements by it)
PLOTLY_JS_DIR = Path(plotly.__file__).resolve().parent / "package_data"  # holds the package's plotly.min.js
# A v1 component that is declared and never drawn: declaring it makes Streamlit serve PLOTLY_JS_DIR's files,
# with a JavaScript MIME type, at component/<this module>.plotly_js/<file>, relative to the app's address.
components_v1.declare_component("plotly_js", path=str(PLOTLY_JS_DIR))
PLOTLY_JS_URL = f"component/{__name__}.plotly_js/plotly.min.js"
# Font Awesome's "expand" icon (the one Streamlit's own charts use for full screen), for the toolbar button.
EXPAND_ICON = {"width": 448, "height": 512, "path": (
    "M32 32C14.3 32 0 46.3 0 64v96c0 17.7 14.3 32 32 32s32-14.3 32-32V96h64c17.7 0 32-14.3 32-32s-14.3-32-32-32H32z"
    "M64 352c0-17.7-14.3-32-32-32s-32 14.3-32 32v96c0 17.7 14.3 32 32 32h96c17.7 0 32-14.3 32-32s-14.3-32-32-32H64V352z"
    "M320 32c-17.7 0-32 14.3-32 32s14.3 32 32 32h64v64c0 17.7 14.3 32 32 32s32-14.3 32-32V64c0-17.7-14.3-32-32-32H320z"
    "M448 352c0-17.7-14.3-32-32-32s-32 14.3-32 32v64H320c-17.7 0-32 14.3-32 32s14.3 32 32 32h96c17.7 0 32-14.3 "
    "32-32V352z")}

JS = """
const PLOTLY_JS = PLOTLY_JS_URL, EXPAND = EXPAND_ICON;
function plotlyJs() {  // plotly.js, loaded once per page
  if (!window.__llPlotlyJs) {
    window.__llPlotlyJs = new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = new URL(PLOTLY_JS, document.baseURI).href;
      tag.onload = () => resolve(window.Plotly);
      tag.onerror = () => { window.__llPlotlyJs = null; reject(new Error('plotly.js did not load')); };
      document.head.appendChild(tag);
    });
  }
  return window.__llPlotlyJs;
}
function fullHeight(root) { return document.fullscreenElement === root ? window.innerHeight : null; }
function views(root) { return [...root.children].filter(el => el.classList.contains('ll-view')); }
function pause(Plotly, gd) {  // stop a playing animation (plotly's own Pause), so a hidden view does not go on drawing
  if (gd._transitionData && gd._transitionData._animationRaf) {
    Plotly.animate(gd, [null], {mode: 'immediate', frame: {duration: 0, redraw: false}, transition: {duration: 0}});
  }
}
export default function (component) {
  const {data, parentElement: root} = component;
  // One chart per view (``view`` in Python): the view shown now is drawn, the others stay on the page hidden,
  // drawn as they were, so coming back to one costs nothing when its figure has not changed.
  const view = data.view || 'main';
  let box = views(root).find(el => el.dataset.view === view);
  if (!box) {
    box = document.createElement('div');
    box.className = 'll-view';
    box.dataset.view = view;
    const div = document.createElement('div');
    div.className = 'll-live-chart';
    div.style.width = '100%';
    box.appendChild(div);
    root.style.background = 'white';  // full screen shows the chart on the page's own white
    root.appendChild(box);
  }
  const gd = box.querySelector('.ll-live-chart');
  const others = views(root).filter(el => el !== box);
  const drawing = data.figure + '\\n' + data.config + '\\n' + data.fullscreen;  // what this chart was asked to draw
  plotlyJs().then(Plotly => {
    for (const other of others) {
      if (!other.hidden) pause(Plotly, other.querySelector('.ll-live-chart'));
      other.hidden = true;
    }
    box.hidden = false;
    if (!root.__llObserver) {  // the shown view follows the page's width (a hidden one is resized when shown)
      root.__llResize = () => {
        const shown = views(root).find(el => !el.hidden);
        const div = shown && shown.querySelector('.ll-live-chart');
        if (div && div._fullLayout) Plotly.relayout(div, {height: fullHeight(root) || div.__llHeight});
      };
      document.addEventListener('fullscreenchange', root.__llResize);
      root.__llObserver = new ResizeObserver(() => {
        for (const el of views(root)) {
          const div = el.querySelector('.ll-live-chart');
          if (!el.hidden && div._fullLayout) Plotly.Plots.resize(div);
        }
      });
      root.__llObserver.observe(root);
    }
    root.__llSettled = (root.__llSettled || 0) + 1;  // messages handled (tests wait on it; __llDraws: drawn)
    if (gd._fullLayout && gd.__llDrawing === drawing) {  // the same figure again (a view shown again): no redraw
      if (gd._fullLayout.width !== gd.clientWidth) Plotly.Plots.resize(gd);
      return;
    }
    gd.__llDrawing = drawing;
    gd.__llDraws = (gd.__llDraws || 0) + 1;
    const spec = JSON.parse(data.figure), config = JSON.parse(data.config);
    gd.__llHeight = spec.layout.height;
    if (fullHeight(root)) spec.layout.height = fullHeight(root);
    // A bowl the student turned stays turned: plotly writes a dragged camera into the chart's layout (its
    // uirevision does not keep it: the 3D drag leaves plotly's own copy of the camera unchanged).
    const turned = gd.layout && gd.layout.scene && gd.layout.scene.camera;
    if (spec.layout.scene && turned) spec.layout.scene.camera = turned;
    config.responsive = true;
    config.modeBarButtonsToAdd = [{name: 'fullscreen', title: data.fullscreen, icon: EXPAND,
                                   click: () => document.fullscreenElement ? document.exitFullscreen()
                                                                           : root.requestFullscreen()}];
    if (!gd._context) return Plotly.newPlot(gd, {data: spec.data, layout: spec.layout, frames: spec.frames, config});
    // plotly.js draws a chart anew when its config changed. The PNG's file name (which follows the page's
    // settings) is read when the button is pressed, so it is written in place and the configs compare equal.
    gd._context.toImageButtonOptions = config.toImageButtonOptions;
    const kept = gd._context.modeBarButtonsToAdd;  // a new click function would count as a new config too
    if (kept && kept.length && kept[0].title === data.fullscreen) config.modeBarButtonsToAdd = kept;
    return Plotly.react(gd, {data: spec.data, layout: spec.layout, frames: spec.frames, config});
  });
  return () => {
    if (root.__llObserver) root.__llObserver.disconnect();
    if (root.__llResize) document.removeEventListener('fullscreenchange', root.__llResize);
    root.__llObserver = root.__llResize = null;
    if (window.Plotly) root.querySelectorAll('.ll-live-chart').forEach(div => window.Plotly.purge(div));
  };
}
""".replace("PLOTLY_JS_URL", json.dumps(PLOTLY_JS_URL), 1).replace("EXPAND_ICON", json.dumps(EXPAND_ICON), 1)

_component = st.components.v2.component(COMPONENT, js=JS, isolate_styles=False)


def live_chart(fig, filename: str, *, key: str, view: str | None = None) -> None:
    """Show ``fig`` (a plotly Figure or a finished one) full width with a PNG download named ``filename``.png,
    updated in place on later reruns that show it under the same ``key``.

    ``view`` names one of several figures shown in turn at this place (the descent page's contour map and 3D
    bowl): each view keeps its own chart, hidden while another is shown, so switching back to a view whose
    figure did not change redraws nothing, and one that did change is updated in place."""
    data = {"figure": json.dumps(fig.to_dict(), cls=PlotlyJSONEncoder), "config": json.dumps(chart_config(filename)),
            "fullscreen": t("exports.fullscreen")}
    if view is not None:
        data["view"] = view
    _component(data=data, key=key)
