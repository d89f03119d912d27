"""``file_uploader``: files reach the session over HTTP (``porch.http.upload``); the widget's value names them by id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Protocol, TypedDict, overload

from ..context import get_run
from ..errors import PorchAPIError
from ..upload_store import Accept, UploadedFile, UploadStore, file_ids, normalize_types
from ..widgets import Codec
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget, widget_id_at

FileTypes = str | Sequence[str] | None


class FileInfo(TypedDict):
    id: str
    name: str
    size: int
    type: str


class Props(WidgetProps):
    #: Accepted extensions and MIME types, or None for any.
    type: list[str] | None
    multiple: bool
    #: The user picks a folder: every file in it (and its subfolders) that ``type`` accepts is uploaded.
    directory: bool
    max_bytes: int
    files: list[FileInfo]
    #: "stretch", "content" or pixels.
    width: str | int


def file_uploader(
    place: Block,
    label: str,
    type: FileTypes = None,
    accept_multiple_files: bool | Literal["directory"] = False,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    max_upload_size: int | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
) -> UploadedFile | list[UploadedFile] | None:
    """Let the user upload one file (``None`` until then) or several (a list); each is an :class:`UploadedFile`.

    ``accept_multiple_files=True`` takes several files; ``"directory"`` lets the user pick a folder, whose files
    (those ``type`` accepts, in its subfolders too) are uploaded, and returns them as a list.

    ``type`` limits what is accepted: extensions with or without the dot (``"csv"``, ``[".png", "jpg"]``), MIME
    types (``"image/png"``, ``"image/*"``) or a family (``"image"``). The server enforces it too.
    ``max_upload_size`` is the largest file this uploader takes, in megabytes (MiB); it never raises the server's
    own limit (``max_upload_mb``). ``width`` is "stretch" (the default), "content" or pixels. ``on_change`` is a
    function run before the rerun a change causes, or "rerun" (the default).
    """
    call = f"file_uploader({label!r})"
    try:
        types = normalize_types(type)
    except TypeError as exc:
        raise PorchAPIError(f"{call}: {exc}") from None
    if max_upload_size is not None and (
        isinstance(max_upload_size, bool) or not isinstance(max_upload_size, (int, float)) or max_upload_size <= 0
    ):
        raise PorchAPIError(f"{call}: max_upload_size must be a positive number of megabytes, not {max_upload_size!r}")
    shown_width = width_of(width, call)
    directory = isinstance(accept_multiple_files, str) and accept_multiple_files == "directory"
    multiple = bool(accept_multiple_files) or directory
    uploads = get_run().session.uploads
    max_bytes = uploads.max_file_bytes
    if max_upload_size is not None:
        max_bytes = min(max_bytes, int(max_upload_size * 1024 * 1024))
    identity_params = {  # Streamlit's compute_and_register_element_id("file_uploader", ...)
        "max_upload_size": max_upload_size, "type": list(types), "accept_multiple_files": accept_multiple_files,
        "help": help, "width": width,
    }
    widget = widget_id_at(place, "file_uploader", key, str(label), identity_params)
    uploads.expect(widget, Accept(types=types, multiple=multiple, disabled=bool(disabled), max_bytes=max_bytes))
    value = show_widget(
        place,
        "file_uploader",
        str(label),
        {
            "type": list(types) or None,
            "multiple": multiple,
            "directory": directory,
            "max_bytes": max_bytes,
            "width": shown_width,
        },
        key=key,
        default=[] if multiple else None,
        codec=_files_codec(uploads, widget, multiple),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        read_only=True,
        value_props=_describe,
        identity_params=identity_params,
        keyed_identity=("type", "accept_multiple_files", "max_upload_size"),
    )
    if value is None:
        return None
    if isinstance(value, UploadedFile):
        value.seek(0)
        return value
    for file in value:
        file.seek(0)
    return list(value)


def _files_codec(uploads: UploadStore, widget: str, multiple: bool) -> Codec:
    """The wire value is the list of the ids of the uploaded files; the value the files (a list, or one or None)."""

    def to_wire(value: Any) -> list[str]:
        if multiple != isinstance(value, list):
            raise ValueError("expected a list of files" if multiple else "expected one file or None")
        return file_ids(value)

    def from_wire(ids: Any) -> Any:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
            raise ValueError("expected a list of distinct file ids")
        if not multiple and len(ids) > 1:
            raise ValueError("this file_uploader takes one file")
        files = uploads.files(widget, ids)
        return files if multiple else (files[0] if files else None)

    return Codec(to_wire=to_wire, from_wire=from_wire)


def _describe(value: Any) -> dict[str, list[FileInfo]]:
    files = value if isinstance(value, list) else [] if value is None else [value]
    return {"files": [{"id": f.file_id, "name": f.name, "size": f.size, "type": f.type} for f in files]}


class FileUploader(Protocol):
    """``file_uploader`` as a script sees it: one file or None, or a list with ``accept_multiple_files=True``."""

    @overload
    def __call__(
        self,
        label: str,
        type: FileTypes = None,
        accept_multiple_files: Literal[False] = False,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        max_upload_size: int | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
        width: Width = "stretch",
    ) -> UploadedFile | None: ...

    @overload
    def __call__(
        self,
        label: str,
        type: FileTypes = None,
        *,
        accept_multiple_files: Literal[True, "directory"],
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        max_upload_size: int | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
        width: Width = "stretch",
    ) -> list[UploadedFile]: ...

    @overload
    def __call__(
        self,
        label: str,
        type: FileTypes = None,
        accept_multiple_files: bool | Literal["directory"] = False,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        max_upload_size: int | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
        width: Width = "stretch",
    ) -> UploadedFile | list[UploadedFile] | None: ...
