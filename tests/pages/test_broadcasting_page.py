"""AppTest of the broadcasting lab: typed shapes, presets, failures and hostile text all render cleanly."""


import numpy as np
import pytest

from tests.pages.conftest import chart_spec, charts, open_page, table_with_column, the_one

PAGE = "pages/broadcasting.py"
AXIS = "Axis (from the right)"  # the first column of the rules table
HOSTILE = [
    "", "(", ")", "((3))", "3,,1", "-1", "1e9", "10**10", "__import__('os')", "9" * 5000, "1,2,3,4,5,6,7,8",
    "\x00", "３,１", "3;1", "nan", "🐱📡", " " * 5000, "\t\n", "1" * 200, "(3, 1]", "999999999 " * 6,
    "<script>alert(1)</script>", "{0}{1}", "'; DROP TABLE", "0x10", "٣", "inf", "None", "True",
]


def _texts(at, kind):
    return [e.value for e in getattr(at, kind)]


def _type(at, key, text):
    at.text_input(key=key).set_value(text).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def lab():
    return open_page(PAGE)


def test_default_column_plus_row_gives_3_by_4_checked_against_numpy():
    at = open_page(PAGE)
    assert not at.exception
    assert any("(3, 4)" in s for s in _texts(at, "success"))
    assert any("Checked with real arrays" in s for s in _texts(at, "success"))
    spec = chart_spec(at, "bc_picture")
    result = next(tr for tr in spec["data"] if tr.get("meta") == "result")
    expected = np.arange(1, 4)[:, None] + 10 * np.arange(1, 5)[None, :]  # A = (1, 2, 3) down, B = (10, …, 40) across
    assert result["text"] == [[str(v) for v in row] for row in expected.tolist()]
    a_panel = next(tr for tr in spec["data"] if tr.get("meta") == "operand_0")
    assert a_panel["z"] == [[0, 1, 1, 1]] * 3  # A's first column is original, the other three are copies


def test_chinese_page_renders_in_chinese():
    at = open_page(PAGE, lang="zh")
    assert not at.exception
    assert the_one(at.title).value == "广播实验室"
    assert any("结果的形状" in s for s in _texts(at, "success"))


def test_typing_shapes_updates_result_table_and_picture():
    at = open_page(PAGE)
    _type(at, "bc_a", "2 1 3")
    _type(at, "bc_b", "4x1")
    assert any("(2, 4, 3)" in s for s in _texts(at, "success"))
    table = table_with_column(at, AXIS)
    assert list(table.iloc[:, 0]) == ["−3", "−2", "−1"]  # axis numbers with the minus sign
    assert not charts(at)  # 3-D results get no picture
    _type(at, "bc_c", "(1,)")
    assert any("(2, 4, 3)" in s for s in _texts(at, "success"))
    assert "C" in table_with_column(at, AXIS).columns


def test_incompatible_shapes_name_the_failing_axis_and_show_numpys_message():
    at = open_page(PAGE)
    _type(at, "bc_a", "(2, 3)")
    _type(at, "bc_b", "(2, 4)")
    errors = _texts(at, "error")
    assert any("Axis −1 fails" in e and "3, 4" in e for e in errors)
    codes = " ".join(c.value for c in at.code)
    with pytest.raises(ValueError) as real:
        np.zeros((2, 3)) + np.zeros((2, 4))
    assert str(real.value) in codes
    assert "shape mismatch" in codes


@pytest.mark.parametrize(("preset", "a", "b", "op", "shape"), [
    ("x_plus_b", "(12288, 209)", "()", "+", "(12288, 209)"),
    ("w_t_x", "(1, 12288)", "(12288, 209)", "@", "(1, 209)"),
    ("a_minus_y", "(1, 209)", "(1, 209)", "-", "(1, 209)"),
    ("col_sums", "(3, 4)", "(1, 4)", "/", "(3, 4)"),
    ("rank_one", "(5,)", "(5, 1)", "+", "(5, 5)"),
])
def test_presets_fill_the_boxes_and_explain_the_course_shapes(preset, a, b, op, shape):
    at = open_page(PAGE)
    at.button(key=f"bc_preset_{preset}").click().run()
    assert not at.exception
    assert at.text_input(key="bc_a").value == a and at.text_input(key="bc_b").value == b
    assert at.radio(key="bc_op").value == op
    assert any(f"Result shape: {shape}" in s for s in _texts(at, "success"))
    assert at.info  # the preset's note from the course


def test_matmul_preset_explains_the_matmul_rule_not_broadcasting():
    at = open_page(PAGE)
    at.button(key="bc_preset_w_t_x").click().run()
    assert any("not broadcasting" in m.value for m in at.markdown)
    assert not at.table  # no broadcasting table for @
    _type(at, "bc_b", "(300, 209)")
    assert any("inner sizes differ" in e for e in _texts(at, "error"))
    assert any("mismatch" in c.value for c in at.code)


def test_huge_shapes_are_explained_without_a_real_check():
    at = open_page(PAGE)
    _type(at, "bc_a", "(100000000, 1)")
    _type(at, "bc_b", "(1, 100000000)")
    assert any("(100000000, 100000000)" in s for s in _texts(at, "success"))
    assert any("Too large to compute" in c.value for c in at.caption)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_a_message_or_a_result_never_an_exception(lab, text):
    for key in ("bc_a", "bc_c"):
        _type(lab, key, text)
        assert _texts(lab, "error") or _texts(lab, "success"), (key, text)
        if _texts(lab, "error"):
            assert all("Traceback" not in e for e in _texts(lab, "error"))
        _type(lab, key, "(3, 1)" if key == "bc_a" else "")


def test_full_width_digits_are_read_as_digits():
    at = open_page(PAGE)
    _type(at, "bc_a", "（３，１）")
    assert any("(3, 4)" in s for s in _texts(at, "success"))


def test_errors_are_translated_in_chinese():
    at = open_page(PAGE, lang="zh")
    _type(at, "bc_a", "3,,1")
    assert any("两个逗号之间缺少尺寸" in e for e in _texts(at, "error"))


def test_reproduce_script_is_offered_for_the_current_shapes():
    at = open_page(PAGE)
    _type(at, "bc_a", "(5,)")
    scripts = [c.value for c in at.code if c.language == "python"]
    assert scripts and "shapes = [(5,), (1, 4)]" in scripts[0]


def test_huge_matrix_product_is_explained_without_computing_it():
    at = open_page(PAGE)
    at.radio(key="bc_op").set_value("@").run()
    _type(at, "bc_a", "(100000000, 1)")
    _type(at, "bc_b", "(1, 100000000)")
    assert any("(100000000, 100000000)" in s for s in _texts(at, "success"))
    assert any("too large to multiply" in i for i in _texts(at, "info"))
