"""Decoded uploads, remembered for this session only (ui.session_cache: st.session_state, never a
shared cache), so a rerun of the cat page never decodes a photo or parses a data file a second time."""

from core.errors import LogitLabError
from ui.session_cache import session_cached

STORE_PREFIX = "cat_upload_cache_"  # session-state key prefix; one store per slot ("photo", "data")
MAX_PER_SLOT = 2  # results remembered per slot (a photo with both fits; the current and the previous data set)


def _outcome(compute) -> tuple:
    """("ok", result) or ("error", the LogitLabError): a refusal is remembered like a result."""
    try:
        return "ok", compute()
    except LogitLabError as err:
        return "error", err


def once_per_upload(slot: str, upload_key: tuple, compute):
    """``compute()`` the first time ``upload_key`` (file ids and settings) is seen in ``slot``; after
    that, the same result, or the same LogitLabError raised again, without computing."""
    status, value = session_cached(STORE_PREFIX + slot, upload_key, lambda: _outcome(compute), MAX_PER_SLOT)
    if status == "error":
        raise value
    return value
