"""``bind="query-params"`` and ``persist_state``: one mechanism in the widget layer for every widget that takes them
(core/binding.py, ``WidgetStore.end_run``/``register``), with Streamlit 1.67's rules: the URL seeds a bound widget,
its changes replace the address, the default removes the parameter, a parameter that does not fit is ignored with a
warning, ``st.query_params`` cannot touch a bound parameter, and a widget's value outlives the runs that do not show
it as its ``persist_state`` says. The protocol test runs a real engine over a WebSocket; the browser test is Debian's
Chromium."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest

from engine_harness import ProtocolClient, running_engine
from porch.protocol import Rerun
from porch.testing import AppTest


def query_messages(at: AppTest) -> list[dict[str, Any]]:
    return [{k: v for k, v in m.items() if k != "type"} for m in at.messages if m["type"] == "query"]


BOUND = """
import datetime
import porch as st
values = [
    st.text_input("Name", key="name", bind="query-params"),
    st.checkbox("Agree", key="agree", bind="query-params"),
    st.toggle("Dark", key="dark", value=True, bind="query-params"),
    st.number_input("Age", key="age", value=3, bind="query-params"),
    st.slider("Span", 0, 10, (2, 8), key="span", bind="query-params"),
    st.selectbox("Fruit", ["apple", "banana", "cherry"], key="fruit", bind="query-params"),
    st.radio("Size", [1, 2, 3], format_func=lambda n: f"size {n}", key="size", bind="query-params"),
    st.multiselect("Tags", ["a", "b", "c"], key="tags", bind="query-params"),
    st.pills("Mood", ["calm", "busy"], key="mood", bind="query-params"),
    st.select_slider("Level", ["low", "mid", "high"], key="level", bind="query-params"),
    st.date_input("Day", datetime.date(2024, 1, 1), key="day", bind="query-params"),
    st.color_picker("Ink", "#000000", key="ink", bind="query-params"),
    st.text_area("Notes", key="notes", bind="query-params"),
]
st.text(repr(values))
"""


def test_the_url_gives_bound_widgets_their_first_value_read_by_each_widgets_own_codec() -> None:
    at = AppTest.from_string(BOUND)
    at.query_params.update({
        "name": "Ada", "agree": "TRUE", "dark": "false", "age": "7", "span": ["1", "9"], "fruit": "cherry",
        "size": "size 3", "tags": ["a", "c"], "mood": "busy", "level": "high", "day": "2024-02-29", "ink": "#ff8800",
        "notes": "123",
    })
    at.run()
    assert not at.exception
    assert at.text.values == [repr([
        "Ada", True, False, 7, (1, 9), "cherry", 3, ["a", "c"], "busy", "high", datetime.date(2024, 2, 29), "#ff8800",
        "123",
    ])]
    assert at.text_input(key="name").value == "Ada" and at.session_state["tags"] == ["a", "c"]
    assert [m["history"] for m in query_messages(at)] == ["replace"]
    assert at.query_params["agree"] == "true", "the address is corrected to the value's own form"
    assert at.query_params["age"] == "7" and at.query_params["tags"] == ["a", "c"]
    at.run()
    assert len(query_messages(at)) == 1, "the address shows every value: nothing more to replace"


def test_a_change_replaces_the_address_and_the_default_removes_the_parameter() -> None:
    at = AppTest.from_string(BOUND).run()
    assert not query_messages(at) and at.query_params == {}
    at.text_input(key="name").input("Bob").run()
    at.selectbox(key="fruit").select("banana").run()
    at.multiselect(key="tags").select("b").run()
    at.slider(key="span").set_value((0, 8)).run()
    at.toggle(key="dark").set_value(False).run()
    assert query_messages(at)[-1] == {
        "params": {"name": ["Bob"], "fruit": ["banana"], "tags": ["b"], "span": ["0", "8"], "dark": ["false"]},
        "history": "replace",
    }, "labels, not indices; a pair as the parameter repeated; every change replaces the entry"
    at.text_input(key="name").input("").run()
    at.selectbox(key="fruit").select("apple").run()
    at.toggle(key="dark").set_value(True).run()
    assert query_messages(at)[-1]["params"] == {"tags": ["b"], "span": ["0", "8"]}
    assert at.query_params == {"tags": "b", "span": ["0", "8"]}


def test_a_slider_of_dates_or_times_carries_iso_text() -> None:
    script = """
import datetime as dt
import porch as st
days = st.slider("Days", dt.date(2024, 1, 1), dt.date(2024, 12, 31), (dt.date(2024, 1, 1), dt.date(2024, 2, 1)),
                 key="days", bind="query-params")
alarm = st.slider("Alarm", value=dt.time(7, 0), key="alarm", bind="query-params")
st.text(f"{days} {alarm}")
"""
    at = AppTest.from_string(script)
    at.query_params.update({"days": ["2024-03-01", "2024-03-15"], "alarm": "08:30"})
    at.run()
    assert at.text.values == ["(datetime.date(2024, 3, 1), datetime.date(2024, 3, 15)) 08:30:00"]
    assert not query_messages(at), "the address already says it as the widgets would"
    at.slider(key="alarm").set_value(datetime.time(9, 15, 30)).run()
    assert at.query_params == {"days": ["2024-03-01", "2024-03-15"], "alarm": "09:15:30"}


def test_a_parameter_that_does_not_fit_is_ignored_with_a_warning_and_leaves_the_address(
    caplog: pytest.LogCaptureFixture,
) -> None:
    script = """
import porch as st
n = st.number_input("Age", key="age", value=3, min_value=0, max_value=120, bind="query-params")
f = st.selectbox("Fruit", ["apple", "banana"], key="fruit", bind="query-params")
st.text(f"{n} {f}")
"""
    at = AppTest.from_string(script)
    at.query_params.update({"age": "old", "fruit": "kiwi"})
    with caplog.at_level(logging.WARNING, logger="porch.binding"):
        at.run()
        assert not at.exception and at.text.values == ["3 apple"]
        assert [w.value for w in at.warning] == [
            "The query parameter ?age=old is not a value of the number_input 'Age' and was ignored.",
            "The query parameter ?fruit=kiwi is not a value of the selectbox 'Fruit' and was ignored.",
        ]
        assert at.query_params == {}, "the parameters that did not fit leave the address"
        at.query_params["age"] = "500"  # out of bounds: the codec refuses it as it refuses a client's value
        at.run()
        assert at.text.values == ["3 apple"] and at.query_params == {}
    logged = [r.getMessage() for r in caplog.records if "?age=" in r.getMessage()]
    assert len(logged) == 1 and "logged once per session" in logged[0]


def test_the_sessions_value_wins_after_the_first_run_and_back_or_forward_restore_the_urls() -> None:
    script = """
import porch as st
if "name" not in st.session_state:
    st.session_state.name = "set by code"
st.text(st.text_input("Name", key="name", bind="query-params"))
"""
    at = AppTest.from_string(script)
    at.query_params["name"] = "from url"
    at.run()
    assert at.text.values == ["from url"], "on the first run the URL wins over session_state"
    at.text_input(key="name").input("typed").run()
    assert at.query_params == {"name": "typed"}
    at.send(Rerun(query={"name": ["back"]}))  # the user went back to an entry with another value
    assert at.text.values == ["back"]
    at.send(Rerun(query={}))  # an entry without the parameter: the default
    assert at.text.values == [""]


def test_session_state_changes_a_bound_widget_and_the_address_follows() -> None:
    script = """
import porch as st
if st.button("reset"):
    st.session_state.fruit = "cherry"
st.text(st.selectbox("Fruit", ["apple", "banana", "cherry"], key="fruit", bind="query-params"))
"""
    at = AppTest.from_string(script).run()
    at.button[0].click().run()
    assert at.text.values == ["cherry"] and at.query_params == {"fruit": "cherry"}


@pytest.mark.parametrize(("call", "message"), [
    ("st.query_params['name'] = 'x'", "Cannot directly set query parameter 'name' - it is bound to a widget."),
    ("del st.query_params['name']", "Cannot directly delete query parameter 'name' - it is bound to a widget."),
    ("st.query_params.update(name='x')", "Cannot directly set query parameter 'name'"),
    ("st.query_params.from_dict({'name': 'x'})", "Cannot directly set query parameter 'name'"),
    ("st.query_params.clear()", "Cannot clear query parameters - the following are bound to widgets: 'name'."),
])
def test_a_bound_parameter_cannot_be_set_or_deleted_through_query_params(call: str, message: str) -> None:
    script = f"""
import porch as st
st.text_input("Name", key="name", bind="query-params")
st.text(f"read: {{st.query_params.get('name')}}")
st.query_params["other"] = "1"
{call}
"""
    at = AppTest.from_string(script)
    at.query_params["name"] = "Ada"
    at.run()
    assert at.text.values == ["read: Ada"], "a bound parameter reads as any other"
    assert len(at.exception) == 1 and message in at.exception[0].message
    assert at.query_params == {"name": "Ada", "other": "1"}


def test_from_dict_keeps_the_bound_parameters_and_replaces_the_rest() -> None:
    script = """
import porch as st
st.text_input("Name", key="name", bind="query-params")
if st.button("go"):
    st.query_params.from_dict({"page": "2"})
"""
    at = AppTest.from_string(script)
    at.query_params.update({"name": "Ada", "old": "1"})
    at.run().button[0].click().run()
    assert at.query_params == {"name": "Ada", "page": "2"}


@pytest.mark.parametrize(("call", "message"), [
    ("st.checkbox('A', bind='query-params')",
     "The `key` parameter is required. When using bind='query-params', the widget must have a unique 'key'"),
    ("st.slider('A', persist_state='session')",
     "The `key` parameter is required. When using persist_state, the widget must have a unique 'key'"),
    ("st.text_input('A', key='a', bind='url')", "Invalid `bind` value for text_input: 'url'. Supported values:"),
    ("st.radio('A', [1], key='a', persist_state='forever')", "Invalid `persist_state` value for radio: 'forever'."),
    ("st.tabs(['x', 'y'], bind='query-params')", "The `key` parameter is required."),
    ("st.expander('E', key='embed', bind='query-params')", "Cannot bind to reserved query parameter 'embed'."),
])
def test_bind_and_persist_state_need_a_key_and_a_known_value(call: str, message: str) -> None:
    at = AppTest.from_string(f"import porch as st\n{call}\n").run()
    assert len(at.exception) == 1 and message in at.exception[0].message


def test_tabs_and_expanders_bind_their_state_by_label_and_by_true_or_false() -> None:
    script = """
import porch as st
tabs = st.tabs(["One", "Two", "Three"], key="tab", bind="query-params")
exp = st.expander("More", key="more", bind="query-params")
st.text(f"{[t.open for t in tabs]} {exp.open}")
"""
    at = AppTest.from_string(script)
    at.query_params.update({"tab": "Three", "more": "true"})
    at.run()
    assert at.text.values == ["[False, False, True] True"], "bound tabs and expanders report their state"
    at.send(Rerun(query={"tab": ["Two"]}))
    assert at.text.values == ["[False, True, False] False"]
    assert at.query_params == {"tab": "Two"}


# -- persist_state ------------------------------------------------------------------------------------------------

HIDING = """
import porch as st
show = st.checkbox("show", value=True)
if show:
    st.text_input("Plain", key="plain")
    st.text_input("Page", key="on_page", persist_state="page")
    st.text_input("Session", key="kept", persist_state="session")
st.text(repr({k: st.session_state.get(k) for k in ("plain", "on_page", "kept")}))
"""


def test_a_hidden_widget_drops_its_value_unless_persist_state_keeps_it() -> None:
    at = AppTest.from_string(HIDING).run()
    for key in ("plain", "on_page", "kept"):
        at.text_input(key=key).input(f"{key}!")
    at.run()
    at.checkbox[0].uncheck().run()
    at.run()  # values are dropped as the run that hides their widgets ends (Streamlit's cleanup)
    assert at.text.values == [repr({"plain": None, "on_page": "on_page!", "kept": "kept!"})], (
        "session_state reads a kept value while its widget is hidden")
    at.checkbox[0].check().run()
    assert [at.text_input(key=k).value for k in ("plain", "on_page", "kept")] == ["", "on_page!", "kept!"]


def test_del_session_state_forgets_a_kept_value() -> None:
    script = HIDING + "\nif st.button('forget'):\n    del st.session_state['kept']\n    st.rerun()\n"
    at = AppTest.from_string(script).run()
    at.text_input(key="kept").input("x").run()
    at.checkbox[0].uncheck().run()
    assert at.run().session_state["kept"] == "x"
    at.button[0].click().run()
    at.checkbox[0].check().run()
    assert at.text_input(key="kept").value == ""


PAGES = """
import porch as st

def first():
    st.text_input("Page scope", key="on_page", persist_state="page")
    st.text_input("Session scope", key="kept", persist_state="session")
    st.text_input("Bound", key="bound", bind="query-params", persist_state="page")
    st.text_input("Plain", key="plain")

def second():
    st.text(repr({k: st.session_state.get(k) for k in ("on_page", "kept", "bound", "plain")}))

st.navigation([st.Page(first, url_path="first"), st.Page(second, url_path="second")]).run()
"""


def test_page_scope_ends_with_a_page_switch_and_session_scope_and_bindings_come_back() -> None:
    at = AppTest.from_string(PAGES).run()
    for key in ("on_page", "kept", "bound", "plain"):
        at.text_input(key=key).input(f"{key}!")
    at.run()
    assert at.query_params == {"bound": "bound!"}
    at.send(Rerun(page="second", query={})).run()
    assert at.text.values == [repr({"on_page": None, "kept": "kept!", "bound": "bound!", "plain": None})], (
        "bind takes precedence over persist_state='page'")
    at.send(Rerun(page="first", query={}))
    assert [at.text_input(key=k).value for k in ("on_page", "kept", "bound", "plain")] == [
        "", "kept!", "bound!", ""]
    assert at.query_params == {"bound": "bound!"}, "a bound value shown again goes back into the address"


def test_a_hidden_bound_widget_keeps_its_value_and_its_parameter_leaves_the_address() -> None:
    script = """
import porch as st
if st.checkbox("show", value=True):
    st.number_input("Count", key="count", value=0, bind="query-params")
st.text(f"count={st.session_state.get('count')}")
"""
    at = AppTest.from_string(script).run()
    at.number_input(key="count").set_value(5).run()
    assert at.query_params == {"count": "5"}
    at.checkbox[0].uncheck().run()
    assert at.text.values == ["count=5"] and at.query_params == {}
    assert query_messages(at)[-1] == {"params": {}, "history": "replace"}
    at.checkbox[0].check().run()
    assert at.number_input(key="count").value == 5 and at.query_params == {"count": "5"}


def test_a_page_value_kept_while_hidden_ends_with_a_page_switch() -> None:
    script = """
import porch as st

def first():
    if st.checkbox("show", value=True):
        st.text_input("Page scope", key="on_page", persist_state="page")

st.navigation([st.Page(first, url_path="first"), st.Page(lambda: st.text("2"), url_path="second")]).run()
"""
    at = AppTest.from_string(script).run()
    at.text_input(key="on_page").input("here").run()
    at.checkbox[0].uncheck().run()
    at.checkbox[0].check().run()
    assert at.text_input(key="on_page").value == "here", "kept while the app stays on its page"
    at.checkbox[0].uncheck().run()
    at.send(Rerun(page="second", query={}))
    at.send(Rerun(page="first", query={}))
    at.checkbox[0].check().run()
    assert at.text_input(key="on_page").value == ""


# -- over the socket ----------------------------------------------------------------------------------------------

PROTOCOL_APP = """
import porch as st
name = st.text_input("Name", key="name", bind="query-params")
st.text(f"hello {name}")
"""


def test_over_the_socket_the_hello_query_seeds_the_widget_and_a_change_replaces_the_address() -> None:
    with running_engine(PROTOCOL_APP) as server:
        client = ProtocolClient(server.ws_url, hello={"query": {"name": ["Ada"], "other": ["1"]}})
        client.until_finished()
        assert client.texts() == ["hello Ada"]
        field = client.widget("text_input")
        client.send({"type": "rerun", "widgets": {field: "Bob"}})
        query = client.until(lambda m: m["type"] == "query")
        assert query == {"type": "query", "params": {"name": ["Bob"], "other": ["1"]}, "history": "replace"}
        client.until_finished()
        client.send({"type": "rerun", "widgets": {field: ""}})
        assert client.until(lambda m: m["type"] == "query")["params"] == {"other": ["1"]}
        client.until_finished()
        client.send({"type": "rerun", "widgets": {}, "query": {"name": ["Cy"]}})  # the user went back
        client.until_finished()
        assert client.texts() == ["hello Cy"]


# -- in Chromium --------------------------------------------------------------------------------------------------

SITE = """
import porch as st

def first():
    name = st.text_input("Name", key="name", bind="query-params")
    saved = st.text_input("Saved", key="saved", persist_state="session")
    st.text(f"hello {name}")
    st.text(f"saved: {saved}")

def second():
    st.text("the second page")

st.navigation([st.Page(first, title="First"), st.Page(second, title="Second", url_path="second")]).run()
"""


@pytest.mark.browser
def test_in_chromium_a_bound_field_writes_the_address_reads_it_and_a_session_value_comes_back(context: Any) -> None:
    from playwright.sync_api import expect

    with running_engine(SITE) as server:
        page = context.new_page()
        page.goto(server.url + "?name=Ada")
        page.get_by_text("hello Ada", exact=True).wait_for()
        expect(page.get_by_label("Name")).to_have_value("Ada")
        entries = page.evaluate("history.length")

        page.get_by_label("Name").fill("Bob")
        page.get_by_label("Name").press("Enter")
        page.get_by_text("hello Bob", exact=True).wait_for()
        page.wait_for_function("() => location.search === '?name=Bob'", timeout=10_000)
        assert page.evaluate("history.length") == entries, "the address is replaced, not pushed"

        page.get_by_label("Saved").fill("keep me")
        page.get_by_label("Saved").press("Enter")
        page.get_by_text("saved: keep me", exact=True).wait_for()

        menu = page.get_by_role("navigation", name="Pages")
        menu.get_by_role("link", name="Second").click()
        page.get_by_text("the second page", exact=True).wait_for()
        menu.get_by_role("link", name="First").click()
        page.get_by_text("saved: keep me", exact=True).wait_for()
        expect(page.get_by_label("Saved")).to_have_value("keep me")
        expect(page.get_by_label("Name")).to_have_value("Bob")
        page.wait_for_function("() => location.search === '?name=Bob'", timeout=10_000)
