"""Logit Lab core: logistic regression as a one-neuron network, in pure NumPy.

Rooms by idea: ``neuron`` (the model and its training), ``data`` (data sets and photos), ``lessons``
(each page's math), ``snippets`` (each page's reproduce script), ``quiz`` (each page's questions).
At the top: the two CLIs (``python -m core.train``, ``python -m core.predict``) and the infrastructure
every room uses (errors, isolate, budget, timing, trust).

Nothing in this package imports streamlit or plotly; pages and CLIs call it.
"""
