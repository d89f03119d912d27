"""``streamlit.runtime``: whether a runtime is serving this script (``exists()``), and the script run context."""

from __future__ import annotations

from ...context import current_run
from ...upload_store import UploadedFile as UploadedFile


def exists() -> bool:
    """True when the calling code runs under Porch's engine or AppTest, as it is whenever a script run is going.

    Streamlit answers True once its runtime exists in the process; here a script (or a thread given the run's
    context with ``add_script_run_ctx``) asks from inside a run, so that is what is checked.
    """
    return current_run.get() is not None
