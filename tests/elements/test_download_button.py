"""``download_button``: what st.download_button downloads, its file name made safe, and its click semantics."""

from __future__ import annotations

from porch.testing import AppTest
from support import app


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
    at.download_button[0].click().run()
    assert at.text[0].value == "clicks=0"


def test_download_button_icon_position_and_width() -> None:
    at = app('st.download_button("Get", b"x", icon="⬇️", icon_position="right", use_container_width=True)')
    props = at.download_button[0].props
    assert (props["icon_position"], props["width"]) == ("right", "stretch")
