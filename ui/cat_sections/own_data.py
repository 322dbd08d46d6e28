"""Bring your own data: the course's two .h5 files or a .zip of cat/ and non-cat/ photos, read in
memory by core.data.byod (parsed in a worker process with memory and time limits) and kept in
st.session_state[USER_DATA_KEY] for this session only; the same upload is never parsed twice."""

import streamlit as st

from core.data import byod
from core.errors import LogitLabError
from ui.cat_sections.common import USER_DATA_KEY, show_error
from ui.cat_sections.upload_cache import once_per_upload
from ui.i18n import t
from ui.uploader import file_uploader
from ui.url_params import BYOD_KINDS as KINDS
from ui.url_state import keep, link_index

ERROR_KEY = "cat_byod_error"  # the last load's error, shown once
MIB = 1024 * 1024  # bytes per MiB, for the limits shown


def _upload_key(kind: str, files) -> tuple:
    """What identifies this upload in this session: its kind and the uploader's file ids."""
    return (kind, *(f.file_id for f in files)) if kind == "h5" else (kind, files.file_id)


def _load(kind: str, files):
    if kind == "h5":
        return byod.load_h5_pair([(f.name, f.getvalue()) for f in files])
    X_orig, Y, _ = byod.load_photo_zip(files.getvalue(), files.name)
    return byod.split_photos(X_orig, Y)


def _load_clicked() -> None:
    """Button callback: runs before the page, so the training section above already sees the data."""
    kind = st.session_state["cat_byod_kind"]
    files = st.session_state.get("cat_byod_h5" if kind == "h5" else "cat_byod_zip")
    try:
        st.session_state[USER_DATA_KEY] = once_per_upload("data", _upload_key(kind, files), lambda: _load(kind, files))
    except LogitLabError as err:
        st.session_state[ERROR_KEY] = err


def _forget() -> None:
    st.session_state.pop(USER_DATA_KEY, None)


def show_own_data() -> None:
    """Upload widgets, the load button, and what is loaded."""
    st.subheader(t("cat.byod_title"))
    st.caption(t("cat.byod_caption", photos=byod.MAX_PHOTOS, size=byod.MAX_UPLOAD_BYTES // MIB,
                 per_class=byod.MIN_PER_CLASS, test=round(100 * byod.TEST_FRACTION)))
    kind = st.radio(t("cat.byod_kind"), KINDS, link_index("cat_byod_kind", KINDS),
                    format_func=lambda k: t(f"cat.byod_kind_{k}"), key="cat_byod_kind", horizontal=True)
    keep("cat_byod_kind", kind)
    if kind == "h5":
        files = file_uploader(st, t("cat.byod_h5_label"), types=["h5"], accept_multiple_files=True, key="cat_byod_h5")
    else:
        files = file_uploader(st, t("cat.byod_zip_label"), types=["zip"], key="cat_byod_zip")
    st.button(t("cat.byod_load"), key="cat_byod_load", disabled=not files, icon="📦", on_click=_load_clicked)
    if ERROR_KEY in st.session_state:
        show_error(st.session_state.pop(ERROR_KEY))
    own = st.session_state.get(USER_DATA_KEY)
    if own is not None:
        st.success(t("cat.byod_loaded", train=own.train_y.shape[1], test=own.test_y.shape[1],
                     cats=int(own.train_y.sum() + own.test_y.sum())))
        st.button(t("cat.byod_forget"), key="cat_byod_forget", on_click=_forget, icon="🗑️")
