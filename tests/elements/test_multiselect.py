"""``multiselect``: st.multiselect, its defaults, max_selections and the wire values it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
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
    assert at.exception[0].props["type"] == "PorchAPIError"


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
    assert at.exception[0].props["type"] == "PorchAPIError"


@pytest.mark.parametrize("wire", [[0, 0], [5], 0, ["a"], [True]])
def test_multiselect_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.multiselect("A", ["a", "b"], default=["b"])')
    send(at, {at.multiselect[0].id: wire})
    assert at.multiselect[0].value == ["b"]
    assert len(bad_values(at)) == 1


def test_multiselect_props_and_placeholder_default() -> None:
    at = app('st.multiselect("A", ["a", "b"])\n'
             'st.multiselect("B", ["a"], accept_new_options=True, filter_mode="contains", select_all=False, width=250)')
    first, second = at.multiselect
    assert first.props["placeholder"] is None and first.placeholder == ""  # the page's own, as Streamlit's
    assert (first.props["select_all"], first.props["filter_mode"], first.props["accept_new_options"]) == (
        1000, "fuzzy", False)
    assert second.props["placeholder"] is None
    assert (second.props["select_all"], second.props["filter_mode"], second.props["width"]) == (False, "contains", 250)


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.multiselect("A", ["a"], filter_mode="fuzzyish")', "filter_mode must be one of"),
        ('st.multiselect("A", ["a"], select_all="yes")', "select_all must be"),
        ('st.multiselect("A", ["a"], width="wide")', "width must be"),
    ],
)
def test_bad_arguments_are_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def test_accept_new_options_takes_texts_among_indices() -> None:
    at = app('v = st.multiselect("Tags", ["red", "blue"], accept_new_options=True, default=["blue", "pink"])\n'
             'st.write(repr(v))')
    assert at.markdown.values == ["['blue', 'pink']"]
    assert at.multiselect[0].props["value"] == [1, "pink"]
    send(at, {at.multiselect[0].id: ["green", 0, "blue"]})  # "blue" is an option's label: the option
    assert at.markdown.values == ["['green', 'red', 'blue']"]
    assert at.multiselect[0].props["value"] == ["green", 0, 1]
    for wire in (["green", "green"], [1, "blue"], [""]):
        send(at, {at.multiselect[0].id: wire})
        assert at.markdown.values == ["['green', 'red', 'blue']"]
    assert len(bad_values(at)) == 3


@pytest.mark.browser
def test_a_person_filters_picks_selects_all_and_adds_in_chromium(context: Any) -> None:
    source = (
        'tags = st.multiselect("Tags", ["alpha", "beta", "gamma", "delta"], accept_new_options=True)\n'
        'st.write(f"tags {tags}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("tags []")).to_be_visible()
        field = page.get_by_role("combobox", name="Tags")
        expect(field).to_have_attribute("placeholder", "Choose or add options")  # the page's own
        field.click()
        expect(page.get_by_role("option")).to_have_text(["Select all", "alpha", "beta", "gamma", "delta"])
        field.fill("ta")  # fuzzy: beta, delta
        expect(page.get_by_role("option")).to_have_text(['Add "ta"', "Select all 2 matches", "beta", "delta"])
        page.get_by_role("option", name="delta").click()
        expect(page.get_by_text("tags ['delta']")).to_be_visible()
        field.fill("zeta")
        field.press("Enter")
        expect(page.get_by_text("tags ['delta', 'zeta']")).to_be_visible()
        field.press("Backspace")
        expect(page.get_by_text("tags ['delta']")).to_be_visible()
        field.click()
        page.get_by_role("option", name="Select all").click()
        expect(page.get_by_text("tags ['delta', 'alpha', 'beta', 'gamma']")).to_be_visible()
        page.get_by_role("button", name="Remove alpha").click()
        expect(page.get_by_text("tags ['delta', 'beta', 'gamma']")).to_be_visible()


@pytest.mark.browser
def test_chips_in_a_column_start_at_the_fields_edge_in_chromium(context: Any) -> None:
    """In a column the chips are a scrolling row (a flex list): the list's own indent and margins are gone, so the first
    chip sits at the field's padding, as in the main area, and the field keeps one row's height."""
    source = (
        'left, right = st.columns(2)\n'
        'left.multiselect("In a column", ["alpha", "beta"], default=["alpha"])\n'
        'st.multiselect("In the main area", ["alpha", "beta"], default=["alpha"])\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        places = []
        for name in ("In a column", "In the main area"):
            widget = page.locator(f'[data-kind="multiselect"]:has(label:text-is("{name}"))')
            expect(widget.locator(".chip")).to_have_text("alpha×")
            box, first = widget.locator(".multiselect").bounding_box(), widget.locator(".chip").bounding_box()
            assert box is not None and first is not None
            places.append((round(first["x"] - box["x"]), round(box["height"])))
        assert places[0] == places[1], places
