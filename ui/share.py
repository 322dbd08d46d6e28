"""Shareable links: the current page with every URL-bound control, ready to copy."""

from urllib.parse import urlencode

import streamlit as st

from ui.i18n import t
from ui.url_state import view_params


def current_link(slug: str) -> str:
    """The address of this view: page URL plus the checked link parameters of page ``slug``.

    Outside a browser (no page URL known, e.g. under AppTest) the link is relative: ``/graph?cg_x1=3``.
    """
    base = st.context.url or f"/{slug}"
    params = view_params(slug)
    return f"{base}?{urlencode(params)}" if params else base


def share_popover(slug: str) -> None:
    """A "copy link to this view" popover: the link in a code box with Streamlit's copy button."""
    with st.popover(t("app.share"), icon="🔗", width="stretch"):
        st.caption(t("app.share_help"))
        st.code(current_link(slug), language=None, wrap_lines=True)
