"""``download_button``: what st.download_button downloads, its file name made safe, and its click semantics."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import ProtocolClient, running_engine
from porch.errors import PorchAPIError
from porch.media import MEDIA_PATH, MediaStore
from porch.testing import AppTest, AppTestError
from support import app, send


CLICKS = """
import porch as st
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.download_button("Get the report", "a,b\\n1,2\\n", file_name="report.csv"):
    st.session_state.clicks += 1
st.text(f"clicks={st.session_state.clicks}")
"""


def test_a_download_button_is_true_only_in_the_run_its_click_caused() -> None:
    at = AppTest.from_string(CLICKS).run()
    button = at.download_button[0]
    assert button.value is False and button.file_name == "report.csv"
    assert button.data == b"a,b\n1,2\n" and button.mime == "text/csv"
    at.download_button[0].click().run()
    assert at.download_button[0].value is True and at.text[0].value == "clicks=1"
    at.run()
    assert at.download_button[0].value is False and at.text[0].value == "clicks=1"


def test_on_click_callbacks_and_ignore() -> None:
    at = app(
        "def note(who):\n"
        "    st.session_state.noted = who\n"
        "st.download_button('A', b'x', on_click=note, args=('a',))\n"
        "st.download_button('B', b'y', on_click='ignore')\n"
        "st.text(st.session_state.get('noted', '-'))"
    )
    first, second = at.download_button
    assert first.props["rerun"] is True and second.props["rerun"] is False
    first.click().run()
    assert at.text[0].value == "a"


def test_download_data_types_and_default_names() -> None:
    at = app(
        "import io\n"
        "st.download_button('Text', 'héllo')\n"
        "st.download_button('Bytes', b'\\x00\\x01')\n"
        "st.download_button('File', io.BytesIO(b'from a buffer'), file_name='notes.md', mime='text/markdown')\n"
        "st.download_button('Reader', io.BufferedReader(io.BytesIO(b'read me')), file_name='blob')"
    )
    text, raw, buffered, reader = at.download_button
    assert (text.file_name, text.mime, text.data) == ("download.txt", "text/plain", "héllo".encode())
    assert (raw.file_name, raw.mime, raw.data) == ("download.bin", "application/octet-stream", b"\x00\x01")
    assert (buffered.file_name, buffered.mime, buffered.data) == ("notes.md", "text/markdown", b"from a buffer")
    assert (reader.file_name, reader.data) == ("blob", b"read me")


def test_a_hostile_file_name_is_made_safe() -> None:
    at = app("st.download_button('Get', b'x', file_name=name)", name='..\\evil"\r\nX: 1/\u202etxt.exe')
    name = at.download_button[0].file_name
    assert name == "_evil_  X_ 1_ txt.exe"
    assert at.media(at.download_button[0].props["url"]).download_name == name


def test_download_button_arguments_are_checked() -> None:
    in_form = app("with st.form('f'):\n    st.download_button('Get', b'x')\n    st.form_submit_button()")
    assert "cannot be used inside a form" in in_form.exception[0].message
    bad_click = app("st.download_button('Get', b'x', on_click='later')")
    assert "on_click must be" in bad_click.exception[0].message
    bad_data = app("st.download_button('Get', 42)")
    assert "must be str, bytes or a file-like object" in bad_data.exception[0].message


def test_a_disabled_download_button_takes_no_click() -> None:
    at = AppTest.from_string(CLICKS.replace('file_name="report.csv"', 'file_name="report.csv", disabled=True')).run()
    with pytest.raises(AppTestError, match="disabled"):  # as in Streamlit: no person could click it
        at.download_button[0].click()
    send(at, {}, trigger=at.download_button[0].id)  # a client that clicks it anyway
    assert at.text[0].value == "clicks=0"


def test_download_button_icon_position_and_width() -> None:
    at = app('st.download_button("Get", b"x", icon="⬇️", icon_position="right", use_container_width=True)')
    props = at.download_button[0].props
    assert (props["icon_position"], props["width"]) == ("right", "stretch")


# -- data made when the download is asked for -----------------------------------------------------------------------

LAZY = """
import threading
import porch as st
made = st.session_state.setdefault("made", [])
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
runs = st.session_state.runs

def report():  # it runs outside the script's run: what it needs, it takes from the run that made it
    made.append(threading.current_thread().name)
    return f"made after run {runs}"

clicked = st.download_button("Report", report, file_name="report.txt")
st.text(f"runs={runs} clicked={clicked}")
"""


def test_a_function_as_data_is_called_only_when_the_download_is_asked_for() -> None:
    at = AppTest.from_string(LAZY).run()
    button = at.download_button[0]
    assert at.session_state["made"] == []  # showing the button calls nothing
    assert (button.file_name, button.mime) == ("report.txt", "text/plain")
    url = button.props["url"]
    assert button.data == b"made after run 1"
    assert at.session_state["made"] == ["porch-worker"]  # on the session's worker, never the event loop
    at.download_button[0].click().run()
    assert at.text[0].value == "runs=2 clicked=True"
    assert at.download_button[0].props["url"] == url  # one URL for the button in every run
    assert at.download_button[0].data == b"made after run 2"  # the newest run's function, called again
    assert len(at.session_state["made"]) == 2
    assert at.errors == []


def test_what_the_function_raises_is_shown_and_fails_the_download() -> None:
    at = app(
        "def broken():\n"
        "    raise ValueError('the database is away')\n"
        "def wrong():\n"
        "    return 42\n"
        "st.download_button('Broken', broken, mime='text/csv')\n"
        "st.download_button('Wrong', wrong)\n"
        "st.text('shown')"
    )
    broken, wrong = at.download_button
    assert broken.file_name == "download.csv" and wrong.file_name == "download.bin"
    with pytest.raises(ValueError, match="the database is away"):
        broken.data
    failures = [e for e in at.errors if e["code"] == "download_failed"]
    assert len(failures) == 1 and "download_button('Broken')" in failures[0]["message"]
    assert "the database is away" in failures[0]["message"]
    with pytest.raises(PorchAPIError, match="must be str, bytes or a file-like object"):
        wrong.data
    assert len([e for e in at.errors if e["code"] == "download_failed"]) == 2
    assert at.text[0].value == "shown" and at.run_status == "ok"  # the page and its session carry on


def test_a_made_download_is_kept_within_the_media_memory_limit_and_let_go_once_served() -> None:
    store = MediaStore(memory_limit=16)
    holder = store.session()

    def submit(job: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(job())
        return future

    url = holder.add_deferred("k", lambda: b"x" * 100, submit, "text/plain", download_name="big.txt")
    deferred = store.get(url.removeprefix(MEDIA_PATH))
    assert deferred is not None and deferred.deferred is not None and store.memory_bytes == 0
    produced = store.produce(deferred).result()
    assert produced.file.path is not None and produced.file.data is None  # over the limit: a temporary file
    assert store.memory_bytes == 0 and produced.file.read() == b"x" * 100
    assert produced.file.download_name == "big.txt"
    path = produced.file.path
    produced.release()
    assert not os.path.exists(path) and len(store) == 1  # only the deferred entry stays, for the next request
    store.memory_limit = 1024
    kept = store.produce(deferred).result()
    assert kept.file.data == b"x" * 100 and store.memory_bytes == 100  # within the limit: in memory
    kept.release()
    assert store.memory_bytes == 0
    holder.close()
    assert len(store) == 0


def test_over_http_the_function_runs_per_request_and_its_failure_is_a_500() -> None:
    source = (
        "import porch as st\n"
        "made = st.session_state.setdefault('made', [])\n"
        "def numbered():\n"
        "    made.append(1)\n"
        "    return f'request {len(made)}'\n"
        "def broken():\n"
        "    raise RuntimeError('no')\n"
        "st.download_button('Numbered', numbered, file_name='n.txt')\n"
        "st.download_button('Broken', broken, file_name='b.txt')\n"
    )
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        urls = {}
        for message in client.view.messages:
            if message["type"] == "delta" and message["element"]["kind"] == "download_button":
                urls[message["element"]["props"]["label"]] = message["element"]["props"]["url"]
        for expected in (b"request 1", b"request 2"):
            with urllib.request.urlopen(server.url + urls["Numbered"]) as response:
                assert response.read() == expected
                assert response.headers["Cache-Control"] == "no-store" and response.headers["ETag"] is None
                assert "n.txt" in response.headers["Content-Disposition"]
        with urllib.request.urlopen(urllib.request.Request(server.url + urls["Numbered"], method="HEAD")) as head:
            assert head.headers["Content-Type"] == "text/plain" and "n.txt" in head.headers["Content-Disposition"]
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(server.url + urls["Broken"])
        failed.value.close()
        assert failed.value.code == 500
        error = client.until(lambda message: message["type"] == "error")
        assert error["code"] == "download_failed" and "RuntimeError('no')" in error["message"]
        with urllib.request.urlopen(server.url + urls["Numbered"]) as response:
            assert response.read() == b"request 3"  # the HEAD made nothing
        client.close()


@pytest.mark.browser
def test_a_person_downloads_data_made_on_click_in_chromium(context: Any) -> None:
    source = (
        "import porch as st\n"
        "def table():\n"
        "    return 'a,b\\n1,2\\n'\n"
        "def broken():\n"
        "    raise ValueError('the database is away')\n"
        "st.download_button('Table', table, file_name='table.csv')\n"
        "st.download_button('Broken', broken, file_name='broken.csv', on_click='ignore')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        with page.expect_download() as info:
            page.get_by_role("link", name="Table").click()
        assert info.value.suggested_filename == "table.csv"
        assert Path(info.value.path()).read_bytes() == b"a,b\n1,2\n"
        page.get_by_role("link", name="Broken").click()
        toast = page.get_by_role("alert").filter(has_text="the database is away")
        expect(toast).to_be_visible()
        expect(toast).to_contain_text("download_button('Broken')")
