"""The cat page's uploads: each is decoded or parsed once per session (reruns reuse it), and a
hostile data file ends in one sentence that shows nothing of the server (Chinese: tests/e2e)."""

import io
import zipfile

import h5py
import numpy as np
from PIL import Image

from core.data import byod
from tests.pages.conftest import open_page, shown
from ui.cat_sections import photo
from ui.i18n import catalogue

PAGE = "pages/cat_classifier.py"
SEED = 5  # fixed seed for the generated pixels
M = 10  # images per generated split (5 of each class)
RERUNS = 3  # reruns after the first decode
PATTERN = b"PLANTED-SERVER-SECRET-"  # planted in a "server" file the upload points at


def _png(seed=SEED) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(seed).integers(0, 256, (40, 60, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def _counting(monkeypatch, module, name) -> list:
    calls, real = [], getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(k.get("fit", a[1:])) or real(*a, **k))
    return calls


def test_an_uploaded_photo_is_decoded_once_per_fit_across_reruns(monkeypatch):
    calls = _counting(monkeypatch, photo, "photo_stages")
    at = open_page(PAGE)
    at.file_uploader(key="cat_upload").set_value(("mine.png", _png(), "image/png"))
    at.run()
    for _ in range(RERUNS):
        at.run()
    assert calls == ["crop"] and not at.exception and not at.error
    at.radio(key="cat_fit").set_value("squash").run()
    at.radio(key="cat_fit").set_value("crop").run()
    at.run()
    assert calls == ["crop", "squash"]  # back to "crop": remembered, not decoded again


def test_a_broken_photo_is_refused_once_and_the_error_stays_on_reruns(monkeypatch):
    calls = _counting(monkeypatch, photo, "photo_stages")
    at = open_page(PAGE)
    at.file_uploader(key="cat_upload").set_value(("cut.png", _png()[:100], "image/png"))
    at.run()
    for _ in range(RERUNS):
        at.run()
        assert len(at.error) == 1 and "damaged" in at.error[0].value and not at.exception
    assert calls == ["crop"]


def test_the_same_zip_is_parsed_once_even_when_load_is_clicked_again(monkeypatch):
    calls = _counting(monkeypatch, byod, "load_photo_zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k in range(byod.MIN_PER_CLASS):
            zf.writestr(f"cat/c{k}.png", _png(k))
            zf.writestr(f"non-cat/n{k}.png", _png(100 + k))
    at = open_page(PAGE)
    at.session_state["cat_tab"] = catalogue("en")["cat.tab_train"]
    at.run()
    at.file_uploader(key="cat_byod_zip").set_value(("mine.zip", buf.getvalue(), "application/zip"))
    at.run()
    at.button(key="cat_byod_load").click().run()
    for _ in range(RERUNS):
        at.run()
    at.button(key="cat_byod_load").click().run()
    assert len(calls) == 1 and not at.exception and not at.error


def _external_storage_pair(tmp_path) -> list:
    planted = tmp_path / "secret.bin"
    planted.write_bytes((PATTERN * (M * 12288 // len(PATTERN) + 1))[: M * 12288])
    files = []
    for prefix in ("train", "test"):
        path = tmp_path / f"{prefix}.h5"
        with h5py.File(path, "w") as fh:
            fh[f"{prefix}_set_y"] = np.arange(M) % 2
            fh.create_dataset(f"{prefix}_set_x", shape=(M, 64, 64, 3), dtype=np.uint8,
                              external=[(str(planted), 0, M * 12288)])
        files.append((path.name, path.read_bytes(), "application/x-hdf5"))
    return files


def _byod_h5(files):
    """The cat page on its training tab, the two files uploaded, Load clicked.

    (English only: AppTest formats a radio's value outside the script run, so in English, when it reruns.)
    """
    at = open_page(PAGE)
    at.session_state["cat_tab"] = catalogue("en")["cat.tab_train"]
    at.run()
    at.radio(key="cat_byod_kind").set_value("h5").run()
    at.file_uploader(key="cat_byod_h5").set_value(files)
    at.run()
    return at.button(key="cat_byod_load").click().run()


def test_external_storage_h5_is_one_sentence_without_server_bytes(tmp_path):
    at = _byod_h5(_external_storage_pair(tmp_path))
    assert not at.exception and len(at.error) == 1
    message = shown(at.error[0].value)
    assert "lives in other files" in message and "train.h5" in message
    assert PATTERN.decode() not in message and str(tmp_path) not in message
    assert "cat_user_data" not in at.session_state
