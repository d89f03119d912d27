"""``download_button``: a button that downloads data the script gives it, served by URL.

Data given as a function is made when the download is asked for, as in Streamlit: the button's URL names a deferred
media entry (``porch.media``), and a request for it has the function called in a job on the session's worker thread
(``Session.submit``): script code never runs on the event loop, nor beside a run of its session. What it returns is
kept like any download, within the media memory limit, for that one response. What it raises is logged and shown in
the app (an ``error`` message ``download_failed``: a toast) and the request fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

from ..context import get_run
from ..errors import PorchAPIError
from ..media import extension_for, guess_type, safe_file_name
from ..protocol import error_message
from ..widgets import BOOL
from ._icons import icon_of
from ._layout import Width, choice_of, container_width, wrap_of
from ._media_sources import download_content, read_data
from ._place import Args, Block, Kwargs, WidgetProps, form_of, show_widget, widget_id_at
from ._served import session_media
from ._shortcut import shortcut_of
from .button import ICON_POSITIONS, ButtonType

log = logging.getLogger("porch.download_button")

BUTTON_TYPES = ("primary", "secondary", "tertiary")


class Props(WidgetProps):
    url: str
    file_name: str
    type: str
    icon: str | None
    #: "left" or "right": which side of the label the icon is on.
    icon_position: str
    #: "content" (as wide as the label), "stretch" or pixels.
    width: str | int
    #: Whether a click reruns the script (``on_click="ignore"`` does not).
    rerun: bool
    #: The keyboard shortcut that clicks it, normalized, or None; and whether a long label wraps (see ``button``).
    shortcut: str | None
    wrap: bool | None


def download_button(
    place: Block,
    label: str,
    data: Any,
    file_name: str | None = None,
    mime: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_click: Callable[..., Any] | Literal["rerun", "ignore"] | None = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """Show a button that downloads ``data`` (str, bytes, a file-like object) as ``file_name``.

    ``data`` may also be a function taking no arguments that returns one of those: it is called only when the user
    downloads, each time, so costly data (a large CSV, a report) is made only when wanted. It runs outside the
    script's run (between runs, on the session's thread): it computes data, and Porch calls in it are an error.
    What it raises is shown in the app and fails that download. Give ``file_name`` or ``mime`` with a function:
    the content type cannot be guessed from data not made yet (it is ``application/octet-stream`` otherwise).

    Return True in the run its click caused; ``on_click="ignore"`` downloads without a rerun (and so never returns
    True), a function runs before the rerun. ``mime`` is the content type (guessed from the name by default).
    ``type``, ``icon``, ``icon_position``, ``width``, the deprecated ``use_container_width``, ``shortcut`` (a key
    that clicks it, e.g. ``"Ctrl+S"``) and ``wrap`` are those of ``button``.
    """
    call = f"download_button({label!r})"
    if form_of(place) is not None:
        raise PorchAPIError(f"download_button({label!r}) cannot be used inside a form.")
    if type not in BUTTON_TYPES:
        raise PorchAPIError(f"type must be one of {BUTTON_TYPES}, not {type!r}")
    if not (on_click is None or on_click in ("rerun", "ignore") or callable(on_click)):
        raise PorchAPIError(f"on_click must be a function, 'rerun' or 'ignore', not {on_click!r}")
    shown_shortcut, shown_wrap = shortcut_of(shortcut, call), wrap_of(wrap, call)
    identity_params = {  # Streamlit's compute_and_register_element_id("download_button", ...)
        "icon": icon, "file_name": file_name, "mime": mime, "help": help, "type": type, "width": width,
        "icon_position": icon_position, "shortcut": shown_shortcut,
    }
    if callable(data) and not callable(getattr(data, "read", None)):
        content_type = mime or guess_type(file_name or "") or "application/octet-stream"
        name = safe_file_name(file_name) if file_name else f"download.{extension_for(content_type)}"
        url = session_media().add_deferred(
            widget_id_at(place, "download_button", key, str(label), identity_params),
            _maker(data, call),
            get_run().session.submit,
            content_type,
            download_name=name,
        )
    else:
        content = download_content(data, mime, file_name or "")
        name = safe_file_name(file_name) if file_name else f"download.{extension_for(content.content_type)}"
        url = session_media().add(content.source, content.content_type, download_name=name)
    result: bool = show_widget(
        place,
        "download_button",
        str(label),
        {
            "url": url,
            "file_name": name,
            "type": type,
            "icon": icon_of(icon, call),
            "icon_position": choice_of(icon_position, ICON_POSITIONS, call, "icon_position"),
            "width": container_width(use_container_width, width, call, default="content"),
            "rerun": on_click != "ignore",
            "shortcut": shown_shortcut,
            "wrap": shown_wrap,
        },
        key=key,
        default=False,
        codec=BOOL,
        help=help,
        disabled=disabled,
        on_change=on_click if callable(on_click) else None,
        args=args,
        kwargs=kwargs,
        trigger=True,
        identity_params=identity_params,
    )
    return result


def _maker(function: Callable[[], Any], call: str) -> Callable[[], bytes]:
    """What makes a deferred download's bytes: ``function``, called on the session's worker when the download is
    asked for. A failure is shown in the app, then fails the request."""
    session = get_run().session

    def make() -> bytes:
        try:
            return read_data(function(), f"{call}: what data() returns")
        except Exception as exc:
            log.warning("%s: the data function raised %s: %s", call, type(exc).__name__, exc, exc_info=exc)
            session.notify(error_message("download_failed", f"{call}: making the download failed: {exc!r}"))
            raise

    return make
