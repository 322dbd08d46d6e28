"""Cached wrappers for the 1-D lessons (cost surface and gradient descent): datasets, J grids,
minima, descent paths, and the descent page's heavy figures. Shared by both pages."""

import streamlit as st

from core.data.features import DATASETS, lesson_dataset
from core.lessons import descent as lesson
from core.lessons.race import race_result
from core.lessons.surface import GRID_SIZE, cost_surface, true_minimum
from core.neuron.model import LOSS_NAMES
from ui.cached import course_data
from ui.figures.descent import animated_contour, animated_surface, path_contour
from ui.i18n import t
from ui.theme import LOSS_COLOURS

SURFACE_ENTRIES = 48  # (dataset, loss, span, size) grids remembered
PATH_ENTRIES = 64  # descent paths remembered (one per combination of the controls)
FIGURE_ENTRIES = 32  # animated figure sets remembered (~0.5 MB each)


@st.cache_data(max_entries=len(DATASETS), show_spinner=False)
def dataset_for(dataset: str):
    """(X (1, m), Y (1, m)) of a lesson dataset (toy or a feature of the cat photos)."""
    return lesson_dataset(dataset, course_data())


@st.cache_data(max_entries=SURFACE_ENTRIES, show_spinner=False)
def surface_for(dataset: str, loss: str, span: float, size: int = GRID_SIZE):
    """The J(w, b) grid over [−span, span]² for a dataset and a loss."""
    return cost_surface(*dataset_for(dataset), span, span, loss, size=size)


@st.cache_data(max_entries=len(DATASETS), show_spinner=False)
def minimum_for(dataset: str):
    """The true cross-entropy minimum (w, b, J), or None when it is at infinity (separable data)."""
    return true_minimum(*dataset_for(dataset))


def map_for(dataset: str, loss: str, span: float, size: int):
    """A drawn map and its mark (w, b, J, label): the true minimum if known, else the grid's lowest point."""
    surface = surface_for(dataset, loss, span, size)
    best = minimum_for(dataset) if loss == "cross_entropy" else None
    w, b, J = best if best is not None else surface.lowest()
    return surface, (w, b, J, t("surface.mark_minimum" if best is not None else "surface.mark_lowest"))


@st.cache_data(max_entries=PATH_ENTRIES, show_spinner=False)
def path_for(dataset: str, w0: float, b0: float, rate: float, iterations: int, loss: str):
    """The descent path from (w0, b0): every step's w, b and J."""
    return lesson.run_path(*dataset_for(dataset), w0, b0, rate, iterations, loss)


@st.cache_resource(max_entries=FIGURE_ENTRIES, show_spinner=False)
def animation(three_d, dataset, loss, w0, b0, rate, iterations, speed, span, size, lang, present):
    """The animated contour map (or 3D bowl) for these settings, built once (~0.15 s), then shared.

    It is never modified after building, so one object serves every session; language and
    presenter mode are part of the key because titles and fonts depend on them.
    """
    path = path_for(dataset, w0, b0, rate, iterations, loss)
    surface, mark = map_for(dataset, loss, span, size)
    build = animated_surface if three_d else animated_contour
    return build(surface, path, lesson.frame_steps(path.w.size), mark, speed=speed)


@st.cache_resource(max_entries=FIGURE_ENTRIES, show_spinner=False)
def race(dataset, w0, b0, rate, iterations, span, size, lang, present):
    """Cross-entropy and squared error from the same start: [(loss, figure)], shared like animations."""
    figures = []
    for loss in LOSS_NAMES:
        run = path_for(dataset, w0, b0, rate, iterations, loss)
        result = race_result(*dataset_for(dataset), run)
        title = t("descent.race_title", name=t(f"descent.race_{loss}"), accuracy=f"{result.accuracy:.1f}",
                  iterations=iterations)
        race_map, race_mark = map_for(dataset, loss, span, size)
        figures.append((loss, path_contour(race_map, run, race_mark, title=title, colour=LOSS_COLOURS[loss])))
    return figures
