"""The ONE photo preprocessing pipeline: any photo file's bytes -> the model's (64, 64, 3) uint8 input.

Every page and CLI calls ``preprocess_photo``; the classifier page shows the same steps with
``photo_stages``. A photo whose decoding would need more than ``IN_PROCESS_DECODE_BYTES`` is decoded
in a worker process with memory and time limits (``core.isolate``), so a hostile file cannot take
the server down; smaller photos, the usual case, are decoded right here. Both run the same private
steps, in this order:

1. ``_open``: read the header only, refuse empty files, non-images, formats outside
   ``ALLOWED_FORMATS``, anything above ``MAX_PIXELS`` and anything whose decoding would need more
   than ``MAX_DECODE_BYTES`` of memory (16-bit and float pixels counted at their real cost)
   before a single pixel is decoded; JPEGs are set to decode at a reduced scale (``draft``);
2. ``_decode``: the first frame is loaded, EXIF orientation applied and any mode (16-bit, float,
   CMYK, palette, alpha …) turned into 8-bit RGB, transparency on white;
3. ``_square_box``: the centre square (``fit="crop"``) or the whole photo (``fit="squash"``,
   as the course resized its photos), resized to 64×64 with ``RESAMPLE``.
"""

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core import isolate
from core.course import IMAGE_SIZE
from core.errors import LogitLabError

# The accepted photo formats, the one list: Pillow's format name -> (the name a student reads, file suffixes).
PHOTO_FORMATS = {"JPEG": ("JPEG", (".jpg", ".jpeg")), "PNG": ("PNG", (".png",)), "WEBP": ("WebP", (".webp",)),
                 "BMP": ("BMP", (".bmp",)), "GIF": ("GIF", (".gif",)), "TIFF": ("TIFF", (".tif", ".tiff"))}
ALLOWED_FORMATS = tuple(PHOTO_FORMATS)  # Pillow's format names we accept
FORMAT_NAMES = tuple(shown for shown, _ in PHOTO_FORMATS.values())  # ("JPEG", "PNG", "WebP", "BMP", "GIF", "TIFF")
ALLOWED_TEXT = ", ".join(FORMAT_NAMES)  # the list in an English sentence (pages join it in their language)
PHOTO_SUFFIXES = frozenset(s for _, suffixes in PHOTO_FORMATS.values() for s in suffixes)  # lower-case
FORMAT_ALIASES = {"MPO": "JPEG"}  # cameras' multi-picture JPEGs: Pillow calls them MPO, they are JPEGs
MEGAPIXEL = 1_000_000
MAX_PIXELS = 40 * MEGAPIXEL  # larger photos are refused before decoding (a 12-MP phone photo passes)
MIB = 1024 * 1024  # bytes per MiB
MAX_DECODE_BYTES = 512 * MIB  # estimated memory to decode one photo (a 40-MP 8-bit RGB PNG needs ~480 MiB)
IN_PROCESS_DECODE_BYTES = 32 * MIB  # photos needing more are decoded in a worker process (a 1-MP PNG: ~12 MiB)
PHOTO_LIMITS = isolate.Limits(memory_bytes=1536 * MIB, seconds=30.0)  # one large photo's worker
# Bytes per pixel of Pillow's decoded image by mode; "I;16…" modes use 2, all others 4.
STORED_BYTES = {"1": 1, "L": 1, "P": 1}
SIXTEEN_BIT_STORED = 2
DEFAULT_STORED = 4
# Extra bytes per pixel while turning the decoded image into RGB (see _to_rgb):
HIGH_DEPTH_WORK = 8 + 1 + 4  # float64 copy, 8-bit grey, RGB
ALPHA_WORK = 4 * 4  # RGBA, white background, composite, RGB
PLAIN_WORK = 4  # RGB copy
DRAFT_FACTOR = 4  # JPEGs are decoded at ≥ 4× the output size per side: fast, and the resize still averages
DISPLAY_MAX_SIDE = 512  # longest side of the images photo_stages returns for display
FITS = ("crop", "squash")
# LANCZOS: Pillow widens its kernel with the scale factor, so a big downscale averages every source
# pixel (no aliasing) and stays the sharpest of Pillow's filters; the draft step keeps it cheap.
RESAMPLE = Image.Resampling.LANCZOS
WHITE = (255, 255, 255, 255)  # transparent areas are composited on white
ALPHA_MODES = frozenset({"RGBA", "LA", "PA", "La", "RGBa"})  # modes with an alpha channel
SIXTEEN_BIT_MAX = 65535  # full scale of 16-bit images ("I;16…", and "I" holding 16-bit data)
FLOAT_MAX = 1.0  # full scale of float ("F") images when their values fit in [0, 1]
UINT8_MAX = 255
# Formats Pillow cannot open but a student may well upload: first bytes -> name (offset, bytes).
KNOWN_SIGNATURES = (
    (0, b"%PDF", "PDF"),
    (4, b"ftypheic", "HEIC"), (4, b"ftypheix", "HEIC"), (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
)
HEADER_UNREADABLE = "its header could not be read"  # the reason given when Pillow cannot parse a known format
# First bytes of the accepted formats: a file that starts like one but cannot be opened is damaged.
ACCEPTED_SIGNATURES = (
    (0, b"\xff\xd8\xff", "JPEG"), (0, b"\x89PNG\r\n\x1a\n", "PNG"), (0, b"GIF8", "GIF"),
    (8, b"WEBP", "WEBP"), (0, b"II*\x00", "TIFF"), (0, b"MM\x00*", "TIFF"),
)


@dataclass(frozen=True)
class PhotoStages:
    """What the classifier page shows: the photo, its square, and the 64×64 model input."""

    oriented: np.ndarray  # (H', W', 3) uint8: upright photo, longer side ≤ DISPLAY_MAX_SIDE
    original_size: tuple  # (width, height) of the upright photo as stored in the file
    square: np.ndarray  # (s, s, 3) uint8: centre square (or squashed photo), s ≤ DISPLAY_MAX_SIDE
    model_input: np.ndarray  # (64, 64, 3) uint8: exactly preprocess_photo(data, fit=fit)


def preprocess_photo(data: bytes, *, fit: str = "crop", size: int = IMAGE_SIZE, name: str = "photo") -> np.ndarray:
    """Photo file bytes -> (size, size, 3) uint8 RGB, the input the model expects.

    Raises LogitLabError (key ``errors_image.*``) for anything wrong with the file; ``name`` names it
    in the errors of a worker process (time or memory limit reached).
    """
    if _needs_worker(data, size):
        return _from_worker(data, fit, size, "input", name)["model_input"]
    rgb, _ = _decode(data, fit, size)
    return _resize_square(rgb, fit, size)


def photo_stages(data: bytes, *, fit: str = "crop", name: str = "photo") -> PhotoStages:
    """The pipeline's intermediate images for display, from one decode of ``data``."""
    if _needs_worker(data, IMAGE_SIZE):
        answer = _from_worker(data, fit, IMAGE_SIZE, "stages", name)
        return PhotoStages(answer["oriented"], tuple(int(n) for n in answer["original_size"]), answer["square"],
                           answer["model_input"])
    rgb, original_size = _decode(data, fit, IMAGE_SIZE)
    return PhotoStages(
        oriented=np.array(_fit_within(rgb, DISPLAY_MAX_SIDE)),
        original_size=original_size,
        square=np.array(_display_square(rgb, fit)),
        model_input=_resize_square(rgb, fit, IMAGE_SIZE),
    )


def decode_bytes(data: bytes, size: int = IMAGE_SIZE) -> int:
    """Estimated memory (bytes) to decode ``data`` into the model input, from its header alone.

    Raises the same LogitLabError as ``preprocess_photo`` for a file refused from its header.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        img, _ = _open(data, size)
    return _decode_cost(img)


def _needs_worker(data: bytes, size: int) -> bool:
    return not isolate.in_worker() and decode_bytes(data, size) > IN_PROCESS_DECODE_BYTES


def _from_worker(data: bytes, fit: str, size: int, want: str, name: str) -> dict:
    if fit not in FITS:
        raise ValueError(f"fit must be one of {FITS}, got {fit!r}")
    request = {"data": data, "fit": fit, "size": np.array(size), "want": want}
    return isolate.run_isolated("core.data.image:decode_request", request, file=name, limits=PHOTO_LIMITS)


def decode_request(request: dict) -> dict:
    """Worker target: a photo's bytes -> its model input (``want`` = "input") or all its stages ("stages")."""
    data, fit, size = request["data"].tobytes(), str(request["fit"]), int(request["size"])
    if str(request["want"]) == "input":
        return {"model_input": preprocess_photo(data, fit=fit, size=size)}
    stages = photo_stages(data, fit=fit)
    return {"oriented": stages.oriented, "original_size": np.array(stages.original_size), "square": stages.square,
            "model_input": stages.model_input}


def _decode_cost(img: Image.Image) -> int:
    """Bytes to decode ``img`` (already draft-reduced) and turn it into RGB: see _load, _upright, _to_rgb."""
    mode = img.mode
    stored = SIXTEEN_BIT_STORED if mode.startswith("I;16") else STORED_BYTES.get(mode, DEFAULT_STORED)
    if mode.startswith("I") or mode == "F":
        work = HIGH_DEPTH_WORK
    elif mode in ALPHA_MODES or "transparency" in img.info:
        work = ALPHA_WORK
    else:
        work = PLAIN_WORK
    width, height = img.size
    return width * height * (2 * stored + work)  # decoded frame + its upright copy + the conversion


def _decode(data: bytes, fit: str, size: int) -> tuple[Image.Image, tuple[int, int]]:
    """Bytes -> (upright 8-bit RGB image, possibly draft-reduced; (width, height) before reduction)."""
    if fit not in FITS:
        raise ValueError(f"fit must be one of {FITS}, got {fit!r}")
    with warnings.catch_warnings():
        # A bomb is an error, not a warning. (Filters are process-wide; were another thread to reset them,
        # MAX_PIXELS, stricter than Pillow's own limit, still refuses the photo right after opening.)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        img, header_size = _open(data, size)
        _load(img)
    upright = _upright(img)
    swapped = upright.size != img.size  # EXIF orientation 5-8 swaps width and height
    original_size = header_size[::-1] if swapped else header_size
    return _to_rgb(upright), tuple(original_size)


def _open(data: bytes, size: int) -> tuple[Image.Image, tuple[int, int]]:
    """Read the header only; refuse what is not an accepted photo, or is too large, before decoding.

    Returns the image (JPEGs set to decode at a reduced scale) and its (width, height) as stored.
    """
    if not data:
        raise LogitLabError("The file is empty (0 bytes). Please choose a photo.", key="errors_image.empty")
    try:
        img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large_unknown() from exc
    except UnidentifiedImageError as exc:
        raise _unidentified(data) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _corrupted("image", exc) from exc
    found = FORMAT_ALIASES.get(img.format, img.format)
    if found not in ALLOWED_FORMATS:
        raise LogitLabError(f"{found} images are not supported. Please use one of: {ALLOWED_TEXT}.",
                            key="errors_image.unsupported_format", found=found, allowed=ALLOWED_TEXT)
    width, height = img.size
    if width * height > MAX_PIXELS:
        limit = MAX_PIXELS // MEGAPIXEL
        raise LogitLabError(f"The photo is {width}×{height} pixels, which is more than the limit of {limit} "
                            f"megapixels. Please use a smaller photo.",
                            key="errors_image.too_large", width=width, height=height, limit=limit)
    if img.format in ("JPEG", "MPO"):
        img.draft("RGB", (DRAFT_FACTOR * size, DRAFT_FACTOR * size))  # JPEG decodes at 1/2, 1/4 or 1/8
    _check_decode_cost(img, width, height)
    return img, (width, height)


def _check_decode_cost(img: Image.Image, width: int, height: int) -> None:
    needed = _decode_cost(img)
    if needed > MAX_DECODE_BYTES:
        raise LogitLabError(
            f"Decoding this {width}×{height} photo ({img.mode}) would need about {needed // MIB} MB of memory; the "
            f"limit is {MAX_DECODE_BYTES // MIB} MB. Please use a smaller photo, or save it with 8 bits per colour.",
            key="errors_upload.photo_memory", width=width, height=height, mode=img.mode, needed=needed // MIB,
            limit=MAX_DECODE_BYTES // MIB)


def _load(img: Image.Image) -> None:
    """Decode the first frame's pixels; a damaged or cut-off file becomes a clear error."""
    try:
        img.load()  # ImageFile.LOAD_TRUNCATED_IMAGES stays False: a truncated file is refused
    except Image.DecompressionBombWarning as exc:
        raise _too_large_unknown() from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, MemoryError) as exc:
        raise _corrupted(FORMAT_ALIASES.get(img.format, img.format), exc) from exc


def _upright(img: Image.Image) -> Image.Image:
    """Apply the EXIF orientation tag (phones store photos sideways and set the tag)."""
    try:
        return ImageOps.exif_transpose(img)
    except (OSError, SyntaxError, ValueError, TypeError):  # a broken EXIF block: keep the photo as stored
        return img


def _to_rgb(img: Image.Image) -> Image.Image:
    """Any Pillow mode -> 8-bit RGB: high bit depths scaled by their range, alpha composited on white."""
    if img.mode.startswith("I") or img.mode == "F":
        return _scaled_to_rgb(img)
    try:
        if img.mode in ALPHA_MODES or "transparency" in img.info:
            rgba = img.convert("RGBA")  # a palette or colour-key transparency becomes an alpha channel
            return Image.alpha_composite(Image.new("RGBA", img.size, WHITE), rgba).convert("RGB")
        return img.convert("RGB")
    except ValueError as exc:  # e.g. LAB TIFFs: Pillow has no conversion to RGB
        raise LogitLabError(f"The photo uses the colour mode {img.mode}, which cannot be converted to RGB.",
                            key="errors_image.unsupported_mode", mode=img.mode) from exc


def _scaled_to_rgb(img: Image.Image) -> Image.Image:
    """16/32-bit integer or float grey -> 8-bit, scaled (never clipped) from its full range to 0..255.

    The range is the type's full scale (0..65535 for integers, 0..1 for floats) widened to the
    data's own minimum and maximum when values fall outside it, so 32896 / 65535 -> 128 and a
    float image holding 0..1000 spans 0..255.
    """
    values = np.array(img, dtype=np.float64)  # (H, W), our own copy: scaled in place below (memory)
    values[~np.isfinite(values)] = 0.0  # NaN/inf pixels (float TIFFs) count as 0
    full_scale = FLOAT_MAX if img.mode == "F" else SIXTEEN_BIT_MAX
    low = min(float(values.min(initial=0.0)), 0.0)
    high = max(float(values.max(initial=0.0)), full_scale)
    values -= low
    values *= UINT8_MAX / (high - low)
    grey = np.rint(values, out=values).astype(np.uint8)
    return Image.fromarray(grey).convert("RGB")


def _square_box(width: int, height: int, fit: str) -> tuple[int, int, int, int]:
    """(left, top, right, bottom): the centre square for "crop", the whole photo for "squash"."""
    if fit == "squash":
        return 0, 0, width, height
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    return left, top, left + side, top + side


def _resize_square(rgb: Image.Image, fit: str, size: int) -> np.ndarray:
    """The model input: the square of ``rgb`` cut out, then resized to (size, size, 3) uint8.

    Cropping first (rather than ``resize(box=...)``) keeps the filter from reaching outside the square.
    """
    square = rgb.crop(_square_box(*rgb.size, fit))
    return np.array(square.resize((size, size), RESAMPLE), dtype=np.uint8)


def _display_square(rgb: Image.Image, fit: str) -> Image.Image:
    """The square the model sees, at display size (side ≤ DISPLAY_MAX_SIDE)."""
    square = rgb.crop(_square_box(*rgb.size, fit))
    side = min(max(square.size), DISPLAY_MAX_SIDE)
    return square.resize((side, side), RESAMPLE)


def _fit_within(rgb: Image.Image, max_side: int) -> Image.Image:
    """``rgb`` downscaled (aspect kept) so its longer side is at most ``max_side``."""
    width, height = rgb.size
    scale = min(1.0, max_side / max(width, height))
    if scale == 1.0:
        return rgb
    return rgb.resize((max(1, round(width * scale)), max(1, round(height * scale))), RESAMPLE)


def _too_large_unknown() -> LogitLabError:
    limit = MAX_PIXELS // MEGAPIXEL
    return LogitLabError(f"This file claims to be an enormous image (far more than {limit} megapixels), "
                         f"so it was refused without decoding it.", key="errors_image.bomb", limit=limit)


def _unidentified(data: bytes) -> LogitLabError:
    """A file Pillow cannot open: a damaged JPEG/PNG/…, another format we can name (PDF, HEIC …), or no image."""
    for offset, magic, name in ACCEPTED_SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return _corrupted(name, HEADER_UNREADABLE)
    for offset, magic, name in KNOWN_SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return LogitLabError(f"{name} images are not supported. Please use one of: {ALLOWED_TEXT}.",
                                 key="errors_image.unsupported_format", found=name, allowed=ALLOWED_TEXT)
    return LogitLabError(f"This file is not an image (or not one that can be read). Please choose a photo in one "
                         f"of these formats: {ALLOWED_TEXT}. Renaming a file to .jpg does not make it a photo.",
                         key="errors_image.not_an_image", allowed=ALLOWED_TEXT)


def _corrupted(fmt: str, exc: BaseException | str) -> LogitLabError:
    reason = exc if isinstance(exc, str) else str(exc) or type(exc).__name__
    return LogitLabError(f"This {fmt} file is damaged or incomplete, so it could not be decoded ({reason}). "
                         f"Try exporting or downloading the photo again.",
                         key="errors_image.corrupted", format=fmt, reason=reason)


def enlarge(image: np.ndarray, factor: int) -> np.ndarray:
    """Nearest-neighbour upscaling by an integer factor: every pixel becomes a factor×factor block."""
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)
