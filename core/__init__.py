"""Porch: turn a Python script into an app that runs on a desktop, on a network, or both.

Write the app as a plain script against this module (``import porch as st``) and run it with ``porch run app.py``.
Every element function here writes into the main area, or into the innermost ``with`` container; the same functions
exist as methods of ``sidebar`` and of every container (``col.button(...)``).

``import porch`` stays light: the engine (tornado) is imported by the shells, not here.
"""

from pathlib import Path as _Path

from ._version import __version__
from .api.container import Container, main as _main, sidebar
from .api.control import rerun, session_state, set_page_config, stop
from .errors import DuplicateWidgetError, PorchAPIError
from .runtime_view import runtime

# packaging/ has no __init__.py so that it can never shadow the `packaging` distribution when the repo root is on
# sys.path; porch.packaging is therefore a namespace portion. A wheel carries it inside porch/; in the source tree
# (an editable install) it lies beside core/, where the import system finds it through the folder added here.
if _Path(__file__).parent.name == "core" and (_Path(__file__).parents[1] / "packaging" / "hooks").is_dir():
    __path__.append(str(_Path(__file__).parents[1]))

# Text
title = _main.title
header = _main.header
subheader = _main.subheader
markdown = _main.markdown
caption = _main.caption
text = _main.text
code = _main.code
json = _main.json
divider = _main.divider
info = _main.info
success = _main.success
warning = _main.warning
error = _main.error
exception = _main.exception
progress = _main.progress
spinner = _main.spinner
empty = _main.empty
write = _main.write
# Widgets
button = _main.button
form_submit_button = _main.form_submit_button
checkbox = _main.checkbox
toggle = _main.toggle
radio = _main.radio
selectbox = _main.selectbox
multiselect = _main.multiselect
slider = _main.slider
select_slider = _main.select_slider
number_input = _main.number_input
text_input = _main.text_input
text_area = _main.text_area
# Layout
container = _main.container
columns = _main.columns
tabs = _main.tabs
expander = _main.expander
form = _main.form

__all__ = [
    "Container", "DuplicateWidgetError", "PorchAPIError", "__version__", "button", "caption", "checkbox", "code",
    "columns", "container", "divider", "empty", "error", "exception", "expander", "form", "form_submit_button",
    "header", "info", "json", "markdown", "multiselect", "number_input", "progress", "radio", "rerun", "runtime",
    "select_slider", "selectbox", "session_state", "set_page_config", "sidebar", "slider", "spinner", "stop",
    "subheader", "success", "tabs", "text", "text_area", "text_input", "title", "toggle", "warning", "write",
]
