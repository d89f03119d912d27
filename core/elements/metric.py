"""``metric``: a value in big type, how it changed (an arrow and a colour), and an optional sparkline.

The server decides what the client shows: the texts (as Streamlit does, ``str(value)``; a ``format`` applied here),
the arrow's direction and the colour, so that the client only draws them. The sparkline's numbers travel as a list and
the client draws them as an SVG path.
"""

from __future__ import annotations

import decimal
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from textwrap import dedent
from typing import Any, Final, Literal, TypedDict

from .. import markdown_html
from ..errors import PorchAPIError
from ._icons import icon_of
from ._layout import Height, Width, choice_of, height_of, width_of
from ._place import Block, Defaults, LABEL_VISIBILITIES, show
from ._preview import evaluated

#: Colours ``delta_color`` may name besides "normal", "inverse" and "off": the delta and chart take that colour.
PALETTE = ("red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "primary")
DELTA_COLORS = ("normal", "inverse", "off", *PALETTE)
DELTA_ARROWS = ("auto", "up", "down", "off")
CHART_TYPES = ("line", "bar", "area")
#: The named number formats (besides printf-style ones such as "%.2f").
FORMATS = (
    "plain", "localized", "percent", "dollar", "euro", "yen", "accounting", "bytes", "compact", "scientific",
    "engineering",
)
#: What a ``None`` value shows.
NO_VALUE = "—"

DeltaColor = Literal[
    "normal", "inverse", "off", "red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "primary"
]
DeltaArrow = Literal["auto", "up", "down", "off"]
NumberFormat = Literal[
    "plain", "localized", "percent", "dollar", "euro", "yen", "accounting", "bytes", "compact", "scientific",
    "engineering",
]


class Props(TypedDict):
    #: The label, the value and the delta as the script gave them, before markdown and ``format`` (the value a
    #: string, "—" for None; the delta None: none): what Streamlit's AppTest reads. The page shows the HTML below.
    label: str
    body: str
    delta: str | None
    #: The label, the value and the delta as inline markdown in HTML (the delta None: no delta shown).
    label_html: str
    value_html: str
    delta_html: str | None
    #: Small muted text after the delta ("month over month"), or None.
    delta_description: str | None
    label_visibility: str
    help: str | None
    #: An emoji (or other short text) before the label, or None.
    icon: str | None
    #: The delta's and the chart's colour: red, orange, yellow, green, blue, violet, gray or primary.
    color: str
    #: The delta's arrow: "up", "down", or None for none.
    direction: str | None
    border: bool
    #: "stretch", "content" or pixels; "content", "stretch" or pixels.
    width: str | int
    height: str | int
    #: The sparkline's values (None where a value is missing: a gap), or None for no chart.
    chart_data: list[float | None] | None
    #: "line", "area" or "bar".
    chart_type: str


#: Props left off the wire at these values (webui/elements/metric.js has the same).
DEFAULTS: Final[Defaults] = {
    "delta": None, "delta_description": None, "label_visibility": "visible", "help": None, "icon": None,
    "border": False, "width": "stretch", "height": "content", "chart_data": None, "chart_type": "line",
}


def metric(
    place: Block,
    label: str,
    value: Any,
    delta: Any = None,
    delta_color: DeltaColor = "normal",
    *,
    help: str | None = None,
    icon: str | None = None,
    label_visibility: Literal["visible", "hidden", "collapsed"] = "visible",
    border: bool = False,
    width: Width = "stretch",
    height: Height = "content",
    chart_data: Iterable[Any] | None = None,
    chart_type: Literal["line", "bar", "area"] = "line",
    delta_arrow: DeltaArrow = "auto",
    format: NumberFormat | str | None = None,
    delta_description: str | None = None,
) -> Block:
    """Show a metric: ``value`` in big type under ``label``, with how it changed (``delta``) below.

    ``label``, ``value`` and ``delta`` may hold inline markdown (bold, italics, code, links). ``value`` is a number
    (shown as ``str(value)``), a string, or None (shown as a long dash). ``delta`` is a number or a string, shown with
    an arrow: down and red when it is negative (a string starting with "-"), no arrow and gray when it is zero (the
    number 0 or the string "0"), up and green otherwise; None or "" shows no delta.

    ``delta_color``: "normal" (as above), "inverse" (green when negative, red when positive: a cost going down),
    "off" (always gray), or a colour for the delta and the chart whatever the sign: "red", "orange", "yellow",
    "green", "blue", "violet", "gray"/"grey" or "primary". ``delta_arrow``: "auto" (follows the sign), "up", "down"
    or "off" (no arrow, the delta still shown). ``delta_description`` is small muted text after the delta, such as
    "month over month".

    ``format`` shows numbers (and strings that are numbers) of ``value`` and ``delta`` as "plain" (1234.567),
    "localized" (1,234.567), "percent" (123456.70%), "dollar" ($1,234.57), "euro" (€1,234.57), "yen" (¥1,235),
    "accounting" (1,234.57; negatives in parentheses), "bytes" (1.2KB), "compact" (1.2K), "scientific" (1.235E3),
    "engineering" (1.235E3), or printf-style ("%d", "%.2f"; "%,d" groups thousands). Porch formats on the server,
    the English way, where Streamlit's browser uses the reader's locale for "localized".

    ``chart_data`` (a list, a NumPy array, a pandas Series, or a DataFrame's first column) is drawn as a sparkline of
    ``chart_type`` "line", "area" or "bar", in the delta's colour. ``border=True`` frames the metric. ``help`` is a
    tooltip by the label; ``icon`` an emoji or Material icon before it; ``label_visibility`` "visible", "hidden" (space
    kept) or "collapsed". ``width`` is "stretch" (the default), "content" or pixels; ``height`` "content" (the default),
    "stretch" or pixels (it scrolls). Call ``metric`` on the returned element to replace it.
    """
    call = "metric()"
    if label_visibility not in LABEL_VISIBILITIES:
        raise PorchAPIError(f"{call}: label_visibility must be one of {LABEL_VISIBILITIES}, not {label_visibility!r}")
    color_mode = choice_of(delta_color, DELTA_COLORS, call, "delta_color")
    arrow = choice_of(delta_arrow, DELTA_ARROWS, call, "delta_arrow")
    kind = choice_of(chart_type, CHART_TYPES, call, "chart_type")
    number_format = _format_of(format, call)
    shown_delta = _delta_text(delta, call)
    color, direction = _color_and_direction(color_mode, delta)
    if arrow in ("up", "down"):
        direction = arrow
    elif arrow == "off":
        direction = None
    value_text = _value_text(value, call)
    props: Props = {
        "label": str(label),
        "body": value_text,
        "delta": shown_delta,
        "label_html": markdown_html.render_inline(str(label)),
        "value_html": markdown_html.render_inline(_formatted(value_text, number_format)),
        "delta_html": None if shown_delta is None else markdown_html.render_inline(
            _formatted(shown_delta, number_format)
        ),
        "delta_description": None if delta_description is None else str(delta_description),
        "label_visibility": label_visibility,
        "help": None if help is None else dedent(str(help)),
        "icon": icon_of(icon, call),
        "color": color,
        "direction": direction,
        "border": bool(border),
        "width": width_of(width, call),
        "height": height_of(height, call),
        "chart_data": None if chart_data is None else (_series(chart_data, call) or None),
        "chart_type": kind,
    }
    return show(place, "metric", props, DEFAULTS)


# -- what is shown -----------------------------------------------------------------------------------------------


def _number_text(value: Any, call: str, name: str) -> str:
    """``str`` of a number (NumPy's too), as Streamlit shows it."""
    if isinstance(value, numbers.Number):
        return str(value)
    item = getattr(value, "item", None)
    if callable(item):
        try:
            plain = item()
        except Exception:
            plain = None
        if isinstance(plain, (int, float)):
            return str(plain)
    raise PorchAPIError(f"{call}: {name} must be a number, a string or None, not {type(value).__name__}")


def _value_text(value: Any, call: str) -> str:
    if value is None:
        return NO_VALUE
    if isinstance(value, str):
        return value
    return _number_text(value, call, "value")


def _delta_text(delta: Any, call: str) -> str | None:
    """The delta as shown, or None for no delta (None or "")."""
    if delta is None or (isinstance(delta, str) and delta == ""):
        return None
    if isinstance(delta, str):
        return dedent(delta)
    return _number_text(delta, call, "delta")


def _color_and_direction(mode: str, delta: Any) -> tuple[str, str | None]:
    """Streamlit's rules: no delta is gray with no arrow; zero has no arrow; a minus sign points down."""
    if delta is None or (isinstance(delta, str) and delta == ""):
        return "gray", None
    if isinstance(delta, str):
        zero = dedent(delta) == "0"
    else:
        try:
            zero = bool(delta == 0)
        except Exception:
            zero = False
    direction = None if zero else "down" if dedent(str(delta)).startswith("-") else "up"
    if mode in PALETTE:
        return ("gray" if mode == "grey" else mode), direction
    if direction is None or mode == "off":
        return "gray", direction
    good = (direction == "up") == (mode == "normal")
    return ("green" if good else "red"), direction


def _series(data: Any, call: str) -> list[float | None]:
    """``chart_data`` as numbers: any iterable, a NumPy array, a pandas Series or a DataFrame's first column; NumPy
    and pandas are never imported (their objects are recognised by what they offer). NaN and infinities are gaps."""
    if isinstance(data, (str, bytes)):
        raise PorchAPIError(f"{call}: chart_data must be a sequence of numbers, not a {type(data).__name__}")
    data = evaluated(data)  # an unevaluated object (a cursor, a LazyFrame...): its preview, as Streamlit's (_preview)
    if hasattr(data, "columns") and hasattr(data, "iloc"):  # a pandas DataFrame: its first column
        data = data.iloc[:, 0] if len(data.columns) else []
    elif hasattr(data, "columns") and callable(getattr(data, "to_series", None)):  # a polars DataFrame: its first
        data = data.to_series(0) if data.width else []
    elif isinstance(data, Mapping):
        values = list(data.values())
        data = values[0] if len(values) == 1 and not isinstance(values[0], (str, bytes, numbers.Number)) else values
    to_list = getattr(data, "tolist", None) or getattr(data, "to_list", None)
    try:
        items = list(to_list()) if callable(to_list) else list(data)
    except TypeError:
        raise PorchAPIError(
            f"{call}: chart_data must be a sequence of numbers, not a {type(data).__name__}"
        ) from None
    series: list[float | None] = []
    for item in items:
        if isinstance(item, (list, tuple)):  # a row of a 2-D array: its first column
            item = item[0] if item else None
        try:
            number = float(item)
        except (TypeError, ValueError):
            raise PorchAPIError(
                f"{call}: chart_data must hold numbers only; {item!r} is a {type(item).__name__}"
            ) from None
        series.append(number if math.isfinite(number) else None)
    return series


# -- number formats ----------------------------------------------------------------------------------------------

_PRINTF = re.compile(r"%([-+ 0#,]*)(\d+)?(?:\.(\d+))?([diufFeEgGxXos%])")


def _format_of(fmt: Any, call: str) -> str | None:
    if fmt is None:
        return None
    if not isinstance(fmt, str) or (fmt not in FORMATS and not _PRINTF.search(fmt)):
        raise PorchAPIError(
            f"{call}: format must be one of {FORMATS}, a printf-style format such as '%.2f', or None; not {fmt!r}"
        )
    return fmt


def _formatted(text: str, fmt: str | None) -> str:
    """``text`` in ``fmt`` when it is a number; as it is otherwise (a format is ignored for other text)."""
    if fmt is None:
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    integral = re.fullmatch(r"\s*[-+]?\d+\s*", text) is not None
    return format_number(int(text) if integral else number, fmt)


def format_number(x: int | float, fmt: str) -> str:
    """``x`` shown in one of :data:`FORMATS` or a printf-style format (with "," for grouped thousands)."""
    sign = "-" if x < 0 else ""
    size = abs(x)
    if fmt == "plain":
        return _plain(x)
    if fmt == "localized":
        return _trim(f"{x:,.3f}") if isinstance(x, float) else f"{x:,}"
    if fmt == "percent":
        return f"{x * 100:.2f}%"
    if fmt in ("dollar", "euro"):
        return f"{sign}{'$' if fmt == 'dollar' else '€'}{size:,.2f}"
    if fmt == "yen":
        return f"{sign}¥{size:,.0f}"
    if fmt == "accounting":
        return f"({size:,.2f})" if x < 0 else f"{size:,.2f}"
    if fmt == "bytes":
        return sign + _scaled(size, 1000, ("B", "KB", "MB", "GB", "TB", "PB"))
    if fmt == "compact":
        return sign + _scaled(size, 1000, ("", "K", "M", "B", "T"))
    if fmt in ("scientific", "engineering"):
        return _exponent(x, 3 if fmt == "engineering" else 1)
    return _PRINTF.sub(lambda match: _printf(match, x), fmt)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plain(x: int | float) -> str:
    if isinstance(x, int):
        return str(x)
    text = repr(x)
    return _trim(format(decimal.Decimal(text), "f")) if "e" in text else _trim(text)


def _scaled(size: float, base: int, units: tuple[str, ...]) -> str:
    index = 0
    while size >= base and index < len(units) - 1:
        size /= base
        index += 1
    shown = f"{size:.0f}" if size >= 10 or index == 0 and float(size).is_integer() else _trim(f"{size:.1f}")
    return shown + units[index]


def _exponent(x: float, step: int) -> str:
    if x == 0:
        return "0E0"
    exponent = math.floor(math.log10(abs(x)) / step) * step
    mantissa = round(x / 10**exponent, 3)
    if abs(mantissa) >= 10**step:
        mantissa, exponent = round(mantissa / 10**step, 3), exponent + step
    return f"{_trim(f'{mantissa:.3f}')}E{exponent}"


def _printf(match: re.Match[str], x: int | float) -> str:
    flags, width, precision, conversion = match.groups()
    if conversion == "%":
        return "%"
    align = "<" if "-" in flags else ""
    width = width or ""
    if conversion == "s":
        return format(_plain(x), align + width)
    sign = "+" if "+" in flags else " " if " " in flags else ""
    zero = "0" if "0" in flags and not align else ""
    group = "," if "," in flags and conversion not in "xXo" else ""
    spec = align + sign + zero + width + group
    if conversion in "diu":
        return format(int(x), spec + "d")
    if conversion in "xXo":
        return format(int(x), spec + conversion)
    return format(float(x), spec + (f".{precision}" if precision is not None else "") + conversion)
