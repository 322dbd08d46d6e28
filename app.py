"""Logit Lab: the router. Page config, the shared sidebar, the link check and the navigation; nothing else.

An error no page expected becomes one translated sentence; its traceback goes to the server log
only (and .streamlit/config.toml sets client.showErrorDetails = "none" for anything outside a page).
st.stop() and st.rerun() raise BaseException subclasses, so ``except Exception`` lets them through.
"""

import logging

import streamlit as st

from ui.i18n import t
from ui.lessons import HOME, LESSONS
from ui.sidebar import seed_from_url, shared_sidebar
from ui.theme import presenter_mode
from ui.url_state import guard

seed_from_url()  # ?lang= and ?present= must be known before the page is configured
st.set_page_config(page_title="Logit Lab", page_icon="🐱", layout="wide",
                   initial_sidebar_state="collapsed" if presenter_mode() else "auto")

home = st.Page(HOME, title=t("nav.home"), icon="🏠", default=True)
lessons = [st.Page(lesson.script, title=t(f"nav.{lesson.slug}"), icon=lesson.icon, url_path=lesson.slug)
           for lesson in LESSONS]
page = st.navigation({t("nav.start"): [home], t("nav.lessons"): lessons})
try:
    guard(page.url_path)  # the link is checked against the page's settings before any of its widgets reads it
    shared_sidebar(page.url_path)
    page.run()
except Exception:  # noqa: BLE001 -- the last line of defence: the student sees a sentence, the log the details
    logging.getLogger("logitlab").exception("unexpected error while running a page")
    st.error(t("bounds.unexpected"), icon="⚠️")
