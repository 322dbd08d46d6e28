"""AppTest of the cat classifier page: uploads in many formats, broken files, the camera, training,
bring-your-own-data, session isolation, the reproduce script and both languages."""

import io
import json
import re
import struct
import subprocess
import sys
import zipfile
import zlib

import numpy as np
import pytest
from PIL import Image

from core.data.image import preprocess_photo
from core.lessons.explain import logit_parts, photo_column
from core.neuron.model import predict
from core.neuron.model_file import load_model
from core.neuron.trainer import Trainer
from tests.pages.conftest import ROOT, charts, open_page, the_one

PAGE = "pages/cat_classifier.py"
SEED = 11  # fixed seed for the generated photos
HUGE_SIDE = 60_000  # a PNG header claiming 60000×60000 pixels (3.6 gigapixels)
SCRIPT_TIMEOUT = 60  # seconds the reproduce script may take
TRAIN_TAB, EXPLORE_TAB, INSIDE_TAB = "Train it yourself", "Dataset explorer", "Inside the model"  # tab labels (en)


def _rgb(h=48, w=72, seed=SEED):
    return np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)


def _save(img: Image.Image, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def _photos() -> dict:
    """name -> (bytes, mime) for a photo in each format and mode the uploader accepts."""
    rgb = Image.fromarray(_rgb())
    rgba = Image.fromarray(np.dstack([_rgb(), np.full((48, 72), 128, np.uint8)]), "RGBA")
    grey16 = Image.fromarray((np.random.default_rng(SEED).random((40, 40)) * 65535).astype(np.uint16))
    return {
        "photo.jpg": (_save(rgb, "JPEG"), "image/jpeg"),
        "alpha.png": (_save(rgba, "PNG"), "image/png"),
        "anim.gif": (_save(rgb.convert("P"), "GIF"), "image/gif"),
        "photo.webp": (_save(rgb, "WEBP"), "image/webp"),
        "photo.tiff": (_save(rgb, "TIFF"), "image/tiff"),
        "deep.png": (_save(grey16, "PNG"), "image/png"),
    }


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _huge_png() -> bytes:
    """A valid PNG header for a 60000×60000 RGB image with almost no pixel data: a decompression bomb."""
    header = struct.pack(">IIBBBBB", HUGE_SIDE, HUGE_SIDE, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + _png_chunk(b"IEND", b""))


def _p_cat(at) -> str:
    return next(m.value for m in at.metric if m.label == "p(cat)")


def _expected_percent(data: bytes, model=None) -> str:
    model = model or load_model()
    return f"{100 * logit_parts(model.w, model.b, photo_column(preprocess_photo(data))).p:.1f} %"


def _open_tab(at, label: str):
    """Switch the page's lazy tabs (only the open tab and the photo tab run)."""
    at.session_state["cat_tab"] = label
    return at.run()


def _upload(at, name: str, data: bytes, mime: str):
    at.file_uploader(key="cat_upload").set_value((name, data, mime))
    return at.run()


@pytest.mark.parametrize("name", list(_photos()))
def test_uploaded_photo_shows_the_same_probability_as_core(name):
    data, mime = _photos()[name]
    at = _upload(open_page(PAGE), name, data, mime)
    assert not at.exception and not at.error
    assert _p_cat(at) == _expected_percent(data)
    badges = " ".join(m.value for m in at.markdown if "badge[" in m.value)
    assert "(12288, 1)" in badges and "64×64×3" in badges
    assert ("72×48" if name != "deep.png" else "40×40") in badges  # the original W×H


@pytest.mark.parametrize("name, data", [
    ("notes.jpg", b"Dear diary, this is not a photo at all.\n" * 20),
    ("cut.jpg", _save(Image.fromarray(_rgb(200, 200)), "JPEG")[:700]),
    ("empty.jpg", b""),
    ("huge.png", _huge_png()),
])
def test_broken_file_gives_one_clear_error_and_the_page_keeps_working(name, data):
    at = _upload(open_page(PAGE), name, data, "image/jpeg")
    assert not at.exception
    assert "Traceback" not in the_one(at.error).value
    assert not any(m.label == "p(cat)" for m in at.metric)
    good, mime = _photos()["photo.jpg"]
    at = _upload(at, "photo.jpg", good, mime)
    assert not at.error and _p_cat(at) == _expected_percent(good)


def test_camera_photo_gives_a_probability_only_after_switching_it_on():
    at = open_page(PAGE)
    assert len(at.camera_input) == 0  # no camera widget (and no permission prompt) until asked for
    at.toggle(key="cat_camera_on").set_value(True).run()
    data, _ = _photos()["photo.jpg"]
    at.camera_input(key="cat_camera").upload("shot.jpg", data).run()
    assert not at.exception and _p_cat(at) == _expected_percent(data)


def test_example_slider_explains_that_test_photo(course):
    at = open_page(PAGE)
    at.slider(key="cat_example").set_value(7).run()
    shipped = load_model()
    p = logit_parts(shipped.w, shipped.b, photo_column(course.test_x_orig[7])).p
    assert _p_cat(at) == f"{100 * p:.1f} %"
    label = "cat" if course.test_y[0, 7] == 1 else "non-cat"
    assert any(label in s.value for s in [*at.success, *at.warning])


def test_crop_and_squash_give_different_inputs_for_a_wide_photo():
    wide = _save(Image.fromarray(np.hstack([_rgb(60, 60, 1), _rgb(60, 120, 2)])), "PNG")
    at = _upload(open_page(PAGE), "wide.png", wide, "image/png")
    cropped = _p_cat(at)
    at.radio(key="cat_fit").set_value("squash").run()
    model = load_model()
    squashed = logit_parts(model.w, model.b, photo_column(preprocess_photo(wide, fit="squash"))).p
    assert _p_cat(at) == f"{100 * squashed:.1f} %" != cropped


def _percent_correct(model, X, Y) -> str:
    return f"{100 * np.mean(predict(model.w, model.b, X) == Y):.1f} %"


def _majority_percent(Y) -> str:
    return f"{100 * max(np.mean(Y), 1 - np.mean(Y)):.1f} %"


def test_context_shows_model_and_majority_baseline_as_the_data_gives_them(course):
    at = open_page(PAGE)
    shipped = load_model()
    values = {m.label: m.value for m in at.metric}
    assert values["Accuracy on the test set"] == _percent_correct(shipped, course.test_x, course.test_y) == "70.0 %"
    assert values["Accuracy on the training set"] == _percent_correct(shipped, course.train_x, course.train_y)
    bars = [c for c in charts(at) if any(tr.get("meta") == "baseline" for tr in c.spec["data"])]
    assert len(bars) == 1
    drawn = json.dumps(bars[0].spec, ensure_ascii=False)
    assert _majority_percent(course.test_y) in drawn  # always "cat": 33 of 50
    assert _majority_percent(course.train_y) in drawn  # always "non-cat": 137 of 209


def test_training_makes_my_model_used_for_photos_and_back(course):
    at = open_page(PAGE)
    data, mime = _photos()["photo.jpg"]
    at = _upload(at, "photo.jpg", data, mime)
    shipped_p = _p_cat(at)
    at = _open_tab(at, TRAIN_TAB)
    at.select_slider(key="cat_lr").set_value(0.0001).run()
    at.slider(key="cat_iterations").set_value(300).run()
    at.button(key="cat_train").click().run()
    assert not at.exception
    fit = Trainer(0.0001, 300).fit(course)
    values = {m.label: m.value for m in at.metric}
    assert values["My model, test accuracy"] == f"{fit.record.test_accuracy:.1f} %"
    assert at.radio(key="cat_model_choice").value == "mine"
    mine = at.session_state["cat_user_model"]
    took = f"The run took {mine.record.seconds * 1000:.0f} ms on the server"  # the run's own server time
    assert any(took in c.value for c in at.caption)
    downloads = [el.proto.id for el in at.get("download_button")]
    assert any(i.endswith("cat_history_csv") for i in downloads)  # the training history as CSV
    assert _p_cat(at) == _expected_percent(data, mine) != shipped_p
    at.button(key="cat_model_reset").click().run()
    assert _p_cat(at) == shipped_p


def test_two_sessions_do_not_see_each_others_uploads_or_models():
    first = _open_tab(_upload(open_page(PAGE), "photo.jpg", *_photos()["photo.jpg"]), TRAIN_TAB)
    _load_own_photos(first)  # trains without the course dataset too
    first.slider(key="cat_iterations").set_value(100).run()
    first.button(key="cat_train").click().run()
    assert not first.exception and "cat_user_model" in first.session_state
    second = open_page(PAGE)
    assert "cat_user_model" not in second.session_state
    assert second.file_uploader(key="cat_upload").value is None
    assert not any(r.key == "cat_model_choice" for r in second.radio)


def _photo_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k in range(6):
            zf.writestr(f"mine/cat/c{k}.png", _save(Image.fromarray(_rgb(30, 30, k)), "PNG"))
            zf.writestr(f"mine/non-cat/n{k}.png", _save(Image.fromarray(_rgb(30, 30, 50 + k)), "PNG"))
    return buf.getvalue()


def _load_own_photos(at):
    """Upload and load _photo_zip() on the open train tab, and pick it as the training data."""
    at.file_uploader(key="cat_byod_zip").set_value(("mine.zip", _photo_zip(), "application/zip"))
    at.run()
    at.button(key="cat_byod_load").click().run()
    assert not at.exception and not at.error
    assert any("10 training and 2 test photos, 6 of them cats" in s.value for s in at.success)
    if at.radio(key="cat_train_data").value != "mine":  # the course files, when there, come first
        at.radio(key="cat_train_data").set_value("mine").run()
    return at


def test_own_photo_zip_can_be_loaded_and_trained_on():
    at = _load_own_photos(_open_tab(open_page(PAGE), TRAIN_TAB))
    at.slider(key="cat_iterations").set_value(100).run()
    at.button(key="cat_train").click().run()
    record = at.session_state["cat_user_model"].record
    assert not at.exception and (record.data_source, record.m_train, record.m_test) == ("mine", 10, 2)


def test_a_zip_bomb_upload_is_one_clear_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("cat/bomb.png", b"\0" * (4 * 1024 * 1024))
    at = _open_tab(open_page(PAGE), TRAIN_TAB)
    at.file_uploader(key="cat_byod_zip").set_value(("bomb.zip", buf.getvalue(), "application/zip"))
    at.run()
    at.button(key="cat_byod_load").click().run()
    assert not at.exception and "bomb" in the_one(at.error).value


def test_reproduce_script_prints_the_pages_numbers(course):
    at = open_page(PAGE)
    script = next(c.value for c in at.code if "PIXELS" in c.value)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         timeout=SCRIPT_TIMEOUT, check=True).stdout
    printed = dict(re.findall(r"^(\w+) = (\S+)$", out, re.MULTILINE))
    shipped = load_model()
    parts = logit_parts(shipped.w, shipped.b, photo_column(course.test_x_orig[1]))
    assert float(printed["z"]) == pytest.approx(parts.z, abs=1e-9)
    assert float(printed["p_cat"]) == pytest.approx(parts.p, abs=1e-12)
    assert float(printed["positive"]) == pytest.approx(parts.positive, abs=1e-9)
    assert _p_cat(at) == f"{100 * float(printed['p_cat']):.1f} %"


def test_explorer_lists_the_shipped_models_test_mistakes(course):
    at = _open_tab(open_page(PAGE), EXPLORE_TAB)
    at.radio(key="cat_split").set_value("test").run()
    at.toggle(key="cat_only_wrong").set_value(True).run()
    assert any("15 of 50" in c.value for c in at.caption)  # 70 % of 50 correct: 15 mistakes
    assert not at.exception


@pytest.mark.parametrize("lang, title", [("en", "Is it a cat?"), ("zh", "这是猫吗？")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert the_one(at.title).value == title


def test_page_without_dataset_still_explains_uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(tmp_path))
    at = open_page(PAGE)
    assert not at.exception and any("course dataset" in i.value for i in at.info)
    data, mime = _photos()["photo.jpg"]
    at = _upload(at, "photo.jpg", data, mime)
    assert _p_cat(at) == _expected_percent(data)
    values = {m.label: m.value for m in at.metric}
    assert values["Accuracy on the test set"] == "70.0 %"


def test_only_the_open_tab_runs_and_an_upload_survives_tab_changes():
    at = _upload(open_page(PAGE), "photo.jpg", *_photos()["photo.jpg"])
    charts_on_photo_tab = len(charts(at))
    p_before = _p_cat(at)
    at = _open_tab(at, INSIDE_TAB)
    assert not at.exception
    assert len(charts(at)) > charts_on_photo_tab  # the weights appear only now
    assert _p_cat(at) == p_before  # the photo was not dropped
