"""The AppTest harness itself: ways to load a script, chaining, lookups, scoping, state and timeouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from porch.protocol import Hello, Rerun, Stop
from porch.testing import AppTest


def test_from_string_dedents() -> None:
    at = AppTest.from_string(
        """
        import porch as st
        st.title("Indented source")
        """
    ).run()
    assert at.title.values == ["Indented source"]


def test_from_file_and_imports_beside_the_script(tmp_path: Path) -> None:
    (tmp_path / "helper_for_apptest.py").write_text("GREETING = 'hi from helper'\n")
    script = tmp_path / "app.py"
    script.write_text("import porch as st\nfrom helper_for_apptest import GREETING\nst.write(GREETING)\n")
    at = AppTest.from_file(str(script)).run()
    assert at.markdown.values == ["hi from helper"]


def test_from_file_picks_up_changes(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text("import porch as st\nst.write('one')\n")
    at = AppTest.from_file(str(script)).run()
    script.write_text("import porch as st\nst.write('two, longer')\n")
    at.run()
    assert at.markdown.values == ["two, longer"]


def test_from_function_with_args_and_kwargs() -> None:
    def my_app(greeting: str, *, times: int = 1) -> None:
        import porch as st

        for _ in range(times):
            st.write(greeting)

    at = AppTest.from_function(my_app, args=("hello",), kwargs={"times": 2}).run()
    assert at.markdown.values == ["hello", "hello"]


def test_run_returns_the_apptest_and_actions_chain() -> None:
    at = AppTest.from_string("import porch as st\nst.write(st.slider('S'))")
    assert at.run() is at
    assert at.slider[0].set_value(5).run() is at
    assert at.markdown.rendered_texts == ["5"]


def test_several_actions_then_one_run() -> None:
    at = AppTest.from_string(
        "import porch as st\na = st.checkbox('A')\nb = st.text_input('B')\nc = st.selectbox('C', ['x', 'y'])\n"
        "st.write(a, b, c)"
    ).run()
    at.checkbox[0].check()
    at.text_input[0].input("typed")
    at.selectbox[0].select("y")
    assert at.checkbox[0].value is True  # what the user set, before the run
    at.run()
    assert at.markdown.rendered_texts == ["True typed y"]


def test_lookup_by_key() -> None:
    at = AppTest.from_string(
        "import porch as st\nst.button('Go', key='go')\nst.slider('S', key='size')\nst.slider('T')"
    ).run()
    assert at.button(key="go").label == "Go"
    assert at.slider(key="size").label == "S"
    assert at.slider("size").key == "size"
    assert at.slider[1].key is None
    with pytest.raises(KeyError):
        at.slider(key="nope")


def test_element_lists() -> None:
    at = AppTest.from_string("import porch as st\nfor i in range(3):\n    st.write(i)").run()
    assert len(at.markdown) == 3
    assert at.markdown.rendered_texts == ["0", "1", "2"]
    assert [m.rendered_text for m in at.markdown] == ["0", "1", "2"]
    assert at.markdown[-1].rendered_text == "2"
    assert len(at.button) == 0


def test_unknown_list_name_is_an_attribute_error() -> None:
    at = AppTest.from_string("import porch as st").run()
    with pytest.raises(AttributeError):
        at.no_such_element  # noqa: B018


def test_sidebar_and_main_scoping() -> None:
    at = AppTest.from_string(
        "import porch as st\nst.sidebar.button('Side')\nst.button('Main')\nwith st.sidebar:\n    st.write('s')\n"
        "st.write('m')"
    ).run()
    assert [b.label for b in at.button] == ["Main", "Side"]
    assert [b.label for b in at.sidebar.button] == ["Side"]
    assert [b.label for b in at.main.button] == ["Main"]
    assert at.sidebar.markdown.values == ["s"]
    assert at.main.markdown.values == ["m"]


def test_columns_and_tabs_scoping() -> None:
    at = AppTest.from_string(
        "import porch as st\na, b = st.columns(2)\na.checkbox('Left')\nb.checkbox('Right')\n"
        "t1, t2 = st.tabs(['X', 'Y'])\nt2.text('in Y')"
    ).run()
    assert [c.checkbox[0].label for c in at.columns] == ["Left", "Right"]
    assert at.columns[1].checkbox[0].check().run() is at
    assert at.checkbox.values == [False, True]
    assert [t.label for t in at.tabs] == ["X", "Y"]
    assert at.tabs[1].text.values == ["in Y"]
    assert len(at.tabs[0].text) == 0


def test_children_give_page_order() -> None:
    at = AppTest.from_string("import porch as st\nst.title('T')\nst.divider()\nst.button('B')").run()
    assert [child.kind for child in at.main.children] == ["heading", "divider", "button"]


def test_session_state_readable_and_writable() -> None:
    at = AppTest.from_string(
        "import porch as st\nst.session_state.setdefault('n', 0)\nst.session_state.n += 1\nst.write(st.session_state.n)"
    )
    at.session_state["n"] = 10
    at.run()
    assert at.markdown.rendered_texts == ["11"]
    assert at.session_state.n == 11
    assert "n" in at.session_state
    at.session_state.n = 100
    at.run()
    assert at.markdown.rendered_texts == ["101"]


def test_query_params_before_run() -> None:
    at = AppTest.from_string("import porch as st\nst.write('ok')")
    at.query_params["page"] = ["2"]
    at.run()
    assert at._session.query == {"page": ["2"]}  # what the session received: no script API reads it yet


def test_run_status_and_messages() -> None:
    at = AppTest.from_string("import porch as st\nst.write('x')")
    assert at.run_status is None
    at.run()
    assert at.run_status == "ok"
    assert at.messages[0]["type"] == "session"


def test_run_timeout() -> None:
    # The loop makes Porch calls, so the closed session's run ends at the next one instead of running on.
    at = AppTest.from_string(
        "import time\nimport porch as st\nph = st.empty()\nwhile True:\n    ph.text('busy')\n    time.sleep(0.01)\n",
        default_timeout=0.2,
    )
    with pytest.raises(RuntimeError, match="timed out"):
        at.run()
    assert at.closed


def test_run_timeout_argument_overrides_the_default() -> None:
    at = AppTest.from_string("import time\nimport porch as st\ntime.sleep(0.3)\nst.write('slow')", default_timeout=0.05)
    at.run(timeout=3)
    assert at.markdown.values == ["slow"]


def test_widget_value_of_a_widget_that_left_the_page() -> None:
    at = AppTest.from_string("import porch as st\nif not st.session_state.get('gone'):\n    st.slider('S')").run()
    slider = at.slider[0]
    at.session_state["gone"] = True
    at.run()
    with pytest.raises(LookupError):
        slider.set_value(3)


def test_setting_a_value_that_does_not_fit_raises_in_the_test() -> None:
    at = AppTest.from_string("import porch as st\nst.selectbox('Pick', ['a', 'b'])").run()
    with pytest.raises(ValueError):
        at.selectbox[0].select("zzz")


def test_element_reprs_and_props() -> None:
    at = AppTest.from_string("import porch as st\nst.info('note', icon='💡')").run()
    assert at.info[0].icon == "💡"
    assert "note" in repr(at.info[0])
    assert at.info[0].props["level"] == "info"


def test_button_value_reflects_the_last_click_only() -> None:
    at = AppTest.from_string("import porch as st\nst.button('A')\nst.button('B')").run()
    at.button[1].click().run()
    assert [b.value for b in at.button] == [False, True]
    at.run()
    assert [b.value for b in at.button] == [False, False]


def test_multiselect_select_and_unselect_chain() -> None:
    at = AppTest.from_string("import porch as st\nst.write(st.multiselect('M', ['a', 'b', 'c']))").run()
    at.multiselect[0].select("a").select("c").unselect("a").run()
    assert [j.parsed for j in at.json] == [["c"]]


def test_close_frees_the_session() -> None:
    at = AppTest.from_string("import porch as st\nst.write('x')").run()
    at.close()
    assert at.closed


def test_send_delivers_a_client_message_and_waits_for_the_runs_it_causes() -> None:
    at = AppTest.from_string("import porch as st\nst.write(st.slider('S', 0, 10, 1))")
    with pytest.raises(RuntimeError, match="run\\(\\) first"):
        at.send(Rerun())
    at.run()
    assert at.send(Rerun(widgets={at.slider[0].id: 7})) is at
    assert at.markdown.rendered_texts == ["7"] and at.run_status == "ok"
    assert at.send(Stop()) is at, "a Stop with no run going settles at once"
    at.close()
    with pytest.raises(RuntimeError, match="closed"):
        at.send(Rerun())


def test_errors_are_the_protocol_errors_the_session_sent() -> None:
    at = AppTest.from_string("import porch as st\nst.slider('S', 0, 10, 1)").run()
    assert at.errors == []
    at.send(Rerun(widgets={at.slider[0].id: 99}))
    assert [e["code"] for e in at.errors] == ["bad_value"]
    assert at.slider[0].id in at.errors[0]["message"]
    at.send(Hello())
    assert at.errors[-1]["code"] == "unexpected", "a second hello is not expected"


def test_media_is_what_the_server_serves_at_a_url_the_page_shows() -> None:
    at = AppTest.from_string("import porch as st\nst.download_button('Get', b'some bytes', file_name='a.bin')").run()
    served = at.media(at.download_button[0].props["url"])
    assert served.read() == b"some bytes" and served.download_name == "a.bin"
    with pytest.raises(LookupError):
        at.media("https://example.com/not-served.png")


def test_element_types_are_streamlit_1_67s() -> None:
    """What Streamlit 1.67's AppTest gives as ``type`` (read from it: a chart is its ``vega_lite_chart`` proto, a map
    its ``deck_gl_json_chart``, an exception ``exception``), so ``at.get(type)`` finds what a Streamlit test names."""
    at = AppTest.from_string(
        "import porch as st\nst.line_chart([1, 2, 3])\nst.map({'lat': [1.0], 'lon': [2.0]})\nraise ValueError('x')\n"
    ).run(timeout=30)
    chart, deck = at.main.children[:2]
    assert (chart.type, deck.type, at.exception[0].type) == ("vega_lite_chart", "deck_gl_json_chart", "exception")
    assert at.exception[0].props["type"] == "ValueError"
    assert at.get("vega_lite_chart") == [chart] and at.get("deck_gl_json_chart") == [deck]
