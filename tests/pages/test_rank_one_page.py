"""AppTest of the rank-1 page: live NumPy results follow n and the seed, in English and Chinese."""

import pytest

from core.lessons.rank_one import N_MAX, rank_one_arrays
from tests.pages.conftest import open_page, the_one

PAGE = "pages/rank_one.py"


def _codes(at):
    return [c.value for c in at.code]


@pytest.mark.parametrize(("lang", "title"), [("en", "Rank-1 arrays"), ("zh", "秩为 1 的数组")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert the_one(at.title).value == title
    assert len(at.latex) >= 4


def test_default_shows_the_course_example_of_five():
    at = open_page(PAGE)
    codes = "\n".join(_codes(at))
    assert ">>> a.shape\n(5,)" in codes and ">>> col.shape\n(5, 1)" in codes
    assert ">>> (a.T).shape\n(5,)" in codes and ">>> (col.T).shape\n(1, 5)" in codes
    assert ">>> (a @ a.T).shape\n()" in codes and ">>> (a + col).shape\n(5, 5)" in codes
    assert "AssertionError: expected shape (5, 1), got (5,)" in codes
    assert len(at.error) >= 1 and len(at.success) >= 1


def test_changing_n_changes_every_shape():
    at = open_page(PAGE)
    at.slider(key="r1_n").set_value(N_MAX).run()
    assert not at.exception
    codes = "\n".join(_codes(at))
    assert f">>> (a + col).shape\n({N_MAX}, {N_MAX})" in codes
    assert f"assert a.shape == ({N_MAX}, 1)" in codes


def test_changing_the_seed_changes_the_numbers_to_numpys():
    at = open_page(PAGE)
    at.number_input(key="r1_seed").set_value(7).run()
    assert not at.exception
    r = rank_one_arrays(5, 7)
    shown = next(c for c in _codes(at) if c.startswith(">>> a @ a.T"))
    assert f"{float(r.a_at):.3f}" in shown
    assert any(f"{r.inner[0, 0]:.3f}" in x.value for x in at.latex)


def test_reproduce_script_uses_the_current_settings():
    at = open_page(PAGE)
    at.slider(key="r1_n").set_value(3).run()
    script = next(c for c in _codes(at) if "default_rng" in c)
    assert "rng.standard_normal(3)" in script
