"""What every section of the cat page shares: session keys, the shipped model, the model in use,
the training data in use, and errors shown in the reader's language."""

import streamlit as st

from core.errors import LogitLabError
from core.neuron.model_file import DEFAULT_MODEL, TrainedModel, load_model
from ui.i18n import error_text, t

USER_MODEL_KEY = "cat_user_model"  # the model this session trained (a TrainedModel)
USER_DATA_KEY = "cat_user_data"  # the dataset this session uploaded (a core.data.loaders.CourseData)
CHOICE_KEY = "cat_model_choice"  # radio: "shipped" or "mine"
PENDING_KEY = "cat_switch_to_mine"  # set after training: select "mine" on the next run
MODEL_CHOICES = ("shipped", "mine")
SHIPPED_MODEL_PATH = DEFAULT_MODEL.relative_to(DEFAULT_MODEL.parents[2]).as_posix()  # as run from the repo


@st.cache_resource(show_spinner=False)
def shipped_model() -> TrainedModel:
    """The model shipped with the app, loaded once per server."""
    return load_model()


def show_error(err: LogitLabError) -> None:
    """One st.error in the reader's language; a wrapped photo error is translated too."""
    cause = err.__cause__
    if isinstance(cause, LogitLabError) and "reason" in err.params:
        err = LogitLabError(str(err), key=err.key, **{**err.params, "reason": error_text(cause)})
    st.error(error_text(err), icon="🚫")


def _back_to_shipped() -> None:
    st.session_state[CHOICE_KEY] = "shipped"


def active_model(shipped: TrainedModel) -> tuple[TrainedModel, bool]:
    """The model the page uses and whether it is the user's own (radio shown once one exists)."""
    user = st.session_state.get(USER_MODEL_KEY)
    if st.session_state.pop(PENDING_KEY, False):
        st.session_state[CHOICE_KEY] = "mine"
    if user is None:
        return shipped, False
    cols = st.columns([3, 1])
    choice = cols[0].radio(t("cat.model_choice"), MODEL_CHOICES, format_func=lambda c: t(f"cat.model_{c}"),
                           key=CHOICE_KEY, horizontal=True)
    cols[1].button(t("cat.model_reset"), key="cat_model_reset", on_click=_back_to_shipped, icon="↩️")
    return (user, True) if choice == "mine" else (shipped, False)

