"""What ``camera_input`` and ``audio_input`` share: one file the browser captures from a device (a photo, a
recording) and uploads as a ``file_uploader``'s file is uploaded (``porch.http.upload``, into the session's
:class:`~porch.upload_store.UploadStore`). The wire value is the list of the ids of the files it holds, none or one;
the value the script sees is that :class:`UploadedFile`, or None.

The file the value holds is also served from the session's media (``url``), so the widget shows the photo or plays
the recording it holds after a reload or in another tab, from the bytes the script received.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..context import get_run
from ..upload_store import Accept, UploadedFile, UploadStore, file_ids
from ..widgets import Codec
from ._place import Args, Block, Kwargs, OnChange, show_widget, widget_id_at
from ._served import session_media


def show_capture(
    place: Block,
    kind: str,
    label: str,
    props: Mapping[str, Any],
    *,
    types: tuple[str, ...],
    key: str | None,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
) -> UploadedFile | None:
    """Show a capture widget of ``kind`` taking one file of a MIME type among ``types``; return its file or None.
    Adds the props ``max_bytes`` (the largest file the server takes) and ``url`` (where the held file is served)."""
    uploads = get_run().session.uploads
    # Streamlit's compute_and_register_element_id(kind, ...), key_as_main_identity=True: help, width and the
    # device's setting (a camera's resolution, a recording's sample rate), all in ``props``.
    identity_params = {"help": help, **props}
    widget = widget_id_at(place, kind, key, str(label), identity_params)
    uploads.expect(widget, Accept(types=types, disabled=bool(disabled)))
    value = show_widget(
        place,
        kind,
        str(label),
        {**props, "max_bytes": uploads.max_file_bytes},
        key=key,
        default=None,
        codec=one_file_codec(uploads, widget),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        read_only=True,
        value_props=_served,
        identity_params=identity_params,
    )
    if not isinstance(value, UploadedFile):
        return None
    value.seek(0)
    return value


def one_file_codec(uploads: UploadStore, widget: str) -> Codec:
    """Wire: the ids of the files the widget holds (at most one), which must have been uploaded to ``widget``."""

    def to_wire(value: Any) -> list[str]:
        if value is not None and not isinstance(value, UploadedFile):
            raise ValueError("expected an uploaded file or None")
        return file_ids(value)

    def from_wire(ids: Any) -> UploadedFile | None:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or len(ids) > 1:
            raise ValueError("expected a list of at most one file id")
        files = uploads.files(widget, ids)
        return files[0] if files else None

    return Codec(to_wire=to_wire, from_wire=from_wire)


def _served(value: Any) -> dict[str, str | None]:
    if not isinstance(value, UploadedFile):
        return {"url": None}
    return {"url": session_media().add(value.getvalue(), value.type)}
