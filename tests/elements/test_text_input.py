"""``text_input``: st.text_input's own options. What it shares with st.text_area: tests/test_api_widgets.py.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest

from support import app, bad_values, send


def test_text_input_password_type() -> None:
    at = app('st.text_input("Password", type="password")')
    assert at.text_input[0].props["type"] == "password"


def test_text_input_bad_type_is_an_error() -> None:
    at = app('st.text_input("Password", type="secret")')
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [5, None, ["x"], True])
def test_text_input_refuses_non_strings(wire: Any) -> None:
    at = app('st.text_input("T", "keep")')
    send(at, {at.text_input[0].id: wire})
    assert at.text_input[0].value == "keep"
    assert len(bad_values(at)) == 1
