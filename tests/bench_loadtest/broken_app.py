"""A deliberately broken app for the load test's own test: the learning rate crashes the descent page."""

import streamlit as st


def home():
    st.title("Broken home")


def descent():
    rate = st.select_slider("rate", options=[0.001, 0.01, 0.1], value=0.01, key="gd_learning_rate")
    if rate != 0.01:
        raise ValueError(f"learning rate {rate} crashes this page")
    st.write(f"rate {rate}")


def leaky_classifier():
    upload = st.file_uploader("photo", key="cat_upload")
    if upload is not None:
        st.write("p(cat) = 42.0 %")  # the same number for every student, whatever they uploaded


st.navigation([st.Page(home, url_path="home", default=True), st.Page(descent, url_path="descent"),
               st.Page(leaky_classifier, url_path="cat_classifier")]).run()
