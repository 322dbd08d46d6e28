"""Train it yourself: a run's cost m × n_x × iterations is shown against the server's budget, a run above
it is refused with a translated sentence (Train disabled), and a photo's file name is shown as text."""

import io

import numpy as np
import pytest
from PIL import Image

from core import budget
from core.course import CHANNELS, IMAGE_SIZE
from core.data.loaders import CourseData
from tests.pages.conftest import open_page
from ui.i18n import catalogue
from ui.safe_text import WORD_JOINER

PAGE = "pages/cat_classifier.py"
N_X = IMAGE_SIZE * IMAGE_SIZE * CHANNELS  # 12288 values per photo
M_TRAIN, M_TEST = 10, 4  # photos in the session's own dataset
FIT = 500  # iterations that fit in the test's budget


def _png(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(seed).integers(0, 256, (30, 30, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def _own_data() -> CourseData:
    """A session's own small dataset, as the upload section stores it: M_TRAIN + M_TEST random photos."""
    rng = np.random.default_rng(0)
    photos = rng.integers(0, 256, (M_TRAIN + M_TEST, IMAGE_SIZE, IMAGE_SIZE, CHANNELS), dtype=np.uint8)
    labels = np.arange(M_TRAIN + M_TEST).reshape(1, -1) % 2  # alternating cats and non-cats
    return CourseData(photos[:M_TRAIN], labels[:, :M_TRAIN], photos[M_TRAIN:], labels[:, M_TRAIN:],
                      ("non-cat", "cat"))


def _own_data_page(lang: str, iterations: int):
    """The training tab on the session's own data with ``iterations`` chosen, in one run."""
    return open_page(PAGE, lang=lang, cat_tab=catalogue(lang)["cat.tab_train"], cat_user_data=_own_data(),
                     cat_train_data="mine", cat_iterations=iterations)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_run_above_the_budget_is_refused_with_what_fits(lang, monkeypatch):
    monkeypatch.setattr(budget, "TRAINING_BUDGET", M_TRAIN * N_X * FIT)
    at = _own_data_page(lang, FIT + 100)
    assert not at.exception
    warning = [w.value for w in at.warning]
    assert len(warning) == 1 and "TRAINING_BUDGET" in warning[0] and str(FIT) in warning[0]
    assert at.button(key="cat_train").disabled


def test_run_within_the_budget_trains(monkeypatch):
    monkeypatch.setattr(budget, "TRAINING_BUDGET", M_TRAIN * N_X * FIT)
    at = _own_data_page("en", FIT)
    assert not at.warning and not at.button(key="cat_train").disabled
    at.button(key="cat_train").click().run()
    assert not at.exception and at.session_state["cat_user_model"].record.iterations == FIT


def test_cost_of_the_run_is_shown_against_the_budget():
    at = _own_data_page("en", 2000)
    cost = budget.training_cost(M_TRAIN, N_X, 2000)
    captions = [c.value for c in at.caption]
    assert any(f"{M_TRAIN} × {N_X} × 2000 = {budget.scientific(cost)}" in c
               and budget.scientific(budget.TRAINING_BUDGET) in c for c in captions), captions


def test_the_course_run_is_well_within_the_budget():
    """209 photos × 12288 values × 2000 iterations, and even the slider's 3000, fit with room to spare."""
    assert budget.training_cost(209, N_X, 3000) * 2 < budget.TRAINING_BUDGET
    budget.check_budget(209, N_X, 2000)


def test_an_uploaded_file_name_is_shown_as_text_not_markdown():
    at = open_page(PAGE)
    name = "![](__e.invalid_a) [x](__e.invalid).png"
    at.file_uploader(key="cat_upload").set_value((name, _png(7), "image/png"))
    at.run()
    assert not at.exception
    captions = [img.caption.replace(WORD_JOINER, "") for element in at.get("image") for img in element.proto.imgs]
    assert any(r"\!\[\]\(\_\_e\.invalid\_a\) \[x\]\(\_\_e\.invalid\)\.png" in c for c in captions), captions
    assert not any(name in c for c in captions)
