"""``iframe``: st.iframe, a page by URL (http(s) or relative) or HTML text served for a sandboxed frame."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app
from test_browser import open_app


def test_a_url_is_framed_as_it_is() -> None:
    at = app('st.iframe("https://example.org/page?q=1", height=400, tab_index=-1, alt="Example")')
    (frame,) = at.iframe
    assert frame.props == {
        "src": "https://example.org/page?q=1", "served": False, "width": "stretch", "height": 400,
        "tab_index": -1, "alt": "Example", "scrolling": True,
    }
    assert app('st.iframe("reports/today")').iframe[0].props["src"] == "reports/today"


def test_html_text_and_html_files_become_a_served_document(tmp_path: Path) -> None:
    (tmp_path / "chart.html").write_text("<p>from a file</p>", encoding="utf-8")
    at = app(
        'import pathlib\nst.iframe("<h1>Hi</h1><script>1</script>")\nst.iframe(pathlib.Path(FOLDER) / "chart.html")\n'
        'st.iframe(FOLDER + "/chart.html", height="stretch", width=320)',
        FOLDER=str(tmp_path),
    )
    text, path, named = at.iframe
    assert text.props["served"] and text.props["height"] == "content"
    document = at.media(text.props["src"])
    assert document.scripts and document.read().decode().endswith("<h1>Hi</h1><script>1</script>")
    assert at.media(path.props["src"]).read().decode().endswith("<p>from a file</p>")
    assert named.props["src"] == path.props["src"] and named.props["height"] == "stretch"
    assert named.props["width"] == 320


def test_components_iframe_and_html_take_scrolling_as_streamlit_does() -> None:
    """Streamlit's ``components.v1.iframe`` and ``html`` default to ``scrolling=False`` (the frame's
    ``scrolling="no"``); ``st.iframe`` always scrolls."""
    at = app(
        "import streamlit.components.v1 as components\n"
        'components.iframe("https://example.org")\n'
        'components.iframe("https://example.org", scrolling=True)\n'
        'components.html("<p>x</p>")\ncomponents.html("<p>x</p>", scrolling=True)\n'
    )
    assert [frame.props["scrolling"] for frame in at.iframe] == [False, True, False, True]


@pytest.mark.parametrize(
    "src", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,hi", "file:///etc/passwd", ""]
)
def test_other_schemes_are_refused(src: str) -> None:
    at = app("st.iframe(SRC)", SRC=src)
    assert "iframe()" in at.exception[0].message and not at.iframe


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.iframe("https://e.org", height=0)', "height must be"),
        ('st.iframe("https://e.org", height="tall")', "height must be"),
        ('st.iframe("https://e.org", width="wide")', "width must be"),
        ('st.iframe("https://e.org", tab_index=-2)', "tab_index must be"),
        ('st.iframe("https://e.org", tab_index=True)', "tab_index must be"),
        ("st.iframe(42)", "src must be"),
    ],
)
def test_bad_arguments_are_clear_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


@contextmanager
def other_site(page: str) -> Iterator[str]:
    """A web server of another origin (another port), serving ``page`` at /."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_frames_show_another_site_and_html_whose_scripts_run_apart_from_the_app(context: Any) -> None:
    with other_site("<p id='remote'>remote page</p>") as remote:
        html = (
            "<p id='out'>waiting</p><div style='height: 300px'></div><script>"
            "let reached = 'isolated'; try { reached = parent.document.title } catch (e) {}"
            "document.getElementById('out').textContent = 'ran ' + reached</script>"
        )
        script = (
            f"import porch as st\nst.iframe({remote!r}, height=120, alt='Remote')\n"
            f"st.iframe({html!r}, alt='Local')\nst.iframe('_porch/health', tab_index=0)\n"
        )
        with running_engine(script) as server:
            page = open_app(context, server.url)
            expect(page.frame_locator("iframe[title='Remote']").locator("#remote")).to_have_text("remote page")
            expect(page.frame_locator("iframe[title='Local']").locator("#out")).to_have_text("ran isolated")
            remote_frame, local, own = (page.locator("iframe.iframe").nth(i) for i in range(3))
            # Another site keeps its own origin; HTML text and the app's own origin never get it.
            assert "allow-same-origin" in (remote_frame.get_attribute("sandbox") or "")
            for frame in (local, own):
                assert "allow-same-origin" not in (frame.get_attribute("sandbox") or "")
            box = remote_frame.bounding_box()
            assert box is not None and box["height"] == 120
            page.wait_for_function("() => document.querySelector(\"iframe[title='Local']\").offsetHeight > 320")
            assert own.get_attribute("tabindex") == "0" and own.get_attribute("title") == "Embedded page"


#: A page taller and wider than its frame.
TALL_PAGE = "<div id='tall' style='height: 2000px; width: 2000px'>tall</div>"


def wheel_over(page: Any, title: str) -> Any:
    """Turn the mouse wheel down over the frame titled ``title`` (its page loaded); its page's frame."""
    frame = page.locator(f"iframe[title='{title}']").element_handle().content_frame()
    frame.wait_for_selector("#tall", state="attached")
    box = page.locator(f"iframe[title='{title}']").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 400)
    return frame


@pytest.mark.browser
def test_a_frame_scrolls_as_its_scrolling_says(context: Any) -> None:
    """Streamlit sets the frame's ``scrolling`` attribute: "no" for ``components.v1.iframe(..., scrolling=False)``
    (the default), whose page then has no scroll bar, "auto" for ``scrolling=True`` and for ``st.iframe``."""
    with other_site(TALL_PAGE) as remote:
        script = (
            "import porch as st\nimport streamlit.components.v1 as components\n"
            f"components.iframe({remote!r}, height=120)\n"
            f"components.iframe({remote!r}, height=120, scrolling=True)\n"
            f"st.iframe({remote!r}, height=120)\n"
        )
        with running_engine(script) as server:
            page = open_app(context, server.url)
            frames = page.locator("iframe.iframe")
            expect(frames).to_have_count(3)
            assert [frames.nth(i).get_attribute("scrolling") for i in range(3)] == ["no", "auto", "auto"]
            page.evaluate("() => document.querySelectorAll('iframe.iframe').forEach((f, i) => f.title = 'f' + i)")
            fixed = wheel_over(page, "f0")
            for title in ("f1", "f2"):  # wheel events are handled in order: f0's before these scroll
                wheel_over(page, title).wait_for_function("() => window.scrollY > 0")
            assert fixed.evaluate("() => window.scrollY") == 0, "scrolling=False: the page does not scroll"
