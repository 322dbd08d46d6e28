"""A session's own results: computed once per key in that session, bounded, and never seen by another session."""

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP_TIMEOUT  # AppTest's own 3 s default is too short on a busy 2-core machine


def _script():
    import streamlit as st

    from ui.session_cache import forget, session_cached

    calls = st.session_state.setdefault("calls", [])
    for key in st.session_state.get("keys", []):
        st.write(session_cached("store", key, lambda key=key: calls.append(key) or f"result {key}", max_entries=2))
    if st.session_state.get("forget"):
        forget("store")


def _run(**state) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=APP_TIMEOUT)
    for name, value in state.items():
        at.session_state[name] = value
    return at.run()


def test_each_key_is_computed_once_per_session():
    at = _run(keys=["a", "a", "b"])
    assert at.session_state["calls"] == ["a", "b"]
    at.run()
    assert at.session_state["calls"] == ["a", "b"]  # a rerun reuses the session's results
    assert [m.value for m in at.markdown] == ["result a", "result a", "result b"]


def test_another_session_computes_its_own():
    _run(keys=["a"])
    assert _run(keys=["a"]).session_state["calls"] == ["a"]


def test_oldest_result_is_dropped_beyond_the_bound():
    at = _run(keys=["a", "b", "c", "a"])
    assert at.session_state["calls"] == ["a", "b", "c", "a"]  # "a" was dropped when "c" came in
    assert list(at.session_state["store"]) == ["c", "a"]


def test_forget_makes_the_next_run_compute_again():
    at = _run(keys=["a"], forget=True)
    at.session_state["forget"] = False
    at.run()
    assert at.session_state["calls"] == ["a", "a"]
