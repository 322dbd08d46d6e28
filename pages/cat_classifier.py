"""Cat classifier: a photo goes in, p(cat) comes out, and every step from pixels to σ(wᵀx + b) is shown
and explained, so a student sees what a 12288-weight neuron can and cannot do, and can train one."""

import streamlit as st

from core.snippets.cat import prediction_script
from ui.cached import course_data
from ui.cat_sections.common import SHIPPED_MODEL_PATH, active_model, shipped_model
from ui.cat_sections.explanation import accuracies_and_baselines, show_context, show_prediction
from ui.cat_sections.inside import show_explorer, show_weights
from ui.cat_sections.own_data import show_own_data
from ui.cat_sections.photo import choose_photo, show_pipeline
from ui.cat_sections.training import show_comparison, show_training
from ui.i18n import t
from ui.quiz import check_yourself, hidden_part, reproduce_or_hidden, revealed
from ui.url_params import CAT_TABS
from ui.url_state import keep, tab_default

st.title(t("cat.title"))
st.caption(t("cat.caption"))

data = course_data()  # None when the course dataset is not installed
model, is_user = active_model(shipped_model())

# Lazy tabs: only the open one runs, except the photo tab, which always runs so an upload
# is never dropped while the student looks at another tab (file uploaders keep no state unseen).
labels = [t(f"cat.tab_{name}") for name in CAT_TABS]
tabs = st.tabs(labels, default=tab_default("cat_tab", labels), key="cat_tab", on_change="rerun")
keep("cat_tab", next(name for name, tab in zip(CAT_TABS, tabs, strict=True) if tab.open))
tab_photo, tab_inside, tab_explore, tab_train = tabs

with tab_photo:
    photo = choose_photo(data)
    quiz = {"photo": None if photo is None else photo.model_input, "model": model}  # for Check yourself
    # Predict first: p(cat) and the verdict for this photo answer question 1, here, in the explorer (which
    # lists the test photos' p(cat) and mistakes) and in the Reproduce script's output.
    result_shown = revealed("cat_classifier", quiz, note=False)
    if photo is not None:
        show_pipeline(photo)
        if revealed("cat_classifier", quiz):  # (the note, where the verdict would be)
            show_prediction(model, photo)
        reproduce_or_hidden(result_shown, prediction_script(photo.model_input, SHIPPED_MODEL_PATH),
                            "cat_prediction.py", key="cat_reproduce")
        if is_user:
            st.caption(t("cat.reproduce_shipped_only"))
    show_context(*accuracies_and_baselines(model, data, is_user), is_user)

with tab_inside:
    if tab_inside.open:
        show_weights(model)

with tab_explore:
    if tab_explore.open and data is None:
        st.info(t("cat.no_dataset"))
    elif tab_explore.open and not result_shown:
        hidden_part()
    elif tab_explore.open:
        show_explorer(model, data)

with tab_train:
    if tab_train.open:
        show_training()
        if data is not None:
            show_comparison(data)
        show_own_data()

check_yourself("cat_classifier", quiz)
