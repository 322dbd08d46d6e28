"""AppTest of the router and the Home page."""

from tests.pages.conftest import open_page, shown, table_with_column, the_one
from ui.sidebar import LANG_WIDGET


def test_home_renders_lesson_map_and_notation_without_exception():
    at = open_page()
    assert not at.exception
    assert the_one(at.title).value == "Logit Lab"
    table = table_with_column(at, "Symbol")
    shapes = list(table.iloc[:, 1])
    assert shapes[0].startswith("(12288, ") and shapes[2] == "(12288, 1)"


def test_home_shows_real_shapes_when_dataset_installed(course_dir, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(course_dir))
    at = open_page()
    assert not at.exception
    shapes = list(table_with_column(at, "Symbol").iloc[:, 1])
    assert shapes[:2] == ["(12288, 209)", "(1, 209)"]
    assert shapes[4:] == ["(12288, 50)", "(1, 50)"]
    assert any("209" in s.value for s in at.success)


def test_switching_language_to_chinese_translates_home():
    at = open_page()
    assert "The lessons" in [h.value for h in at.subheader]
    at.radio(key=LANG_WIDGET).set_value("zh").run()
    assert not at.exception
    assert "课程目录" in [h.value for h in at.subheader]


def test_broken_dataset_files_are_named_in_an_error_not_a_traceback(tmp_path, monkeypatch):
    for name in ("train_catvnoncat.h5", "test_catvnoncat.h5"):
        (tmp_path / name).write_text("not an HDF5 file")
    monkeypatch.setenv("LOGITLAB_DATA", str(tmp_path))
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "train_catvnoncat.h5" in shown(the_one(at.error).value)
    assert list(table_with_column(at, "Symbol").iloc[:, 1])[0] == "(12288, 209)"  # the course's shapes still shown


def test_rows_toggle_changes_the_layout_line_and_the_link(course_dir, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(course_dir))
    at = open_page()
    columns = [m.value for m in at.markdown if "(12288, 209)" in m.value]
    assert len(columns) == 1 and "**column**" in columns[0]
    at.toggle(key="home_rows").set_value(True).run()
    assert not at.exception
    rows = [m.value for m in at.markdown if "(209, 12288)" in m.value]
    assert len(rows) == 1 and "**row**" in rows[0] and "X.T" in rows[0]
    assert not [m.value for m in at.markdown if "(12288, 209), one photo" in m.value]
