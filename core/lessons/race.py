"""The race between two losses, compared on what a learner cares about: the decisions the model
makes (accuracy at the course's 0.5 threshold) and how many steps it took to settle on them.

The final costs J of two different losses are on different scales (cross-entropy is unbounded,
squared error never exceeds ½ per example), so they are never compared with each other here.
X is (1, m), Y is (1, m); a Path holds w, b and J after each step (core.lessons.descent.Path).
"""

from dataclasses import dataclass

import numpy as np

from core.neuron.model import accuracy, predict


@dataclass(frozen=True)
class RaceResult:
    """One runner's result: accuracy (percent) at the end and the step from which the decisions
    on every example were already the final ones (0 = they never changed)."""

    accuracy: float
    settled_at: int
    cost: float  # the final J of this loss: meaningful only against the same loss


def race_result(X, Y, path) -> RaceResult:
    """Accuracy at the path's end and the first step after which no example's decision changed."""
    decisions = np.vstack([predict(np.array([[w]]), b, X) for w, b in zip(path.w, path.b, strict=True)])  # (k + 1, m)
    changed = np.flatnonzero((decisions != decisions[-1]).any(axis=1))  # steps whose decisions differ from the end
    settled = int(changed[-1]) + 1 if changed.size else 0
    final = decisions[-1:]
    return RaceResult(accuracy(final, Y), settled, float(path.cost[-1]))
