"""Logit Lab core: logistic regression as a one-neuron network, in pure NumPy.

Nothing in this package imports streamlit or plotly; pages and CLIs call it.
"""
