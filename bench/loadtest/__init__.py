"""A classroom load test: N protocol-level Streamlit sessions against a real `streamlit run` server.

`python -m bench.loadtest --sessions 30 --seconds 60`; see bench/loadtest/__main__.py.
"""
