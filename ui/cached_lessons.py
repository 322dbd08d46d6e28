"""Cached wrappers for the 1-D lessons (cost surface and gradient descent), shared by all students:
datasets, J grids, minima, descent paths, and the descent page's heavy figures.

Results (arrays) are keyed by value objects (``SurfaceMap``, ``DescentRun``) and hold no words. Figures
hold words and presenter sizes, so their wrappers add the current ``Look`` to the key themselves.
"""

import streamlit as st

from core.data.features import DATASETS, lesson_dataset
from core.lessons import descent as lesson
from core.lessons.descent import DescentRun
from core.lessons.race import race_result
from core.lessons.surface import Mark, SurfaceMap, best_point, cost_surface, true_minimum
from core.neuron.model import CROSS_ENTROPY, LOSS_NAMES
from ui.cached import course_data
from ui.figures.descent import animated_contour, animated_surface, path_contour
from ui.figures.finished import finished
from ui.figures.map_image import map_layout_image
from ui.figures.surface import CONTOURS, contour_map, surface_3d, title_for
from ui.i18n import t
from ui.theme import LOSS_COLOURS, Look, current_look

SURFACE_ENTRIES = 48  # (dataset, loss, span, size) grids remembered
PATH_ENTRIES = 64  # descent paths remembered (one per combination of the controls)
FIGURE_ENTRIES = 32  # animated figure sets remembered (~0.5 MB each)


@st.cache_data(max_entries=len(DATASETS), show_spinner=False)
def dataset_for(dataset: str):
    """(X (1, m), Y (1, m)) of a lesson dataset (toy or a feature of the cat photos)."""
    return lesson_dataset(dataset, course_data())


@st.cache_data(max_entries=SURFACE_ENTRIES, show_spinner=False)
def surface_for(spec: SurfaceMap):
    """The J(w, b) grid over [−span, span]² for a dataset and a loss."""
    return cost_surface(*dataset_for(spec.dataset), spec.span, spec.span, spec.loss, size=spec.size)


@st.cache_data(max_entries=len(DATASETS), show_spinner=False)
def minimum_for(dataset: str):
    """The true cross-entropy minimum (w, b, J), or None when it is at infinity (separable data)."""
    return true_minimum(*dataset_for(dataset))


def mark_for(spec: SurfaceMap) -> Mark:
    """The point to mark on this map: the true minimum if known (cross-entropy only), else the grid's lowest point."""
    minimum = minimum_for(spec.dataset) if spec.loss == CROSS_ENTROPY.name else None
    return best_point(surface_for(spec), minimum)


def map_for(spec: SurfaceMap):
    """A drawn map and its mark as figures take it: (surface, (w, b, J, label))."""
    mark = mark_for(spec)
    label = t("surface.mark_minimum" if mark.exact else "surface.mark_lowest")
    return surface_for(spec), (mark.w, mark.b, mark.J, label)


@st.cache_data(max_entries=PATH_ENTRIES, show_spinner=False)
def path_for(run: DescentRun):
    """The descent path of ``run``: every step's w, b and J."""
    return lesson.run_path(*dataset_for(run.dataset), run.w0, run.b0, run.rate, run.iterations, run.loss)


def animation(run: DescentRun, *, three_d: bool, speed: float):
    """The animated contour map (or 3D bowl) of ``run``, built once per Look and shared."""
    return _animation(run, three_d, speed, current_look())


@st.cache_resource(max_entries=FIGURE_ENTRIES, show_spinner=False)
def _animation(run: DescentRun, three_d: bool, speed: float, look: Look):
    """Built once (~0.15 s), then shared: it is never modified after building. ``look`` is in the key
    because the figure's words and fonts follow it."""
    path = path_for(run)
    surface, mark = map_for(run.surface_map)
    if three_d:
        return animated_surface(surface, path, lesson.frame_steps(path.w.size), mark, speed=speed)
    return animated_contour(surface, path, lesson.frame_steps(path.w.size), mark, speed=speed,
                            picture=map_image(run.surface_map))


@st.cache_resource(max_entries=SURFACE_ENTRIES, show_spinner=False)
def map_image(spec: SurfaceMap) -> dict:
    """The contour map as a picture (a plotly layout image): the same for every path on that map."""
    return map_layout_image(surface_for(spec), CONTOURS)


def surface_charts(spec: SurfaceMap):
    """The surface page's two charts of one map, (3D surface, contour map), shared like the animations: a
    rerun that did not change the map (the compare toggle, a quiz answer, a second student on the same
    settings) finds them here instead of building both again (~0.1 s of plotly's checks)."""
    return _surface_charts(spec, current_look())


@st.cache_resource(max_entries=SURFACE_ENTRIES, show_spinner=False)
def _surface_charts(spec: SurfaceMap, look: Look):
    """Built once per map and Look (the titles, the mark's label and the fonts follow the Look)."""
    surface, mark = map_for(spec)
    return (finished(surface_3d(surface, mark, title=title_for(spec.loss))),
            finished(contour_map(surface, mark, title=t("surface.contour_title"))))


def steps_map(spec: SurfaceMap, points: tuple, rate: float):
    """The step-by-step map for these steps ((w, b, J) each), shared like the animations: a learning rate
    or a language changed elsewhere on the page finds it here instead of building it again."""
    return _steps_map(spec, points, rate, current_look())


@st.cache_resource(max_entries=FIGURE_ENTRIES, show_spinner=False)
def _steps_map(spec: SurfaceMap, points: tuple, rate: float, look: Look):
    """Built once per steps taken and Look (the title and fonts follow the Look)."""
    surface, mark = map_for(spec)
    steps = lesson.path_of_steps(list(points), spec.loss, rate)
    return finished(path_contour(surface, steps, mark, title=t("descent.chart_steps"), colour=LOSS_COLOURS[spec.loss],
                                 now=True))


def race(run: DescentRun):
    """Every loss from the same start as ``run``: [(loss, figure)], shared like animations."""
    return _race(run, current_look())


@st.cache_resource(max_entries=FIGURE_ENTRIES, show_spinner=False)
def _race(run: DescentRun, look: Look):
    """The race maps, built once per run and Look (the titles and fonts follow the Look)."""
    figures = []
    for loss in LOSS_NAMES:
        runner = run.with_loss(loss)
        path = path_for(runner)
        result = race_result(*dataset_for(run.dataset), path)
        title = t("descent.race_title", name=t(f"descent.race_{loss}"), accuracy=f"{result.accuracy:.1f}",
                  iterations=run.iterations)
        race_map, race_mark = map_for(runner.surface_map)
        figures.append((loss, path_contour(race_map, path, race_mark, title=title, colour=LOSS_COLOURS[loss])))
    return figures
