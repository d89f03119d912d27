"""``multiselect``: st.multiselect, its defaults, max_selections and the wire values it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest

from support import app, bad_values, send


def test_multiselect_defaults_to_empty_and_selects() -> None:
    at = app('v = st.multiselect("Tags", ["a", "b", "c"])\nst.write(f"{v}")')
    assert at.multiselect[0].value == []
    at.multiselect[0].select("b").run()
    at.multiselect[0].select("a").run()
    assert at.multiselect[0].value == ["b", "a"]
    assert at.markdown.values == ["['b', 'a']"]
    at.multiselect[0].unselect("b").run()
    assert at.multiselect[0].value == ["a"]


def test_multiselect_default_single_value_and_list_and_format_func() -> None:
    at = app(
        'a = st.multiselect("A", [1, 2, 3], default=2)\n'
        'b = st.multiselect("B", [1, 2, 3], default=[3, 1], format_func=lambda n: f"#{n}")'
    )
    assert at.multiselect.values == [[2], [3, 1]]
    assert at.multiselect[1].options == ["#1", "#2", "#3"]


def test_multiselect_default_not_in_options_is_an_error() -> None:
    at = app('st.multiselect("A", [1, 2], default=[5])')
    assert at.exception[0].type == "PorchAPIError"


def test_multiselect_max_selections() -> None:
    at = app('st.multiselect("A", ["a", "b", "c"], max_selections=2, placeholder="Pick two")')
    assert at.multiselect[0].props["max_selections"] == 2
    assert at.multiselect[0].props["placeholder"] == "Pick two"
    send(at, {at.multiselect[0].id: [0, 1, 2]})
    assert at.multiselect[0].value == []
    assert len(bad_values(at)) == 1
    send(at, {at.multiselect[0].id: [2, 0]})
    assert at.multiselect[0].value == ["c", "a"]


def test_multiselect_default_above_max_selections_is_an_error() -> None:
    at = app('st.multiselect("A", ["a", "b", "c"], default=["a", "b"], max_selections=1)')
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [[0, 0], [5], 0, ["a"], [True]])
def test_multiselect_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.multiselect("A", ["a", "b"], default=["b"])')
    send(at, {at.multiselect[0].id: wire})
    assert at.multiselect[0].value == ["b"]
    assert len(bad_values(at)) == 1
