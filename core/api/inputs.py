"""Widgets: elements whose value the user sets and the script reads back. Signatures follow Streamlit's."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, overload

from ..errors import PorchAPIError
from ..widgets import (
    BOOL,
    number_codec,
    number_range_codec,
    option_codec,
    option_range_codec,
    options_codec,
    text_codec,
)
from .base import Block

Callback = Callable[..., Any] | None
Format = Callable[[Any], Any]


class WidgetElements(Block):
    def button(
        self,
        label: str,
        key: str | None = None,
        help: str | None = None,
        on_click: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        type: Literal["primary", "secondary", "tertiary"] = "secondary",
        icon: str | None = None,
        disabled: bool = False,
        use_container_width: bool = False,
    ) -> bool:
        if self._target()[1]._form is not None:
            raise PorchAPIError(
                f"button({label!r}) cannot be used inside a form; use form_submit_button() there."
            )
        return self._button(label, key, help, on_click, args, kwargs, type, icon, disabled, use_container_width, False)

    def form_submit_button(
        self,
        label: str = "Submit",
        help: str | None = None,
        on_click: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        key: str | None = None,
        type: Literal["primary", "secondary", "tertiary"] = "secondary",
        icon: str | None = None,
        disabled: bool = False,
        use_container_width: bool = False,
    ) -> bool:
        if self._target()[1]._form is None:
            raise PorchAPIError(
                f"form_submit_button({label!r}) must be inside a form: use `with porch.form(\"key\"):` around it."
            )
        return self._button(label, key, help, on_click, args, kwargs, type, icon, disabled, use_container_width, True)

    def _button(
        self,
        label: str,
        key: str | None,
        help: str | None,
        on_click: Callback,
        args: Iterable[Any] | None,
        kwargs: dict[str, Any] | None,
        type: str,
        icon: str | None,
        disabled: bool,
        use_container_width: bool,
        submit: bool,
    ) -> bool:
        result: bool = self._widget(
            "button",
            str(label),
            {"type": type, "icon": icon, "use_container_width": bool(use_container_width), "submit": submit},
            key=key,
            default=False,
            codec=BOOL,
            help=help,
            disabled=disabled,
            on_change=on_click,
            args=args,
            kwargs=kwargs,
            trigger=True,
        )
        return result

    def checkbox(
        self,
        label: str,
        value: bool = False,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> bool:
        return self._check(label, value, key, help, on_change, args, kwargs, disabled, label_visibility, False)

    def toggle(
        self,
        label: str,
        value: bool = False,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> bool:
        return self._check(label, value, key, help, on_change, args, kwargs, disabled, label_visibility, True)

    def _check(
        self,
        label: str,
        value: bool,
        key: str | None,
        help: str | None,
        on_change: Callback,
        args: Iterable[Any] | None,
        kwargs: dict[str, Any] | None,
        disabled: bool,
        label_visibility: str,
        toggle: bool,
    ) -> bool:
        result: bool = self._widget(
            "checkbox",
            str(label),
            {"toggle": toggle},
            key=key,
            default=bool(value),
            codec=BOOL,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=value is not False,
        )
        return result

    def radio(
        self,
        label: str,
        options: Iterable[Any],
        index: int | None = 0,
        format_func: Format = str,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        disabled: bool = False,
        horizontal: bool = False,
        captions: Sequence[str] | None = None,
        label_visibility: str = "visible",
    ) -> Any:
        opts = _options(options)
        return self._widget(
            "radio",
            str(label),
            {
                "options": _labels(opts, format_func),
                "captions": [str(c) for c in captions] if captions is not None else None,
                "horizontal": bool(horizontal),
            },
            key=key,
            default=_at(opts, index, "radio"),
            codec=option_codec(opts, allow_none=index is None or not opts),
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=index != 0,
        )

    def selectbox(
        self,
        label: str,
        options: Iterable[Any],
        index: int | None = 0,
        format_func: Format = str,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str = "Choose an option",
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> Any:
        opts = _options(options)
        return self._widget(
            "selectbox",
            str(label),
            {"options": _labels(opts, format_func), "placeholder": placeholder},
            key=key,
            default=_at(opts, index, "selectbox"),
            codec=option_codec(opts, allow_none=index is None or not opts),
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=index != 0,
        )

    def multiselect(
        self,
        label: str,
        options: Iterable[Any],
        default: Any = None,
        format_func: Format = str,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        max_selections: int | None = None,
        placeholder: str = "Choose an option",
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> list[Any]:
        opts = _options(options)
        if default is None:
            chosen: list[Any] = []
        elif isinstance(default, (list, tuple, set)) or hasattr(default, "tolist"):
            chosen = list(default)
        else:
            chosen = [default]
        codec = options_codec(opts, max_selections)
        try:
            codec.to_wire(chosen)
        except ValueError as exc:
            raise PorchAPIError(f"multiselect({label!r}): default {default!r} does not fit: {exc}") from None
        result: list[Any] = self._widget(
            "multiselect",
            str(label),
            {"options": _labels(opts, format_func), "max_selections": max_selections, "placeholder": placeholder},
            key=key,
            default=chosen,
            codec=codec,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=default is not None,
        )
        return list(result)

    def slider(
        self,
        label: str,
        min_value: int | float | None = None,
        max_value: int | float | None = None,
        value: Any = None,
        step: int | float | None = None,
        format: str | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> Any:
        value_given = value is not None
        is_range = isinstance(value, (list, tuple))
        numbers = [v for v in (min_value, max_value, step, *(value if is_range else [value])) if v is not None]
        for number in numbers:
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise PorchAPIError(f"slider({label!r}) takes numbers, not {number!r}")
        integer = all(isinstance(v, int) for v in numbers)
        if min_value is None:
            min_value = 0 if integer else 0.0
        if max_value is None:
            max_value = 100 if integer else 1.0
        if step is None:
            step = 1 if integer else 0.01
        if min_value > max_value:
            raise PorchAPIError(f"slider({label!r}): min_value {min_value} is greater than max_value {max_value}")
        if value is None:
            value = min_value
        codec = number_range_codec(min_value, max_value, integer=integer) if is_range else number_codec(
            min_value, max_value, integer=integer
        )
        default = tuple(value) if is_range else value
        try:
            default = codec.from_wire(list(default)) if is_range else codec.from_wire(default)
        except ValueError as exc:
            raise PorchAPIError(f"slider({label!r}): value {value!r} does not fit: {exc}") from None
        return self._widget(
            "slider",
            str(label),
            {
                "min": min_value,
                "max": max_value,
                "step": step,
                "format": format,
                "dtype": "int" if integer else "float",
            },
            key=key,
            default=default,
            codec=codec,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=value_given,
        )

    def select_slider(
        self,
        label: str,
        options: Iterable[Any] = (),
        value: Any = None,
        format_func: Format = str,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> Any:
        opts = _options(options)
        if not opts:
            raise PorchAPIError(f"select_slider({label!r}) needs at least one option")
        is_range = isinstance(value, (list, tuple))
        codec = option_range_codec(opts) if is_range else option_codec(opts, allow_none=False)
        if value is None:
            default: Any = opts[0]
        else:
            try:
                default = codec.from_wire(codec.to_wire(tuple(value) if is_range else value))
            except ValueError as exc:
                raise PorchAPIError(f"select_slider({label!r}): value {value!r} does not fit: {exc}") from None
        return self._widget(
            "select_slider",
            str(label),
            {"options": _labels(opts, format_func)},
            key=key,
            default=default,
            codec=codec,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=value is not None,
        )

    def number_input(
        self,
        label: str,
        min_value: int | float | None = None,
        max_value: int | float | None = None,
        value: Any = "min",
        step: int | float | None = None,
        format: str | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> Any:
        value_given = not (isinstance(value, str) and value == "min")
        given = [v for v in (min_value, max_value, step, None if value in ("min", None) else value) if v is not None]
        for number in given:
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise PorchAPIError(f"number_input({label!r}) takes numbers, not {number!r}")
        integer = bool(given) and all(isinstance(v, int) for v in given)
        if value == "min":
            value = min_value if min_value is not None else (0 if integer else 0.0)
        if step is None:
            step = 1 if integer else 0.01
        # Only an input that starts empty can be emptied again, as in Streamlit.
        codec = number_codec(min_value, max_value, integer=integer, allow_none=value is None)
        try:
            default = codec.from_wire(value)
        except ValueError as exc:
            raise PorchAPIError(f"number_input({label!r}): value {value!r} does not fit: {exc}") from None
        return self._widget(
            "number_input",
            str(label),
            {
                "min": min_value,
                "max": max_value,
                "step": step,
                "format": format,
                "dtype": "int" if integer else "float",
                "placeholder": placeholder,
            },
            key=key,
            default=default,
            codec=codec,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=value_given,
        )

    @overload
    def text_input(
        self,
        label: str,
        value: str = "",
        max_chars: int | None = None,
        key: str | None = None,
        type: Literal["default", "password"] = "default",
        help: str | None = None,
        autocomplete: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str: ...

    @overload
    def text_input(
        self,
        label: str,
        value: None,
        max_chars: int | None = None,
        key: str | None = None,
        type: Literal["default", "password"] = "default",
        help: str | None = None,
        autocomplete: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str | None: ...

    def text_input(
        self,
        label: str,
        value: str | None = "",
        max_chars: int | None = None,
        key: str | None = None,
        type: Literal["default", "password"] = "default",
        help: str | None = None,
        autocomplete: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str | None:
        if type not in ("default", "password"):
            raise PorchAPIError(f"text_input type must be 'default' or 'password', not {type!r}")
        result: str | None = self._widget(
            "text_input",
            str(label),
            {"max_chars": max_chars, "type": type, "placeholder": placeholder, "autocomplete": autocomplete},
            key=key,
            default=None if value is None else str(value),
            codec=text_codec(max_chars, allow_none=value is None),
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=value not in ("", None),
        )
        return result

    @overload
    def text_area(
        self,
        label: str,
        value: str = "",
        height: int | None = None,
        max_chars: int | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str: ...

    @overload
    def text_area(
        self,
        label: str,
        value: None,
        height: int | None = None,
        max_chars: int | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str | None: ...

    def text_area(
        self,
        label: str,
        value: str | None = "",
        height: int | None = None,
        max_chars: int | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str | None:
        result: str | None = self._widget(
            "text_area",
            str(label),
            {"max_chars": max_chars, "height": height, "placeholder": placeholder},
            key=key,
            default=None if value is None else str(value),
            codec=text_codec(max_chars, allow_none=value is None),
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            value_given=value not in ("", None),
        )
        return result


def _options(options: Iterable[Any]) -> list[Any]:
    """Options as a list: any iterable, a pandas Series, or a DataFrame's first column."""
    if hasattr(options, "columns") and hasattr(options, "iloc"):
        return list(options.iloc[:, 0].tolist())
    if hasattr(options, "tolist"):
        return list(options.tolist())
    if isinstance(options, (str, bytes)):
        raise PorchAPIError("options must be a list or other iterable of options, not a single string")
    return list(options)


def _labels(options: list[Any], format_func: Format) -> list[str]:
    return [str(format_func(option)) for option in options]


def _at(options: list[Any], index: int | None, kind: str) -> Any:
    if index is None:
        return None
    if isinstance(index, bool) or not isinstance(index, int):
        raise PorchAPIError(f"{kind} index must be an int or None, not {index!r}")
    if not options:
        return None
    if not 0 <= index < len(options):
        raise PorchAPIError(f"{kind} index {index} is out of range for {len(options)} options")
    return options[index]
