"""file_uploader in Debian's Chromium: picking, dropping, removing files, and the errors a refused file shows."""

from __future__ import annotations

from typing import Any

import pytest

from engine_harness import EngineThread, running_engine
from test_browser import open_app, run_count, settle

pytestmark = pytest.mark.browser

MANY = """
import porch as st
files = st.file_uploader("Data", accept_multiple_files=True)
st.text(" ; ".join(f"{f.name}|{f.size}|{f.getvalue().decode()}" for f in files) or "nothing")
"""


def pick(page: Any, label: str, *files: tuple[str, bytes, str]) -> None:
    """Choose files in the uploader's own <input type=file>, as the file dialog would."""
    page.get_by_label(label, exact=True).set_input_files(
        [{"name": name, "buffer": data, "mimeType": mime} for name, data, mime in files]
    )


def shows(page: Any, text: str) -> None:
    page.get_by_text(text, exact=True).wait_for()


def held_files(server: EngineThread) -> int:
    return int(server.call(lambda: sum(len(s.uploads) for s in server.engine.sessions._sessions.values())))


def test_the_script_sees_the_name_size_and_content_of_a_picked_file(context: Any) -> None:
    source = """
import porch as st
f = st.file_uploader("Data", type="csv")
st.text("nothing" if f is None else f"{f.name}|{f.type}|{f.size}|{f.read().decode()}")
"""
    with running_engine(source) as server:
        page = open_app(context, server.url)
        assert page.get_by_label("Data", exact=True).get_attribute("accept") == ".csv"
        before = run_count(page)
        pick(page, "Data", ("prices.csv", b"a,b\n1,2", "text/csv"))
        settle(page, before)
        shows(page, "prices.csv|text/csv|7|a,b\n1,2")
        assert page.locator(".upload-file .upload-name").all_inner_texts() == ["prices.csv"]


def test_a_removed_file_leaves_the_value_and_the_server(context: Any) -> None:
    with running_engine(MANY) as server:
        page = open_app(context, server.url)
        pick(page, "Data", ("a.txt", b"one", "text/plain"), ("b.txt", b"two", "text/plain"))
        shows(page, "a.txt|3|one ; b.txt|3|two")
        before = run_count(page)
        page.get_by_role("button", name="Remove a.txt").click()
        settle(page, before)
        shows(page, "b.txt|3|two")
        assert held_files(server) == 1
        page.get_by_role("button", name="Remove b.txt").click()
        shows(page, "nothing")
        assert held_files(server) == 0


def test_a_file_that_is_too_big_shows_why_and_the_others_go_through(context: Any) -> None:
    with running_engine(MANY, max_upload_bytes=1024) as server:
        page = open_app(context, server.url)
        pick(page, "Data", ("big.bin", b"x" * 2048, "application/octet-stream"), ("ok.txt", b"fine", "text/plain"))
        shows(page, "ok.txt|4|fine")
        error = page.locator(".upload-file[data-state='error'] .upload-error")
        assert error.inner_text() == "big.bin is 2 KB; files may be at most 1 KB."
        # Refused by the server this time: the session holds its limit (four times the largest file).
        pick(page, "Data", *[(f"{i}.txt", b"y" * 1000, "text/plain") for i in range(5)])
        page.wait_for_function(
            """() => document.querySelectorAll(".upload-file[data-state='done']").length === 5
                && document.querySelectorAll(".upload-file[data-state='error']").length === 2"""
        )
        messages = page.locator(".upload-error:not([hidden])").all_inner_texts()
        assert messages[0] == "big.bin is 2 KB; files may be at most 1 KB."
        assert "This session holds its limit of 4.0 KB of uploads; remove some files first." in messages[1]


def test_a_file_dropped_on_the_zone_is_uploaded(context: Any) -> None:
    with running_engine(MANY) as server:
        page = open_app(context, server.url)
        dropped = page.evaluate_handle(
            """() => {
                const data = new DataTransfer();
                data.items.add(new File(["dropped!"], "drop.txt", { type: "text/plain" }));
                return data;
            }"""
        )
        page.locator(".upload-zone").dispatch_event("drop", {"dataTransfer": dropped})
        shows(page, "drop.txt|8|dropped!")


def test_in_a_form_the_files_go_with_the_submit_under_a_base_path(context: Any) -> None:
    source = """
import porch as st
with st.form("f"):
    f = st.file_uploader("Data")
    st.form_submit_button("Send")
st.text("nothing" if f is None else f.getvalue().decode())
"""
    with running_engine(source, base_path="/apps/demo") as server:
        page = open_app(context, server.url)
        pick(page, "Data", ("a.txt", b"held", "text/plain"))
        page.locator(".upload-file[data-state='done']").wait_for()
        assert held_files(server) == 1
        shows(page, "nothing")
        before = run_count(page)
        page.get_by_role("button", name="Send").click()
        settle(page, before)
        shows(page, "held")
