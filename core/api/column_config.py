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
``max_value``, ``max_chars``, ``validate``, a selectbox's ``options``) apply in ``data_editor``: a disabled column is
read-only, a required one may not be emptied and a new row must fill it, ``default`` is what a new row holds, the
bounds, ``max_chars``, ``validate`` (a regular expression) and ``options`` limit what the user enters. A
``dataframe`` is read-only: there they change nothing shown. ``step`` is the precision of a number column's values
(shown with as many decimals; in ``data_editor`` what is entered is rounded to it), and the picker's interval of a
date (days), time or datetime column (seconds, or a ``timedelta``) in ``data_editor``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypedDict

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
    """A column of choices among ``options``, shown as their text; in ``data_editor`` a cell is edited by picking
    one of them, and ``default`` is what a new row holds. ``format_func`` is accepted and not applied."""
    return _config(label, width, help, pinned, disabled=disabled, required=required, default=default,
                   type_config={"type": "selectbox", "options": None if options is None else list(options)})


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
    """A column of lists of choices, each item shown as a chip. ``color``, ``format_func``, ``options`` and editing are
    accepted and change nothing shown."""
    return _config(label, width, help, pinned, disabled=disabled, required=required, default=default,
                   type_config={"type": "multiselect", "options": None if options is None else list(options)})


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
    seconds (or a ``timedelta``; 1 second by default). ``timezone`` is accepted and not applied."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "datetime", "format": format, "min_value": min_value,
                                "max_value": max_value, "step": step, "timezone": timezone})


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
    """A column of lists, each item shown as a chip."""
    return _config(label, width, help, pinned, disabled=disabled, required=required, default=default,
                   type_config={"type": "list"})


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
    """A column of audio URLs, shown as links to them."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "link"})


def VideoColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
) -> ColumnConfig:
    """A column of video URLs, shown as links to them."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "link"})


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
    """A column of Markdown text, shown as its plain text."""
    return _config(label, width, help, pinned, alignment, disabled=disabled, required=required, default=default,
                   type_config={"type": "text"})


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


def ButtonColumn(
    label: str | None = None,
    *,
    width: Width = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: Alignment = None,
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    on_click: Callable[..., Any] | None = None,
    args: Iterable[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    key: str | None = None,
) -> ColumnConfig:
    """A column of button labels. Porch shows the labels as text: ``type``, ``on_click``, ``args``, ``kwargs`` and
    ``key`` are accepted and do nothing yet."""
    return _config(label, width, help, pinned, alignment, type_config={"type": "text"})


__all__ = [
    "AreaChartColumn", "AudioColumn", "BarChartColumn", "ButtonColumn", "CheckboxColumn", "Column", "ColumnConfig",
    "DateColumn", "DatetimeColumn", "ImageColumn", "JsonColumn", "LineChartColumn", "LinkColumn", "ListColumn",
    "MarkdownColumn", "MultiselectColumn", "NumberColumn", "ProgressColumn", "SelectboxColumn", "TextColumn",
    "TimeColumn", "VideoColumn",
]
