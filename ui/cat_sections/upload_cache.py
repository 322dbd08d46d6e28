"""Decoded uploads, remembered for this session only (st.session_state, never a shared cache), so a
rerun of the cat page never decodes a photo or parses a data file a second time."""

import streamlit as st

from core.errors import LogitLabError

CACHE_KEY = "cat_upload_cache"  # session-state key: {slot: {upload key: ("ok", value) | ("error", err)}}
MAX_PER_SLOT = 2  # results remembered per slot (a photo with both fits; the current and the previous data set)


def once_per_upload(slot: str, upload_key: tuple, compute):
    """``compute()`` the first time ``upload_key`` (file ids and settings) is seen in ``slot``; after
    that, the same result, or the same LogitLabError raised again, without computing."""
    cache = st.session_state.setdefault(CACHE_KEY, {}).setdefault(slot, {})
    if upload_key not in cache:
        try:
            cache[upload_key] = ("ok", compute())
        except LogitLabError as err:
            cache[upload_key] = ("error", err)
        while len(cache) > MAX_PER_SLOT:
            cache.pop(next(iter(cache)))  # the oldest first
    status, value = cache[upload_key]
    if status == "error":
        raise value
    return value
