"""False "cat"s and missed cats are counted against the labels, each over its own class."""

import pytest

from core.trust import error_counts


def test_counts_each_kind_of_mistake_over_its_own_class():
    counts = error_counts([1, 0, 0, 1, 1, 0, 0], [[0, 0, 0, 1, 1, 1, 1]])
    assert (counts.false_cats, counts.non_cats, counts.missed_cats, counts.cats) == (1, 3, 2, 4)
    assert counts.false_cat_rate == pytest.approx(100 / 3)
    assert counts.missed_rate == pytest.approx(50.0)


def test_a_set_without_non_cats_has_no_false_cat_rate_to_divide():
    assert error_counts([1, 1], [1, 1]).false_cat_rate == 0.0
