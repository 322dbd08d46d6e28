'''"Reproduce this" for the vectorization page: a standalone NumPy script with the settings baked in.

The script prints ``name = value`` lines (repr floats) that a test compares with core's numbers;
its timings are printed too (best and median of several runs taken in turns, like the page) but
vary from machine to machine and from run to run.
'''

from core.course import M_TRAIN, N_X
from core.data.loaders import DATA_ENV, DEFAULT_DATA_DIR, TRAIN_FILE
from core.lessons.vectorization import WEIGHT_SCALE
from core.timing import MIN_BATCH_S

SCRIPT_ROUNDS = 7  # repeats per timed function in the script (a fixed count: no time budget needed offline)


def vectorization_script(n: int, features: int, seed: int = 0, use_data: bool = False) -> str:
    """The script for the dot product of length n and one gradient step (loops on ``features`` rows).

    With ``use_data`` the script reads the course file from $LOGITLAB_DATA at run time, as the app
    does: the server's own folder is never written into it.
    """
    return f'''"""Logit Lab · Vectorization: recompute this page's numbers with NumPy only.

The page times NumPy on one thread, like the Python loop it is compared with; to do the same here, run
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 python logitlab_vectorization.py
"""
import os
import time

import numpy as np

n = {int(n)}  # vector length of the dot product
features = {int(features)}  # the two-loop step runs on this many of the n_x features
seed = {int(seed)}
USE_DATA = {bool(use_data)!r}  # True: the course's {TRAIN_FILE} (needs h5py); False: synthetic data
DATA_DIR = os.environ.get({DATA_ENV!r}) or {DEFAULT_DATA_DIR!r}  # the folder the app reads it from
ROUNDS = {SCRIPT_ROUNDS}  # each function is timed this many times, the functions taking turns
MIN_BATCH_S = {MIN_BATCH_S!r}  # fast functions are called in batches lasting at least this long


def batch(fn, number):
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def timed(**fns):
    """Milliseconds per call of each function: (best, median) of ROUNDS runs taken in turns."""
    numbers = {{}}
    for name, fn in fns.items():
        numbers[name] = 1
        while batch(fn, numbers[name]) * numbers[name] < MIN_BATCH_S:
            numbers[name] *= 2
    samples = {{name: [] for name in fns}}
    for r in range(ROUNDS):
        for name in (list(fns) if r % 2 == 0 else list(fns)[::-1]):
            samples[name].append(batch(fns[name], numbers[name]) * 1000)
    return {{name: (min(s), sorted(s)[len(s) // 2]) for name, s in samples.items()}}


def loop_dot(u, v):
    total = 0.0
    for i in range(len(u)):
        total += u[i] * v[i]
    return float(total)


rng = np.random.default_rng(seed)
u, v = rng.standard_normal(n), rng.standard_normal(n)
print("loop_dot =", repr(loop_dot(u, v)))
print("np_dot =", repr(float(np.dot(u, v))))
dot_ms = timed(loop=lambda: loop_dot(u, v), np_dot=lambda: np.dot(u, v))
for name, (best, median) in dot_ms.items():
    print(f"{{name}}_best_ms =", best)
    print(f"{{name}}_median_ms =", median)
print("dot_speedup_best =", dot_ms["loop"][0] / dot_ms["np_dot"][0])

if USE_DATA:
    import h5py

    with h5py.File(os.path.join(DATA_DIR, {TRAIN_FILE!r}), "r") as fh:
        images, labels = fh["train_set_x"][()], fh["train_set_y"][()]
    X = images.reshape(images.shape[0], -1).T / 255.0  # (12288, 209)
    Y = labels.reshape(1, -1)
else:  # synthetic stand-in of the course's shape: X (n_x, m) in [0, 1), Y (1, m) of 0 / 1
    data_rng = np.random.default_rng(seed)
    X = data_rng.random(({N_X}, {M_TRAIN}))
    Y = data_rng.integers(0, 2, size=(1, {M_TRAIN}))
n_x, m = X.shape
w = np.random.default_rng(seed).normal(0.0, {WEIGHT_SCALE!r}, size=(n_x, 1))
b = 0.0


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def vectorized(w, b, X, Y):
    Z = w.T @ X + b  # (1, m)
    A = sigmoid(Z)
    cost = float(np.sum(Y * np.logaddexp(0.0, -Z) + (1 - Y) * np.logaddexp(0.0, Z))) / X.shape[1]
    dZ = A - Y
    return cost, X @ dZ.T / X.shape[1], float(np.sum(dZ)) / X.shape[1]


def two_loops(w, b, X, Y):
    n_x, m = X.shape
    cost, dw, db = 0.0, [0.0] * n_x, 0.0
    for i in range(m):
        z = b
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = float(sigmoid(z))
        cost += float(Y[0, i] * np.logaddexp(0.0, -z) + (1 - Y[0, i]) * np.logaddexp(0.0, z))
        dz = a - Y[0, i]
        for j in range(n_x):
            dw[j] += X[j, i] * dz
        db += dz
    return cost / m, np.array(dw).reshape(-1, 1) / m, float(db) / m


loop = two_loops(w[:features], b, X[:features], Y)
vec = vectorized(w[:features], b, X[:features], Y)
print("subset_cost =", repr(vec[0]))
print("subset_db =", repr(vec[2]))
print("max_diff =", repr(max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))), abs(loop[2] - vec[2]))))
full = vectorized(w, b, X, Y)
print("full_cost =", repr(full[0]))
step_ms = timed(loop_subset=lambda: two_loops(w[:features], b, X[:features], Y),
                vectorized_subset=lambda: vectorized(w[:features], b, X[:features], Y),
                vectorized_full=lambda: vectorized(w, b, X, Y))
for name, (best, median) in step_ms.items():
    print(f"{{name}}_best_ms =", best)
    print(f"{{name}}_median_ms =", median)
'''
