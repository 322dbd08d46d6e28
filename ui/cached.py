"""Cached access to the course dataset and the shipped model, shared by every page."""

import streamlit as st

from core.data.loaders import course_data_available, data_dir, load_course_dataset
from core.errors import LogitLabError


@st.cache_resource(show_spinner=False)
def _load_course(directory: str):
    return load_course_dataset(directory)


def course_data():
    """The course dataset, or None when it is not installed (or unreadable: Home shows course_error)."""
    if not course_data_available():
        return None
    try:
        return _load_course(str(data_dir()))
    except LogitLabError:
        return None


def course_error() -> LogitLabError | None:
    """Why installed course files cannot be used (None when they load, or are simply absent)."""
    if not course_data_available():
        return None
    try:
        _load_course(str(data_dir()))
    except LogitLabError as err:
        return err
    return None
