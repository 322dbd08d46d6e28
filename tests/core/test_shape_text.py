"""The shape parser accepts the spellings students use and refuses everything else with a named reason."""

import pytest

from core.errors import LogitLabError
from core.lessons.shape_text import MAX_RANK, MAX_SIZE, MAX_TEXT, parse_optional_shape, parse_shape, shape_str
from ui.i18n import catalogue


@pytest.mark.parametrize(("text", "shape"), [
    ("(3,1)", (3, 1)), ("3,1", (3, 1)), ("3 1", (3, 1)), ("3x1", (3, 1)), ("3 X 1", (3, 1)),
    ("[3, 1]", (3, 1)), ("  ( 3 , 1 )  ", (3, 1)), ("3 × 1", (3, 1)),
    ("()", ()), ("[]", ()), ("( )", ()),
    ("(5,)", (5,)), ("5,", (5,)), ("5", (5,)), ("0", (0,)), ("(0, 3)", (0, 3)),
    ("12288 209", (12288, 209)), ("(2, 3, 4)", (2, 3, 4)), ("007", (7,)),
    ("３,１", (3, 1)), ("（３，１）", (3, 1)), ("3、1", (3, 1)),
    (",".join(["2"] * MAX_RANK), (2,) * MAX_RANK), (str(MAX_SIZE - 1), (MAX_SIZE - 1,)),
    ("-0", (0,)), ("(-0, 3)", (0, 3)), ("-000", (0,)), ("3 x 1 x 2", (3, 1, 2)), ("（３ｘ１）", (3, 1)),
])
def test_accepted_spellings_give_the_shape(text, shape):
    assert parse_shape(text) == shape


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"), ("   ", "empty"), (" " * 10_000, "empty"), ("\u3000", "empty"),
    ("(", "unpaired"), ("(3, 1]", "unpaired"), ("(3)*2", "unpaired"),
    (")", "nested"), ("((3))", "nested"), ("__import__('os')", "nested"), ("3)", "nested"),
    ("3,,1", "empty_size"), (",3", "empty_size"), ("(,)", "empty_size"), ("3,,", "empty_size"),
    ("-1", "negative"), ("(3, -2)", "negative"), ("-01", "negative"), ("-", "not_whole"), ("--0", "not_whole"),
    ("1e9", "not_whole"), ("10**10", "not_whole"), ("3.5", "not_whole"), ("nan", "not_whole"),
    ("abc", "not_whole"), ("3;1", "not_whole"), ("\x00", "not_whole"), ("🐱", "not_whole"), ("٣", "not_whole"),
    ("9" * 5000, "too_long"), ("1" * (MAX_TEXT + 1), "too_long"),
    (str(MAX_SIZE), "too_large"), ("9" * 50, "too_large"),
    (",".join(["1"] * (MAX_RANK + 1)), "too_many_axes"), ("1,2,3,4,5,6,7,8", "too_many_axes"),
    (" ".join([str(MAX_SIZE - 1)] * MAX_RANK), "too_many_elements"),
])
def test_refused_text_names_the_reason(text, reason):
    with pytest.raises(LogitLabError) as info:
        parse_shape(text)
    assert info.value.key == f"errors_shapes.{reason}"


@pytest.mark.parametrize("text", ["x", "X", "×", "(x)", "[x]", "(x,)", " x ", "xx", "x1", "1x", "3xx1", "3 x", "x,1"])
def test_an_x_without_sizes_on_both_sides_is_an_error_not_the_scalar_shape(text):
    with pytest.raises(LogitLabError) as info:
        parse_shape(text)
    assert info.value.key == "bounds.shape_lonely_x"
    for lang in ("en", "zh"):
        assert catalogue(lang)[info.value.key].format(**info.value.params)


def test_messages_quote_the_offending_part_in_plain_words():
    with pytest.raises(LogitLabError, match="empty size between two commas"):
        parse_shape("3,,1")
    with pytest.raises(LogitLabError, match="whole numbers, found 'abc'"):
        parse_shape("abc")
    with pytest.raises(LogitLabError, match=f"at most {MAX_RANK} axes"):
        parse_shape("1,2,3,4,5,6,7,8")
    with pytest.raises(LogitLabError, match="-3 is negative"):
        parse_shape("-3")


def test_control_characters_and_long_words_are_quoted_safely():
    with pytest.raises(LogitLabError) as info:
        parse_shape("\x00")
    assert "\x00" not in str(info.value) and "\\x00" in str(info.value)
    with pytest.raises(LogitLabError) as info:
        parse_shape("a" * MAX_TEXT)
    assert len(info.value.params["word"]) < MAX_TEXT // 2


def test_every_error_key_is_translated_with_the_same_placeholders():
    keys = ["empty", "too_long", "unpaired", "nested", "negative", "not_whole", "too_large", "empty_size",
            "too_many_axes", "too_many_elements"]
    for lang in ("en", "zh"):
        for key in keys:
            assert f"errors_shapes.{key}" in catalogue(lang)
    with pytest.raises(LogitLabError) as info:
        parse_shape("1,2,3,4,5,6,7,8")
    assert catalogue("zh")["errors_shapes.too_many_axes"].format(**info.value.params)


def test_blank_optional_shape_means_no_operand_but_bad_text_still_fails():
    assert parse_optional_shape("") is None
    assert parse_optional_shape("   ") is None
    assert parse_optional_shape(None) is None
    assert parse_optional_shape("()") == ()
    with pytest.raises(LogitLabError):
        parse_optional_shape("3,,1")


def test_shape_str_matches_numpys_own_printing():
    import numpy as np

    for shape in [(), (5,), (3, 1), (0, 2, 4)]:
        assert shape_str(shape) == str(np.zeros(shape).shape)
