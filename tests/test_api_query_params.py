"""st.query_params: the page URL's query string as a mapping with Streamlit's rules, the ``query`` message that puts the
script's changes into the address bar, back and forward as a rerun with the query they restore, the bounds on what a
client may send, AppTest's ``query_params``, and the same in Debian's Chromium."""

from __future__ import annotations

import http.client
import json
from typing import Any

import pytest
from websockets.sync.client import connect

import porch
from engine_harness import ProtocolClient, running_engine
from porch.protocol import (
    MAX_QUERY_CHARS,
    MAX_QUERY_VALUES,
    ProtocolError,
    Rerun,
    parse_client_message,
)
from porch.security import AccessPolicy
from porch.testing import AppTest

READER = """
import porch as st
qp = st.query_params
st.text(f"a={qp['a']} attr={qp.a} all={qp.get_all('a')} b={qp.get('b')} none={qp.get('zz', 'dflt')}")
st.text(f"len={len(qp)} keys={list(qp)} in={'a' in qp} out={'zz' in qp} dict={qp.to_dict()}")
try:
    qp["zz"]
except KeyError as exc:
    st.text(f"KeyError {exc.args[0]}")
try:
    qp.zz
except AttributeError as exc:
    st.text(f"AttributeError {exc}")
"""


def query_messages(at: AppTest) -> list[dict[str, Any]]:
    return [m for m in at.messages if m["type"] == "query"]


def test_a_name_reads_as_its_last_value_and_get_all_gives_every_value() -> None:
    at = AppTest.from_string(READER)
    at.query_params["a"] = ["1", "2"]
    at.query_params["b"] = "x"
    at.run()
    assert at.text.values == [
        "a=2 attr=2 all=['1', '2'] b=x none=dflt",
        "len=2 keys=['a', 'b'] in=True out=False dict={'a': '2', 'b': 'x'}",
        'KeyError st.query_params has no key "zz".',
        'AttributeError st.query_params has no key "zz".',
    ]


def test_writes_become_strings_and_each_change_goes_to_the_page_as_one_query_message() -> None:
    at = AppTest.from_string("""
import porch as st
qp = st.query_params
if st.button("set"):
    qp["n"] = 2
    qp.tags = ["x", 1]
    qp.update({"u": 1.5}, v="w")
st.text(repr(qp.to_dict()))
""")
    at.query_params["a"] = "1"
    at.run()
    assert query_messages(at) == []  # reading changes nothing
    at.button[0].click().run()
    sent = query_messages(at)
    assert [m["params"] for m in sent] == [
        {"a": ["1"], "n": ["2"]},
        {"a": ["1"], "n": ["2"], "tags": ["x", "1"]},
        {"a": ["1"], "n": ["2"], "tags": ["x", "1"], "u": ["1.5"], "v": ["w"]},
    ]
    assert {m["history"] for m in sent} == {"push"}
    assert at.text.values == ["{'a': '1', 'n': '2', 'tags': '1', 'u': '1.5', 'v': 'w'}"]
    assert at.query_params == {"a": "1", "n": "2", "tags": ["x", "1"], "u": "1.5", "v": "w"}


def test_from_dict_replaces_them_all_clear_empties_and_del_removes() -> None:
    at = AppTest.from_string("""
import porch as st
qp = st.query_params
action = st.radio("do", ["nothing", "from_dict", "clear", "del", "delattr", "pop"])
if action == "from_dict":
    qp.from_dict({"x": "1", "y": ["2", "3"]})
elif action == "clear":
    qp.clear()
elif action == "del":
    del qp["a"]
elif action == "delattr":
    del qp.b
elif action == "pop":
    st.text(qp.pop("a"))
""").run()
    for action, expected in [
        ("from_dict", {"x": "1", "y": ["2", "3"]}),
        ("clear", {}),
        ("del", {"b": "2"}),
        ("delattr", {"a": "1"}),
        ("pop", {"b": "2"}),
    ]:
        at.query_params = {"a": "1", "b": "2"}
        at.radio[0].set_value("nothing").run()
        at.radio[0].set_value(action).run()
        assert at.query_params == expected, action
    assert at.text.values == ["1"]


def test_a_missing_name_to_delete_and_a_dict_value_are_errors_and_change_nothing() -> None:
    at = AppTest.from_string("""
import porch as st
qp = st.query_params
try:
    del qp["zz"]
except KeyError as exc:
    st.text(f"KeyError {exc.args[0]}")
try:
    qp["d"] = {"no": "dicts"}
except st.PorchAPIError as exc:
    st.text(str(exc))
try:
    qp.from_dict({"ok": "1", "bad": {"x": 1}})
except st.PorchAPIError as exc:
    st.text("from_dict refused")
""")
    at.query_params["a"] = "1"
    at.run()
    assert at.text.values == [
        'KeyError st.query_params has no key "zz".',
        "You cannot set a query params key `d` to a dictionary.",
        "from_dict refused",
    ]
    assert query_messages(at) == [] and at.query_params == {"a": "1"}


def test_setting_what_is_already_there_sends_nothing() -> None:
    at = AppTest.from_string("import porch as st\nst.query_params['a'] = '1'\nst.query_params.from_dict({'a': '1'})")
    at.query_params["a"] = "1"
    at.run()
    assert query_messages(at) == []


def test_embed_switches_are_hidden_kept_and_never_set_by_the_script() -> None:
    at = AppTest.from_string("""
import porch as st
qp = st.query_params
st.text(f"{list(qp)} {qp.get_all('embed')} {'EMBED' in qp} {st.context.is_embedded}")
try:
    qp["Embed"] = "false"
except st.PorchAPIError as exc:
    st.text(str(exc))
if st.button("clear"):
    qp.clear()
""")
    at.query_params = {"embed": "true", "embed_options": "light_theme", "a": "1"}
    at.run()
    assert at.text.values == [
        "['a'] [] False True",
        "Query param embed and embed_options (case-insensitive) cannot be set programmatically.",
    ]
    at.button[0].click().run()
    assert at.query_params == {"embed": "true", "embed_options": "light_theme"}


def test_the_scripts_changes_are_held_to_the_bounds_a_page_may_send() -> None:
    at = AppTest.from_string(f"""
import porch as st
try:
    st.query_params["big"] = "x" * {MAX_QUERY_CHARS}
except st.PorchAPIError as exc:
    st.text(str(exc))
try:
    st.query_params["many"] = [str(i) for i in range({MAX_QUERY_VALUES + 1})]
except st.PorchAPIError as exc:
    st.text(str(exc))
""")
    at.run()
    too_long, too_many = at.text.values
    assert f"at most {MAX_QUERY_CHARS} are allowed" in too_long and "reloads" in too_long
    assert f"at most {MAX_QUERY_VALUES} are allowed" in too_many
    assert query_messages(at) == []


def test_back_or_forward_reruns_with_the_query_and_its_writes_replace_the_entry() -> None:
    at = AppTest.from_string("""
import porch as st
st.text(repr(st.query_params.to_dict()))
if "seen" not in st.query_params:
    st.query_params["seen"] = "1"
""")
    at.query_params["page"] = "1"
    at.run()
    assert [m["history"] for m in query_messages(at)] == ["push"]
    at.send(Rerun(query={"page": ["0"]}))  # what the browser sends on Back
    assert at.text.values == ["{'page': '0'}"]
    last = query_messages(at)[-1]
    assert last == {"type": "query", "params": {"page": ["0"], "seen": ["1"]}, "history": "replace"}


def test_apptest_query_params_are_streamlits() -> None:
    """A plain dict: strings or lists before a run; after it, what the script left in the same shapes (a list for a
    repeated parameter, a blank one ""), as Streamlit's AppTest gives it."""
    at = AppTest.from_string("import porch as st\nst.text(repr(st.query_params.to_dict()))\n"
                             "st.query_params['seen'] = st.query_params.get('seen', '0') + '!'")
    assert at.query_params == {}
    at.query_params["n"] = 5
    at.query_params["tags"] = ["a", "b"]
    at.run()
    assert at.text.values == ["{'n': '5', 'tags': 'b'}"]
    assert at.query_params == {"n": "5", "tags": ["a", "b"], "seen": "0!"}
    at.query_params["n"] = "6"
    at.run()
    assert at.text.values == ["{'n': '6', 'tags': 'b', 'seen': '0!'}"]
    assert at.query_params["seen"] == "0!!"
    at.query_params["blank"] = ""
    at.run()
    assert at.query_params["blank"] == ""


def test_outside_a_run_query_params_name_the_problem() -> None:
    with pytest.raises(porch.PorchAPIError, match="outside of a script run"):
        porch.query_params["a"]


# -- the wire ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, code",
    [
        ([], "bad_message"),
        ({"a": "1"}, "bad_message"),
        ({"a": [1]}, "bad_message"),
        ({"a": [None]}, "bad_message"),
        ({"a": ["x"] * (MAX_QUERY_VALUES + 1)}, "too_large"),
        ({f"n{i}": [] for i in range(MAX_QUERY_VALUES + 1)}, "too_large"),
        ({"a": ["x" * (MAX_QUERY_CHARS + 1)]}, "too_large"),
        ({"a" * MAX_QUERY_CHARS: ["1"]}, "too_large"),
    ],
)
@pytest.mark.parametrize("kind", ["hello", "rerun"])
def test_a_malformed_or_huge_query_is_refused_whole(kind: str, query: Any, code: str) -> None:
    message = {"type": kind, "protocol": 1} if kind == "hello" else {"type": kind, "widgets": {}}
    with pytest.raises(ProtocolError) as raised:
        parse_client_message(json.dumps({**message, "query": query}))
    assert raised.value.code == code and "query" in raised.value.message


def test_a_query_within_the_bounds_is_taken_in_the_urls_order() -> None:
    query = {"b": ["1"], "a": ["x", ""], "": ["empty name"], "__proto__": ["p"]}
    hello = parse_client_message(json.dumps({"type": "hello", "protocol": 1, "query": query}))
    assert list(hello.query.items()) == list(query.items())  # type: ignore[union-attr]
    rerun = parse_client_message(json.dumps({"type": "rerun", "widgets": {}, "query": {"p": ["2"]}}))
    assert rerun == Rerun(query={"p": ["2"]})
    assert parse_client_message('{"type": "rerun", "widgets": {}}') == Rerun(query=None)
    limit = {"a": ["x"] * (MAX_QUERY_VALUES - 1), "b": ["y" * (MAX_QUERY_CHARS - 2 * (MAX_QUERY_VALUES - 1) - 1)]}
    assert parse_client_message(json.dumps({"type": "rerun", "widgets": {}, "query": limit})) == Rerun(query=limit)


SHOW = "import porch as st\nst.text(repr(st.query_params.to_dict()))\nst.button('again')"


def test_over_the_socket_hello_sets_the_query_and_a_resume_with_another_one_reruns() -> None:
    with running_engine(SHOW) as server:
        first = ProtocolClient(server.ws_url, hello={"query": {"a": ["1"]}})
        first.until_finished()
        assert first.texts() == ["{'a': '1'}"]
        first.close()
        same = ProtocolClient(server.ws_url, session=first.session_id, token=first.token, hello={"query": {"a": ["1"]}})
        assert same.session_message["resumed"] is True
        same.send({"type": "rerun", "widgets": {}, "query": {"a": ["2"]}})  # Back
        finished = same.until_finished()
        assert same.texts() == ["{'a': '2'}"]
        same.close()
        edited = ProtocolClient(
            server.ws_url, session=first.session_id, token=first.token, hello={"query": {"b": ["3"]}}
        )
        assert edited.session_message["resumed"] is True
        assert edited.until_finished()["run"] > finished["run"], "an edited address reruns the resumed session"
        assert edited.texts() == ["{'b': '3'}"]


def test_a_refused_hello_names_the_problem_and_opens_no_session() -> None:
    with running_engine(SHOW) as server:
        with connect(server.ws_url, open_timeout=5) as ws:
            ws.send(json.dumps({"type": "hello", "protocol": 1, "query": {"a": ["x"] * (MAX_QUERY_VALUES + 1)}}))
            (reply,) = json.loads(ws.recv(timeout=5))
        assert reply["type"] == "error" and reply["code"] == "too_large"
        assert f"at most {MAX_QUERY_VALUES}" in reply["message"]
        assert len(server.engine.sessions) == 0


def test_the_token_is_traded_for_a_cookie_and_the_apps_parameters_survive() -> None:
    with running_engine(SHOW, access=AccessPolicy(token="s3cret")) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        connection.request("GET", "/?a=1&token=s3cret&b=x%20y&token=s3cret")
        response = connection.getresponse()
        assert response.status == 303
        assert response.getheader("Location") == "/?a=1&b=x%20y"
        assert "porch_token=s3cret" in (response.getheader("Set-Cookie") or "")
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        connection.request("GET", "/?token=s3cret")
        assert connection.getresponse().getheader("Location") == "/"
        connection.close()


# -- in Chromium ---------------------------------------------------------------------------------------------------

PAGER = """
import porch as st
if st.button("Next page"):
    st.query_params["page"] = str(int(st.query_params.get("page", "1")) + 1)
st.text("query: " + "&".join(f"{k}={v}" for k, v in st.query_params.items()))
"""


def settle(page: Any, after: int = 0) -> None:
    page.wait_for_function(
        """after => document.body.dataset.run === 'finished' && document.body.dataset.runStatus !== 'rerun'
            && Number(document.body.dataset.runCount) > after""",
        arg=after,
        timeout=10_000,
    )


def run_count(page: Any) -> int:
    return int(page.evaluate("Number(document.body.dataset.runCount || 0)"))


@pytest.mark.browser
def test_in_chromium_the_url_and_the_script_agree_through_clicks_back_forward_and_reload(context: Any) -> None:
    with running_engine(PAGER) as server:
        page = context.new_page()
        page.goto(server.url + "?a=1&b=2")
        settle(page)
        page.get_by_text("query: a=1&b=2", exact=True).wait_for()
        entries = page.evaluate("history.length")
        for expected in ("2", "3"):
            before = run_count(page)
            page.get_by_role("button", name="Next page").click()
            settle(page, before)
            page.get_by_text(f"query: a=1&b=2&page={expected}", exact=True).wait_for()
            assert page.evaluate("location.search") == f"?a=1&b=2&page={expected}"
        assert page.evaluate("history.length") == entries + 2, "each change adds a history entry"

        before = run_count(page)
        page.go_back()
        page.wait_for_function("() => location.search === '?a=1&b=2&page=2'")
        settle(page, before)
        page.get_by_text("query: a=1&b=2&page=2", exact=True).wait_for()
        page.go_back()
        page.get_by_text("query: a=1&b=2", exact=True).wait_for()
        assert page.evaluate("location.search") == "?a=1&b=2"
        page.go_forward()
        page.get_by_text("query: a=1&b=2&page=2", exact=True).wait_for()
        assert page.evaluate("history.length") == entries + 2, "back and forward add no entries"

        runs = run_count(page)
        page.reload()
        page.wait_for_function("() => document.body.dataset.connection === 'connected'")
        page.get_by_text("query: a=1&b=2&page=2", exact=True).wait_for()
        assert page.evaluate("location.search") == "?a=1&b=2&page=2"
        assert run_count(page) == runs, "a reload resumes its session with the same query: no rerun"


@pytest.mark.browser
def test_in_chromium_an_edited_address_reruns_with_its_query(context: Any) -> None:
    with running_engine(PAGER) as server:
        page = context.new_page()
        page.goto(server.url + "?a=1")
        settle(page)
        page.get_by_text("query: a=1", exact=True).wait_for()
        page.goto(server.url + "?a=9#top")
        page.get_by_text("query: a=9", exact=True).wait_for()
        assert page.evaluate("location.hash") == "#top"
