"""Cached access to the course dataset and the shipped model, shared by every page."""

import streamlit as st

from core.data import course_data_available, data_dir, load_course_dataset
from core.errors import LogitLabError


@st.cache_resource(show_spinner=False)
def _load_course(directory: str):
    return load_course_dataset(directory)


def course_data():
    """The course dataset, or None when it is not installed (or unreadable: see course_error)."""
    if not course_data_available():
        return None
    try:
        return _load_course(str(data_dir()))
    except LogitLabError:
        return None


def course_error() -> str | None:
    """Why the dataset cannot be used, as a sentence (None when it loads fine)."""
    if not course_data_available():
        return None
    try:
        _load_course(str(data_dir()))
    except LogitLabError as err:
        return str(err)
    return None
