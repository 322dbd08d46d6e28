"""Logit Lab UI: the only shared Streamlit/plotly code (figures, theme, i18n, sidebar)."""
