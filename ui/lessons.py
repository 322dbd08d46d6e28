"""The app's pages as plain data (no Streamlit here): the one registry a new page is added to.

app.py routes with it, the Home page draws its map of the course from it, tests and benchmarks
iterate over it. A new page is one line here (plus the page, its locale strings and its tests).
"""

from typing import NamedTuple

HOME = "pages/home.py"  # the default page, served at the root URL


class Lesson(NamedTuple):
    """One lesson page: its script, its URL path (also its nav.<slug> string), its icon, and the course's
    sections it teaches (each a home.<section> string; the Home map lists sections in their order)."""

    script: str
    slug: str
    icon: str
    sections: tuple[str, ...]


# The lesson pages in teaching order (the sidebar's order).
LESSONS = [
    Lesson("pages/sigmoid.py", "sigmoid", "〰️", ("s2",)),
    Lesson("pages/loss.py", "loss", "📉", ("s3", "s9")),
    Lesson("pages/surface.py", "surface", "🥣", ("s4",)),
    Lesson("pages/descent.py", "descent", "⛷️", ("s4b",)),
    Lesson("pages/graph.py", "graph", "🕸️", ("s5",)),
    Lesson("pages/vectorization.py", "vectorization", "⚡", ("s6",)),
    Lesson("pages/broadcasting.py", "broadcasting", "📡", ("s7",)),
    Lesson("pages/rank_one.py", "rank_one", "📏", ("s8",)),
    Lesson("pages/cat_classifier.py", "cat_classifier", "🐱", ("s1",)),
]


def course_map() -> list[tuple[str, str]]:
    """(section key, page script) for every course section, in the course's order (s1, s2, …, s4, s4b, …)."""
    return sorted((section, lesson.script) for lesson in LESSONS for section in lesson.sections)
