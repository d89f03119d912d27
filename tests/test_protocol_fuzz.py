"""Every byte from a client is hostile: random messages never get past validation or break a session."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porch.protocol import ClientMessage, ProtocolError, Rerun, parse_client_message
from porch.testing import AppTest

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
)
message_types = st.sampled_from(["hello", "rerun", "stop", "launch", "", None, 7])


@st.composite
def messages(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["object", "raw", "any"]))
    if shape == "raw":
        return draw(st.text(max_size=200))
    if shape == "any":
        return json.dumps(draw(json_values))
    body: dict[str, Any] = {"type": draw(message_types)}
    body.update(draw(st.dictionaries(st.sampled_from(["widgets", "trigger", "protocol", "session", "token",
                                                      "query", "extra"]), json_values, max_size=4)))
    return json.dumps(body)


@settings(max_examples=600, deadline=None)
@given(messages())
def test_parsing_either_yields_a_message_or_a_protocol_error(raw: str) -> None:
    try:
        message = parse_client_message(raw)
    except ProtocolError as exc:
        assert exc.code and exc.message
        return
    assert isinstance(message, ClientMessage.__args__)  # type: ignore[attr-defined]


APP = """
import porch as st
a = st.slider("A", 0, 10, 5)
b = st.selectbox("B", ["x", "y", "z"])
c = st.multiselect("C", [1, 2, 3])
d = st.number_input("D", 0.0, 1.0, 0.5)
e = st.text_input("E", max_chars=5)
f = st.select_slider("F", options=["s", "m", "l"], value=("s", "l"))
g = st.checkbox("G")
st.write(repr((a, b, c, d, e, f, g)))
"""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 7), json_values), min_size=1, max_size=6))
def test_random_values_for_real_widgets_never_break_the_session(changes: list[tuple[int, Any]]) -> None:
    at = AppTest.from_string(APP).run()
    ids = [child.node.id for child in at.main.children if child.node.id] + ["w-unknown"]
    values: dict[str, Any] = {}
    for index, value in changes:
        try:
            message = parse_client_message(json.dumps({"type": "rerun", "widgets": {ids[index]: value}}))
        except (ProtocolError, ValueError):
            continue
        assert isinstance(message, Rerun)
        values.update(message.widgets)
    at.send(Rerun(widgets=values), timeout=5)
    assert at.run_status == "ok"
    assert not at.exception
    a, b, c, d, e, f, g = eval(at.markdown[0].value.strip("`"))  # the script's own repr of its values
    assert 0 <= a <= 10 and b in ("x", "y", "z") and set(c) <= {1, 2, 3} and 0.0 <= d <= 1.0
    assert e is None or len(e) <= 5
    assert f[0] in "sml" and f[1] in "sml" and isinstance(g, bool)
    at.close()
