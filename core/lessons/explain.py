"""Why the neuron says "cat": z = wᵀx + b taken apart, the evidence each pixel adds, the learned
weights as a picture, per-example gradients, and the model's verdict on every example of a split.

Training lives in core.neuron.trainer; the majority baseline and the history as CSV in
core.lessons.cat_training; paging through a split in core.lessons.paging; enlarging a photo in core.data.image.

Notation follows the course: x is one photo as a column (n_x, 1) in [0, 1], X is (n_x, m),
Y is (1, m), w is (n_x, 1), b a float. Images are (64, 64, 3) in the course's reshape order.
"""

from dataclasses import dataclass

import numpy as np

from core.course import CHANNELS, IMAGE_SHAPE, THRESHOLD
from core.data.loaders import flatten
from core.neuron import model

PREVIEW_VALUES = 6  # how many entries of the flattened vector the page shows
CURVE_POINTS = 201  # samples of the sigmoid curve
CURVE_MIN_SPAN = 8.0  # the sigmoid curve covers at least z ∈ [−8, 8]
CURVE_MARGIN = 1.5  # the curve reaches this many units past |z|


@dataclass(frozen=True)
class LogitParts:
    """z = wᵀx + b split into what pushes towards cat, what pushes away, and the bias."""

    positive: float  # Σ w_i·x_i over the terms > 0
    negative: float  # Σ w_i·x_i over the terms < 0
    b: float
    z: float  # wᵀx + b, computed by core.neuron.model.forward
    p: float  # σ(z) = p(cat | x)

    @property
    def label(self) -> int:
        """1 (cat) when p > THRESHOLD, else 0."""
        return int(self.p > THRESHOLD)


def photo_column(image: np.ndarray) -> np.ndarray:
    """One (64, 64, 3) uint8 photo -> x (12288, 1) in [0, 1], the course's flatten / 255."""
    return flatten(np.asarray(image)[np.newaxis])


def flat_preview(x: np.ndarray, count: int = PREVIEW_VALUES) -> np.ndarray:
    """The first ``count`` entries of a column x (n_x, 1) as a 1-D array."""
    return np.asarray(x).ravel()[:count]


def logit_parts(w: np.ndarray, b: float, x: np.ndarray) -> LogitParts:
    """Split z = wᵀx + b for one photo x (n_x, 1); positive + negative + b equals z."""
    terms = (w * x).ravel()  # (n_x,) w_i·x_i
    z = float(model.forward(w, b, x)[0, 0])
    return LogitParts(positive=float(terms[terms > 0].sum()), negative=float(terms[terms < 0].sum()),
                      b=float(b), z=z, p=float(model.sigmoid(z)))


def evidence_map(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """w ⊙ x reshaped to the photo and summed over RGB: (64, 64); its sum is wᵀx.

    Positive pixels pushed towards cat, negative ones away from it.
    """
    return (w * x).reshape(IMAGE_SHAPE).sum(axis=2)


def weight_image(w: np.ndarray) -> np.ndarray:
    """The learned weights w (n_x, 1) laid out like the photo: (64, 64, 3)."""
    return np.asarray(w).reshape(IMAGE_SHAPE)


def weight_channels(w: np.ndarray) -> list[np.ndarray]:
    """[red, green, blue, sum of the three] weight maps, each (64, 64)."""
    img = weight_image(w)
    return [img[:, :, c] for c in range(CHANNELS)] + [img.sum(axis=2)]


def symmetric_limit(*arrays: np.ndarray) -> float:
    """max |value| over the arrays (1.0 when all are zero): a colour range centred on 0."""
    top = max(float(np.max(np.abs(a))) for a in arrays)
    return top if top > 0 else 1.0


def sigmoid_curve(z: float) -> tuple[np.ndarray, np.ndarray]:
    """(zs, σ(zs)) over a symmetric range wide enough to show the point at z."""
    span = max(CURVE_MIN_SPAN, abs(z) + CURVE_MARGIN)
    zs = np.linspace(-span, span, CURVE_POINTS)
    return zs, model.sigmoid(zs)


@dataclass(frozen=True)
class SplitScores:
    """A model's verdict on every example of one split."""

    proba: np.ndarray  # (m,) p(cat)
    pred: np.ndarray  # (m,) 0/1
    correct: np.ndarray  # (m,) bool
    accuracy: float  # percent


def score_split(w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray) -> SplitScores:
    """p(cat), label and right/wrong for every column of X (n_x, m) against Y (1, m)."""
    proba = model.predict_proba(w, b, X).ravel()
    pred = model.predict(w, b, X).ravel()
    return SplitScores(proba, pred, pred == np.ravel(Y), model.accuracy(pred, Y))


def confidence(scores: SplitScores) -> np.ndarray:
    """How sure the model was of its own label: p for "cat", 1 − p for "non-cat"; (m,)."""
    return np.where(scores.pred == 1, scores.proba, 1.0 - scores.proba)


def misclassified(scores: SplitScores) -> np.ndarray:
    """Indices of the wrong predictions, most confident mistakes first."""
    wrong = np.flatnonzero(~scores.correct)
    return wrong[np.argsort(-confidence(scores)[wrong], kind="stable")]


@dataclass(frozen=True)
class ExampleGradient:
    """What one training example does to the gradient."""

    a: float  # σ(wᵀx + b)
    dz: float  # a − y
    contribution: np.ndarray  # (64, 64) dz·x / m summed over RGB: this example's share of dw


def example_gradient(w: np.ndarray, b: float, x: np.ndarray, y: int, m: int) -> ExampleGradient:
    """a, dz = a − y and this example's share dz·x/m of dw, via core.neuron.model.cost_and_grads on one column.

    With a single example, cost_and_grads returns dw = x·dz and db = dz.
    """
    _, dw, db = model.cost_and_grads(w, b, x, np.array([[y]], dtype=float))
    a = float(model.predict_proba(w, b, x)[0, 0])
    return ExampleGradient(a=a, dz=db, contribution=(dw / m).reshape(IMAGE_SHAPE).sum(axis=2))
