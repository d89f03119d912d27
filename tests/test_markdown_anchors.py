"""``anchors`` on markdown, as in Streamlit 1.67: headings inside markdown get an id from their words (the same
anchor a header gets, ``markdown_html.slug``), and with ``anchors=True`` (the default) a link to it on hover."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch import markdown_html
from support import app


def test_anchors_travel_to_the_client() -> None:
    at = app('st.markdown("# One")\nst.markdown("# Two", anchors=False)\nst.caption("# Three")')
    assert [m.props["anchors"] for m in at.markdown] == [True, False]
    assert at.caption[0].props["anchors"] is False


SOURCE = """import porch as st
st.markdown("## Hello, **World** :blue[again]\\n\\nSome text.\\n\\n### Ünïcode & more")
st.markdown("## Plain heading", anchors=False)
st.write("\\n\\n".join(f"filler line {i}" for i in range(80)))
st.markdown("## Far below")
"""


@pytest.mark.browser
def test_headings_have_the_header_anchor_and_a_link_when_asked(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1000, "height": 500})
        page.goto(server.url)
        hello = page.get_by_role("heading", name="Hello, World again")
        expect(hello).to_have_attribute("id", markdown_html.slug("Hello, **World** :blue[again]"))
        unicode = page.get_by_role("heading", name="Ünïcode & more")
        expect(unicode).to_have_attribute("id", markdown_html.slug("Ünïcode & more"))
        plain = page.get_by_role("heading", name="Plain heading")
        expect(plain).to_have_attribute("id", "plain-heading")
        expect(plain.locator(".heading-anchor")).to_have_count(0)
        link = hello.get_by_role("link", name="Link to Hello, World again")
        expect(link).to_have_attribute("href", "#hello-world-again")
        hello.hover()
        expect(link).to_have_css("opacity", "1")
        # Following the link of a heading further down brings it into view, on the same page.
        far = page.get_by_role("heading", name="Far below")
        far.scroll_into_view_if_needed()
        far.hover()
        far.get_by_role("link").click()
        page.wait_for_function("location.hash === '#far-below'")
        # An address with the anchor leads to the heading.
        page.evaluate("window.scrollTo(0, 0); history.replaceState(null, '', location.pathname)")
        expect(far).not_to_be_in_viewport()
        page.evaluate("location.hash = 'far-below'")
        expect(far).to_be_in_viewport()
