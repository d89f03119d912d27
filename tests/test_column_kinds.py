"""column_config kinds that are more than a value shown as text, as Streamlit 1.67 has them: ``ButtonColumn`` (a
button in each cell; with a key, a click runs ``on_click`` and ``session_state[key]`` holds ``{row, label}`` in that
run only, through the widget event path: a payload trigger), ``MarkdownColumn`` (cells rendered as ``markdown``
renders them, raw HTML escaped), ``AudioColumn`` and ``VideoColumn`` (small players, on URLs the page's policy lets
st.audio and st.video play; a ``data:`` URL's content is served as the session's media)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

import porch as st
from engine_harness import running_engine
from porch.elements._button_column import ButtonColumnClickState
from porch.errors import PorchAPIError
from porch.testing import AppTest
from support import bad_values, send

TRIGGER = "k:act"

CLICKS = """import porch as st
st.session_state.setdefault("calls", [])

def clicked(tag, *, times):
    click = st.session_state.act
    st.session_state.calls.append((tag, times, click.row, click["label"], type(click).__name__))

rows = {"name": ["Alice", "Bob", "Eve"], "act": ["Open", "Open", ":material/delete: Drop"]}
st.TABLE(rows, column_config={
    "act": st.column_config.ButtonColumn("Action", type="primary", alignment="left", on_click=clicked,
                                         args=("cb",), kwargs={"times": 2}, key="act"),
}EXTRA)
st.write(f"click={st.session_state.get('act', 'absent')!r}")
"""


def clicks_app(table: str, extra: str = "") -> AppTest:
    return AppTest.from_string(CLICKS.replace("TABLE", table).replace("EXTRA", extra), default_timeout=30).run()


def click(at: AppTest, row: Any, label: Any = "Open") -> AppTest:
    return send(at, {TRIGGER: json.dumps({"row": row, "label": label})}, TRIGGER)


def shown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("click=")]


def column(at: AppTest, kind: str, key: str) -> dict[str, Any]:
    columns: list[dict[str, Any]] = at.get(kind)[0].node.props["columns"]
    return next(c for c in columns if c["key"] == key)


@pytest.mark.parametrize("table", ["dataframe", "data_editor"])
def test_a_click_runs_on_click_and_is_the_keys_value_in_its_run_only(table: str) -> None:
    at = clicks_app(table)
    assert not at.exception
    wire = column(at, table, "act")
    assert (wire["type"], wire["align"], wire["config"]) == (
        "button", "left", {"button_type": "primary", "widget": TRIGGER}
    )
    assert shown(at) == ["click=None"]
    click(at, 2, ":material/delete: Drop")
    assert at.session_state["calls"] == [("cb", 2, 2, ":material/delete: Drop", "ButtonColumnClickState")]
    assert shown(at) == ["click={'row': 2, 'label': ':material/delete: Drop'}"]
    at.run()  # a trigger value: gone in the next run, and the callback does not run again
    assert shown(at) == ["click=None"]
    assert len(at.session_state["calls"]) == 1


def test_in_data_editor_a_button_column_is_read_only_and_a_disabled_editor_reports_no_clicks() -> None:
    at = clicks_app("data_editor")
    editing = at.get("data_editor")[0].node.props["editing"]
    assert [e["input"] for e in editing if e["name"] in ("name", "act")] == ["text", None]
    at = clicks_app("data_editor", ", disabled=True")
    assert "widget" not in column(at, "data_editor", "act")["config"]
    click(at, 0)  # as in Streamlit, no trigger is registered: the key is not in session_state, nothing runs
    assert at.session_state["calls"] == [] and shown(at) == ["click='absent'"]
    assert not bad_values(at) and not at.exception


@pytest.mark.parametrize(
    "bad",
    [{"row": 3, "label": "Open"}, {"row": -1, "label": "Open"}, {"row": True, "label": "Open"},
     {"row": 0, "label": 5}, {"row": 0}, {"row": 0, "label": "Open", "more": 1}, [0, "Open"], None],
)
def test_a_click_that_does_not_fit_the_table_is_refused_and_runs_nothing(bad: Any) -> None:
    at = clicks_app("dataframe")
    send(at, {TRIGGER: json.dumps(bad)}, TRIGGER)
    assert [e["message"] for e in bad_values(at)] == [f"a value for widget {TRIGGER!r} did not fit it and was ignored"]
    assert at.session_state["calls"] == [] and shown(at) == ["click=None"]


def test_a_click_without_its_trigger_or_as_plain_text_is_refused() -> None:
    at = clicks_app("dataframe")
    send(at, {TRIGGER: json.dumps({"row": 0, "label": "Open"})})  # a payload comes with its trigger only
    send(at, {TRIGGER: "not json"}, TRIGGER)
    assert len(bad_values(at)) == 2
    assert at.session_state["calls"] == []


def test_the_click_state_reads_as_keys_and_attributes_and_cannot_change() -> None:
    click_state = ButtonColumnClickState(row=1, label="Open")
    assert (click_state.row, click_state["label"]) == (1, "Open")
    with pytest.raises(TypeError, match="read-only"):
        click_state["row"] = 2


def test_button_column_arguments_are_checked_as_streamlit_checks_them() -> None:
    config = st.column_config.ButtonColumn("Go", type="tertiary")
    assert config["disabled"] is True
    assert config["type_config"] == {"type": "button", "button_type": "tertiary"}
    with pytest.raises(PorchAPIError, match=r"The `key` parameter is required\. Callbacks passed via `on_click`"):
        st.column_config.ButtonColumn("Go", on_click=print)  # type: ignore[call-overload]
    with pytest.raises(PorchAPIError, match="type must be one of"):
        st.column_config.ButtonColumn("Go", type="loud")  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('st.session_state.act = 1\nst.dataframe({"a": ["x"]}, column_config={"a": st.column_config.ButtonColumn('
         'key="act")})', "is read-only and cannot be assigned through session state"),
        ('with st.form("f"):\n    st.dataframe({"a": ["x"]}, column_config={"a": st.column_config.ButtonColumn('
         'key="act", on_click=print)})\n    st.form_submit_button()', "widgets inside a form cannot have callbacks"),
        ('for _ in range(2):\n    st.dataframe({"a": ["x"]}, column_config={"a": st.column_config.ButtonColumn('
         'key="act")})', "key='act'"),
    ],
)
def test_a_key_set_through_session_state_a_callback_in_a_form_and_a_duplicate_key_are_errors(
    source: str, message: str
) -> None:
    at = AppTest.from_string("import porch as st\n" + source, default_timeout=30).run()
    assert at.exception and message in at.exception[0].message, at.exception


MARKDOWN = """import porch as st
rows = {"text": ["**bold** and :red[red]", "<b>raw</b>", None]}
st.dataframe(rows, column_config={"text": st.column_config.MarkdownColumn("Text")})
st.data_editor(rows, column_config={"text": st.column_config.MarkdownColumn("Text")}, key="ed")
st.data_editor({"n": [1]}, column_config={"n": st.column_config.MarkdownColumn()}, key="numbers")
st.dataframe({"a": ["x.mp3"], "v": ["x.mp4"]}, column_config={
    "a": st.column_config.AudioColumn(), "v": st.column_config.VideoColumn()})
"""


def test_markdown_cells_come_rendered_with_raw_html_escaped_and_are_edited_as_text() -> None:
    at = AppTest.from_string(MARKDOWN, default_timeout=30).run()
    window = at.get("dataframe")[0].node.props["window"]
    html = [row[1] for row in window["html"]]
    assert "<strong>bold</strong>" in html[0] and 'class="porch-fg-red"' in html[0]
    assert "&lt;b&gt;raw&lt;/b&gt;" in html[1] and "<b>" not in html[1]
    assert html[2] is None and all(row[0] is None for row in window["html"])  # the index; a missing value
    assert window["cells"][0][1] == "**bold** and :red[red]"  # the value stays the source
    editing = at.get("data_editor")[0].node.props["editing"]
    assert [e["input"] for e in editing if e["name"] == "text"] == ["text"]
    # Over data that is not text, as in Streamlit (which checks no data against a Markdown column): shown, read-only.
    numbers = at.get("data_editor")[1].node.props["editing"]
    assert [e["input"] for e in numbers if e["name"] == "n"] == [None]
    assert not at.exception


def test_audio_and_video_columns_are_their_own_kinds() -> None:
    at = AppTest.from_string(MARKDOWN, default_timeout=30).run()
    assert (column(at, "dataframe", "text")["type"]) == "markdown"
    media = at.get("dataframe")[3].node.props["columns"]  # the editors are dataframes too, as in Streamlit
    assert [(c["key"], c["type"]) for c in media if not c["index"]] == [("a", "audio"), ("v", "video")]


PAGE = """import porch as st
st.session_state.setdefault("calls", 0)

def clicked():
    st.session_state.calls += 1

rows = {"name": ["Alice", "Bob"], "act": ["Open", ["Edit", ":material/delete: Delete"]],
        "notes": ["**bold** <i>x</i>", "plain"],
        "sound": ["app/static/a.mp3", "http://example.invalid/a.mp3"], "clip": ["app/static/b.mp4", None]}
config = {
    "act": st.column_config.ButtonColumn("Action", type="primary", on_click=clicked, key="act"),
    "notes": st.column_config.MarkdownColumn("Notes"),
    "sound": st.column_config.AudioColumn("Sound"),
    "clip": st.column_config.VideoColumn("Clip"),
}
picked = st.dataframe(rows, column_config=config, hide_index=True, on_select="rerun", selection_mode="single-cell")
st.text(f"cells {picked.selection.cells}")
st.data_editor({"act": ["Go"]}, column_config={"act": st.column_config.ButtonColumn(key="go")}, key="ed")
if st.session_state.act is not None:
    st.text(f"dataframe row {st.session_state.act.row} {st.session_state.act.label} calls {st.session_state.calls}")
if st.session_state.go is not None:
    st.text(f"editor row {st.session_state.go.row} {st.session_state.go.label}")
"""


@pytest.mark.browser
def test_buttons_markdown_and_players_are_drawn_and_a_click_reaches_the_script(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        grids = page.get_by_role("grid")
        expect(grids).to_have_count(2)
        frame = grids.nth(0)
        buttons = frame.locator("button.cell-button")
        expect(buttons).to_have_count(2)
        expect(buttons.nth(0)).to_have_attribute("data-variant", "primary")
        expect(buttons.nth(0)).to_have_text("Open")
        expect(buttons.nth(1)).to_have_attribute("aria-haspopup", "menu")  # several labels: a menu of them
        expect(frame.locator(".cell-markdown strong")).to_have_text("bold")
        expect(frame.locator(".cell-markdown i")).to_have_count(0)  # raw HTML escaped, as st.markdown's
        expect(frame.locator(".cell-markdown").first).to_contain_text("<i>x</i>")
        audio = frame.locator("audio.cell-player")
        expect(audio).to_have_count(1)  # the other URL is neither the app's nor https: text
        assert audio.evaluate("a => a.controls && a.src.endsWith('/app/static/a.mp3')")
        expect(frame.get_by_text("http://example.invalid/a.mp3")).to_be_visible()
        expect(frame.locator("video.cell-player")).to_have_count(1)
        buttons.nth(0).click()
        expect(page.get_by_text("dataframe row 0 Open calls 1")).to_be_visible()
        expect(page.get_by_text("cells []")).to_be_visible()  # the press was the button's: no cell selected
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("menuitem", name="Delete").click()
        expect(page.get_by_text("dataframe row 1 :material/delete: Delete calls 2")).to_be_visible()
        expect(page.get_by_role("menu")).to_have_count(0)
        editor_button = grids.nth(1).locator("button.cell-button")
        expect(editor_button).to_have_attribute("data-variant", "secondary")
        editor_button.click()
        expect(page.get_by_text("editor row 0 Go")).to_be_visible()
        expect(page.get_by_text("calls 2")).to_have_count(0)  # the dataframe's click was that run's only


def _wav(frames: int = 800) -> bytes:
    """A short WAV of silence (8 kHz, 8 bits, mono): what a browser plays."""
    body = bytes([128]) * frames
    header = (b"RIFF" + (36 + frames).to_bytes(4, "little") + b"WAVEfmt " + (16).to_bytes(4, "little")
              + (1).to_bytes(2, "little") + (1).to_bytes(2, "little") + (8000).to_bytes(4, "little")
              + (8000).to_bytes(4, "little") + (1).to_bytes(2, "little") + (8).to_bytes(2, "little"))
    return header + b"data" + frames.to_bytes(4, "little") + body


DATA_URLS = """import base64
import porch as st
SOUND = base64.b64encode(WAV).decode()
rows = 60
sound = ["https://example.com/a.mp3"] * rows
sound[0] = "data:audio/wav;base64," + SOUND
sound[1] = "data:audio/ogg,%4FggS"
sound[2] = "data:text/html;base64," + base64.b64encode(b"<script>x</script>" * 200).decode()
sound[3] = "data:audio/wav;base64,not base64!"
sound[55] = "data:audio/wav;base64," + SOUND
clip = [None] * rows
clip[0] = "data:video/webm;base64," + base64.b64encode(b"webm" * 1000).decode()
if st.session_state.setdefault("shown", True):
    st.dataframe({"sound": sound, "clip": clip}, column_config={
        "sound": st.column_config.AudioColumn(), "clip": st.column_config.VideoColumn()}, hide_index=True)
st.button("hide", on_click=lambda: st.session_state.update(shown=False))
"""


def test_data_url_cells_of_audio_and_video_columns_are_served_as_the_sessions_media() -> None:
    wav = _wav()
    at = AppTest.from_string(DATA_URLS.replace("WAV", repr(wav)), default_timeout=30).run()
    assert not at.exception
    element = at.get("dataframe")[0].node.props
    store = at._session.media.store  # what the server serves: no public name
    cells = [row[:2] for row in element["window"]["cells"]]
    sound, clip = cells[0]
    assert sound.startswith("_porch/media/") and sound.endswith(".wav") and store.read(sound) == wav
    assert store.get(sound.rpartition("/")[2]).content_type == "audio/wav"  # type: ignore[union-attr]
    assert clip.startswith("_porch/media/") and clip.endswith(".webm") and store.read(clip) == b"webm" * 1000
    ogg = cells[1][0]
    assert ogg.startswith("_porch/media/") and store.read(ogg) == b"OggS"  # a percent-encoded data: URL
    # Anything but audio or video content is never served from the app's origin, nor content that does not decode:
    # text, cut as any cell's.
    assert cells[2][0].startswith("data:text/html;base64,") and len(cells[2][0]) == 2000
    assert cells[3][0] == "data:audio/wav;base64,not base64!"
    assert cells[4] == ["https://example.com/a.mp3", None]
    # A row beyond the first window, as the client asks for it: the same content, the same URL.
    table = at._session.frames.table(element["data"])
    assert table is not None and table.window([55, 56])["cells"] == [[sound, None], ["https://example.com/a.mp3", None]]
    # The page no longer shows the frame: its media are let go.
    at.button[0].click().run()
    assert not at.get("dataframe") and store.get(sound.rpartition("/")[2]) is None


@pytest.mark.browser
def test_a_data_url_cell_plays_from_the_apps_own_origin(context: Any) -> None:
    source = DATA_URLS.replace("WAV", repr(_wav()))
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        audio = page.get_by_role("grid").locator("audio.cell-player").first
        expect(audio).to_have_attribute("src", re.compile(r"_porch/media/[0-9a-f]{32}\.wav$"))
        # The browser loads it under the page's policy: its duration is known (800 samples at 8 kHz).
        page.wait_for_function("a => a.readyState >= 1 && Math.abs(a.duration - 0.1) < 0.01",
                               arg=audio.element_handle(), timeout=30_000)
        assert audio.evaluate("a => new URL(a.src).origin === location.origin")
