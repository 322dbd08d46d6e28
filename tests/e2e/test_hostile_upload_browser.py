"""Real browser: an uploaded .h5 pair whose pixels claim to live in a server file (HDF5 external
storage) is refused with one sentence; not a byte of the planted file, nor its path, reaches the
page, and another session still gets answers."""

import h5py
import numpy as np
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE_TIMEOUT_MS, assert_no_exception, wait_idle
from ui.i18n import catalogue

pytestmark = pytest.mark.browser
M = 10  # images per split (5 of each class)
IMAGE_BYTES = 64 * 64 * 3  # bytes of one uint8 course photo
PATTERN = "PLANTED-SERVER-SECRET-"  # a distinctive text planted in the "server" file
MESSAGE = {"en": "lives in other files", "zh": "存放在其他文件中"}  # part of errors_upload.h5_outside


def _hostile_pair(tmp_path) -> list[dict]:
    planted = tmp_path / "planted_secret.bin"
    planted.write_bytes((PATTERN.encode() * (M * IMAGE_BYTES // len(PATTERN) + 1))[:M * IMAGE_BYTES])
    files = []
    for prefix in ("train", "test"):
        path = tmp_path / f"{prefix}_catvnoncat.h5"
        with h5py.File(path, "w") as fh:
            fh[f"{prefix}_set_y"] = np.arange(M) % 2
            fh.create_dataset(f"{prefix}_set_x", shape=(M, 64, 64, 3), dtype=np.uint8,
                              external=[(str(planted), 0, M * IMAGE_BYTES)])
        files.append({"name": path.name, "mimeType": "application/x-hdf5", "buffer": path.read_bytes()})
    return files


def _upload_and_load(page, lang: str, files) -> None:
    text = catalogue(lang)
    page.get_by_role("tab", name=text["cat.tab_train"]).click()
    wait_idle(page)
    page.get_by_text(text["cat.byod_kind_h5"], exact=True).click()
    wait_idle(page)
    uploader = page.locator(".st-key-cat_byod_h5")  # Streamlit marks each widget with its key
    uploader.locator('input[type="file"]').set_input_files(files)
    for item in files:
        expect(uploader.locator(f'[data-testid="stFileChipName"][title="{item["name"]}"]')).to_be_visible(
            timeout=IDLE_TIMEOUT_MS)
    wait_idle(page)
    load = page.locator(".st-key-cat_byod_load button")
    expect(load).to_be_enabled(timeout=IDLE_TIMEOUT_MS)
    load.click()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_external_storage_h5_shows_one_sentence_and_no_server_bytes(page, browser, app_url, tmp_path, lang):
    page.goto(f"{app_url}/cat_classifier?lang={lang}")
    wait_idle(page)
    _upload_and_load(page, lang, _hostile_pair(tmp_path))
    error = page.locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text(MESSAGE[lang], timeout=IDLE_TIMEOUT_MS)
    expect(error).to_contain_text("train_catvnoncat.h5")
    wait_idle(page)
    html = page.content()
    assert PATTERN not in html and str(tmp_path) not in html and "planted_secret" not in html
    assert_no_exception(page)
    other = browser.new_page()
    try:
        other.goto(f"{app_url}/?lang={lang}")
        wait_idle(other)
        expect(other.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=IDLE_TIMEOUT_MS)
        assert_no_exception(other)
    finally:
        other.close()
