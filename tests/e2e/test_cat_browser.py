"""Real browser: a photo file through the real file input, and a photo from Chromium's fake camera."""

import io
import re
from contextlib import suppress

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from core.data.image import preprocess_photo
from core.lessons.explain import logit_parts, photo_column
from core.neuron.model_file import load_model
from tests.e2e.conftest import IDLE_TIMEOUT_MS, assert_no_exception, wait_idle

pytestmark = pytest.mark.browser
SEED = 5  # fixed seed for the generated photo
PERCENT = re.compile(r"^\d{1,3}\.\d %$")  # how the page writes p(cat), e.g. "83.4 %"
SHOTS = 3  # clicks on "Take photo" before the test gives up on the fake camera
SHOT_WAIT_MS = 15_000  # how long one click may take to become a picture (in the browser, no server involved)
UPRIGHT = "upright (EXIF orientation applied)"  # caption of stage 1, shown only for uploads and camera shots


def _jpeg() -> bytes:
    img = np.random.default_rng(SEED).integers(0, 256, (90, 120, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG")
    return buf.getvalue()


def _p_cat(page):
    """The locator of the p(cat) metric's value."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="p(cat)")
    return metric.locator('[data-testid="stMetricValue"]')


def upload_kitten_and_expect_p_cat(page):
    """Upload a made-up JPEG on the cat page and wait until p(cat) is the one core computes for it."""
    data = _jpeg()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        {"name": "kitten.jpg", "mimeType": "image/jpeg", "buffer": data})
    page.get_by_text(f"kitten.jpg, {UPRIGHT}").first.wait_for(timeout=IDLE_TIMEOUT_MS)
    wait_idle(page)
    shipped = load_model()
    p = logit_parts(shipped.w, shipped.b, photo_column(preprocess_photo(data))).p
    expect(_p_cat(page)).to_have_text(f"{100 * p:.1f} %")
    assert_no_exception(page)


def test_uploading_a_photo_file_shows_the_models_probability(page, app_url):
    page.goto(f"{app_url}/cat_classifier")
    wait_idle(page)
    upload_kitten_and_expect_p_cat(page)


def test_camera_photo_from_the_fake_device_gets_a_probability(browser, app_url):
    context = browser.new_context(permissions=["camera"], viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/cat_classifier")
        wait_idle(page)
        page.get_by_text("Use the camera").click()
        wait_idle(page)
        camera = page.locator('[data-testid="stCameraInput"]')
        shoot = camera.locator("button").filter(has_text=re.compile("Take", re.I)).first
        shot = camera.locator("button").filter(has_text=re.compile("Clear", re.I)).first
        shoot.wait_for(timeout=IDLE_TIMEOUT_MS)
        # Shoot only once the fake camera's stream shows frames: an earlier click captures nothing.
        video = "document.querySelector('[data-testid=\"stCameraInput\"] video')"
        page.wait_for_function(f"(v => !!v && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0)({video})",
                               timeout=IDLE_TIMEOUT_MS)
        for _ in range(SHOTS):  # a click the browser could not turn into a picture leaves "Take photo" there
            if shoot.is_visible():
                shoot.click()
            with suppress(PlaywrightTimeout):
                shot.wait_for(timeout=SHOT_WAIT_MS)
                break
        expect(shot).to_be_visible(timeout=IDLE_TIMEOUT_MS)
        page.get_by_text(UPRIGHT).first.wait_for(timeout=IDLE_TIMEOUT_MS)
        wait_idle(page)
        expect(_p_cat(page)).to_have_text(PERCENT)
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
        assert_no_exception(page)
    finally:
        context.close()
