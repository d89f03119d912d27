"""``selectbox``: st.selectbox, its options from any iterable, and the wire values it refuses. What it shares with
st.radio: tests/test_api_widgets.py.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest

from support import app, bad_values, send


@pytest.mark.parametrize(
    "options, expected",
    [
        ("range(3)", [0, 1, 2]),
        ("(x for x in 'ab')", ["a", "b"]),
        ("{'k1': 1, 'k2': 2}", ["k1", "k2"]),
        ("('x', 'y')", ["x", "y"]),
        ("Series(['p', 'q'])", ["p", "q"]),
        ("Frame(['u', 'v'])", ["u", "v"]),
    ],
)
def test_options_from_any_iterable(options: str, expected: list[Any]) -> None:
    at = app(
        "class Series:\n"
        "    def __init__(self, items): self.items = items\n"
        "    def tolist(self): return list(self.items)\n"
        "class Frame:\n"
        "    columns = ['c']\n"
        "    def __init__(self, items): self.iloc = self; self.items = items\n"
        "    def __getitem__(self, index): return Series(self.items)\n"
        f"v = st.selectbox('Pick', {options})\n"
        "st.write(repr(v))"
    )
    assert at.selectbox[0].options == [str(e) for e in expected]
    assert at.selectbox[0].value == expected[0]
    at.selectbox[0].select_index(len(expected) - 1).run()
    assert at.markdown.values == [repr(expected[-1])]


def test_options_given_as_a_single_string_is_an_error() -> None:
    at = app('st.selectbox("Pick", "abc")')
    assert at.exception[0].type == "PorchAPIError"


def test_selectbox_placeholder_and_empty_options() -> None:
    at = app('v = st.selectbox("Pick", [], placeholder="Nothing here")\nst.write(repr(v))')
    assert at.selectbox[0].props["placeholder"] == "Nothing here"
    assert at.selectbox[0].value is None
    assert at.markdown.values == ["None"]


@pytest.mark.parametrize("wire", [7, -1, "0", 1.5, True, [0]])
def test_selectbox_refuses_bad_wire_values(wire: Any) -> None:
    at = app('v = st.selectbox("Pick", ["a", "b"], index=1)\nst.write(v)')
    send(at, {at.selectbox[0].id: wire})
    assert at.selectbox[0].value == "b"
    assert at.markdown.values == ["b"]
    assert len(bad_values(at)) == 1


def test_value_kept_when_options_still_hold_it_and_reset_when_not() -> None:
    at = app(
        'opts = st.session_state.get("opts", ["a", "b", "c"])\n'
        'v = st.selectbox("Pick", opts)\nst.write(v)'
    )
    at.selectbox[0].select("c").run()
    at.session_state["opts"] = ["a", "b", "c", "d"]
    at.run()
    assert at.markdown.values == ["c"]
    at.session_state["opts"] = ["x", "y"]
    at.run()
    assert at.markdown.values == ["x"]
