"""Results that belong to one student: kept in st.session_state, keyed by the settings, never shared.

Timings are the main use: a measurement cached for everyone would show every visitor the first
visitor's numbers, taken under whatever load the server had then.
"""

from collections.abc import Callable

import streamlit as st


def session_cached(store: str, key, compute: Callable, max_entries: int):
    """``compute()`` once per ``key`` in this session; kept in st.session_state[store], oldest dropped first."""
    cache = st.session_state.setdefault(store, {})
    if key not in cache:
        while len(cache) >= max_entries:
            cache.pop(next(iter(cache)))
        cache[key] = compute()
    return cache[key]


def forget(store: str) -> None:
    """Drop this session's results in ``store`` (the next run computes them again)."""
    st.session_state.pop(store, None)
