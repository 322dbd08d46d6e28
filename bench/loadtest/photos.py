"""One distinct, seeded photo per simulated student, with the p(cat) the shipped model gives it.

The expected value comes from core (core.data.image.preprocess_photo, core.neuron.model_file.load_model),
the same pipeline the classifier page uses, so a session can check that the percentage it
reads back is its own photo's and no one else's. Photos are picked so their percentages are
at least ``MIN_GAP_PERCENT`` apart: a value that belongs to another session cannot be
mistaken for one's own at the page's display precision.
"""

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

PHOTO_SIDE = 128  # pixels per side: square, so the page's crop/squash choice does not matter
MIN_GAP_PERCENT = 1.5  # smallest distance between two students' expected p(cat), in percent
CANDIDATES_PER_PHOTO = 40  # random candidates tried per needed photo before giving up on the gap
PIXEL_LEVELS = 256  # uint8 range
NOISE_SCALES = (0.0, 0.15, 0.35, 0.6)  # how much per-pixel noise is mixed into a candidate's flat colour


@dataclass(frozen=True)
class Photo:
    """A PNG file's bytes and the p(cat) (percent) core predicts for it (None: core not available)."""

    name: str
    data: bytes
    expected_percent: float | None


def _candidate(rng: np.random.Generator) -> bytes:
    """A PNG: a random flat colour plus a gradient and some noise, all from ``rng``."""
    colour = rng.uniform(0, PIXEL_LEVELS - 1, size=3)
    ramp = np.linspace(-1.0, 1.0, PHOTO_SIDE)[:, None, None] * rng.uniform(-60, 60, size=3)
    noise = rng.normal(0.0, PIXEL_LEVELS / 2, size=(PHOTO_SIDE, PHOTO_SIDE, 3)) * rng.choice(NOISE_SCALES)
    pixels = np.clip(colour + ramp + noise, 0, PIXEL_LEVELS - 1).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(buf, format="PNG")
    return buf.getvalue()


def _predictor():
    """bytes -> p(cat) in percent through core's own pipeline, or None if core lacks a piece."""
    try:
        from core.data.image import preprocess_photo
        from core.data.loaders import flatten
        from core.errors import LogitLabError
        from core.neuron.model_file import load_model

        trained = load_model()
    except (ImportError, LogitLabError):
        return None

    def predict(data: bytes) -> float:
        x = flatten(preprocess_photo(data)[None])  # (n_x, 1)
        return float(trained.predict_proba(x)[0, 0]) * 100.0

    return predict


def class_photos(count: int, seed: int = 0) -> list[Photo]:
    """``count`` photos whose expected percentages are pairwise ≥ MIN_GAP_PERCENT apart when possible."""
    rng = np.random.default_rng(seed)
    predict = _predictor()
    chosen: list[Photo] = []
    for _ in range(count * CANDIDATES_PER_PHOTO):
        if len(chosen) == count:
            break
        data = _candidate(rng)
        percent = predict(data) if predict else None
        if percent is None or all(abs(percent - p.expected_percent) >= MIN_GAP_PERCENT for p in chosen):
            chosen.append(Photo(f"student_{len(chosen):02d}.png", data, percent))
    while len(chosen) < count:  # the gap could not be kept: reuse photos (the report says so)
        chosen.append(chosen[len(chosen) % max(1, len(chosen))])
    return chosen
