"""Layout checks the browser tests share: what Chromium laid out, read from element boxes and computed
styles. Each constant is a function for ``page.evaluate`` that returns a list of what is wrong (empty: nothing)."""

# Every display formula either fits its box or its box scrolls sideways; none is cut at top or bottom.
CLIPPED_FORMULAS = """() => [...document.querySelectorAll('.katex-display')].filter(box => {
    const style = getComputedStyle(box);
    const wide = box.scrollWidth > box.clientWidth + 1 && !['auto', 'scroll'].includes(style.overflowX);
    const inner = box.querySelector('.katex').getBoundingClientRect(), outer = box.getBoundingClientRect();
    const tall = inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1;
    return wide || tall; }).map(box => box.textContent.slice(0, 80))"""
# Page-link labels (Home's lesson list) shown whole: no label wider than its box.
CUT_LINKS = """() => [...document.querySelectorAll('[data-testid="stPageLink-NavLink"] p')]
    .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent)"""


# Plotly chart titles inside their chart and the window (plotly never wraps a title by itself).
CUT_TITLES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
    const chart = gd.getBoundingClientRect(), right = Math.min(chart.right, innerWidth) + 1;
    return [...gd.querySelectorAll('.gtitle')].filter(title => { const box = title.getBoundingClientRect();
        return box.left < chart.left - 1 || box.right > right || box.top < chart.top - 1; })
      .map(title => title.textContent); })"""
# The animation's Play/Pause buttons and frame slider never drawn on an axis title or tick label.
CONTROLS_ON_AXES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
    const boxes = sel => [...gd.querySelectorAll(sel)].map(el => [el.textContent, el.getBoundingClientRect()]);
    const controls = boxes('.updatemenu-button, .slider-container');
    const axes = boxes('.g-xtitle, .g-ytitle, .xtick, .ytick');
    const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return controls.flatMap(([c, cb]) => axes.filter(([, ab]) => hit(cb, ab)).map(([a]) => `${c} on ${a}`)); })"""
# Tick labels (bar names with their values, numbers) never drawn on each other, within an axis or where the two
# axes meet at a corner.
TICKS_ON_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
    const ticks = sel => [...gd.querySelectorAll(sel)].map(el => [el.textContent, el.getBoundingClientRect()])
        .filter(([text, box]) => text && box.width > 0);
    const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const clash = (one, other) => one.flatMap(([a, ab], i) => other.slice(one === other ? i + 1 : 0)
        .filter(([, bb]) => hit(ab, bb)).map(([b]) => `${a} on ${b}`));
    const xs = ticks('.xtick'), ys = ticks('.ytick');
    return [...clash(xs, xs), ...clash(ys, ys), ...clash(xs, ys)]; })"""

# A chart title never drawn on the plot, a panel title, the legend, an axis title, a tick label or the toolbar
# (shown while the mouse is on the chart: a teacher's, after pressing Play). A title that wraps needs room above
# the plot for every line, in presenter mode's larger type too.
TITLE_ON_CHART = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
    const title = gd.querySelector('.gtitle');
    if (!title || !title.textContent) return [];
    const box = title.getBoundingClientRect(), chart = gd.getBoundingClientRect();
    const hit = b => box.left < b.right - 1 && b.left < box.right - 1
        && box.top < b.bottom - 1 && b.top < box.bottom - 1;
    const others = [...gd.querySelectorAll('.annotation, .legend, .g-xtitle, .g-ytitle, .xtick, .ytick, .modebar')]
        .map(el => el.getBoundingClientRect()).filter(b => b.width > 0 && b.height > 0);
    const onPlot = gd._fullLayout._has('cartesian') && box.bottom > chart.top + gd._fullLayout._size.t + 1;
    return onPlot || others.some(hit) ? [title.textContent] : []; })"""


# After a resize: every plotly chart has been drawn again at its box's new width (Streamlit redraws each chart
# at its container's width; until it has, the chart's layout still holds the old width).
RELAID_OUT = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .every(gd => gd._fullLayout && Math.abs(gd._fullLayout.width - gd.clientWidth) <= 1)"""
# Two animation frames: whatever a redraw scheduled has been painted.
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
NOTHING_CUT = {"formula cut": CLIPPED_FORMULAS, "lesson link cut": CUT_LINKS, "chart title cut": CUT_TITLES,
               "animation control on an axis": CONTROLS_ON_AXES, "tick label on a tick label": TICKS_ON_TICKS,
               "chart title on the chart": TITLE_ON_CHART}


def what_is_cut(page) -> dict[str, list[str]]:
    """Every layout fault on the page as laid out now: {check: [what it found]}, only checks that found any."""
    found = {name: page.evaluate(check) for name, check in NOTHING_CUT.items()}
    return {name: items for name, items in found.items() if items}
