"""Widget identity as Streamlit 1.67 computes it (issue 12): which changes of a widget's call make it a new widget,
whose value starts over from its (new) default, and which keep its value.

Streamlit's rule is ``compute_and_register_element_id`` (``streamlit/elements/lib/utils.py``): a widget without a key
is identified by its type and every identity argument its command passes (label, options as their formatted labels,
default/index/value, bounds, step, help, placeholder, width...); a widget with a key by the key plus only the
arguments its command names in ``key_as_main_identity`` (a slider's ``{"min_value", "max_value", "step"}``, a
selectbox's ``{"accept_new_options"}``, ``True``: none). Porch's: ``widgets.widget_id`` and ``widgets.keyed_version``,
fed by each widget module's ``identity_params``.

Each case below was run as the same script under Streamlit 1.67's AppTest (``benchmarks/.peers-venv``, with
``import streamlit as st``) and under Porch's: set the widget to a value, rerun (the value is kept), then flip
``session_state["flip"]``, which the call depends on, and rerun. ``after`` is the value Streamlit gave in that last
run; Porch must give the same.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import send
from porch.testing import AppTest
from porch.widgets import canonical_params, keyed_version, widget_id

D = dt.date
T = dt.time

#: (what changes, the widget's call (it sees ``flip``), the AppTest list, the value set, the value after the flip).
#: The value after the flip is Streamlit 1.67's (peers venv, ``import streamlit as st``) for the same script.
KEYLESS: list[tuple[str, str, str, Any, Any]] = [
    # The e2e case of st_segmented_control: a keyless widget's default that depends on another widget.
    ("segmented_control default", 'st.segmented_control("s", ["a", "b", "c"], default="c" if flip else "a")',
     "segmented_control", "b", "c"),
    ("selectbox index", 'st.selectbox("Pick", ["a", "b", "c"], index=2 if flip else 0)', "selectbox", "b", "c"),
    ("selectbox options", 'st.selectbox("Pick", ["a", "b", "c"] + (["d"] if flip else []))', "selectbox", "b", "a"),
    ("selectbox label", 'st.selectbox("Choose" if flip else "Pick", ["a", "b", "c"])', "selectbox", "b", "a"),
    ("selectbox help", 'st.selectbox("Pick", ["a", "b", "c"], help="h" if flip else None)', "selectbox", "b", "a"),
    ("selectbox formatted labels",
     'st.selectbox("Pick", [1, 2, 3], format_func=(lambda o: f"#{o}") if flip else str)', "selectbox", 2, 1),
    ("radio index", 'st.radio("Pick", ["a", "b", "c"], index=2 if flip else 0)', "radio", "b", "c"),
    ("multiselect default", 'st.multiselect("Pick", ["a", "b", "c"], default=["c"] if flip else ["a"])',
     "multiselect", ["b"], ["c"]),
    ("slider max_value", 'st.slider("n", 0, 20 if flip else 10, 3)', "slider", 7, 3),
    ("slider value", 'st.slider("n", 0, 10, 4 if flip else 3)', "slider", 7, 4),
    ("select_slider value", 'st.select_slider("n", ["a", "b", "c"], value="c" if flip else "a")',
     "select_slider", "b", "c"),
    ("number_input value", 'st.number_input("n", value=5 if flip else 1)', "number_input", 3, 5),
    ("number_input max_value", 'st.number_input("n", 0, 20 if flip else 10, 1)', "number_input", 3, 1),
    ("text_input value", 'st.text_input("t", "x" if flip else "y")', "text_input", "typed", "x"),
    ("text_input placeholder", 'st.text_input("t", placeholder="p" if flip else "q")', "text_input", "typed", ""),
    ("text_area value", 'st.text_area("t", "x" if flip else "y")', "text_area", "typed", "x"),
    ("checkbox help", 'st.checkbox("c", help="h" if flip else None)', "checkbox", True, False),
    ("toggle value", 'st.toggle("c", value=not flip)', "toggle", False, False),
    ("date_input value", 'st.date_input("d", D(2024, 1, 2) if flip else D(2024, 1, 1))', "date_input",
     D(2024, 3, 3), D(2024, 1, 2)),
    ("time_input value", 'st.time_input("t", T(9, 0) if flip else T(8, 0))', "time_input", T(10, 0), T(9, 0)),
    ("color_picker value", 'st.color_picker("c", "#00ff00" if flip else "#ff0000")', "color_picker", "#0000ff",
     "#00ff00"),
]

#: Calls that do not change with the flip: the value is kept (Streamlit's too).
UNCHANGED: list[tuple[str, str, str, Any, Any]] = [
    ("selectbox", 'st.selectbox("Pick", ["a", "b", "c"])', "selectbox", "b", "b"),
    ("pills", 'st.pills("s", ["a", "b", "c"])', "pills", "b", "b"),
    ("slider", 'st.slider("n", 0, 10, 3)', "slider", 7, 7),
    ("date_input", 'st.date_input("d", D(2024, 1, 1))', "date_input", D(2024, 3, 3), D(2024, 3, 3)),
]

#: Keyed widgets: a change outside the command's ``key_as_main_identity`` keeps the value, one inside starts over.
KEYED: list[tuple[str, str, str, Any, Any]] = [
    # selectbox: key_as_main_identity={"accept_new_options"}
    ("selectbox index (outside)", 'st.selectbox("Pick", ["a", "b", "c"], index=2 if flip else 0, key="k")',
     "selectbox", "b", "b"),
    ("selectbox label (outside)", 'st.selectbox("Choose" if flip else "Pick", ["a", "b", "c"], key="k")',
     "selectbox", "b", "b"),
    ("selectbox accept_new_options (inside)",
     'st.selectbox("Pick", ["a", "b", "c"], accept_new_options=flip, key="k")', "selectbox", "b", "a"),
    # slider: {"min_value", "max_value", "step"}
    ("slider value (outside)", 'st.slider("n", 0, 10, 4 if flip else 3, key="k")', "slider", 7, 7),
    ("slider max_value (inside)", 'st.slider("n", 0, 20 if flip else 10, 3, key="k")', "slider", 7, 3),
    # number_input: key_as_main_identity=True (its bounds are not in a keyed id)
    ("number_input max_value (True)", 'st.number_input("n", 0, 20 if flip else 10, 1, key="k")', "number_input",
     3, 3),
    # text_input: {"max_chars", "validate"}; text_area: {"max_chars"}
    ("text_input placeholder (outside)", 'st.text_input("t", placeholder="p" if flip else "q", key="k")',
     "text_input", "typed", "typed"),
    ("text_input max_chars (inside)", 'st.text_input("t", max_chars=20 if flip else 10, key="k")', "text_input",
     "typed", ""),
    ("text_area max_chars (inside)", 'st.text_area("t", max_chars=20 if flip else 10, key="k")', "text_area",
     "typed", ""),
    # multiselect: {"max_selections", "accept_new_options"}
    ("multiselect default (outside)",
     'st.multiselect("Pick", ["a", "b", "c"], default=["c"] if flip else ["a"], key="k")', "multiselect", ["b"],
     ["b"]),
    ("multiselect max_selections (inside)",
     'st.multiselect("Pick", ["a", "b", "c"], max_selections=3 if flip else 2, key="k")', "multiselect", ["b"], []),
    ("radio index (True)", 'st.radio("Pick", ["a", "b", "c"], index=2 if flip else 0, key="k")', "radio", "b", "b"),
    # date_input: {"format"}; time_input: {"step"}
    ("date_input value (outside)", 'st.date_input("d", D(2024, 1, 2) if flip else D(2024, 1, 1), key="k")',
     "date_input", D(2024, 3, 3), D(2024, 3, 3)),
    ("date_input format (inside)",
     'st.date_input("d", D(2024, 1, 1), format="DD/MM/YYYY" if flip else "YYYY/MM/DD", key="k")', "date_input",
     D(2024, 3, 3), D(2024, 1, 1)),
    ("time_input step (inside)", 'st.time_input("t", T(8, 0), step=120 if flip else 60, key="k")', "time_input",
     T(10, 0), T(8, 0)),
    # button groups: {"click_mode"}
    ("segmented_control default (outside)",
     'st.segmented_control("s", ["a", "b", "c"], default="c" if flip else "a", key="k")', "segmented_control", "b",
     "b"),
    ("color_picker value (True)", 'st.color_picker("c", "#00ff00" if flip else "#ff0000", key="k")', "color_picker",
     "#0000ff", "#0000ff"),
]


def flipped(call: str, kind: str, value: Any) -> tuple[Any, Any, AppTest]:
    """Run ``call`` (it sees ``flip``, False at first), set its widget to ``value``, rerun, then flip and rerun;
    return the value after the plain rerun and after the flip."""
    at = AppTest.from_string(
        "import porch as st\nimport datetime as dt\nD, T = dt.date, dt.time\n"
        f"flip = st.session_state.get('flip', False)\nst.write(repr({call}))\n"
    ).run()
    getattr(at, kind)[0].set_value(value).run()
    kept = getattr(at, kind)[0].value
    at.session_state["flip"] = True
    at.run()
    assert not at.exception, at.exception[0].message
    return kept, getattr(at, kind)[0].value, at


@pytest.mark.parametrize("change, call, kind, value, after", KEYLESS, ids=[case[0] for case in KEYLESS])
def test_a_keyless_widget_whose_call_changes_starts_over(
    change: str, call: str, kind: str, value: Any, after: Any
) -> None:
    """Streamlit: ``compute_and_register_element_id`` hashes every identity kwarg of an unkeyed widget, so the
    changed call is a new widget at its new default (``after``: Streamlit 1.67's AppTest on the same script)."""
    kept, now, _ = flipped(call, kind, value)
    assert kept == value
    assert now == after


@pytest.mark.parametrize("what, call, kind, value, after", UNCHANGED, ids=[case[0] for case in UNCHANGED])
def test_a_keyless_widget_called_the_same_keeps_its_value(
    what: str, call: str, kind: str, value: Any, after: Any
) -> None:
    """The same call is the same id in Streamlit (and in Porch): the value set is kept, also after a rerun caused
    by an unrelated change."""
    kept, now, _ = flipped(call, kind, value)
    assert kept == now == after == value


@pytest.mark.parametrize("change, call, kind, value, after", KEYED, ids=[case[0] for case in KEYED])
def test_a_keyed_widget_starts_over_only_for_its_key_as_main_identity(
    change: str, call: str, kind: str, value: Any, after: Any
) -> None:
    """Streamlit: with a key, only the kwargs named in the command's ``key_as_main_identity`` are hashed (the
    selectbox's ``{"accept_new_options"}``, slider's ``{"min_value", "max_value", "step"}``, text_input's
    ``{"max_chars", "validate"}``, multiselect's ``{"max_selections", "accept_new_options"}``, date_input's
    ``{"format"}``, time_input's ``{"step"}``, button_group's ``{"click_mode"}``; ``True`` for radio, number_input and
    color_picker). ``after`` is Streamlit 1.67's AppTest value; the key keeps naming the widget in session_state."""
    kept, now, at = flipped(call, kind, value)
    assert kept == value
    assert now == after
    assert at.session_state["k"] == after


def test_a_keyless_widget_in_a_form_starts_over_when_its_default_changes() -> None:
    """Streamlit adds the form's id to a keyless widget's identity kwargs; its default too: a changed default inside
    a form is a new widget there as well, and an unchanged one keeps the value submitted."""
    at = AppTest.from_string(
        "import porch as st\nflip = st.session_state.get('flip', False)\n"
        "with st.form('f'):\n"
        "    a = st.selectbox('A', ['x', 'y', 'z'], index=2 if flip else 0)\n"
        "    b = st.selectbox('B', ['x', 'y', 'z'])\n"
        "    st.form_submit_button('Go')\n"
    ).run()
    at.selectbox[0].select("y")
    at.selectbox[1].select("y")
    at.button[0].click().run()
    assert at.selectbox.values == ["y", "y"]
    at.session_state["flip"] = True
    at.run()
    assert at.selectbox.values == ["z", "y"]


def test_a_keyless_widget_in_a_fragment_starts_over_when_its_default_changes() -> None:
    """A fragment's rerun builds its widgets with the same identity as a full run: a default changed by a widget
    of the fragment (a rerun of the fragment only) starts the keyless widget over, as Streamlit's id would."""
    at = AppTest.from_string(
        "import porch as st\n"
        "@st.fragment\n"
        "def part():\n"
        "    flip = st.checkbox('flip')\n"
        "    st.selectbox('Pick', ['a', 'b', 'c'], index=2 if flip else 0)\n"
        "    st.selectbox('Same', ['a', 'b', 'c'])\n"
        "part()\n"
    ).run()
    at.selectbox[0].select("b")
    at.selectbox[1].select("b").run()
    assert at.selectbox.values == ["b", "b"]
    at.checkbox[0].check().run()
    assert at.selectbox.values == ["c", "b"]


def test_options_made_anew_each_run_are_the_same_widget() -> None:
    """Options of a class the script defines, made anew each run (equal to none of last run's), with the same
    labels: the same formatted labels are the same id, as in Streamlit, so the widget keeps its choice
    (``widgets._carried_over`` takes the option at the same place)."""
    at = AppTest.from_string(
        "import porch as st\nfrom dataclasses import dataclass\n"
        "@dataclass(eq=False)\n"
        "class Item:\n"
        "    name: str\n"
        "items = [Item('a'), Item('b'), Item('c')]\n"
        "choice = st.selectbox('Pick', items)\n"
        "st.write(f'index {items.index(choice)}')\n"
    ).run()
    first = at.selectbox[0].id
    send(at, {first: 1})
    assert at.markdown.values == ["index 1"]
    at.run()
    assert at.markdown.values == ["index 1"] and at.selectbox[0].id == first


#: Identity params of every sort a call passes, written the same way here and in another process.
PARAMS_SOURCE = (
    "{'options': ['a', str(object())], 'value': dt.date(2024, 1, 2), 'step': dt.timedelta(minutes=5),"
    " 'validate': re.compile('[a-z]+'), 'check': len, 'thing': object(), 'format': None, 'help': 'h',"
    " 'tags': {'y', 'x'}, 'pair': (1, 2.5), 'when': dt.datetime(2024, 1, 2, 3, 4)}"
)


def test_identity_is_stable_across_processes_and_holds_no_address() -> None:
    """The id is a hash of canonical JSON (sorted names, dates as ISO text, a pattern as its text, a function or an
    object without a text of its own as its class's name, addresses taken out of labels): another process computes
    the same id for the same call, which a session that moves to another replica (``porch.store``) relies on."""
    params = eval(PARAMS_SOURCE, {"dt": dt, "re": re})  # noqa: S307 - the test's own literal
    text = canonical_params(params)
    assert "0x" not in text and "2024-01-02" in text and "[a-z]+" in text
    here = widget_id("selectbox", None, "Pick", "main", params)
    code = (
        "import datetime as dt, re\nfrom porch.widgets import widget_id\n"
        f"print(widget_id('selectbox', None, 'Pick', 'main', {PARAMS_SOURCE}))\n"
    )
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert there.stdout.strip() == here
    assert widget_id("selectbox", None, "Pick", "main", dict(reversed(list(params.items())))) == here
    assert widget_id("selectbox", None, "Pick", "main", {**params, "help": "other"}) != here
    assert widget_id("selectbox", None, "Pick", "main", {**params, "value": dt.date(2024, 1, 3)}) != here
    # What JSON cannot hold (a mapping with tuple keys) counts by its text, never an error in the script.
    assert canonical_params({"m": {(1, 2): object()}}) == canonical_params({"m": {(1, 2): object()}})
    # Keyed: the key is the id; only the named params make the version.
    assert widget_id("slider", "k", "n", "main", params) == "k:k"
    assert keyed_version(None, params, ()) is None
    assert keyed_version("data", {"help": "h"}, ("max_value",)) == "data"
    assert keyed_version(None, params, ("step",)) != keyed_version(None, {**params, "step": 1}, ("step",))
    assert keyed_version(None, params, ("step",)) == keyed_version(None, {**params, "help": "x"}, ("step",))


def test_the_page_shows_the_new_widget_at_its_new_default_in_chromium(context: Any) -> None:
    """In the browser: checking a box that a keyless selectbox's index depends on shows the selectbox at its new
    index, though the person had chosen another option (Streamlit's e2e st_segmented_control case)."""
    source = (
        "import porch as st\n"
        'flip = st.checkbox("Flip")\n'
        'fruit = st.selectbox("Fruit", ["Apple", "Banana", "Cherry"], index=2 if flip else 0)\n'
        'st.write(f"fruit {fruit}")\n'
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        fruit = page.get_by_role("combobox", name="Fruit")
        expect(fruit).to_have_value("Apple")
        fruit.click()
        page.get_by_role("option", name="Banana").click()
        expect(page.get_by_text("fruit Banana")).to_be_visible()
        page.get_by_text("Flip").click()
        expect(page.get_by_text("fruit Cherry")).to_be_visible()
        expect(fruit).to_have_value("Cherry")
