"""How far to trust a verdict: how often a model calls a non-cat photo "cat" (false positives) and
a cat "non-cat" (misses), counted on a labelled set such as the course's 50 test photos."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ErrorCounts:
    """The two ways a cat/non-cat verdict is wrong, as counts on one labelled set."""

    false_cats: int  # non-cat photos called "cat"
    non_cats: int  # non-cat photos in the set
    missed_cats: int  # cat photos called "non-cat"
    cats: int  # cat photos in the set

    @property
    def false_cat_rate(self) -> float:
        """Percent of the non-cat photos called "cat" (0 when the set holds none)."""
        return 100.0 * self.false_cats / self.non_cats if self.non_cats else 0.0

    @property
    def missed_rate(self) -> float:
        """Percent of the cat photos called "non-cat" (0 when the set holds none)."""
        return 100.0 * self.missed_cats / self.cats if self.cats else 0.0


def error_counts(pred, Y) -> ErrorCounts:
    """Count false "cat"s and missed cats of 0/1 predictions ``pred`` against labels ``Y`` (any shape, m values)."""
    pred, Y = np.ravel(pred).astype(int), np.ravel(Y).astype(int)
    non_cat, cat = Y == 0, Y == 1
    return ErrorCounts(int(np.count_nonzero(pred[non_cat] == 1)), int(np.count_nonzero(non_cat)),
                       int(np.count_nonzero(pred[cat] == 0)), int(np.count_nonzero(cat)))
