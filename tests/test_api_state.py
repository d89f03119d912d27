"""session_state, widget identity and keys, callbacks, and forms' values: the state a script keeps from one run to the
next. What st.form itself allows: tests/elements/test_form.py."""

from __future__ import annotations

import logging
import time

import pytest

from porch.protocol import Rerun
from porch.testing import AppTest
from support import FORM, app, send


# -- session_state as a mapping ----------------------------------------------------------------------------------


def test_attribute_and_item_access_share_one_store() -> None:
    at = app(
        'if "count" not in st.session_state:\n    st.session_state.count = 0\n'
        'st.session_state["count"] += 1\n'
        'st.write(st.session_state.count, st.session_state["count"])'
    )
    assert at.markdown.rendered_texts == ["1 1"]
    at.run()
    assert at.markdown.rendered_texts == ["2 2"]
    assert at.session_state["count"] == 2
    assert at.session_state.count == 2


def test_a_key_that_starts_with_an_underscore_is_a_key_like_any_other() -> None:
    # A common pattern: a widget keyed "_role" mirrors a kept "role", read and written as attributes.
    at = app(
        'if "role" in st.session_state:\n    st.session_state._role = st.session_state.role\n'
        "def keep():\n    st.session_state.role = st.session_state._role\n"
        'st.selectbox("Role", [None, "user", "admin"], key="_role", on_change=keep)\n'
        'st.write(f"role={st.session_state.get(\'role\')} mirror={st.session_state[\'_role\']}")'
    )
    at.selectbox[0].set_value("admin").run()
    assert not at.exception
    assert at.markdown.rendered_texts == ["role=admin mirror=admin"]
    at.run()
    assert at.markdown.rendered_texts == ["role=admin mirror=admin"]
    assert at.session_state._role == "admin" and "_role" in at.session_state
    at.session_state._note = "set by the test"
    assert at.session_state["_note"] == "set by the test"
    del at.session_state._note
    assert "_note" not in at.session_state


def test_in_del_iteration_get_and_len() -> None:
    at = app(
        'st.session_state.a = 1\nst.session_state["b"] = 2\n'
        'del st.session_state.a\n'
        'st.write("a" in st.session_state, "b" in st.session_state, sorted(st.session_state), len(st.session_state))\n'
        'st.write(st.session_state.get("zz", "default"), st.session_state.to_dict())'
    )
    assert at.markdown.rendered_texts == ["False True", "1", "default"]
    assert [j.parsed for j in at.json] == [["b"], {"b": 2}]


def test_missing_key_errors_name_the_key() -> None:
    at = app("st.session_state.missing")
    assert at.exception[0].props["type"] == "AttributeError"
    assert "missing" in at.exception[0].message
    at = app('st.session_state["absent"]')
    assert at.exception[0].props["type"] == "KeyError"
    assert "absent" in at.exception[0].message


def test_del_of_missing_key_raises() -> None:
    at = app('del st.session_state["nope"]')
    assert at.exception[0].props["type"] == "KeyError"


def test_session_state_set_before_first_run() -> None:
    at = AppTest.from_string('import porch as st\nst.write(st.session_state.greeting)')
    at.session_state["greeting"] = "hi"
    at.run()
    assert at.markdown.values == ["hi"]


def test_sessions_do_not_share_state() -> None:
    source = 'st.session_state.n = st.session_state.get("n", 0) + 1\nst.write(st.session_state.n)'
    first, second = app(source), app(source)
    first.run().run()
    assert first.markdown.rendered_texts == ["3"]
    assert second.markdown.rendered_texts == ["1"]


# -- widget keys mirror into session_state -----------------------------------------------------------------------


def test_widget_key_mirrors_value() -> None:
    at = app('st.slider("S", 0, 10, 3, key="size")\nst.write(st.session_state.size, "size" in st.session_state)')
    assert at.markdown.rendered_texts == ["3 True"]
    at.slider(key="size").set_value(8).run()
    assert at.session_state["size"] == 8
    assert at.markdown.rendered_texts == ["8 True"]


def test_setting_a_key_before_the_widget_sets_its_value() -> None:
    at = app(
        'if st.session_state.get("reset"):\n    st.session_state.name = "default"\n    st.session_state.reset = False\n'
        'v = st.text_input("Name", key="name")\nst.write(f"[{v}]")'
    )
    at.text_input[0].input("Ada").run()
    assert at.markdown.values == ["[Ada]"]
    at.session_state["reset"] = True
    at.run()
    assert at.markdown.values == ["[default]"]
    assert at.text_input[0].value == "default"


def test_key_set_before_first_creation_overrides_value_with_a_logged_warning(caplog: pytest.LogCaptureFixture) -> None:
    """As Streamlit 1.67: the warning goes to the log (once per session and key), not into the page."""
    with caplog.at_level(logging.WARNING, logger="porch.widgets"):
        at = app('st.session_state.n = 7\nv = st.number_input("N", value=3, key="n")\nst.write(v)')
        at.run()
    assert at.markdown.rendered_texts == ["7"] and len(at.warning) == 0
    assert [r.getMessage() for r in caplog.records if r.name == "porch.widgets"] == [
        'The widget with key "n" was created with a default value but also had its value set via the Session State '
        "API. The value set through session_state is used."
    ]


def test_key_set_before_widget_without_value_gives_no_warning() -> None:
    at = app('st.session_state.n = 7\nv = st.number_input("N", key="n")\nst.write(v)')
    assert at.markdown.rendered_texts == ["7.0"] or at.markdown.rendered_texts == ["7"]
    assert len(at.warning) == 0


def test_setting_a_key_after_its_widget_raises() -> None:
    at = app('st.slider("S", key="s")\nst.session_state.s = 5')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "s" in at.exception[0].message and "created" in at.exception[0].message


def test_setting_a_button_state_raises() -> None:
    at = app('st.button("Go", key="go")\nst.session_state.go = True')
    assert at.exception[0].props["type"] == "PorchAPIError"
    at = app('if "go" in st.session_state:\n    st.session_state.go = True\nst.button("Go", key="go")')
    at.run()
    assert at.exception[0].props["type"] == "PorchAPIError"


def test_button_state_is_true_in_its_run() -> None:
    at = app('st.button("Go", key="go")\nst.write(st.session_state.go)')
    assert at.markdown.rendered_texts == ["False"]
    at.button(key="go").click().run()
    assert at.markdown.rendered_texts == ["True"]


def test_invalid_preset_value_is_an_error() -> None:
    at = app('st.session_state.pick = "zzz"\nst.selectbox("Pick", ["a", "b"], key="pick")')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "pick" in at.exception[0].message


def test_widget_state_written_from_the_harness() -> None:
    at = app('st.checkbox("C", key="c")\nst.write(st.session_state.c)')
    at.session_state["c"] = True
    at.run()
    assert at.checkbox[0].value is True
    assert at.markdown.rendered_texts == ["True"]


def test_del_of_a_widget_key_resets_the_widget() -> None:
    at = app(
        'if st.session_state.get("clear"):\n    del st.session_state["t"]\n    st.session_state.clear = False\n'
        'st.text_input("T", "start", key="t")'
    )
    at.text_input[0].input("typed").run()
    assert at.text_input[0].value == "typed"
    at.session_state["clear"] = True
    at.run()
    assert at.text_input[0].value == "start"


def test_deleted_widget_key_reads_as_missing_until_the_widget_is_shown() -> None:
    at = app('st.text_input("T", key="t")\ndel st.session_state.t\nst.write("t" in st.session_state)')
    assert at.markdown.rendered_texts == ["False"]
    assert at.run_status == "ok"


# -- identity ----------------------------------------------------------------------------------------------------


def test_auto_and_key_ids_are_stable_across_reruns() -> None:
    at = app('st.slider("A")\nst.slider("B", key="b")\nst.sidebar.slider("A")')
    ids = [s.id for s in at.slider]
    at.slider[0].set_value(3).run()
    at.run()
    assert [s.id for s in at.slider] == ids
    assert ids[1] == "k:b"
    assert len(set(ids)) == 3


def test_same_label_in_sidebar_and_main_is_fine() -> None:
    at = app('a = st.slider("Size")\nb = st.sidebar.slider("Size")\nst.write(a, b)')
    assert at.run_status == "ok"
    at.sidebar.slider[0].set_value(9).run()
    assert at.markdown.rendered_texts == ["0 9"]
    assert at.main.slider[0].value == 0


def test_same_label_in_two_columns_is_fine() -> None:
    at = app('a, b = st.columns(2)\na.button("Go")\nb.button("Go")')
    assert at.run_status == "ok"
    assert len(at.button) == 2


def test_duplicate_widgets_without_key_are_an_error_in_streamlits_words() -> None:
    at = app('st.write("before")\nst.button("Go")\nst.button("Go")')
    assert at.run_status == "error"
    exc = at.exception[0]
    assert exc.props["type"] == "DuplicateWidgetError"
    assert exc.message.startswith("There are multiple `button` elements with the same auto-generated ID.")
    assert exc.message.endswith("please pass a unique `key` argument to the `button` element.")
    assert at.markdown.values == ["before"]
    assert len(at.button) == 1


def test_duplicate_keys_are_an_error() -> None:
    at = app('st.slider("A", key="x")\nst.checkbox("B", key="x")')
    assert at.exception[0].props["type"] == "DuplicateWidgetError"
    assert at.exception[0].message == (
        "There are multiple elements with the same `key='x'`. To fix this, please make sure that the `key` argument "
        "is unique for each element you create."
    )


def test_distinct_keys_make_identical_widgets_fine() -> None:
    at = app('a = st.button("Go", key="one")\nb = st.button("Go", key="two")\nst.write(a, b)')
    at.button(key="two").click().run()
    assert at.markdown.rendered_texts == ["False True"]


def test_widget_state_dropped_when_not_rendered_in_a_completed_run() -> None:
    at = app(
        'show = st.checkbox("Show")\n'
        'if show:\n    v = st.slider("S", 0, 10, 1, key="s")\n'
        'st.write("s" in st.session_state)'
    )
    at.checkbox[0].check().run()
    at.slider[0].set_value(7).run()
    assert at.session_state["s"] == 7
    at.checkbox[0].uncheck().run()
    assert "s" not in at.session_state
    at.run()
    assert at.markdown.rendered_texts == ["False"]
    at.checkbox[0].check().run()
    assert at.slider[0].value == 1


def test_widget_state_kept_across_a_run_superseded_by_a_rerun() -> None:
    at = app(
        'if st.session_state.get("again"):\n    st.session_state.again = False\n    st.rerun()\n'
        'st.slider("S", 0, 10, key="s")\nst.write(st.session_state.s)'
    )
    at.slider[0].set_value(6).run()
    at.session_state["again"] = True
    at.run()
    assert at.run_status == "ok"
    assert at.markdown.rendered_texts == ["6"]
    assert at.session_state["s"] == 6


def test_widget_state_kept_across_a_run_ended_by_stop() -> None:
    at = app(
        'if st.session_state.get("halt"):\n    st.stop()\n'
        'st.slider("S", 0, 10, key="s")'
    )
    at.slider[0].set_value(4).run()
    at.session_state["halt"] = True
    at.run()
    assert at.run_status == "stopped"
    at.session_state["halt"] = False
    at.run()
    assert at.slider[0].value == 4


def test_key_given_as_int_is_fine() -> None:
    at = app('st.slider("S", key=5)\nst.write(st.session_state["5"])')
    assert at.markdown.rendered_texts == ["0"]


# -- callbacks ---------------------------------------------------------------------------------------------------


def test_on_change_runs_before_the_script_with_args_and_the_new_value() -> None:
    at = app(
        "def changed(prefix, *, suffix):\n"
        "    st.session_state.log = st.session_state.get('log', []) + [f'{prefix}{st.session_state.s}{suffix}']\n"
        "st.write(st.session_state.get('log', []))\n"
        "st.slider('S', 0, 10, key='s', on_change=changed, args=('v=',), kwargs={'suffix': '!'})"
    )
    assert [j.parsed for j in at.json] == [[]]
    at.slider[0].set_value(3).run()
    assert [j.parsed for j in at.json] == [["v=3!"]]
    at.run()
    assert [j.parsed for j in at.json] == [["v=3!"]]


def test_on_change_not_called_when_value_did_not_change() -> None:
    at = app(
        "def changed():\n    st.session_state.calls = st.session_state.get('calls', 0) + 1\n"
        "st.checkbox('C', on_change=changed)"
    )
    at.checkbox[0].set_value(False).run()
    assert "calls" not in at.session_state
    at.checkbox[0].check().run()
    assert at.session_state["calls"] == 1


def test_on_click_with_args_runs_once_per_click() -> None:
    at = app(
        "def add(n):\n    st.session_state.total = st.session_state.get('total', 0) + n\n"
        "st.button('Add 5', on_click=add, args=(5,))\n"
        "st.write(st.session_state.get('total', 0))"
    )
    at.button[0].click().run()
    assert at.markdown.rendered_texts == ["5"]
    at.button[0].click().run()
    at.run()
    assert at.markdown.rendered_texts == ["10"]


def test_elements_written_by_a_callback_appear_at_the_top() -> None:
    at = app("def cb():\n    st.write('from callback')\nst.title('Title')\nst.button('Go', on_click=cb)")
    at.button[0].click().run()
    assert [c.kind for c in at.main.children] == ["markdown", "heading", "button"]
    assert at.markdown.values == ["from callback"]
    at.run()
    assert at.markdown.values == []


def test_callback_can_set_another_widgets_state() -> None:
    at = app(
        "def reset():\n    st.session_state.name = ''\n"
        "st.text_input('Name', key='name')\nst.button('Clear', on_click=reset)"
    )
    at.text_input[0].input("Ada").run()
    at.button[0].click().run()
    assert at.text_input[0].value == ""
    assert at.session_state["name"] == ""


def test_exception_in_a_callback_is_shown() -> None:
    at = app("def cb():\n    raise ValueError('callback broke')\nst.button('Go', on_click=cb)")
    at.button[0].click().run()
    assert at.run_status == "error"
    assert at.exception[0].message == "callback broke"
    at.run()
    assert at.run_status == "ok"


# -- buttons and clicks that arrive during a run -----------------------------------------------------------------

CLICK_DURING_RUN = """
import time
import porch as st
clicked = st.button("Go")
v = st.slider("S", 0, 10, 0)
if clicked:
    st.session_state.clicks = st.session_state.get("clicks", 0) + 1
ph = st.empty()
for i in range(30):
    ph.text(f"working {i}")
    time.sleep(0.002)
st.write(f"v={v}")
"""


def test_a_click_followed_by_another_event_is_not_lost() -> None:
    at = AppTest.from_string(CLICK_DURING_RUN).run()
    button, slider = at.button[0].id, at.slider[0].id
    # The click goes straight to the session, without AppTest.send's wait, so the slider's change arrives during the
    # run the click started: no public name does that on purpose.
    at._session.receive(Rerun(trigger=button))
    time.sleep(0.01)
    at.send(Rerun(widgets={slider: 7}))
    assert at.session_state["clicks"] == 1
    assert at.markdown.values == ["v=7"]
    at.run()
    assert at.session_state["clicks"] == 1


def test_a_click_merged_with_values_in_one_request() -> None:
    at = AppTest.from_string(CLICK_DURING_RUN).run()
    send(at, {at.slider[0].id: 3}, trigger=at.button[0].id)
    assert at.session_state["clicks"] == 1
    assert at.markdown.values == ["v=3"]


# -- forms -------------------------------------------------------------------------------------------------------



def test_form_values_apply_only_on_submit() -> None:
    at = AppTest.from_string(FORM).run()
    assert at.text_input[0].props["form"] == "f"
    at.text_input[0].input("Ada")
    at.slider[0].set_value(4)
    at.run()
    assert at.markdown.values == ["name= size=1 submitted=False"]
    at.button[0].click().run()
    assert at.markdown.values == ["name=Ada size=4 submitted=True"]
    at.run()
    assert at.markdown.values == ["name=Ada size=4 submitted=False"]


def test_form_submit_via_submit() -> None:
    at = AppTest.from_string(FORM).run()
    at.slider[0].set_value(9)
    at.button[0].submit().run()
    assert at.markdown.values == ["name= size=9 submitted=True"]


def test_clear_on_submit_resets_values_after_the_submit_run() -> None:
    at = app(
        'with st.form("f", clear_on_submit=True):\n    t = st.text_input("T", key="t")\n'
        '    s = st.form_submit_button("Go")\n'
        'if s:\n    st.session_state.got = t\nst.write(st.session_state.get("got", ""))'
    )
    at.text_input[0].input("hello")
    at.button[0].click().run()
    assert at.markdown.values == ["hello"]
    assert at.text_input[0].value == ""
    assert at.session_state["t"] == ""
    at.run()
    assert at.markdown.values == ["hello"]


def test_form_submit_on_click_runs_with_submitted_values() -> None:
    at = app(
        "def done():\n    st.session_state.got = st.session_state.t\n"
        'with st.form("f"):\n    st.text_input("T", key="t")\n    st.form_submit_button("Go", on_click=done)\n'
        'st.write(st.session_state.get("got", "-"))'
    )
    at.text_input[0].input("typed")
    at.button[0].click().run()
    assert at.markdown.values == ["typed"]


def test_widgets_in_two_forms_with_the_same_label_are_distinct() -> None:
    at = app(
        'for k in ("a", "b"):\n    with st.form(k):\n        st.text_input("Name")\n        st.form_submit_button()'
    )
    assert at.run_status == "ok"
    assert len({t.id for t in at.text_input}) == 2


def test_form_submit_sends_only_its_own_forms_values() -> None:
    at = app(
        'with st.form("a"):\n    a = st.text_input("A")\n    st.form_submit_button("Send A")\n'
        'with st.form("b"):\n    b = st.text_input("B")\n    st.form_submit_button("Send B")\n'
        'st.write(f"a={a} b={b}")'
    )
    at.text_input[0].input("one")
    at.text_input[1].input("two")
    at.button[0].click().run()
    assert at.markdown.values == ["a=one b="]
    at.button[1].click().run()
    assert at.markdown.values == ["a=one b=two"]


@pytest.mark.parametrize("kind", ["slider", "checkbox"])
def test_widget_outside_form_still_reruns_immediately(kind: str) -> None:
    at = app(
        f'with st.form("f"):\n    st.text_input("T")\n    st.form_submit_button()\nv = st.{kind}("W")\nst.write(v)'
    )
    getattr(at, kind)[0].set_value(True if kind == "checkbox" else 5).run()
    assert at.markdown.rendered_texts == ["True" if kind == "checkbox" else "5"]


def test_a_value_set_in_a_callback_must_fit_its_widget_as_streamlits() -> None:
    """As a value set before the widget: refused with an error naming it (Streamlit raises there too), except a
    number beyond its bounds, which starts over from the widget's value (as Streamlit's number_input does)."""
    at = app(
        'def pick_all():\n    st.session_state.m = ["a", "b"]\n'
        'def too_many():\n    st.session_state.n = 50\n'
        'st.button("All", on_click=pick_all)\nst.button("Many", on_click=too_many)\n'
        'st.write(repr(st.number_input("N", 0, 10, 4, key="n")))\n'
        'st.write(repr(st.multiselect("M", ["a", "b"], max_selections=1, key="m")))'
    )
    at.button[1].click().run()
    assert not at.exception and at.markdown.values == ["4", "[]"] and at.session_state["n"] == 4
    at.button[0].click().run()
    assert "session_state['m'] = ['a', 'b'] is not a valid value for this multiselect" in at.exception[0].message
