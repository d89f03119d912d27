"""``wrap`` on button-like widgets (button, download_button, form_submit_button, link_button, menu_button, popover),
checkbox and toggle, multiselect's chips and the options of pills and segmented_control, as Streamlit 1.67 has it:
True wraps, False keeps one line (a label cut with an ellipsis, shown in full on hover; options and chips scroll
sideways), None lets the layout decide (one line directly in a column or a horizontal container, wrapping elsewhere).
One mechanism: ``wrap_of`` (core/elements/_layout.py) and ``setWrap`` (webui/widget.js, styles in widget.css)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app

CALLS = [
    ("button", "st.button('L', wrap={})"),
    ("button", "with st.form('f'):\n    st.form_submit_button('L', wrap={})"),
    ("download_button", "st.download_button('L', b'x', wrap={})"),
    ("link_button", "st.link_button('L', '/x', wrap={})"),
    ("menu_button", "st.menu_button('L', ['a'], wrap={})"),
    ("popover", "st.popover('L', wrap={})"),
    ("checkbox", "st.checkbox('L', wrap={})"),
    ("toggle", "st.toggle('L', wrap={})"),
    ("multiselect", "st.multiselect('L', ['a'], wrap={})"),
    ("pills", "st.pills('L', ['a'], wrap={})"),
    ("segmented_control", "st.segmented_control('L', ['a'], wrap={})"),
]


@pytest.mark.parametrize(("accessor", "call"), CALLS)
def test_wrap_travels_to_the_client_and_a_wrong_one_is_refused(accessor: str, call: str) -> None:
    for wrap in (True, False, None):
        at = app(call.format(wrap))
        assert not at.exception, at.exception
        assert getattr(at, accessor)[0].props["wrap"] is wrap
    at = app(call.format("'yes'"))
    assert "wrap must be True, False or None, not 'yes'" in at.exception[0].message


LONG = "A label far too long to fit on one line of a narrow column, so it must be cut or wrap"
SOURCE = f"""import porch as st
LONG = {LONG!r}
one, two, three, four = st.columns(4)
with one:
    st.button("OK", key="short")
    st.button(LONG, wrap=False, key="cut")
    st.checkbox(LONG, wrap=False, key="box")
    st.pills("Cut", ["first option", "second option", "third option", "fourth option"], wrap=False)
with two:
    st.button(LONG, wrap=True, key="wrapped")
    st.checkbox(LONG, wrap=True, key="wrapped box")
    st.pills("Wrapped", ["first option", "second option", "third option", "fourth option"], wrap=True)
with three:
    st.button(LONG, key="auto in a column")
    st.link_button(LONG, "https://example.org/", wrap=False, help="Where it goes")
with four:
    with st.container(border=False):
        st.button(LONG, key="auto nested")
with st.container(horizontal=True):
    st.button(LONG + " in a row", key="auto in a row")
    st.button(LONG + " beside it", key="auto beside")
"""


def box(locator: Any) -> dict[str, Any]:
    """The size, overflow and wrapping of the element ``locator`` finds."""
    found: dict[str, Any] = locator.evaluate(
        "n => ({height: n.getBoundingClientRect().height, scroll: n.scrollWidth, client: n.clientWidth,"
        " space: getComputedStyle(n).whiteSpace, flexWrap: getComputedStyle(n).flexWrap})"
    )
    return found


@pytest.mark.browser
def test_a_long_label_is_one_line_with_its_tooltip_or_wraps_as_asked(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        buttons = page.get_by_role("button", name=LONG, exact=True)
        expect(buttons).to_have_count(4)
        short = box(page.get_by_role("button", name="OK", exact=True))
        cut, wrapped, auto_column, auto_nested = (buttons.nth(i) for i in range(4))
        # wrap=False: one line, as high as a short button's, the label cut with an ellipsis ...
        label = box(cut.locator(".btn-label"))
        assert label["space"] == "nowrap" and label["scroll"] > label["client"]
        assert box(cut)["height"] == short["height"]
        # ... and shown in full on hover.
        cut.hover()
        expect(cut).to_have_attribute("title", LONG)
        # wrap=True: more lines, the button grows taller, no tooltip needed.
        assert box(wrapped)["height"] > short["height"]
        wrapped.hover()
        expect(wrapped).not_to_have_attribute("title", LONG)
        # wrap=None: one line directly in a column, wrapping when nested in another container.
        assert box(auto_column)["height"] == short["height"]
        assert box(auto_nested)["height"] > short["height"]
        # ... and one line in a horizontal container, however long.
        row = box(page.get_by_role("button", name=LONG + " in a row"))
        assert row["height"] == short["height"]
        # A link button with help: cut, but the help tooltip is what hovering shows, not a title.
        link = page.get_by_role("link", name=LONG)
        assert box(link.locator(".btn-label"))["scroll"] > box(link.locator(".btn-label"))["client"]
        link.hover()
        expect(link).not_to_have_attribute("title", LONG)


@pytest.mark.browser
def test_a_checkbox_label_and_pills_keep_one_row_when_asked(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        texts = page.locator(".check-text")
        expect(texts).to_have_count(2)
        cut, wrapped = box(texts.nth(0)), box(texts.nth(1))
        assert cut["space"] == "nowrap" and cut["scroll"] > cut["client"]
        assert wrapped["height"] > cut["height"]
        texts.nth(0).hover()
        expect(texts.nth(0)).to_have_attribute("title", LONG)
        groups = page.locator(".button-group")
        one_row, rows = box(groups.nth(0)), box(groups.nth(1))
        assert one_row["flexWrap"] == "nowrap" and one_row["scroll"] > one_row["client"]
        option = box(groups.nth(0).get_by_role("button", name="first option"))
        assert one_row["height"] < 2 * option["height"] < rows["height"]
