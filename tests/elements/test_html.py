"""``html``: st.html, HTML sanitised on the server and inserted into the page (its styles restyle the app), or with
``unsafe_allow_javascript`` a document of its own whose scripts run in a sandboxed frame; also what ``write`` shows
of an object with ``_repr_html_``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest
from support import app
from test_browser import open_app

FANCY = """
class Fancy:
    def _repr_html_(self):
        return '<p id="fancy"><i>fancy</i> table</p><script>parent.document.title = "pwned"</script>'
st.write(Fancy(), unsafe_allow_html=True)
"""

#: Bodies that try to run a script, or to pass for the app's own page, and what must not survive of each.
HOSTILE = {
    "<script>alert(1)</script><p>text</p>": ["<script", "alert"],
    "<img src=x onerror=alert(1)>": ["onerror", "alert"],
    '<a href="javascript:alert(1)">link</a>': ["javascript:"],
    '<a href=" JaVaScRiPt:alert(1)">link</a>': ["javascript", "JaVaScRiPt"],
    '<a href="data:text/html,<script>alert(1)</script>">d</a>': ["data:", "script"],
    '<svg onload="alert(1)"><path d="M0 0" onclick="alert(2)"/></svg>': ["onload", "onclick", "alert"],
    "<svg><script>alert(1)</script></svg>": ["script", "alert"],
    '<iframe src="https://example.org"></iframe>': ["iframe"],
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>': ["iframe", "script"],
    '<base href="https://evil.example/">': ["base", "evil"],
    '<meta http-equiv="refresh" content="0;url=https://evil.example">': ["meta", "evil"],
    '<link rel="stylesheet" href="https://evil.example/x.css">': ["link", "evil"],
    '<form action="/x"><input autofocus onfocus="alert(1)"><button formaction="javascript:alert(1)">b</button></form>': [
        "form", "input", "onfocus", "javascript"
    ],
    '<object data="x.swf"></object><embed src="x.swf">': ["object", "embed"],
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>": ["onerror", "alert"],
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>': ["onerror"],
    '<div id="porch-main-root">clobber</div>': ['id="porch'],
    '<img srcset="javascript:alert(1)">': ["javascript"],
    '<style>p{color:red}</style ><script>alert(1)</script>': ["<script", "alert"],
}


def test_an_object_with_repr_html_becomes_an_html_element_without_its_script() -> None:
    at = app(FANCY)
    (element,) = at.html
    assert element.props["html"] == '<p id="fancy"><i>fancy</i> table</p>'
    assert element.props["url"] is None and element.value == element.props["html"]


def test_html_keeps_markup_tables_images_and_styles() -> None:
    body = (
        '<div class="card" style="color: red" data-x="1" aria-label="card"><h3>Title</h3>'
        '<table><tr><td colspan="2">cell</td></tr></table><img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">'
        '<a href="https://example.org" target="_blank">out</a><svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/>'
        "</svg></div>"
    )
    at = app("st.html(BODY)", BODY=body)
    html = at.html[0].props["html"]
    for kept in ('class="card"', 'style="color: red"', 'data-x="1"', "<h3>Title</h3>", 'colspan="2"',
                 'src="data:image/png;base64,iVBORw0KGgo="', 'href="https://example.org"', 'rel="noopener noreferrer"',
                 '<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"></circle></svg>'):
        assert kept in html, kept
    assert at.html[0].props["style_only"] is False and at.html[0].props["width"] == "stretch"


@pytest.mark.parametrize("body", sorted(HOSTILE))
def test_hostile_bodies_lose_what_could_run_or_pass_for_the_app(body: str) -> None:
    at = app("st.html(BODY)", BODY=body)
    assert not list(at.exception), at.exception
    for element in at.html:
        assert element.props["url"] is None
        for banned in HOSTILE[body]:
            assert banned.lower() not in element.props["html"].lower(), (body, element.props["html"])


def test_a_body_of_styles_only_takes_no_space() -> None:
    at = app('st.html("<!-- theme --><style>.stButton { color: red }</style>\\n<style>h1 { margin: 0 }</style>")')
    (element,) = at.html
    assert element.props["style_only"] is True
    assert element.props["html"] == "<style>.stButton { color: red }</style>\n<style>h1 { margin: 0 }</style>"
    assert app('st.html("<style>p{}</style><p>x</p>")').html[0].props["style_only"] is False


def test_styles_alone_go_to_the_event_root_wherever_they_are_called_as_in_streamlits_apptest() -> None:
    """Every value here is what Streamlit 1.67's AppTest gives for the same script (benchmarks/.peers-venv)."""
    at = AppTest.from_string(
        """
        import streamlit as st
        st.text("a")
        st.html("<style>p {color: red}</style>")
        st.html("<b>x</b>")
        st.html("<style>a{}</style><!-- c -->  ")
        st.sidebar.html("<style>b{}</style>")
        with st.container():
            st.html("<style>c{}</style>")
            st.text("in")
        st.text("b")
        """
    ).run()
    assert len(at.main) == 4 and [at.main[i].type for i in range(4)] == ["text", "html", "flex_container", "text"]
    assert [n.type for n in at.main] == ["main", "text", "html", "flex_container", "text", "text"]
    assert [n.type for n in at.sidebar] == ["sidebar"]
    assert [n.type for n in at[2]] == ["event", "html", "html", "html", "html"] and at[2].type == "event"
    assert len(at.get("html")) == 5 and at.main[1].value == "<b>x</b>"
    assert [h.props["style_only"] for h in at[2].get("html")] == [True] * 4


def test_files_objects_and_width(tmp_path: Path) -> None:
    (tmp_path / "theme.css").write_text("h1 { color: teal }", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>from a file</p>", encoding="utf-8")
    (tmp_path / "tool.js").write_text("alert(1)", encoding="utf-8")
    at = app(
        """
import pathlib
class Safe:
    def __html__(self):
        return "<em>markup</em>"
st.html(pathlib.Path(FOLDER) / "theme.css")
st.html(FOLDER + "/page.html", width="content")
st.html(pathlib.Path(FOLDER) / "tool.js", unsafe_allow_javascript=True, width=300)
st.html(Safe())
st.html(42)
""",
        FOLDER=str(tmp_path),
    )
    page, tool, safe, number, css = at.html  # the styles are in the event root, after the main area
    assert css.props["html"] == "<style>h1 { color: teal }</style>" and css.props["style_only"]
    assert page.props["html"] == "<p>from a file</p>" and page.props["width"] == "content"
    assert tool.props["url"] and "<script>alert(1)</script>" in tool.value and tool.props["width"] == 300
    assert safe.props["html"] == "<em>markup</em>" and number.props["html"] == "42"


def test_with_javascript_the_body_is_a_document_served_for_a_sandboxed_frame() -> None:
    at = app('st.html("<p>hi</p><script>document.title = 1</script>", unsafe_allow_javascript=True)')
    (element,) = at.html
    assert element.props["html"] == "" and element.props["url"].startswith("_porch/media/")
    served = at.media(element.props["url"])
    assert served.content_type.startswith("text/html") and served.scripts
    assert element.value.endswith("<p>hi</p><script>document.title = 1</script>")
    # Styles alone never need a frame: they are applied to the page as without unsafe_allow_javascript.
    styles = app('st.html("<style>p{}</style>", unsafe_allow_javascript=True)').html[0]
    assert styles.props["url"] is None and styles.props["style_only"]


def test_bad_arguments_are_clear_errors() -> None:
    assert "html() needs some HTML" in app('st.html("  ")').exception[0].message
    assert "width must be" in app('st.html("<p>x</p>", width="wide")').exception[0].message
    assert "cannot read" in app('import pathlib\nst.html(pathlib.Path("/no/such/file.html"))').exception[0].message


def test_the_frame_policy_lets_scripts_run_only_in_an_opaque_origin() -> None:
    from porch.http.media import FRAME_POLICY

    assert FRAME_POLICY.startswith("sandbox allow-scripts") and "allow-same-origin" not in FRAME_POLICY


@pytest.mark.browser
def test_html_is_part_of_the_page_and_its_styles_restyle_the_app(context: Any) -> None:
    script = (
        "import porch as st\n"
        + FANCY
        + 'st.html("<style>h1 { color: rgb(0, 128, 0) }</style>")\n'
        + 'st.title("Styled")\n'
        + 'st.html("<p id=\\"attack\\">x</p><img src=x onerror=\\"document.title=\'pwned\'\\">")\n'
    )
    with running_engine(script) as server:
        page = open_app(context, server.url)
        expect(page.locator(".html #fancy")).to_have_text("fancy table")
        expect(page.get_by_role("heading", name="Styled")).to_have_css("color", "rgb(0, 128, 0)")
        expect(page.locator(".html #attack")).to_have_text("x")
        assert page.locator(".html[hidden]").count() == 1  # the styles take no space
        assert page.locator("iframe").count() == 0
        page.wait_for_timeout(200)
        assert page.title() != "pwned"


@pytest.mark.browser
def test_with_javascript_scripts_run_in_a_frame_that_cannot_reach_the_app(context: Any) -> None:
    body = (
        '<p id="out">waiting</p><div style="height: 420px"></div><script>'
        "const probe = (f, none) => { try { return String(f()) } catch (e) { return none } };"
        "document.getElementById('out').textContent = ['ran', probe(() => parent.document.title, 'isolated'),"
        " probe(() => sessionStorage.length, 'no-storage'), probe(() => document.cookie, 'no-cookies')].join(' ')"
        "</script>"
    )
    script = f"import porch as st\nst.html({body!r}, unsafe_allow_javascript=True)\nst.text('after')\n"
    with running_engine(script) as server:
        page = open_app(context, server.url)
        frame = page.frame_locator("iframe.html-frame")
        expect(frame.locator("#out")).to_have_text("ran isolated no-storage no-cookies")
        handle = page.locator("iframe.html-frame")
        assert "allow-same-origin" not in (handle.get_attribute("sandbox") or "")
        served = page.request.get(str(handle.get_attribute("src")))
        policy = served.headers["content-security-policy"]
        assert policy.startswith("sandbox allow-scripts") and "allow-same-origin" not in policy
        # As tall as its content: the paragraph and the 420px block.
        page.wait_for_function(
            "() => document.querySelector('iframe.html-frame').getBoundingClientRect().height > 440"
        )
        box = handle.bounding_box()
        assert box is not None and 440 < box["height"] < 520, box
