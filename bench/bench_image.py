"""Photo -> p(cat) with the shipped model: core.data.image's pipeline (draft JPEG decode) vs the naive one.

Naive: decode every pixel, convert to RGB, crop the centre square, LANCZOS-resize to 64×64, predict.
Goals for a 12-megapixel phone JPEG: ours ≤ 40 ms, and at least 4× faster than naive.
"""

import io

import numpy as np
from PIL import Image

from bench.common import Row, side_by_side_cpu
from core.course import IMAGE_SIZE
from core.neuron.model_file import load_model
from core.predict import classify, photo_x

SEED = 0  # the generated photos are the same on every run
PHONE_SIZE = (4000, 3000)  # 12 megapixels, a typical phone photo
SMALL_SIZE = (1155, 866)  # about 1 megapixel
JPEG_QUALITY = 90  # a phone camera's usual quality
NOISE_SD = 6.0  # sensor-like noise (grey levels) on top of the gradients, so the JPEG is not trivially small
REPEATS = 15  # timed pairs per row (the 12-MP naive decode takes ~0.2 s)
GOAL_MS = 40.0  # ours must take at most this long on the 12-MP JPEG
GOAL_RATIO = 4.0  # and be at least this many times faster than the naive pipeline


def _photo(size, fmt: str) -> bytes:
    """A synthetic photo: smooth colour gradients plus seeded noise, encoded as ``fmt``."""
    width, height = size
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    arr = np.stack([255 * xx / width, 255 * yy / height, 128 + 100 * np.sin((xx + yy) / 300)], axis=-1)
    arr += np.random.default_rng(SEED).normal(0.0, NOISE_SD, arr.shape).astype(np.float32)
    buf = io.BytesIO()
    options = {"quality": JPEG_QUALITY} if fmt == "JPEG" else {}
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(buf, fmt, **options)
    return buf.getvalue()


def _naive_x(data: bytes) -> np.ndarray:
    """Full decode, RGB, centre square, LANCZOS to 64×64, flattened / 255: (12288, 1)."""
    img = Image.open(io.BytesIO(data)).convert("RGB")
    width, height = img.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    square = img.crop((left, top, left + side, top + side)).resize((IMAGE_SIZE, IMAGE_SIZE), Image.Resampling.LANCZOS)
    return np.asarray(square, dtype=np.float64).reshape(-1, 1) / 255.0


def _rows(name: str, data: bytes, trained, with_goal: bool) -> list[Row]:
    def ours():
        return classify(trained, photo_x(data))

    def naive():
        return classify(trained, _naive_x(data))

    (ours_ms, naive_ms), (ours_cpu, naive_cpu) = side_by_side_cpu(ours, naive, REPEATS)
    p_ours, p_naive = ours()[0], naive()[0]
    label = f"{name}: p(cat) {p_ours:.3f} vs naive {p_naive:.3f}"
    if not with_goal:
        return [Row(label, ours_ms, "naive full decode + LANCZOS", naive_ms)]
    goal = f"≤ {GOAL_MS:.0f} ms and ≥ {GOAL_RATIO:.0f}× faster"
    return [Row(label, ours_ms, "naive full decode + LANCZOS", naive_ms, goal=goal,
                met=ours_ms <= GOAL_MS and naive_ms / ours_ms >= GOAL_RATIO),
            Row("  the same, CPU time (what it takes given a core)", ours_cpu, "naive, CPU time", naive_cpu, goal=goal,
                met=ours_cpu <= GOAL_MS and naive_cpu / ours_cpu >= GOAL_RATIO)]


def rows() -> list[Row]:
    trained = load_model()
    return [
        *_rows("12-MP JPEG (4000×3000, q90) -> p(cat)", _photo(PHONE_SIZE, "JPEG"), trained, with_goal=True),
        *_rows("1-MP PNG (1155×866) -> p(cat)", _photo(SMALL_SIZE, "PNG"), trained, with_goal=False),
    ]
