"""``selectbox``: st.selectbox, its options from any iterable, and the wire values it refuses. What it shares with
st.radio: tests/test_api_widgets.py.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
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
    assert at.exception[0].props["type"] == "PorchAPIError"


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
    """A keyed selectbox keeps a choice its new options still hold; a keyless one is a new widget once its options
    change (they are in its id), back at its index, as Streamlit 1.67 (the same script under its AppTest)."""
    for key, kept in (("'k'", "c"), ("None", "a")):
        at = app(
            'opts = st.session_state.get("opts", ["a", "b", "c"])\n'
            f'v = st.selectbox("Pick", opts, key={key})\nst.write(v)'
        )
        at.selectbox[0].select("c").run()
        at.session_state["opts"] = ["a", "b", "c", "d"]
        at.run()
        assert at.markdown.values == [kept]
        at.session_state["opts"] = ["x", "y"]
        at.run()
        assert at.markdown.values == ["x"]


def test_selectbox_props_and_placeholder_default() -> None:
    at = app('st.selectbox("Pick", ["a", "b"], index=None, icon="🔎", filter_mode="prefix", width=300)\n'
             'st.selectbox("New", ["a"], accept_new_options=True, required=True)')
    first, second = at.selectbox
    # No placeholder given: the page shows its own ("Choose an option"), AppTest's is "" as Streamlit's.
    assert first.props["placeholder"] is None and first.placeholder == "" and first.props["clearable"] is True
    assert (first.props["icon"], first.props["filter_mode"], first.props["width"]) == ("🔎", "prefix", 300)
    assert second.props["placeholder"] is None
    assert (second.props["accept_new_options"], second.props["required"], second.props["clearable"]) == (True, True, False)


def test_filter_mode_none_and_bad_filter_mode() -> None:
    assert app('st.selectbox("Pick", ["a"], filter_mode=None)').selectbox[0].props["filter_mode"] is None
    assert "filter_mode must be one of" in app('st.selectbox("Pick", ["a"], filter_mode="exact")').exception[0].message


def test_accept_new_options_takes_text_and_text_equal_to_a_label_picks_that_option() -> None:
    at = app('v = st.selectbox("City", [1, 2], format_func=lambda n: f"#{n}", index=None, accept_new_options=True)\n'
             'st.write(repr(v))')
    send(at, {at.selectbox[0].id: "Lyon"})
    assert at.markdown.values == ["'Lyon'"] and at.selectbox[0].props["value"] == "Lyon"
    send(at, {at.selectbox[0].id: "#2"})
    assert at.markdown.values == ["2"] and at.selectbox[0].props["value"] == 1
    at.selectbox[0].set_value("Paris").run()
    assert at.markdown.values == ["'Paris'"]
    send(at, {at.selectbox[0].id: ""})
    assert bad_values(at)


def test_text_is_refused_without_accept_new_options() -> None:
    at = app('v = st.selectbox("Pick", ["a", "b"])\nst.write(v)')
    send(at, {at.selectbox[0].id: "c"})
    assert bad_values(at) and at.markdown.values == ["a"]


def test_an_empty_selectbox_may_be_emptied_again_and_required_is_the_page_s_rule() -> None:
    # Streamlit 1.67: `required` only keeps the page from emptying it; its AppTest's `.set_value(None)` gives None.
    at = app('a = st.selectbox("A", ["x", "y"], index=None)\nb = st.selectbox("B", ["x", "y"], index=None, required=True)\n'
             'st.write(repr(a), repr(b))')
    assert at.markdown.values == ["None None"]
    assert [box.props["clearable"] for box in at.selectbox] == [True, False]  # the page offers no clearing of B
    send(at, {at.selectbox[0].id: 1, at.selectbox[1].id: 0})
    assert at.markdown.values == ["'y' 'x'"]
    send(at, {at.selectbox[0].id: None})
    assert at.markdown.values == ["None 'x'"]
    at.selectbox[1].set_value(None).run()
    assert at.markdown.values == ["None None"] and bad_values(at) == []


@pytest.mark.browser
def test_a_person_filters_picks_adds_and_clears_in_chromium(context: Any) -> None:
    source = (
        'fruit = st.selectbox("Fruit", ["Apple", "Banana", "Cherry", "Blueberry"])\n'
        'st.write(f"fruit {fruit}")\n'
        'city = st.selectbox("City", ["Paris", "Rome"], index=None, accept_new_options=True, filter_mode="prefix")\n'
        'st.write(f"city {city}")\n'
        'size = st.selectbox("Size", ["S", "M", "L"], filter_mode=None)\n'
        'st.write(f"size {size}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("fruit Apple")).to_be_visible()
        fruit = page.get_by_role("combobox", name="Fruit")
        expect(fruit).to_have_value("Apple")
        fruit.click()
        fruit.fill("bry")  # fuzzy: b..r..y in order
        expect(page.get_by_role("option")).to_have_text(["Blueberry"])
        fruit.press("Enter")
        expect(page.get_by_text("fruit Blueberry")).to_be_visible()
        expect(fruit).to_have_value("Blueberry")
        fruit.click()
        fruit.fill("an")
        fruit.press("Escape")  # nothing picked: the field shows the value again
        expect(fruit).to_have_value("Blueberry")

        city = page.get_by_role("combobox", name="City")
        expect(city).to_have_attribute("placeholder", "Choose or add an option")
        city.click()
        city.fill("R")
        expect(page.get_by_role("option")).to_have_text(['Add "R"', "Rome"])
        city.fill("Lyon")
        city.press("Enter")
        expect(page.get_by_text("city Lyon")).to_be_visible()
        page.get_by_role("button", name="Clear").click()
        expect(page.get_by_text("city None")).to_be_visible()
        city.click()
        page.get_by_role("option", name="Paris").click()
        expect(page.get_by_text("city Paris")).to_be_visible()

        size = page.get_by_role("combobox", name="Size")
        expect(size).to_have_attribute("readonly", "")
        size.focus()
        size.press("ArrowDown")
        size.press("ArrowDown")
        size.press("ArrowDown")
        size.press("Enter")
        expect(page.get_by_text("size L")).to_be_visible()


def test_a_choice_among_objects_made_anew_each_run_is_kept() -> None:
    """Options that are instances of a class the script defines compare unequal from one run to the next."""
    at = app(
        "class Plan:\n"
        "    def __init__(self, name):\n"
        "        self.name = name\n"
        "    def __str__(self):\n"
        "        return self.name\n"
        "plan = st.selectbox('Plan', [Plan('free'), Plan('pro')])\n"
        "extras = st.multiselect('Extras', [Plan('a'), Plan('b')])\n"
        "st.button('again')\n"
        "st.write(f'{plan}/{[str(p) for p in extras]}')"
    )
    at.selectbox[0].select_index(1).run()
    send(at, {at.multiselect[0].id: [1]})
    assert at.markdown[0].value == "pro/['b']"
    at.button[0].click().run()
    assert at.markdown[0].value == "pro/['b']", "a rerun keeps each option at its place"


def test_a_session_state_value_warns_beside_an_index_but_not_beside_none_or_the_first(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """As Streamlit: index=None (nothing chosen) and index=0 are no value of the script's own to warn about (in the
    log, as Streamlit's warning)."""
    for index, warnings in (("None", 0), ("0", 0), ("1", 1)):
        caplog.clear()
        at = app(f'st.session_state.s = "c"\nst.write(st.selectbox("Pick", ["a", "b", "c"], index={index}, key="s"))')
        logged = [r for r in caplog.records if r.name == "porch.widgets"]
        assert at.markdown.values == ["c"] and len(logged) == warnings and not at.warning, index
