"""``pdf``: st.pdf, a PDF document in the browser's own viewer, served from the session's media (a URL as it is).

Debian's Chromium shows PDFs in headless mode too: the browser test sees its viewer load the served document in the
frame, and checks the fallback (a link to the document) in a page whose browser says it has no PDF viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app


def make_pdf(text: str = "Hello Porch") -> bytes:
    """A one-page PDF showing ``text``."""
    stream = f"BT /F1 24 Tf 30 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


PDF = make_pdf()


def test_bytes_are_served_as_a_pdf() -> None:
    at = app("st.pdf(DATA)", DATA=PDF)
    (doc,) = at.pdf
    assert doc.url.startswith("_porch/media/") and doc.url.endswith(".pdf")
    assert doc.content_type == "application/pdf" and doc.data == PDF
    assert doc.props == {"url": doc.url, "height": 500, "alt": None}


def test_a_file_is_served_from_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(PDF)
    at = app(
        'import pathlib\nst.pdf(FOLDER + "/report.pdf", height=300, alt=" Q3 report ")\n'
        'st.pdf(pathlib.Path(FOLDER) / "report.pdf", height="stretch")',
        FOLDER=str(tmp_path),
    )
    by_name, by_path = at.pdf
    assert by_name.data == PDF and by_name.url == by_path.url
    assert (by_name.height, by_name.alt, by_path.height, by_path.alt) == (300, "Q3 report", "stretch", None)


def test_a_file_like_object_is_read_from_its_start() -> None:
    at = app("import io\nf = io.BytesIO(DATA)\nf.read(3)\nst.pdf(f)\nst.pdf(io.BufferedReader(io.BytesIO(DATA)))", DATA=PDF)
    assert [doc.data for doc in at.pdf] == [PDF, PDF]


def test_a_url_is_framed_as_it_is() -> None:
    at = app('st.pdf("  https://example.org/doc.pdf ", alt="")')
    assert at.pdf[0].props == {"url": "https://example.org/doc.pdf", "height": 500, "alt": None}


def test_it_is_replaced_in_place_and_lets_go_of_its_media() -> None:
    at = app('slot = st.pdf(A if st.session_state.get("first", True) else B)\nslot.pdf(B)', A=PDF, B=make_pdf("Two"))
    (doc,) = at.pdf
    assert doc.data == make_pdf("Two")
    at = app('st.pdf(A if st.session_state.get("first", True) else B)', A=PDF, B=make_pdf("Two"))
    first = at.pdf[0].url
    at.session_state["first"] = False
    at.run()
    assert at.pdf[0].data == make_pdf("Two")
    with pytest.raises(LookupError):
        at.media(first)


def test_key_is_accepted() -> None:
    at = app('st.pdf(DATA, key="doc")', DATA=PDF)
    assert len(at.exception) == 0 and len(at.pdf) == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.pdf(None)", "data is required"),
        ('st.pdf("no/such/file.pdf")', "unable to read the file 'no/such/file.pdf'"),
        ("st.pdf(FOLDER)", "is a folder, not a PDF file"),
        ("st.pdf(12)", "data must be a URL, a path, bytes or a file-like object, not int"),
        ("st.pdf(b'%PDF', height='content')", "height must be a positive number of pixels or 'stretch'"),
        ("st.pdf(b'%PDF', height=0)", "height must be"),
        ("st.pdf(b'%PDF', alt=3)", "alt must be a string or None"),
    ],
)
def test_values_the_script_gets_wrong_are_clear_errors(call: str, message: str, tmp_path: Path) -> None:
    at = app(call, FOLDER=str(tmp_path))
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert message in at.exception[0].message and "pdf()" in at.exception[0].message


@pytest.mark.browser
def test_chromium_shows_the_pdf_in_its_viewer_and_a_link_where_there_is_none(context: Any) -> None:
    script = f"import porch as st\nst.pdf({PDF!r}, height=400, alt='Q3 report')\n"
    with running_engine(script) as server:
        page = context.new_page()
        page.goto(server.url)
        frame = page.get_by_title("Q3 report")
        expect(frame).to_be_visible()
        box = frame.bounding_box()
        assert box is not None and abs(box["height"] - 400) <= 2
        src = frame.get_attribute("src")
        assert src is not None and "_porch/media/" in src and frame.get_attribute("sandbox") is None
        served = page.request.get(page.evaluate("src => new URL(src, document.baseURI).href", src))
        assert served.headers["content-type"] == "application/pdf" and served.body() == PDF
        # Chromium's own viewer (an extension's frame) opens the document inside the element's frame.
        assert page.evaluate("navigator.pdfViewerEnabled") is True
        document = frame.element_handle().content_frame()
        assert document is not None
        for _ in range(100):
            if any(child.url.startswith("chrome-extension://") for child in document.child_frames):
                break
            page.wait_for_timeout(100)
        assert [child.url.startswith("chrome-extension://") for child in document.child_frames] == [True]
        # A browser without a PDF viewer gets a link to the document instead.
        bare = context.new_page()
        bare.add_init_script("Object.defineProperty(Navigator.prototype, 'pdfViewerEnabled', {get: () => false})")
        bare.goto(server.url)
        link = bare.get_by_role("link", name="Open Q3 report")
        expect(link).to_be_visible()
        href = link.get_attribute("href")
        assert href is not None and href.endswith(src.rpartition("/")[2])
        assert bare.locator("iframe").count() == 0
