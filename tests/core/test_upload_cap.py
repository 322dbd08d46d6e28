"""The 10 MB upload cap is one number: core's check and Streamlit's own limit in .streamlit/config.toml agree."""

import tomllib

from core.data.byod import MAX_UPLOAD_BYTES
from tests.conftest import ROOT

MIB = 1024 * 1024  # Streamlit counts server.maxUploadSize in MiB
README_CAP_MB = 10  # the cap the README and the upload captions promise


def test_core_cap_equals_streamlits_max_upload_size():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert MAX_UPLOAD_BYTES == config["server"]["maxUploadSize"] * MIB == README_CAP_MB * MIB
