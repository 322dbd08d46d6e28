"""Shareable links: the current page with every URL-bound control, ready to copy."""

from urllib.parse import urlencode

import streamlit as st

from ui.i18n import t


def current_link() -> str | None:
    """The address of this view: page URL plus the query parameters the controls keep there."""
    base = st.context.url
    if not base:
        return None
    params = st.query_params.to_dict()
    return f"{base}?{urlencode(params)}" if params else base


def share_popover() -> None:
    """A "copy link to this view" popover: the link in a code box with Streamlit's copy button."""
    with st.popover(t("app.share"), icon="🔗", width="stretch"):
        link = current_link()
        if link is None:
            st.caption(t("app.share_unavailable"))
            return
        st.caption(t("app.share_help"))
        st.code(link, language=None, wrap_lines=True)
