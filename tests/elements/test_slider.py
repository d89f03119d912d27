"""``slider``: st.slider over ints and floats, single values and ranges, and the wire values it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest

from support import app, bad_values, send


def test_slider_defaults_int_0_to_100_at_min() -> None:
    at = app('v = st.slider("S")\nst.write(repr(v))')
    slider = at.slider[0]
    assert slider.value == 0
    assert (slider.props["min"], slider.props["max"], slider.props["step"], slider.props["dtype"]) == (0, 100, 1, "int")
    slider.set_value(42).run()
    assert at.markdown.values == ["42"]


def test_slider_value_defaults_to_min_value() -> None:
    at = app('st.slider("S", 5, 10)')
    assert at.slider[0].value == 5


def test_slider_float() -> None:
    at = app('v = st.slider("S", 0.0, 1.0, 0.5)\nst.write(repr(v))')
    slider = at.slider[0]
    assert slider.value == 0.5 and slider.props["dtype"] == "float" and slider.props["step"] == 0.01
    slider.set_value(0.25).run()
    assert at.markdown.values == ["0.25"]


def test_slider_float_value_defaults_to_0_1() -> None:
    at = app('v = st.slider("S", value=0.3)')
    assert (at.slider[0].props["min"], at.slider[0].props["max"]) == (0.0, 1.0)


def test_slider_range_returns_a_tuple() -> None:
    at = app('v = st.slider("R", 0, 100, (20, 80))\nst.write(repr(v))')
    assert at.slider[0].value == (20, 80)
    assert at.markdown.values == ["(20, 80)"]
    assert at.slider[0].props["value"] == [20, 80]
    at.slider[0].set_range(10, 30).run()
    assert at.markdown.values == ["(10, 30)"]


def test_slider_range_from_a_list_value() -> None:
    at = app('v = st.slider("R", 0.0, 10.0, [1.0, 2.0])\nst.write(repr(v))')
    assert at.markdown.values == ["(1.0, 2.0)"]


def test_slider_step_and_format() -> None:
    at = app('st.slider("S", 0, 100, 50, step=5, format="%d%%")')
    assert at.slider[0].props["step"] == 5
    assert at.slider[0].props["format"] == "%d%%"


@pytest.mark.parametrize("source", ['st.slider("S", 0, 10, 11)', 'st.slider("S", 10, 0)', 'st.slider("S", "a", "b")'])
def test_slider_bad_arguments_are_errors(source: str) -> None:
    at = app(source)
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [11, -1, 2.5, "3", None, True, [1, 2]])
def test_int_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.slider("S", 0, 10, 4)')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == 4
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize("wire", [[1], [1, 2, 3], [0, 20], 5])
def test_range_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.slider("S", 0, 10, (2, 4))')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == (2, 4)
    assert len(bad_values(at)) == 1


def test_int_slider_accepts_whole_float_from_wire() -> None:
    at = app('v = st.slider("S", 0, 10, 4)\nst.write(repr(v))')
    send(at, {at.slider[0].id: 7.0})
    assert at.markdown.values == ["7"]


def test_slider_width_and_a_date_value_is_an_error() -> None:
    assert app('st.slider("S", width="content")').slider[0].props["width"] == "content"
    at = app("import datetime\nst.slider('S', value=datetime.date(2024, 1, 1))")
    assert at.exception[0].type == "PorchAPIError"
