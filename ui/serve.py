"""Start Logit Lab: `python -m ui.serve [streamlit options]` is `streamlit run app.py` made
safe for deep links.

Streamlit decides at start-up whether an app uses the legacy `pages/` folder. Until some
session has run app.py (which routes with st.navigation), a first request for a deep link
such as /descent?gd_learning_rate=0.5 runs pages/descent.py on its own, without the router
and the shared sidebar, and every later session inherits that. Logit Lab keeps its pages in
pages/ as the house layout says, so this launcher tells Streamlit up front that the app
routes with st.navigation.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui import cpu_log

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv=None) -> None:
    """Run the Streamlit server for app.py with the given extra command-line options."""
    PagesManager.uses_pages_directory = False  # app.py routes with st.navigation
    if cpu_log.enabled():  # the load test's per-page CPU accounting (LOGITLAB_CPU_LOG=1)
        cpu_log.install()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
