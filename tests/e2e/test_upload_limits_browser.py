"""Real browser: what the README promises for bad uploads: a file over the 10 MB cap is refused by Streamlit
before it reaches the app, and a broken photo gets one clear sentence, never a traceback."""

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from core.data.byod import MAX_UPLOAD_BYTES
from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser
SEED = 7  # fixed seed for the generated photo
SIDE = 200  # pixels of the photo that gets cut short
KEEP_BYTES = 700  # the truncated JPEG keeps its header and the start of its data
OVER_CAP = MAX_UPLOAD_BYTES + 1024 * 1024  # 11 MiB: one MiB over the cap
UPLOAD = '[data-testid="stFileUploader"] input[type="file"]'


def _truncated_jpeg() -> bytes:
    pixels = np.random.default_rng(SEED).integers(0, 256, (SIDE, SIDE, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "JPEG")
    return buf.getvalue()[:KEEP_BYTES]


def _open_uploader(page, app_url):
    page.goto(f"{app_url}/cat_classifier")
    wait_idle(page)
    return page.locator(UPLOAD).first


def test_a_file_over_the_cap_is_refused_with_streamlits_message(page, app_url):
    uploader = _open_uploader(page, app_url)
    big = b"\xff\xd8\xff" + bytes(OVER_CAP - 3)  # a JPEG signature, then zeros
    uploader.set_input_files({"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": big})
    refusal = page.locator('[data-testid="stFileUploader"]').first.get_by_text("must be 10")
    expect(refusal).to_be_visible()  # e.g. "File must be 10.0MB or smaller."
    wait_idle(page)
    expect(page.get_by_text("huge.jpg, upright")).to_have_count(0)  # the app never got the file: no stage for it
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)  # and nothing to complain about
    assert_no_exception(page)


def test_a_truncated_jpeg_gets_the_clear_message(page, app_url):
    uploader = _open_uploader(page, app_url)
    uploader.set_input_files({"name": "cut.jpg", "mimeType": "image/jpeg", "buffer": _truncated_jpeg()})
    error = page.locator('[data-testid="stAlertContentError"]')
    expect(error).to_have_count(1)
    expect(error).to_contain_text("This JPEG file is damaged or incomplete")
    expect(error).not_to_contain_text("Traceback")
    expect(error).not_to_contain_text("/")  # no server path
    assert_no_exception(page)
