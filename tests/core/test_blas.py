"""one_blas_thread(): BLAS on one thread inside, the previous setting back afterwards, however callers overlap.

The test session itself runs BLAS on one thread (tests/conftest.py), so every test first sets a
server-like two threads and checks the helper lowers it and gives it back.
"""

import threading

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from core import blas
from core.blas import THREADS, one_blas_thread

SERVER_THREADS = 2  # what OpenBLAS uses on this 2-core machine when nothing limits it
WAIT_S = 10.0  # generous timeout for the threads below to reach each point (never reached when it works)
N_X, M = 40, 12  # a small problem with m < n_x: train() picks the Gram trainer
RATE, ITERATIONS, EVERY = 0.05, 30, 10  # a short run that reports progress three times
PHOTO_N_X = 12_288  # one photo's inputs: a dot product OpenBLAS splits across threads (above 10 000)
WEIGHT = 1e-4  # every weight of the photo test's model: z = 12 288 · 1e-4 ≈ 1.2, a cat


def _blas_threads() -> set:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.fixture
def server_threads():
    """BLAS on SERVER_THREADS for the test, with the helper aware of every BLAS library loaded so far."""
    blas._libraries.cache_clear()
    with threadpool_limits(limits=SERVER_THREADS, user_api="blas"):
        assert _blas_threads() == {SERVER_THREADS}
        yield


def test_inside_blas_runs_on_one_thread_and_the_setting_comes_back(server_threads):
    with one_blas_thread():
        assert _blas_threads() == {THREADS}
        assert float(np.ones(PHOTO_N_X) @ np.ones(PHOTO_N_X)) == PHOTO_N_X
    assert _blas_threads() == {SERVER_THREADS}


def test_nested_use_keeps_one_thread_until_the_outer_block_ends(server_threads):
    with one_blas_thread():
        with one_blas_thread():
            assert _blas_threads() == {THREADS}
        assert _blas_threads() == {THREADS}
    assert _blas_threads() == {SERVER_THREADS}


def test_an_error_inside_still_restores_the_setting(server_threads):
    with pytest.raises(ZeroDivisionError), one_blas_thread():
        1 / 0  # noqa: B018
    assert _blas_threads() == {SERVER_THREADS}


def test_overlapping_callers_in_two_threads_restore_the_setting_once_both_leave(server_threads):
    """A enters, B enters, A leaves, B leaves: the order two students' training runs can take."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with one_blas_thread():
            a_in.set()
            b_in.wait(WAIT_S)
        a_out.set()

    def second():
        a_in.wait(WAIT_S)
        with one_blas_thread():
            b_in.set()
            a_out.wait(WAIT_S)
            seen["after A left"] = _blas_threads()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT_S)
    assert seen == {"after A left": {THREADS}}
    assert _blas_threads() == {SERVER_THREADS}


def test_the_gram_trainer_runs_on_one_thread_and_gives_the_setting_back(server_threads):
    from core.neuron import descent

    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(N_X, M)), (rng.random((1, M)) > 0.5).astype(float)  # (n_x, m), (1, m)
    seen = []
    hist = descent.train(X, Y, RATE, ITERATIONS, record_every=EVERY,
                         progress=lambda step, cost: seen.append(_blas_threads()))
    assert hist.method == "gram" and seen == [{THREADS}] * (ITERATIONS // EVERY)
    assert _blas_threads() == {SERVER_THREADS}


def test_a_photo_prediction_runs_on_one_thread(server_threads, monkeypatch):
    from core import predict
    from core.neuron import model
    from core.neuron.model_file import TrainedModel

    seen = []
    real = model.predict_proba

    def watched(w, b, X):
        seen.append(_blas_threads())
        return real(w, b, X)

    monkeypatch.setattr(model, "predict_proba", watched)
    p_cat, label = predict.classify(TrainedModel(np.full((PHOTO_N_X, 1), WEIGHT), 0.0), np.ones((PHOTO_N_X, 1)))
    assert seen and all(inside == {THREADS} for inside in seen)
    assert label == "cat" and p_cat == pytest.approx(1 / (1 + np.exp(-PHOTO_N_X * WEIGHT)))
    assert _blas_threads() == {SERVER_THREADS}
