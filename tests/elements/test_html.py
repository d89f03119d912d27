"""``html``: HTML an object gives through ``_repr_html_`` (what ``write`` shows of it), in a sandboxed frame."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app

FANCY = """
class Fancy:
    def _repr_html_(self):
        return '<p id="fancy"><i>fancy</i> table</p><script>parent.document.title = "pwned"</script>'
st.write(Fancy())
"""


def test_an_object_with_repr_html_becomes_an_html_element() -> None:
    at = app(FANCY)
    (element,) = at.html
    assert element.props["html"].startswith('<p id="fancy"><i>fancy</i>')


@pytest.mark.browser
def test_html_is_shown_in_a_frame_where_no_script_runs(context: Any) -> None:
    with running_engine("import porch as st\n" + FANCY) as server:
        page = context.new_page()
        page.goto(server.url)
        frame = page.frame_locator("iframe.html")
        expect(frame.locator("#fancy")).to_have_text("fancy table")
        assert page.get_attribute("iframe.html", "sandbox") == "allow-same-origin"
        assert page.title() != "pwned"
