"""``file_uploader``: st.file_uploader as a script sees it, driven through AppTest (the real session and
upload store)."""

from __future__ import annotations

import pytest

from porch import UploadedFile
from porch.testing import AppTest
from porch.upload_store import UploadRefused, normalize_types
from support import app, send


SHOW = """
def show(f):
    st.text("none" if f is None else f"{f.name}|{f.type}|{f.size}|{f.read().decode()}")
"""


def uploads(at: AppTest) -> int:
    """How many files the session's store holds (whether a file was freed): no public name, the server's memory."""
    return len(at._session.uploads)


def test_the_value_is_none_until_a_file_is_uploaded_and_the_run_that_follows() -> None:
    at = app(SHOW + 'show(st.file_uploader("Data"))')
    assert at.text[0].value == "none"
    assert at.file_uploader[0].value is None and at.file_uploader[0].label == "Data"
    at.file_uploader[0].upload("a.csv", b"x,y", "text/csv")
    assert at.text[0].value == "none", "the script sees the file only in the next run"
    at.run()
    assert at.text[0].value == "a.csv|text/csv|3|x,y"
    uploader = at.file_uploader[0]  # a name of its own: mypy still holds the value None from the assert above
    assert uploader.files == [{"id": uploader.value.file_id, "name": "a.csv", "size": 3, "type": "text/csv"}]


def test_every_run_reads_the_file_from_its_start() -> None:
    at = app(SHOW + 'show(st.file_uploader("Data"))\nst.button("Again")')
    at.file_uploader[0].upload("a.txt", b"hello").run()
    at.button[0].click().run()
    assert at.text[0].value.endswith("|hello")


def test_a_single_file_uploader_holds_the_newest_file_and_frees_the_one_it_replaced() -> None:
    at = app(SHOW + 'show(st.file_uploader("Data"))')
    at.file_uploader[0].upload("a.txt", b"1").run()
    first = at.file_uploader[0].value
    at.file_uploader[0].upload("b.txt", b"22").run()
    assert at.text[0].value.startswith("b.txt|")
    assert uploads(at) == 1
    assert first not in [at.file_uploader[0].value]


def test_several_files_come_as_a_list_in_upload_order() -> None:
    at = app('files = st.file_uploader("Data", accept_multiple_files=True)\nst.text(repr([f.name for f in files]))')
    assert at.text[0].value == "[]"
    at.file_uploader[0].upload("a.txt", b"1").upload("b.txt", b"2").run()
    assert at.text[0].value == "['a.txt', 'b.txt']"
    at.file_uploader[0].upload("c.txt", b"3").run()
    assert at.text[0].value == "['a.txt', 'b.txt', 'c.txt']"
    assert [type(f) for f in at.file_uploader[0].value] == [UploadedFile] * 3


def test_removing_a_file_changes_the_value_and_frees_the_file() -> None:
    at = app('files = st.file_uploader("Data", accept_multiple_files=True)\nst.text(repr([f.name for f in files]))')
    at.file_uploader[0].upload("a.txt", b"1").upload("b.txt", b"2").run()
    at.file_uploader[0].remove("a.txt").run()
    assert at.text[0].value == "['b.txt']"
    assert uploads(at) == 1
    at.file_uploader[0].clear().run()
    assert at.text[0].value == "[]"
    assert uploads(at) == 0
    with pytest.raises(LookupError):
        at.file_uploader[0].remove("nothing.txt")


def test_the_type_filter_takes_extensions_with_or_without_a_dot_in_any_case() -> None:
    at = app('st.file_uploader("Data", type=["CSV", ".txt", "jpg"], accept_multiple_files=True)')
    uploader = at.file_uploader[0]
    assert uploader.props["type"] == [".csv", ".txt", ".jpg", ".jpeg"]
    uploader.upload("a.csv", b"1").upload("B.TXT", b"2").upload("c.jpeg", b"3")
    with pytest.raises(UploadRefused) as refused:
        uploader.upload("d.exe", b"MZ")
    assert refused.value.status == 415 and "d.exe is not an accepted file type" in refused.value.message
    at.run()
    assert [f.name for f in at.file_uploader[0].value] == ["a.csv", "B.TXT", "c.jpeg"]


def test_mime_types_and_families_are_accepted_too() -> None:
    assert normalize_types("image") == ("image/*",)
    assert normalize_types(["application/PDF", "png"]) == ("application/pdf", ".png")
    at = app('st.file_uploader("Pictures", type="image")')
    at.file_uploader[0].upload("photo", b"...", "image/png")
    with pytest.raises(UploadRefused):
        at.file_uploader[0].upload("notes", b"...", "text/plain")


def test_on_change_runs_with_the_new_value_in_session_state() -> None:
    at = app(
        """
def changed(tag):
    st.session_state.log = st.session_state.get("log", []) + [(tag, st.session_state.data.name)]
st.file_uploader("Data", key="data", on_change=changed, args=("new",))
st.text(repr(st.session_state.get("log", [])))
"""
    )
    at.file_uploader[0].upload("a.txt", b"1").run()
    assert at.text[0].value == "[('new', 'a.txt')]"
    assert isinstance(at.session_state["data"], UploadedFile)
    assert at.session_state["data"].name == "a.txt"
    at.run()
    assert at.text[0].value == "[('new', 'a.txt')]", "the same value again is no change"


def test_setting_the_value_through_session_state_is_an_error() -> None:
    at = app('st.session_state.data = "x"\nst.file_uploader("Data", key="data")')
    assert "cannot be set through session_state" in at.exception[0].message
    at = app('st.file_uploader("Data", key="data")\nif st.button("Set"):\n    st.session_state.data = None')
    at.button[0].click().run()
    assert "cannot be set through session_state" in at.exception[0].message


def test_in_a_form_the_file_is_sent_with_the_submit() -> None:
    at = app(
        SHOW
        + """
with st.form("f"):
    f = st.file_uploader("Data")
    st.form_submit_button("Send")
show(f)
"""
    )
    at.file_uploader[0].upload("a.txt", b"hi").run()
    assert at.text[0].value == "none", "held until the submit"
    assert uploads(at) == 1, "the file itself is on the server already"
    at.button[0].click().run()
    assert at.text[0].value == "a.txt|application/octet-stream|2|hi"


def test_a_form_cleared_on_submit_frees_its_files() -> None:
    at = app(
        """
with st.form("f", clear_on_submit=True):
    f = st.file_uploader("Data")
    if st.form_submit_button("Send"):
        st.session_state.got = f.name
st.text(st.session_state.get("got", "-"))
"""
    )
    at.file_uploader[0].upload("a.txt", b"hi")
    at.button[0].click().run()
    assert at.text[0].value == "a.txt"
    assert at.file_uploader[0].value is None
    assert uploads(at) == 0


def test_the_state_and_files_of_an_uploader_that_is_not_rendered_are_dropped() -> None:
    at = app('if st.checkbox("Show", value=True):\n    st.file_uploader("Data", key="data")')
    at.file_uploader[0].upload("a.txt", b"1").run()
    at.file_uploader[0].upload("b.txt", b"2")  # waiting: never sent
    assert uploads(at) == 2 and "data" in at.session_state
    at.checkbox[0].uncheck().run()
    assert uploads(at) == 0 and "data" not in at.session_state
    at.checkbox[0].check().run()
    assert at.file_uploader[0].value is None


def test_switching_between_one_and_several_files_starts_over() -> None:
    at = app('many = st.checkbox("Many")\nv = st.file_uploader("Data", accept_multiple_files=many)\nst.text(repr(v))')
    at.file_uploader[0].upload("a.txt", b"1").run()
    at.checkbox[0].check().run()
    assert at.text[0].value == "[]"
    assert uploads(at) == 0


def test_a_disabled_uploader_takes_no_file_and_no_value() -> None:
    at = app('st.file_uploader("Data", disabled=True)')
    with pytest.raises(UploadRefused) as refused:
        at.file_uploader[0].upload("a.txt", b"1")
    assert refused.value.status == 403


def test_a_client_cannot_name_files_it_did_not_upload_to_this_widget() -> None:
    at = app(SHOW + 'show(st.file_uploader("A"))\nshow(st.file_uploader("B"))')
    at.file_uploader[1].upload("b.txt", b"2").run()
    b_file = at.file_uploader[1].value.file_id
    send(at, {at.file_uploader[0].id: [b_file]})
    send(at, {at.file_uploader[0].id: ["made-up"]})
    send(at, {at.file_uploader[0].id: "not a list"})
    assert [e["code"] for e in at.errors] == ["bad_value"] * 3
    assert at.text[0].value == "none"


def test_files_above_the_limit_are_refused() -> None:
    at = app('st.file_uploader("Data")')
    at._session.uploads.max_file_bytes = 10  # a server setting with no AppTest name yet
    at.run()
    assert at.file_uploader[0].props["max_bytes"] == 10
    with pytest.raises(UploadRefused) as refused:
        at.file_uploader[0].upload("a.txt", b"x" * 11)
    assert refused.value.status == 413


def test_closing_the_session_frees_every_file() -> None:
    at = app('st.file_uploader("Data")')
    at.file_uploader[0].upload("a.txt", b"1").run()
    at.close()
    assert uploads(at) == 0


def test_the_same_api_on_containers() -> None:
    at = app('with st.sidebar:\n    st.file_uploader("Side")\ncol, = st.columns(1)\ncol.file_uploader("Col")')
    assert [u.label for u in at.file_uploader] == ["Col", "Side"]
    assert len(at.sidebar.file_uploader) == 1


def test_max_upload_size_lowers_the_largest_file() -> None:
    at = app('st.file_uploader("F", max_upload_size=1, width="content")')
    props = at.file_uploader[0].props
    assert props["max_bytes"] == 1024 * 1024 and props["width"] == "content"
    assert "max_upload_size must be" in app('st.file_uploader("F", max_upload_size=0)').exception[0].message


def test_the_upload_endpoint_refuses_a_file_above_max_upload_size() -> None:
    from porch.upload_store import UploadRefused

    at = app('st.file_uploader("F", max_upload_size=0.001)')
    uploads = at._session.uploads
    widget = at.file_uploader[0].id
    with pytest.raises(UploadRefused) as refused:
        uploads.begin(widget, "big.bin", "application/octet-stream", 2000)
    assert refused.value.status == 413


def test_accept_multiple_files_directory_takes_a_folder_as_a_list() -> None:
    at = app('files = st.file_uploader("Folder", type="csv", accept_multiple_files="directory")\n'
             'st.write(str([f.name for f in files]))')
    props = at.file_uploader[0].props
    assert (props["directory"], props["multiple"]) == (True, True)
    at.file_uploader[0].upload("a.csv", b"1").upload("b.csv", b"2").run()
    assert at.markdown.values == ["['a.csv', 'b.csv']"]
    assert app('st.file_uploader("One")').file_uploader[0].props["directory"] is False
