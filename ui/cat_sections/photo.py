"""Photo in: an upload, a camera shot (behind a toggle) or a test-set example, and the pipeline from
the file to the model's (12288, 1) input with a shape badge at every stage.

Uploads are read with ``getvalue()`` and never written to disk; they live in this session only, and
each is decoded once per session (``once_per_upload``): reruns reuse the result. Large photos are
decoded in a worker process by core.data.image.
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.data.image import FITS, FORMAT_NAMES, PHOTO_SUFFIXES, enlarge, photo_stages
from core.errors import LogitLabError
from core.lessons.explain import flat_preview, photo_column
from ui.cat_sections.common import show_error
from ui.cat_sections.upload_cache import once_per_upload
from ui.i18n import listing, t
from ui.safe_text import escape_markdown
from ui.uploader import camera_input, file_uploader
from ui.url_state import keep, link_index

UPLOAD_TYPES = sorted(suffix.lstrip(".") for suffix in PHOTO_SUFFIXES)  # what the uploader offers
ENLARGE = 4  # the 64×64 model input is shown as 256×256 blocks of pixels
DEFAULT_EXAMPLE = 1  # a test-set cat the shipped model gets right


@dataclass(frozen=True)
class Photo:
    """The photo the page explains."""

    name: str
    model_input: np.ndarray  # (64, 64, 3) uint8
    stages: object = None  # core.data.image.PhotoStages for uploads and camera shots, None for examples
    label: int | None = None  # the true label of a test-set example


def _example(data, own_photo: bool) -> int | None:
    """The test-set slider; disabled, with a one-line note, while an upload or camera shot is shown."""
    if data is None:
        return None
    last = data.test_y.shape[1] - 1
    index = st.slider(t("cat.example_label"), 0, last, DEFAULT_EXAMPLE, key="cat_example", bind="query-params",
                      help=t("cat.example_help"), disabled=own_photo)
    if own_photo:
        st.caption(t("visual.example_disabled"))
    return index


def choose_photo(data) -> Photo | None:
    """The widgets of the "photo in" block; returns the photo to explain (None after an error)."""
    left, right = st.columns(2)
    upload = file_uploader(left, t("cat.upload_label"), types=UPLOAD_TYPES, key="cat_upload",
                           help=t("cat.upload_help", formats=listing(FORMAT_NAMES)))
    camera_on = right.toggle(t("cat.camera_toggle"), key="cat_camera_on", help=t("cat.camera_help"))
    shot = camera_input(right, t("cat.camera_label"), key="cat_camera") if camera_on else None
    fit = right.radio(t("cat.fit_label"), FITS, link_index("cat_fit", FITS), format_func=lambda f: t(f"cat.fit_{f}"),
                      key="cat_fit", horizontal=True, help=t("cat.fit_help"))
    keep("cat_fit", fit)
    source = shot if shot is not None else upload
    index = _example(data, own_photo=source is not None)
    if source is not None:
        try:
            stages = decoded_photo(source, fit)
        except LogitLabError as err:
            show_error(err)
            return None
        return Photo(source.name, stages.model_input, stages)
    if index is None:
        st.info(t("cat.no_photo"))
        return None
    return Photo(t("cat.example_name", index=index), data.test_x_orig[index], label=int(data.test_y[0, index]))


def decoded_photo(source, fit: str):
    """The upload's PhotoStages, decoded once per session for each (file, fit)."""
    def decode():
        return photo_stages(source.getvalue(), fit=fit, name=source.name)

    return once_per_upload("photo", (source.file_id, fit), decode)


def _stage(col, image, caption: str, badge: str) -> None:
    col.image(image, caption=caption, width="stretch")
    col.badge(badge, color="blue")


def show_pipeline(photo: Photo) -> None:
    """Uploaded (EXIF-corrected) → square → 64×64 model input → flattened (12288, 1) vector / 255."""
    st.subheader(t("cat.pipeline_title"))
    cols = st.columns(4)
    size = photo.model_input.shape
    if photo.stages is not None:
        width, height = photo.stages.original_size
        caption = t("cat.stage_uploaded", name=escape_markdown(photo.name))  # a file name is text, not Markdown
        _stage(cols[0], photo.stages.oriented, caption, f"{width}×{height}")
        side = photo.stages.square.shape[0]
        _stage(cols[1], photo.stages.square, t("cat.stage_square"), f"{side}×{side}")
    else:
        cols[0].info(t("cat.stage_example", name=photo.name))
    _stage(cols[2], enlarge(photo.model_input, ENLARGE), t("cat.stage_input"), "×".join(map(str, size)))
    x = photo_column(photo.model_input)
    rows = "\n".join(f"[{v:.3f}]" for v in flat_preview(x))
    cols[3].code(f"{rows}\n  ⋮", language=None)
    cols[3].caption(t("cat.stage_vector"))
    cols[3].badge(f"({x.shape[0]}, {x.shape[1]})", color="violet")
