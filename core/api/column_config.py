"""``porch.column_config``: how ``dataframe`` shows each column, as Streamlit 1.67's ``st.column_config``.

Each function returns a plain dict (a :class:`ColumnConfig`), given as a value of ``column_config``::

    st.dataframe(df, column_config={
        "price": st.column_config.NumberColumn("Price", format="dollar"),
        "site": st.column_config.LinkColumn("Website", display_text="Open"),
        "trend": st.column_config.LineChartColumn("Last 30 days", y_min=0),
        "notes": None,                      # hidden
        "_index": "Row",                    # the index column's label
    })

Common to all: ``label`` (the header; the column's name by default), ``width`` (``"small"``, ``"medium"``,
``"large"`` or pixels; by default it fits the header and the first rows), ``help`` (a tooltip on the header),
``pinned`` (kept at the left while the table scrolls sideways; index columns are pinned by default), ``alignment``
(``"left"``, ``"center"``, ``"right"``). The editing options (``disabled``, ``required``, ``default``, ``min_value``,
``max_value``, ``max_chars``, ``validate``, a selectbox's or multiselect's ``options``, ``accept_new_options``) apply
in ``data_editor``: a disabled column is read-only, a required one may not be emptied and a new row must fill it,
``default`` is what a new row holds, the bounds, ``max_chars``, ``validate`` (a regular expression) and ``options``
limit what the user enters. A ``dataframe`` is read-only: there they change nothing shown (``format_func``'s labels,
a multiselect's ``color`` and a date-time column's ``timezone`` show in both). ``step`` is the precision of a number
column's values (shown with as many decimals; in ``data_editor`` what is entered is rounded to it), and the picker's
interval of a date (days), time or datetime column (seconds, or a ``timedelta``) in ``data_editor``; a time or
date-time column's step of a minute or more shows hours and minutes, one below a second milliseconds.
"""

from __future__ import annotations

import datetime
import itertools
import re
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypedDict, overload

from ..elements._button_column import ButtonColumnClickState as ButtonColumnClickState
from ..elements._button_column import ButtonColumnResult as ButtonColumnResult
from ..errors import PorchAPIError

Width = Literal["small", "medium", "large"] | int | None
Alignment = Literal["left", "center", "right"] | None
NumberFormat = str | None


class ColumnConfig(TypedDict, total=False):
    """One column's configuration, as Streamlit's ``ColumnConfig``: ``type_config`` holds the column type and its
    options (``{"type": "number", "format": "%.2f"}``)."""

    label: str | None
    width: Width
    help: str | None
    hidden: bool | None
    disabled: bool | None
    required: bool | None
    pinned: bool | None
    alignment: Alignment
    default: Any
    type_config: dict[str, Any] | None


def _config(label: str | None, width: Width, help: str | None, pinned: bool | None, alignment: Alignment = None,
            *, disabled: bool | None = None, required: bool | None = None, default: Any = None,
            type_config: dict[str, Any] | None = None) -> ColumnConfig:
    config: ColumnConfig = {"label": label, "width": width, "help": help, "pinned": pinned, "alignment": alignment,
                            "disabled": disabled, "required": required, "default": default}
    if type_config is not None:
        config["type_config"] = {key: value for key, value in type_config.items() if value is not None}
    return config


def Column(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column shown as its data's type shows it, with a ``label``, ``width``, ``help`` tooltip, ``pinned`` to the
    left, and an ``alignment``; in ``data_editor``, ``disabled`` makes it read-only and ``required`` keeps it filled."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required)


def TextColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
) -> ColumnConfig:
    """A column of text: each cell's value as text. In ``data_editor``: ``max_chars`` and ``validate`` (a regular
    expression the text must match) limit what is entered, ``default`` is what a new row holds."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "text", "max_chars": max_chars, "validate": validate})


def NumberColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: int | float | None = None,
    format: NumberFormat = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
) -> ColumnConfig:
    """A column of numbers, right-aligned. ``format`` is printf-style (``"%.2f"``, ``"$ %d"``, ``"%d ⭐"``) or one of
    ``"plain"``, ``"localized"``, ``"percent"``, ``"dollar"``, ``"euro"``, ``"yen"``, ``"accounting"``,
    ``"compact"``, ``"scientific"``, ``"engineering"``. In ``data_editor``, ``min_value`` and ``max_value`` bound what
    is entered and ``default`` is what a new row holds. ``step`` is the precision of the numbers: values are shown
    with its decimals (``0.01``: two) unless ``format`` is printf-style, and what is entered is rounded to them."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "number", "format": format, "min_value": min_value, "max_value": max_value,
                                "step": step})


def CheckboxColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: bool | None = None,
) -> ColumnConfig:
    """A column of booleans, shown as check boxes (that toggle in ``data_editor``; ``default``: a new row's)."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "checkbox"})


def SelectboxColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Any = None,
    options: Iterable[Any] | None = None,
    format_func: Callable[[Any], str] | None = None,
) -> ColumnConfig:
    """A column of choices among ``options``; in ``data_editor`` a cell is edited by picking one of them, and
    ``default`` is what a new row holds. ``format_func`` gives each option's label: the cells and the list show the
    labels, the edits and the data hold the options themselves (as Streamlit, which sends ``{value, label}``
    options)."""
    listed = None if options is None else list(options)
    if listed and format_func is not None:
        listed = [{"value": option, "label": str(format_func(option))} for option in listed]
    return _config(label, width, help, pinned, disabled=disabled, required=required, default=default,
                   type_config={"type": "selectbox", "options": listed})


def MultiselectColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Iterable[Any] | None = None,
    options: Iterable[Any] | None = None,
    accept_new_options: bool | None = None,
    color: str | Iterable[str] | None = None,
    format_func: Callable[[Any], str] | None = None,
) -> ColumnConfig:
    """A column of lists of choices, each item shown as a chip. In ``data_editor`` a cell is edited by picking
    ``options`` (and, with ``accept_new_options``, typing others); ``default`` is what a new row holds.
    ``format_func`` gives each option's label (the edits and the data hold the options themselves); ``color`` is one
    colour for every chip or colours taken in turn by the options: ``"auto"`` (the chart palette), ``"primary"``, a
    CSS colour name, hex, ``rgb()``/``rgba()`` or ``hsl()``/``hsla()``. As Streamlit, options are text."""
    listed: list[dict[str, Any]] | None = None
    if options is not None:
        colors: Iterator[str] | None = None
        if isinstance(color, str):
            colors = itertools.repeat(color)
        elif color is not None:
            palette = [str(item) for item in color]
            colors = itertools.cycle(palette) if palette else None
        listed = []
        for option in options:
            entry: dict[str, Any] = {"value": option}
            if format_func is not None:
                entry["label"] = str(format_func(option))
            if colors is not None:
                entry["color"] = next(colors)
            listed.append(entry)
    return _config(label, width, help, pinned, disabled=disabled, required=required,
                   default=None if default is None else list(default),
                   type_config={"type": "multiselect", "options": listed, "accept_new_options": accept_new_options})


def LinkColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
    display_text: str | None = None,
) -> ColumnConfig:
    """A column of URLs shown as links that open in a new tab (http, https and mailto only; anything else is text).
    ``display_text`` is the text shown instead of the URL; a regular expression with a group shows the group's match
    in the URL (``"https://(.*?)\\.example\\.com"``). In ``data_editor`` it is edited as text: ``max_chars`` and
    ``validate`` limit it, ``default`` is what a new row holds."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "link", "display_text": display_text, "max_chars": max_chars,
                                "validate": validate})


def DatetimeColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: datetime.datetime | None = None,
    format: str | None = None,
    min_value: datetime.datetime | None = None,
    max_value: datetime.datetime | None = None,
    step: int | float | datetime.timedelta | None = None,
    timezone: str | None = None,
) -> ColumnConfig:
    """A column of dates and times. ``format`` is made of moment.js tokens (``"D MMM YYYY, h:mm a"``) or one of
    ``"localized"``, ``"distance"``, ``"calendar"``, ``"iso8601"``. In ``data_editor``, ``min_value`` and
    ``max_value`` bound what is entered and ``default`` is what a new row holds; ``step`` is the picker's interval in
    seconds (or a ``timedelta``; 1 second by default). ``timezone`` (an IANA name, ``"Europe/Berlin"``, or an
    offset, ``"+05:30"``) is the zone the values are shown and edited in (values without a zone are read as UTC, as
    Streamlit reads them); an edit comes back as Streamlit's: an instant in UTC (``"...Z"``)."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "datetime", "format": format, "min_value": min_value,
                                "max_value": max_value, "step": step, "timezone": _timezone(timezone)})


#: A fixed offset from UTC as a time zone: ``+05:30``, ``-08:00``.
_OFFSET = re.compile(r"^[+-](?:[01]\d|2[0-3]):?[0-5]\d$")
#: What an IANA time zone name looks like (``America/Argentina/Buenos_Aires``, ``Etc/GMT+5``).
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$")


def _timezone(zone: str | None) -> str | None:
    """``timezone`` of a date-time column, checked: an IANA name or an offset (the client converts with them)."""
    if zone is None:
        return None
    if isinstance(zone, str) and _OFFSET.match(zone):
        return zone
    if isinstance(zone, str) and zone and "\x00" not in zone:
        try:
            zoneinfo.ZoneInfo(zone)
            return zone
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            # Without a time zone database here (a Windows Python without tzdata), the browser's judges the name.
            if not zoneinfo.available_timezones() and _ZONE_NAME.match(zone):
                return zone
    raise PorchAPIError(
        f"DatetimeColumn: timezone must be an IANA time zone name (such as 'Europe/Berlin' or 'UTC') or an offset "
        f"(such as '+05:30'), not {zone!r}."
    )


def DateColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: datetime.date | None = None,
    format: str | None = None,
    min_value: datetime.date | None = None,
    max_value: datetime.date | None = None,
    step: int | None = None,
) -> ColumnConfig:
    """A column of dates; ``format`` as for :func:`DatetimeColumn` (``"MMM YYYY"``); ``step`` is the picker's interval
    in days in ``data_editor`` (1 by default)."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "date", "format": format, "min_value": min_value, "max_value": max_value,
                                "step": step})


def TimeColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: datetime.time | None = None,
    format: str | None = None,
    min_value: datetime.time | None = None,
    max_value: datetime.time | None = None,
    step: int | float | datetime.timedelta | None = None,
) -> ColumnConfig:
    """A column of times of day; ``format`` as for :func:`DatetimeColumn` (``"HH:mm"``); ``step`` is the picker's
    interval in seconds (or a ``timedelta``; 1 second by default) in ``data_editor``."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "time", "format": format, "min_value": min_value, "max_value": max_value,
                                "step": step})


def JsonColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of dicts, lists or JSON text, shown as compact JSON."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "json"})


def ListColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    default: Iterable[Any] | None = None,
) -> ColumnConfig:
    """A column of lists, each item shown as a chip. In ``data_editor`` a cell of text items is edited as Streamlit's
    list editor: items typed in (Enter adds one) and removed; ``default`` is what a new row holds. A list holding
    other than text stays read-only, as in Streamlit."""
    return _config(label, width, help, pinned, disabled=disabled, required=required,
                   default=None if default is None else list(default), type_config={"type": "list"})


def ImageColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of image URLs (http, https, or ``data:image/...``), shown as small pictures."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "image"})


def AudioColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of audio, each cell a small player: a URL (http, https, or relative to the app: its static files) or
    a ``data:audio/...`` URL, as Streamlit's; anything else shows as text."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "audio"})


def VideoColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of video, each cell a small player (full screen from its controls): a URL (http, https, or relative
    to the app: its static files) or a ``data:video/...`` URL, as Streamlit's; anything else shows as text."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "video"})


def MarkdownColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    default: str | None = None,
) -> ColumnConfig:
    """A column of Markdown text, each cell rendered as ``markdown`` renders it (Streamlit's extras, raw HTML
    escaped); in ``data_editor`` it is edited as its source text, and ``default`` is what a new row holds."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "markdown"})


#: The colours a chart or progress column takes by name, besides a hex or ``rgb()``/``rgba()`` colour (Streamlit's).
CHART_COLORS = ("auto", "auto-inverse", "red", "blue", "green", "yellow", "violet", "orange", "gray", "grey", "primary")


def _chart_color(color: str | None) -> str | None:
    """``color`` of a chart or progress column, checked as Streamlit checks it."""
    if color is None or color in CHART_COLORS:
        return color
    if isinstance(color, str) and (
        (color.startswith("#") and color[1:].isalnum() and len(color) in (4, 5, 7, 9))
        or color.startswith(("rgb(", "rgba("))
    ):
        return color
    raise PorchAPIError(
        f"Invalid `color` value. Supported values: {', '.join(CHART_COLORS)}, a valid hex color, an rgb() or rgba() "
        "color."
    )


def _chart(kind: str, label: str | None, width: Width, help: str | None, pinned: bool | None,
           y_min: int | float | None, y_max: int | float | None, color: str | None) -> ColumnConfig:
    return _config(label, width, help, pinned,
                   type_config={"type": kind, "y_min": y_min, "y_max": y_max, "color": _chart_color(color)})


def LineChartColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of lists of numbers, each drawn as a small line chart (SVG) between ``y_min`` and ``y_max`` (the
    list's own least and greatest by default), in ``color`` (as :func:`ProgressColumn`'s, but ``"auto"`` is green
    when the list ends above where it starts and red otherwise)."""
    return _chart("line_chart", label, width, help, pinned, y_min, y_max, color)


def BarChartColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of lists of numbers, each drawn as a small bar chart; options as for :func:`LineChartColumn`."""
    return _chart("bar_chart", label, width, help, pinned, y_min, y_max, color)


def AreaChartColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of lists of numbers, each drawn as a small area chart; options as for :func:`LineChartColumn`."""
    return _chart("area_chart", label, width, help, pinned, y_min, y_max, color)


def ProgressColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    format: NumberFormat = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
    color: str | None = None,
) -> ColumnConfig:
    """A column of numbers, each drawn as a progress bar from ``min_value`` (0) to ``max_value`` (100, or 1 when
    every number is a float), with its value written beside it in ``format`` (as for :func:`NumberColumn`), with the
    decimals of ``step`` (1 for whole numbers, 0.01 for others by default), in ``color``: None or ``"primary"`` the
    accent, ``"auto"`` green above half and red below (``"auto-inverse"`` the other way), a colour name (red, orange,
    yellow, green, blue, violet, gray) or a CSS colour (``#483d8b``, ``rgb(...)``)."""
    return _config(label, width, help, pinned,
                   type_config={"type": "progress", "format": format, "min_value": min_value,
                                "max_value": max_value, "step": step, "color": _chart_color(color)})


ButtonType = Literal["primary", "secondary", "tertiary"]
BUTTON_TYPES = ("primary", "secondary", "tertiary")


@overload
def ButtonColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    type: ButtonType = "secondary",
    on_click: Callable[..., Any] | None = None,
    args: Iterable[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    key: str,
) -> ButtonColumnResult: ...


@overload
def ButtonColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    type: ButtonType = "secondary",
    on_click: None = None,
    args: None = None,
    kwargs: None = None,
    key: None = None,
) -> ColumnConfig: ...


def ButtonColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    type: ButtonType = "secondary",
    on_click: Callable[..., Any] | None = None,
    args: Iterable[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    key: str | None = None,
) -> ButtonColumnResult | ColumnConfig:
    """A column of buttons, each labelled by its cell's value (a list of labels: a button for each), as Streamlit's.
    Button columns are read-only, in ``data_editor`` too. ``type`` is the buttons' emphasis: "primary",
    "secondary" (default) or "tertiary" (plain text); ``alignment`` places them in their cells (centred by default).

    With a ``key``, a click reruns the script: ``on_click`` runs first (with ``args`` and ``kwargs``), and
    ``session_state[key]`` holds the click, a ``ButtonColumnClickState`` with ``row`` (the row's position in the
    data, whatever the sort) and ``label`` (the button's), read as keys or attributes, in that run only (None in any
    other). The key cannot be set through session_state. Without a key the buttons report no clicks, and
    ``on_click``, ``args`` or ``kwargs`` are an error."""
    if type not in BUTTON_TYPES:
        raise PorchAPIError(f"ButtonColumn: type must be one of {BUTTON_TYPES}, not {type!r}")
    config = _config(label, width, help, pinned, alignment, disabled=True,
                     type_config={"type": "button", "button_type": type})
    if key is not None:
        return ButtonColumnResult(config=config, on_click=on_click, args=args, kwargs=kwargs, key=str(key))
    if on_click is not None or args is not None or kwargs is not None:
        raise PorchAPIError(
            "The `key` parameter is required. Callbacks passed via `on_click`, `args`, or `kwargs` need a unique key "
            "to be registered."
        )
    return config


__all__ = [
    "AreaChartColumn", "AudioColumn", "BarChartColumn", "ButtonColumn", "CheckboxColumn", "Column", "ColumnConfig",
    "DateColumn", "DatetimeColumn", "ImageColumn", "JsonColumn", "LineChartColumn", "LinkColumn", "ListColumn",
    "MarkdownColumn", "MultiselectColumn", "NumberColumn", "ProgressColumn", "SelectboxColumn", "TextColumn",
    "TimeColumn", "VideoColumn",
]
