"""``select_slider``: st.select_slider over options, single values and ranges.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest

from support import app, bad_values, send


def test_select_slider_defaults_to_first_option() -> None:
    at = app('v = st.select_slider("Size", ["S", "M", "L"])\nst.write(v)')
    assert at.select_slider[0].value == "S"
    at.select_slider[0].set_value("L").run()
    assert at.markdown.values == ["L"]


def test_select_slider_value_and_format_func() -> None:
    at = app('v = st.select_slider("N", [1, 2, 3], value=2, format_func=lambda n: "*" * n)\nst.write(v)')
    assert at.select_slider[0].options == ["*", "**", "***"]
    assert at.select_slider[0].value == 2


def test_select_slider_range() -> None:
    at = app('v = st.select_slider("R", ["a", "b", "c", "d"], value=("b", "c"))\nst.write(repr(v))')
    assert at.select_slider[0].value == ("b", "c")
    at.select_slider[0].set_range("a", "d").run()
    assert at.markdown.values == ["('a', 'd')"]


def test_select_slider_value_not_an_option_is_an_error() -> None:
    at = app('st.select_slider("R", ["a", "b"], value="z")')
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [None, 3, [0, 9]])
def test_select_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.select_slider("R", ["a", "b", "c"], value="b")')
    send(at, {at.select_slider[0].id: wire})
    assert at.select_slider[0].value == "b"
    assert len(bad_values(at)) == 1


def test_select_slider_width() -> None:
    assert app('st.select_slider("S", [1, 2], width=250)').select_slider[0].props["width"] == 250
