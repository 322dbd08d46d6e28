"""Check-yourself questions for every lesson page, drawn from a seed and the page's own settings.

``questions(page, seed, settings)`` gives the same questions for the same seed and settings (a quiz
link), one per question kind of the page; the first kind asks about the result the page shows for its
current settings (the one predict-then-reveal hides). Answers are checked by ``core.quiz.answers``.
"""

import zlib

import numpy as np

from core.quiz import broadcasting, cat, descent, graph, loss, rank_one, sigmoid, surface, vectorization
from core.quiz.answers import RIGHT, WRONG, Verdict, check  # noqa: F401  (the package's API)
from core.quiz.question import Question

SEED_CAP = 1_000_000  # quiz seeds are whole numbers in [0, SEED_CAP): six digits are easy to read aloud
KINDS = {  # page slug -> its question kinds, the one about the page's own result first
    "sigmoid": sigmoid.KINDS,
    "loss": loss.KINDS,
    "surface": surface.KINDS,
    "descent": descent.KINDS,
    "graph": graph.KINDS,
    "vectorization": vectorization.KINDS,
    "broadcasting": broadcasting.KINDS,
    "rank_one": rank_one.KINDS,
    "cat_classifier": cat.KINDS,
}


def kind_rng(seed: int, page: str, kind) -> np.random.Generator:
    """The generator of one question kind: fixed by the seed, the page and the kind's name alone."""
    if not 0 <= int(seed) < SEED_CAP:
        raise ValueError(f"the quiz seed must be a whole number in [0, {SEED_CAP}), got {seed}")
    return np.random.default_rng([int(seed), zlib.crc32(f"{page}.{kind.__name__}".encode())])


def questions(page: str, seed: int, settings: dict) -> list[Question]:
    """The page's questions for this seed and these settings (kinds that cannot be asked are left out)."""
    drawn = [kind(kind_rng(seed, page, kind), settings) for kind in KINDS[page]]
    return [q for q in drawn if q is not None]


def reveal_question(page: str, seed: int, settings: dict) -> Question | None:
    """The question about the page's own result (None when the page cannot ask it now)."""
    first = KINDS[page][0]
    return first(kind_rng(seed, page, first), settings)
