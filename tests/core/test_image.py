"""The one photo pipeline: every odd file a student may upload, made here with Pillow and NumPy.

References are independent of core.data.image: NumPy rotations and block means, Pillow's own
full decode, and the colours the test files were painted with.
"""

import io
import re
import struct
import tomllib
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile, JpegImagePlugin

from core.data import image
from core.data.image import MAX_PIXELS, photo_stages, preprocess_photo
from core.errors import LogitLabError

LOCALES = Path(__file__).resolve().parents[2] / "ui" / "locales"
RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)
JPEG_TOL = 12  # JPEG is lossy: flat colours come back within a few levels, edges within ~12
ORIENTATION_TAG = 0x0112  # EXIF tag: how the stored pixels must be turned to stand upright


def encode(img: Image.Image, fmt: str, **options) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **options)
    return buf.getvalue()


def left_red_right_blue(width=80, height=40) -> np.ndarray:
    """(height, width, 3) uint8: left half red, right half blue."""
    arr = np.zeros((height, width, 3), np.uint8)
    arr[:, : width // 2] = RED
    arr[:, width // 2:] = BLUE
    return arr


def gradient(width, height, seed=0) -> np.ndarray:
    """A smooth colour gradient with a little seeded noise, (height, width, 3) uint8."""
    yy, xx = np.mgrid[0:height, 0:width]
    arr = np.stack([255 * xx / width, 255 * yy / height, 128 + 60 * np.sin(xx / 97 + yy / 53)], axis=-1)
    arr += np.random.default_rng(seed).normal(0, 4, arr.shape)
    return np.clip(arr, 0, 255).astype(np.uint8)


def block_mean(arr: np.ndarray, size=64) -> np.ndarray:
    """Average-pool a square (n, n, 3) array down to (size, size, 3): a resize reference."""
    k = arr.shape[0] // size
    return arr[: k * size, : k * size].reshape(size, k, size, k, 3).mean(axis=(1, 3))


def png_with_size(width: int, height: int) -> bytes:
    """A tiny 1×1 PNG whose IHDR claims width×height (CRC fixed): only the header is large."""
    data = bytearray(encode(Image.new("RGB", (1, 1), RED), "PNG"))
    ihdr = 8  # the IHDR chunk starts after the 8-byte PNG signature: length(4) type(4) data(13) crc(4)
    data[ihdr + 8: ihdr + 16] = struct.pack(">II", width, height)
    data[ihdr + 21: ihdr + 25] = struct.pack(">I", zlib.crc32(bytes(data[ihdr + 4: ihdr + 21])))
    return bytes(data)


def catalogue(lang: str) -> dict:
    with (LOCALES / lang / "errors_image.toml").open("rb") as fh:
        return tomllib.load(fh)


def assert_clear_error(data: bytes, key: str, *words) -> LogitLabError:
    """``data`` gives exactly a LogitLabError with ``key``, a readable message and translations."""
    with pytest.raises(Exception) as info:
        preprocess_photo(data)
    err = info.value
    assert type(err) is LogitLabError, f"{type(err).__name__}: {err}"
    assert err.key == f"errors_image.{key}"
    message = str(err)
    assert message.endswith(".") and "Traceback" not in message and "BytesIO" not in message
    for word in words:
        assert word in message
    for lang in ("en", "zh"):
        text = catalogue(lang)[key].format(**err.params)  # every placeholder is filled by the params
        assert set(re.findall(r"\{(\w+)\}", catalogue(lang)[key])) == set(err.params)
        assert text
    return err


# --- output contract -------------------------------------------------------------------------------


def test_output_is_64x64x3_uint8_and_stages_share_it():
    data = encode(Image.fromarray(gradient(300, 200)), "PNG")
    out = preprocess_photo(data)
    assert out.shape == (64, 64, 3) and out.dtype == np.uint8
    for fit in ("crop", "squash"):
        stages = photo_stages(data, fit=fit)
        np.testing.assert_array_equal(stages.model_input, preprocess_photo(data, fit=fit))
        assert stages.original_size == (300, 200)
        assert stages.oriented.shape == (200, 300, 3) and stages.oriented.dtype == np.uint8
    assert photo_stages(data).square.shape == (200, 200, 3)
    assert photo_stages(data, fit="squash").square.shape == (300, 300, 3)


def test_stages_are_downscaled_for_display():
    data = encode(Image.fromarray(gradient(1500, 1000)), "PNG")
    stages = photo_stages(data)
    assert stages.oriented.shape == (round(1000 * image.DISPLAY_MAX_SIDE / 1500), image.DISPLAY_MAX_SIDE, 3)
    assert stages.square.shape == (image.DISPLAY_MAX_SIDE, image.DISPLAY_MAX_SIDE, 3)
    assert stages.original_size == (1500, 1000)


def test_resize_matches_block_mean_reference():
    src = gradient(256, 256)
    out = preprocess_photo(encode(Image.fromarray(src), "PNG"))
    assert np.abs(out - block_mean(src)).mean() < 2.0  # LANCZOS vs box average on a smooth photo


def test_bad_fit_is_a_programming_error():
    data = encode(Image.new("RGB", (8, 8)), "PNG")
    with pytest.raises(ValueError) as info:
        preprocess_photo(data, fit="stretch")
    assert type(info.value) is ValueError


# --- orientation, frames, crop ---------------------------------------------------------------------


@pytest.mark.parametrize("orientation, turns", [(6, -1), (8, 1)])  # 6: turn clockwise, 8: anticlockwise
def test_exif_orientation_is_applied(orientation, turns):
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    src = left_red_right_blue(80, 40)  # stored landscape
    data = encode(Image.fromarray(src), "JPEG", quality=95, exif=exif)
    out = preprocess_photo(data, fit="squash").astype(int)
    upright = np.rot90(src, k=turns)  # NumPy's own rotation: (80, 40, 3), portrait
    reference = preprocess_photo(encode(Image.fromarray(upright), "PNG"), fit="squash").astype(int)
    away_from_edge = np.r_[0:24, 40:64]  # JPEG's colour subsampling blurs the red/blue edge itself
    assert np.abs(out[away_from_edge] - reference[away_from_edge]).max() <= JPEG_TOL
    top, bottom = out[:16].mean(axis=(0, 1)), out[-16:].mean(axis=(0, 1))
    first, second = (RED, BLUE) if orientation == 6 else (BLUE, RED)  # clockwise: the left half goes on top
    np.testing.assert_allclose(top, first, atol=JPEG_TOL)
    np.testing.assert_allclose(bottom, second, atol=JPEG_TOL)
    assert photo_stages(data).original_size == (40, 80)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "PNG"])  # PNG with save_all is an APNG
def test_animation_uses_first_frame(fmt):
    frames = [Image.new("RGB", (16, 16), colour) for colour in (RED, BLUE, GREEN)]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == 3
    np.testing.assert_allclose(preprocess_photo(data).reshape(-1, 3).mean(axis=0), RED, atol=2)


def test_crop_keeps_the_centre_and_squash_keeps_everything():
    src = np.zeros((60, 180, 3), np.uint8)
    src[:, :60], src[:, 60:120], src[:, 120:] = RED, GREEN, BLUE
    data = encode(Image.fromarray(src), "PNG")
    crop, squash = preprocess_photo(data), preprocess_photo(data, fit="squash")
    assert np.all(crop == GREEN)
    assert np.all(squash[:, :16] == RED) and np.all(squash[:, 24:40] == GREEN) and np.all(squash[:, -16:] == BLUE)
    assert not np.array_equal(crop, squash)


def test_tiny_and_very_wide_images():
    np.testing.assert_array_equal(preprocess_photo(encode(Image.new("RGB", (1, 1), BLUE), "PNG")),
                                  np.broadcast_to(BLUE, (64, 64, 3)))
    wide = np.zeros((10, 4000, 3), np.uint8)
    wide[:, 1995:2005] = GREEN  # only the centre 10×10 square is green
    out = preprocess_photo(encode(Image.fromarray(wide), "PNG"))
    assert np.all(out == GREEN)
    assert photo_stages(encode(Image.fromarray(wide), "PNG")).oriented.shape[1] == image.DISPLAY_MAX_SIDE


def test_large_jpeg_is_decoded_in_draft_mode_close_to_full_decode(monkeypatch):
    src = gradient(2000, 1500, seed=1)
    data = encode(Image.fromarray(src), "JPEG", quality=90)
    scales = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = original(self, mode, size)
        scales.append(self.decoderconfig[0])
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    ours = preprocess_photo(data).astype(int)
    assert scales and scales[0] > 1  # decoded at 1/2, 1/4 or 1/8 scale
    full = Image.open(io.BytesIO(data)).convert("RGB")  # Pillow's full decode, crop and resize by hand
    naive = np.asarray(full.crop((250, 0, 1750, 1500)).resize((64, 64), Image.Resampling.LANCZOS), dtype=int)
    assert np.abs(ours - naive).mean() < 2.0 and np.abs(ours - naive).max() <= JPEG_TOL


# --- colour modes and bit depths -------------------------------------------------------------------


def test_rgba_transparency_becomes_white():
    rgba = np.zeros((64, 64, 4), np.uint8)  # transparent black on the left
    rgba[:, 32:] = (0, 255, 0, 255)  # opaque green on the right
    rgba[:8, 32:] = (255, 0, 0, 128)  # half-transparent red: halfway between red and white
    out = preprocess_photo(encode(Image.fromarray(rgba), "PNG")).astype(int)
    assert np.all(out[:, :24] == 255)
    assert np.all(out[16:, 40:] == GREEN)
    np.testing.assert_allclose(out[2, 44], (255, 127, 127), atol=2)


def test_la_transparency_becomes_white():
    la = Image.merge("LA", [Image.new("L", (32, 32), 50), Image.new("L", (32, 32), 0)])
    la.paste((50, 255), (0, 0, 32, 16))  # top half opaque dark grey, bottom half transparent
    out = preprocess_photo(encode(la, "PNG"), fit="squash")
    assert np.all(out[:24] == 50) and np.all(out[40:] == 255)  # LANCZOS rings a few pixels around the edge


def test_palette_transparency_becomes_white():
    pal = Image.new("P", (32, 32), 0)
    pal.putpalette([0, 0, 0, 0, 0, 255] + [0] * 762)  # index 0 black (transparent), index 1 blue
    pal.paste(1, (16, 0, 32, 32))
    for fmt in ("PNG", "GIF"):
        out = preprocess_photo(encode(pal, fmt, transparency=0), fit="squash")
        assert np.all(out[:, :24] == 255) and np.all(out[:, 40:] == BLUE), fmt


@pytest.mark.parametrize("mode", ["I;16", "I;16B"])
def test_16bit_images_are_scaled_not_clipped(mode):
    values = np.array([0, 1000, 32896, 65535], np.uint16)  # /257 -> 0, 3.9, 128, 255
    arr = np.repeat(values, 16).reshape(1, 64).repeat(64, axis=0)  # four vertical bands
    dtype = ">u2" if mode.endswith("B") else "<u2"
    img = Image.frombytes(mode, (64, 64), arr.astype(dtype).tobytes())
    for fmt in ("PNG", "TIFF") if mode == "I;16" else ("TIFF",):
        data = encode(img, fmt)
        assert Image.open(io.BytesIO(data)).mode.startswith("I")
        out = preprocess_photo(data, fit="squash")[:, :, 0].astype(int)
        bands = [out[:, 16 * i + 4: 16 * i + 12] for i in range(4)]
        expected = np.rint(values / 257.0)
        for band, want in zip(bands, expected, strict=True):
            assert np.all(band == want), (fmt, band.min(), band.max(), want)


def test_32bit_integer_image_uses_its_own_range_above_16_bits():
    arr = np.zeros((64, 64), np.int32)
    arr[:, 32:] = 1_000_000  # beyond 16 bits: the data's own maximum is full scale
    arr[:, 16:32] = 500_000
    out = preprocess_photo(encode(Image.fromarray(arr), "TIFF"), fit="squash")[:, :, 0]
    assert np.all(out[:, :12] == 0) and np.all(out[:, 20:28] == 128) and np.all(out[:, 36:] == 255)


@pytest.mark.parametrize("low, high", [(0.0, 1.0), (0.0, 1000.0), (-1.0, 1.0)])
def test_float_tiff_is_scaled_by_its_range(low, high):
    arr = np.zeros((64, 64), np.float32)
    arr[:, :16], arr[:, 16:32], arr[:, 32:48], arr[:, 48:] = low, low + 0.25 * (high - low), \
        low + 0.5 * (high - low), high
    with np.errstate(all="raise"):
        out = preprocess_photo(encode(Image.fromarray(arr), "TIFF"), fit="squash")[:, :, 0].astype(int)
    expected = [0, 64, 128, 255]  # rint(255 · fraction of the range)
    for i, want in enumerate(expected):
        assert np.all(out[:, 16 * i + 4: 16 * i + 12] == want), (i, out[0, 16 * i + 8])


def test_dim_float_image_in_unit_range_stays_dim():
    arr = np.full((16, 16), 0.25, np.float32)  # [0, 1] data is not stretched to its own min..max
    assert np.all(preprocess_photo(encode(Image.fromarray(arr), "TIFF")) == 64)


def test_cmyk_jpeg_becomes_rgb():
    data = encode(Image.new("CMYK", (32, 32), (0, 255, 255, 0)), "JPEG", quality=95)  # pure red in CMYK
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    np.testing.assert_allclose(preprocess_photo(data).reshape(-1, 3).mean(axis=0), RED, atol=JPEG_TOL)


def test_one_bit_and_grayscale_become_grey_rgb():
    bits = Image.new("1", (32, 32), 0)
    bits.paste(1, (0, 0, 32, 16))  # top white, bottom black
    out = preprocess_photo(encode(bits, "PNG"))
    assert np.all(out[:24] == 255) and np.all(out[40:] == 0)
    grey = preprocess_photo(encode(Image.new("L", (20, 20), 100), "PNG"))
    assert np.all(grey == 100)


@pytest.mark.parametrize("fmt, options", [("WEBP", {"lossless": True}), ("BMP", {}), ("TIFF", {}),
                                          ("PNG", {}), ("JPEG", {"quality": 95}), ("GIF", {})])
def test_each_accepted_format_gives_the_photo(fmt, options):
    src = np.zeros((48, 48, 3), np.uint8)
    src[:24], src[24:] = (200, 30, 30), (30, 30, 200)
    out = preprocess_photo(encode(Image.fromarray(src), fmt, **options)).astype(int)
    reference = block_mean(np.repeat(np.repeat(src, 4, axis=0), 4, axis=1)[:256, :256], 64)
    tolerance = JPEG_TOL if fmt in ("JPEG", "GIF") else 0
    assert np.abs(out[:28] - reference[:28]).max() <= tolerance
    assert np.abs(out[36:] - reference[36:]).max() <= tolerance


# --- errors ----------------------------------------------------------------------------------------


def test_empty_file_gives_clear_error():
    assert_clear_error(b"", "empty", "empty")


def test_text_file_renamed_jpg_gives_clear_error():
    assert_clear_error(b"Dear diary, today I saw a cat.\n" * 20, "not_an_image", "JPEG", "PNG")


def test_truncated_jpeg_gives_clear_error():
    data = encode(Image.fromarray(gradient(400, 300)), "JPEG", quality=90)
    assert_clear_error(data[: len(data) // 2], "corrupted", "JPEG", "damaged")


def test_truncated_png_gives_clear_error():
    data = encode(Image.fromarray(gradient(400, 300)), "PNG")
    assert_clear_error(data[: len(data) // 2], "corrupted", "PNG")


def jpeg_header_length(data: bytes) -> int:
    """Bytes up to the start of the compressed pixels (end of the SOS marker segment)."""
    sos = data.index(b"\xff\xda")
    return sos + 2 + int.from_bytes(data[sos + 2: sos + 4], "big")


@pytest.mark.parametrize("fmt, keep", [("PNG", 33), ("GIF", 13), ("JPEG", None)])  # bytes of header kept
def test_garbage_after_a_valid_header_gives_clear_error(fmt, keep):
    data = encode(Image.new("RGB", (64, 64), RED), fmt)
    keep = keep or jpeg_header_length(data)
    garbage = np.random.default_rng(3).integers(0, 256, 4000, dtype=np.uint8).tobytes()
    err = assert_clear_error(data[:keep] + garbage, "corrupted")
    assert err.params["format"] == fmt


def test_photo_over_the_pixel_cap_is_refused_before_decoding():
    side = 9000  # 81 megapixels > MAX_PIXELS; the file itself holds one pixel, so decoding would fail
    assert side * side > MAX_PIXELS
    err = assert_clear_error(png_with_size(side, side), "too_large", "9000×9000", "megapixels")
    assert err.params["limit"] == MAX_PIXELS // 1_000_000


def test_a_12_megapixel_header_passes_the_cap():
    assert MAX_PIXELS >= 4000 * 3000  # a 12-megapixel phone photo
    assert_clear_error(png_with_size(4000, 3000), "corrupted")  # refused only because the pixels are missing


def test_decompression_bomb_is_refused():
    assert MAX_PIXELS < Image.MAX_IMAGE_PIXELS  # our cap is the stricter one, so it applies first
    assert_clear_error(png_with_size(30000, 30000), "bomb", "megapixels")  # 900 MP: Pillow's bomb error
    assert_clear_error(png_with_size(10000, 10000), "bomb")  # 100 MP: Pillow's bomb warning


@pytest.mark.parametrize("fmt", ["ICO", "PPM"])
def test_unsupported_format_names_it_and_the_allowed_ones(fmt):
    data = encode(Image.new("RGB", (16, 16), RED), fmt)
    err = assert_clear_error(data, "unsupported_format", fmt, "JPEG, PNG, WebP, BMP, GIF, TIFF")
    assert err.params["found"] == fmt


def test_pdf_is_named_as_unsupported():
    assert_clear_error(b"%PDF-1.7\n" + b"0" * 200, "unsupported_format", "PDF")


def test_truncated_images_stay_refused_globally():
    data = encode(Image.fromarray(gradient(400, 300)), "JPEG")
    with pytest.raises(LogitLabError):
        preprocess_photo(data[: len(data) * 3 // 4])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_every_error_key_is_translated_with_the_same_placeholders():
    en, zh = catalogue("en"), catalogue("zh")
    assert en.keys() == zh.keys()
    for key in en:
        assert set(re.findall(r"\{(\w+)\}", en[key])) == set(re.findall(r"\{(\w+)\}", zh[key])), key
        assert re.search(r"[\u4e00-\u9fff]", zh[key]), key
