"""Replay: a hit of ``cache_data`` or ``cache_resource`` shows again, where the call is made, the elements the function
showed when it computed (Streamlit's cached message replay), in the same session and in another one (AppTest
instances share the process-wide cache, and each has a media store of its own); media and frames are registered
with the session that replays them. Widgets inside a cached function show Streamlit 1.67's CachedWidgetWarning.
Chromium: an image a cached function showed loads on another session's page after the first session is gone."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import porch as st
from cache_fixtures import calls, counter, fresh_caches  # noqa: F401 (fixtures)
from engine_harness import running_engine
from porch.api import cache
from porch.elements._replay import CachedWidgetWarning
from porch.testing import AppTest
from porch.testing.client import ClientNode
from support import PNG_1x1


def run(source: str, counter: Path, **names: object) -> AppTest:
    """A new session (an AppTest of its own) of ``source``, run once."""
    prelude = f"COUNTER = {str(counter)!r}\n" + "".join(f"{name} = {value!r}\n" for name, value in names.items())
    return AppTest.from_string(HEAD + prelude + source, default_timeout=30).run()  # generous: the machine is shared


HEAD = (
    "import porch as st\n"
    "def count():\n"
    "    with open(COUNTER, 'a') as f:\n"
    "        _ = f.write('x')\n"
    "def calls():\n"
    "    with open(COUNTER) as f:\n"
    "        return len(f.read())\n"
)


def shape(node: ClientNode) -> list[Any]:
    """The kinds under ``node`` in page order with their text, blocks nested: what a person sees, without paths."""
    found: list[Any] = []
    for child in node.children:
        props = child.props
        text = next((props[name] for name in ("body", "label", "text", "name") if isinstance(props.get(name), str)), "")
        found.append((child.kind, text, shape(child)) if child.children else (child.kind, text))
    return found


def page(at: AppTest) -> tuple[list[Any], list[Any]]:
    """The main area and the sidebar, as :func:`shape` gives them."""
    assert not at.exception, [e.message for e in at.exception]
    return shape(at.main.node), shape(at.sidebar.node)


# -- text, blocks, charts: the same page on a hit, in the same session and in another -------------------------------

ELEMENTS = """
import pandas as pd
@st.cache_data
def report(n):
    count()
    st.title("Report")
    st.text(f"rows: {n}")
    st.markdown("**bold** and _italic_")
    with st.container(border=True):
        st.caption("in a container")
        with st.expander("Details", expanded=True):
            st.write("inside the expander", n)
            st.code("x = 1")
    tab_a, tab_b = st.tabs(["A", "B"])
    tab_b.text("in tab B")
    st.line_chart(pd.DataFrame({"y": [1, 3, 2]}))
    st.json({"n": n})
    return n * 2
st.text("before")
st.text(f"value {report(3)}")
st.text("after")
"""


def test_text_blocks_and_a_chart_show_again_on_a_hit_in_the_same_session_and_in_another(counter: Path) -> None:
    first = run(ELEMENTS, counter)
    assert calls(counter) == 1
    main, _ = page(first)
    # The miss: the spinner's place (now empty) comes first, then what the function showed, then the value.
    assert main[0] == ("text", "before") and main[1][0] == "empty" and main[-2:] == [("text", "value 6"),
                                                                                        ("text", "after")]
    shown = main[2:-2]
    assert [item[0] for item in shown] == [
        "heading", "text", "markdown", "container", "tabs", "vega_lite_chart", "json"
    ]
    assert shown[3] == ("container", "", [("markdown", "in a container"), (
        "expander", "Details", [("markdown", "inside the expander `3`"), ("code", "x = 1")])])
    assert shown[4][2][1] == ("tab", "B", [("text", "in tab B")])

    first.run()  # a hit in the same session: the same page, without the spinner's place
    assert calls(counter) == 1
    assert page(first)[0] == [("text", "before"), *shown, ("text", "value 6"), ("text", "after")]

    second = run(ELEMENTS, counter)  # another session
    assert calls(counter) == 1
    assert page(second)[0] == page(first)[0]
    chart = second.get("vega_lite_chart")[0]
    assert chart.props == first.get("vega_lite_chart")[0].props and len(chart.data) == 3
    assert second.expander[0].markdown.values == ["inside the expander `3`"]


def test_cache_resource_replays_too_and_each_hit_gets_the_same_object(counter: Path) -> None:
    source = (
        "@st.cache_resource(show_spinner=False)\n"
        "def connect():\n    count()\n    st.info('connected')\n    return object()\n"
        "a = connect()\nb = connect()\nst.text(str(a is b))"
    )
    at = run(source, counter)
    assert calls(counter) == 1
    assert page(at)[0] == [("alert", "connected"), ("alert", "connected"), ("text", "True")]


# -- media and frames are the replaying session's own ---------------------------------------------------------------

MEDIA = """
import io, wave
@st.cache_data(show_spinner=False)
def gallery():
    count()
    st.image(PNG, caption="dot")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000); w.writeframes(bytes(800))
    st.audio(buffer.getvalue(), format="audio/wav")
    with st.chat_message("bot", avatar=PNG):
        st.write("hello")
    st.html("<p id='x'>framed</p><script>document.title = 'ok'</script>", unsafe_allow_javascript=True)
    return 1
_ = gallery()
"""


def test_media_a_hit_shows_are_served_by_the_session_that_replays_them(counter: Path) -> None:
    first = run(MEDIA, counter, PNG=PNG_1x1)
    second = run(MEDIA, counter, PNG=PNG_1x1)  # its own media store: nothing of the first session's is there
    assert calls(counter) == 1
    assert page(second) == page(first)
    assert second.image[0].url == first.image[0].url and second.image[0].caption == "dot"
    assert second.image[0].data == PNG_1x1
    assert second.audio[0].data == first.audio[0].data and second.audio[0].data.startswith(b"RIFF")
    avatar = second.chat_message[0].props["avatar"]
    assert second.media(avatar).read() == PNG_1x1
    document = second.get("html")[0].props["url"]
    assert b"framed" in second.media(document).read() and second.media(document).scripts
    second.run()  # the next hit in that session keeps serving them
    assert second.image[0].data == PNG_1x1


def test_an_image_file_of_the_script_is_served_again_from_where_it_is(counter: Path, tmp_path: Path) -> None:
    picture = tmp_path / "dot.png"
    picture.write_bytes(PNG_1x1)
    source = "@st.cache_data(show_spinner=False)\ndef show():\n    count()\n    st.image(PICTURE)\n_ = show()"
    first = run(source, counter, PICTURE=str(picture))
    second = run(source, counter, PICTURE=str(picture))
    assert calls(counter) == 1
    assert second.image[0].url == first.image[0].url and second.image[0].data == PNG_1x1


FRAMES = """
import pandas as pd
@st.cache_data(show_spinner=False)
def table(n):
    count()
    frame = pd.DataFrame({"x": range(n), "y": [i * i for i in range(n)]})
    st.dataframe(frame)
    st.table(frame.head(3))
    return len(frame)
st.text(f"rows {table(ROWS)}")
"""


@pytest.mark.parametrize("rows", [5, 500])  # a frame the element carries whole, and one it carries a window of
def test_a_dataframe_is_held_by_the_session_that_replays_it(counter: Path, rows: int) -> None:
    import pandas as pd

    first = run(FRAMES, counter, ROWS=rows)
    second = run(FRAMES, counter, ROWS=rows)
    assert calls(counter) == 1
    shown = second.dataframe[0]
    assert shown.props["data"] != first.dataframe[0].props["data"], "a data id is its session's own"
    expected = pd.DataFrame({"x": range(rows), "y": [i * i for i in range(rows)]})
    pd.testing.assert_frame_equal(shown.value, expected)
    window = shown.rows(start=rows - 2, count=2, sort=[(2, "desc")])
    assert "missing" not in window and window["cells"] == [[1, 1, 1], [0, 0, 0]]
    assert second.table[0].cells == first.table[0].cells
    second.run()
    assert second.dataframe[0].rows(start=0, count=1)["cells"] == [[0, 0, 0]]


# -- where the elements go: the call's place, the sidebar, a column passed in ----------------------------------------

PLACES = """
@st.cache_data(show_spinner=False)
def sidebar_note(n):
    count()
    st.sidebar.text(f"sidebar {n}")
    st.text(f"here {n}")
    with st.sidebar:
        st.caption("entered inside")
    return n

@st.cache_data(show_spinner=False)
def into(_column, n):
    count()
    _column.text(f"column {n}")
    with _column:
        st.caption("with the column")
    return n

left, right = st.columns(2)
with left:
    _ = sidebar_note(1)
_ = into(right, 2) if WHICH == "right" else into(n=2, _column=left)
"""


def test_elements_go_where_the_call_is_made_the_sidebar_and_a_column_passed_in(counter: Path) -> None:
    first = run(PLACES, counter, WHICH="right")
    assert calls(counter) == 2
    for at in (first, run(PLACES, counter, WHICH="right")):
        left, right = at.columns
        assert shape(left.node) == [("text", "here 1")]
        assert shape(right.node) == [("text", "column 2"), ("markdown", "with the column")]
        assert shape(at.sidebar.node) == [("text", "sidebar 1"), ("markdown", "entered inside")]
    assert calls(counter) == 2
    # The column is not hashed (``_column``): the hit writes into the column this call passes, here by keyword.
    moved = run(PLACES, counter, WHICH="left")
    assert calls(counter) == 2
    left, right = moved.columns
    assert shape(left.node) == [("text", "here 1"), ("text", "column 2"), ("markdown", "with the column")]
    assert shape(right.node) == []


def test_a_block_in_a_list_argument_and_an_async_function_replay_too(counter: Path) -> None:
    source = (
        "import asyncio\n"
        "@st.cache_data(show_spinner=False)\n"
        "def second(_columns):\n    count()\n    _columns[1].text('second column')\n    return 1\n"
        "@st.cache_data(show_spinner=False)\n"
        "async def later():\n    count()\n    st.text('awaited')\n    await asyncio.sleep(0)\n    return 2\n"
        "_ = second(st.columns(2))\n"
        "_ = asyncio.run(later())"
    )
    first = run(source, counter)
    second = run(source, counter)
    assert calls(counter) == 2
    assert page(second) == page(first)
    assert [shape(column.node) for column in second.columns] == [[], [("text", "second column")]]
    assert second.text.values == ["second column", "awaited"]


def test_a_block_made_outside_the_function_is_streamlits_replay_error_on_a_hit(counter: Path) -> None:
    source = (
        "box = st.container()\n"
        "@st.cache_data(show_spinner=False)\ndef fill():\n    count()\n    box.text('in the box')\n    return 1\n"
        "_ = fill()"
    )
    first = run(source, counter)
    assert shape(first.main.node)[0] == ("container", "", [("text", "in the box")])
    second = run(source, counter)
    assert calls(counter) == 1
    (error,) = second.exception
    assert error.props["type"] == "CacheReplayClosureError" and "created outside the function" in error.message
    assert "fill()" in error.message


def test_a_block_made_outside_and_entered_inside_is_the_calls_place_on_a_hit_as_in_streamlit(counter: Path) -> None:
    source = (
        "box = st.container()\n"
        "@st.cache_data(show_spinner=False)\ndef fill():\n    count()\n"
        "    with box:\n        st.text('entered')\n    return 1\n"
        "_ = fill()\nst.text('end')"
    )
    first = run(source, counter)
    assert page(first)[0] == [("container", "", [("text", "entered")]), ("text", "end")]
    second = run(source, counter)
    assert calls(counter) == 1
    assert page(second)[0] == [("container", ""), ("text", "entered"), ("text", "end")]


def test_an_empty_a_status_and_a_toast_made_inside_are_shown_as_they_ended(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=False)\ndef work():\n    count()\n    slot = st.empty()\n    slot.text('first')\n"
        "    slot.text('second')\n    with st.status('Working') as status:\n        st.text('step')\n"
        "    status.update(label='Done')\n    st.toast('ready')\n    return 1\n"
        "_ = work()"
    )
    first = run(source, counter)
    second = run(source, counter)
    assert calls(counter) == 1
    assert page(second) == page(first)
    assert page(second)[0] == [("text", "second"), ("status", "Done", [("text", "step")])]
    assert shape(second[2].node) == shape(first[2].node) == [("toast", "ready")]  # st.toast: the event root
    assert second.status[0].props["state"] == "complete"
    assert second.toast[0].props["shot"] != first.toast[0].props["shot"], "a hit plays the toast again"


def test_an_element_replaced_in_a_loop_is_replayed_once_as_it_ended(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=False)\ndef load():\n    count()\n    bar = st.progress(0, text='loading')\n"
        "    for step in range(1, 101):\n        bar.progress(step, text=f'loaded {step}%')\n"
        "    st.image(PNG)\n    return 1\n"
        "_ = load()"
    )
    first = run(source, counter, PNG=PNG_1x1)
    second = run(source, counter, PNG=PNG_1x1)
    assert calls(counter) == 1
    assert page(second) == page(first)
    (bar,) = second.get("progress")
    assert bar.props["value"] == 100 and bar.props["text_html"] == "loaded 100%"
    deltas = [m["element"]["kind"] for m in second.messages if m.get("type") == "delta"]
    assert deltas.count("progress") == 1, "a hit sends the bar as it ended, not its hundred steps"


# -- nesting, fragments, threads ------------------------------------------------------------------------------------


def test_an_outer_function_keeps_what_an_inner_hit_replayed(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=False)\n"
        "def inner():\n    count()\n    st.image(PNG)\n    st.text('inner')\n    return 1\n"
        "@st.cache_data(show_spinner=False)\ndef outer():\n    st.text('outer')\n    return inner() + 1\n"
        "_ = inner()\n_ = outer()"
    )
    first = run(source, counter, PNG=PNG_1x1)
    assert calls(counter) == 1  # outer's miss replayed inner's hit
    second = run(source, counter, PNG=PNG_1x1)
    assert page(second)[0] == [("image", ""), ("text", "inner"), ("text", "outer"), ("image", ""), ("text", "inner")]
    assert page(first)[0][-3:] == page(second)[0][-3:]
    assert [image.data for image in second.image] == [PNG_1x1, PNG_1x1]


def test_in_a_fragment_a_hit_shows_the_elements_inside_the_fragment(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=False)\ndef note(n):\n    count()\n    st.text(f'note {n}')\n    return n\n"
        "@st.fragment\ndef part():\n    st.button('again')\n    _ = note(1)\n"
        "part()\nst.text('below')"
    )
    at = run(source, counter)
    fragment = at.main.children[0]
    assert shape(fragment.node) == [("button", "again"), ("text", "note 1")]
    at.button[0].click().run()  # a rerun of the fragment alone: the hit replays into its block
    assert calls(counter) == 1
    assert shape(at.main.node) == [("container", "", [("button", "again"), ("text", "note 1")]), ("text", "below")]


def test_a_hit_in_a_thread_the_script_started_returns_the_value_and_shows_nothing(counter: Path) -> None:
    source = (
        "import threading\n"
        "@st.cache_data(show_spinner=False)\ndef note():\n    count()\n    st.text('note')\n    return 5\n"
        "found = []\n_ = note()\n"
        "thread = threading.Thread(target=lambda: found.append(note()))\nthread.start()\nthread.join()\n"
        "st.text(f'thread got {found}')"
    )
    at = run(source, counter)
    assert calls(counter) == 1
    assert page(at)[0] == [("text", "note"), ("text", "thread got [5]")]


def test_threads_of_one_process_hitting_at_once_each_get_the_value(counter: Path) -> None:
    computed: list[int] = []

    @st.cache_data(show_spinner=False)
    def value(n: int) -> int:
        computed.append(n)
        return n

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(value(1))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == [1, 1, 1, 1] and computed == [1]


# -- widgets, errors, spinners, background refresh, disk ------------------------------------------------------------


def test_a_widget_inside_shows_streamlits_warning_and_works_in_the_run_that_computes(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=False)\ndef pick():\n    count()\n    st.text('before the widget')\n"
        "    choice = st.checkbox('tick')\n    st.text(f'ticked {choice}')\n    return choice\n"
        "st.text(f'returned {pick()}')"
    )
    at = run(source, counter)
    (warning,) = at.exception
    assert warning.props["type"] == CachedWidgetWarning.__name__ and "widget command in a cached function" in warning.message
    assert at.checkbox[0].label == "tick"
    at.run()  # a hit: the warning and the other elements again, not the widget, whose value is one run's
    assert calls(counter) == 1
    assert [kind for kind, *_ in shape(at.main.node)] == ["text", "exception", "text", "text"]
    assert len(at.checkbox) == 0 and at.text.values == ["before the widget", "ticked False", "returned False"]
    assert at.exception[0].message == warning.message


def test_a_function_that_raises_stores_nothing_and_shows_again_when_it_runs_again(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=False)\ndef fragile():\n    count()\n    st.text('started')\n"
        "    if calls() == 1:\n        raise ValueError('first attempt fails')\n"
        "    st.text('finished')\n    return 1\n"
        "_ = fragile()"
    )
    at = run(source, counter)
    assert [kind for kind, *_ in shape(at.main.node)] == ["text", "exception"]
    assert at.exception[0].message == "first attempt fails"
    at.run()
    assert calls(counter) == 2 and not at.exception
    assert at.text.values == ["started", "finished"]
    at.run()
    assert calls(counter) == 2 and at.text.values == ["started", "finished"]


def spinners(at: AppTest, since: int) -> int:
    return sum(1 for m in at.messages[since:] if m.get("type") == "delta" and m["element"]["kind"] == "spinner")


def test_a_hit_shows_no_spinner_and_show_spinner_false_none_at_all(counter: Path) -> None:
    source = (
        "@st.cache_data(show_spinner=SPIN)\ndef slow():\n    count()\n    st.text('made')\n    return 1\n_ = slow()"
    )
    at = run(source, counter, SPIN="Loading the data")
    assert spinners(at, 0) == 1 and at.text.values == ["made"]
    before = len(at.messages)
    at.run()
    assert spinners(at, before) == 0 and at.text.values == ["made"]
    st.cache_data.clear()
    quiet = run(source, counter, SPIN=False)
    assert spinners(quiet, 0) == 0 and quiet.text.values == ["made"]


def test_background_refresh_keeps_nothing_to_replay_and_says_so_as_streamlit(counter: Path) -> None:
    source = (
        "@st.cache_data(ttl=600, refresh_mode='background', show_spinner=False)\n"
        "def live():\n    count()\n    st.text('live')\n"
        "    return 1\n_ = live()"
    )
    at = run(source, counter)
    assert at.text.values == ["live"]
    assert at.exception[0].props["type"] == "CachedStFunctionInBackgroundModeWarning"
    at.run()
    assert calls(counter) == 1 and at.text.values == [] and not at.exception


def test_persisted_entries_replay_after_a_restart(
    counter: Path, fresh_caches: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        "@st.cache_data(persist='disk', show_spinner=False)\ndef saved():\n    count()\n    st.image(PNG)\n"
        "    with st.expander('kept'):\n        st.text('on disk')\n    return 1\n_ = saved()"
    )
    first = run(source, counter, PNG=PNG_1x1)
    assert len(list(fresh_caches.glob("*.pickle"))) == 1
    monkeypatch.setattr(cache, "_registries", {"cache_data": cache._Caches("cache_data"),
                                               "cache_resource": cache._Caches("cache_resource")})
    second = run(source, counter, PNG=PNG_1x1)
    assert calls(counter) == 1
    assert page(second)[0] == page(first)[0]
    assert second.image[0].data == PNG_1x1


def test_an_entry_whose_elements_cannot_be_pickled_is_not_persisted(
    counter: Path, fresh_caches: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        "import pandas as pd\n"
        "@st.cache_data(persist='disk', show_spinner=False)\ndef styled():\n    count()\n"
        "    frame = pd.DataFrame({'x': [1, 2]})\n"
        "    st.dataframe(frame.style.map(lambda v: 'color: red'))\n    return 1\n_ = styled()"
    )
    run(source, counter)
    assert list(fresh_caches.glob("*.pickle")) == []
    assert run(source, counter).dataframe[0].row_count == 2 and calls(counter) == 1  # in memory it replays


def test_max_size_counts_the_media_a_function_showed(counter: Path) -> None:
    source = (
        "@st.cache_data(max_size='2KB', show_spinner=False)\ndef picture(n):\n    count()\n"
        "    st.image(PNG + bytes(900))\n    return n\n_ = picture(1), picture(2), picture(3), picture(1)"
    )
    run(source, counter, PNG=PNG_1x1)
    assert calls(counter) == 4  # 1 was evicted: three entries of ~1 KB of media do not fit in 2 KB


# -- Chromium ---------------------------------------------------------------------------------------------------------

BROWSER_APP = """
import numpy as np
@st.cache_data(show_spinner=False)
def picture():
    count()
    st.image(np.full((30, 40, 3), 200, dtype=np.uint8), caption="cached picture")
    return 1
_ = picture()
st.text("page done")
"""


def wait_until(condition: Any, timeout: float = 20.0) -> bool:
    """Whether ``condition()`` became true within ``timeout`` seconds (checked every tenth of a second)."""
    pause = threading.Event()
    for _ in range(int(timeout * 10)):
        if condition():
            return True
        pause.wait(0.1)
    return bool(condition())


@pytest.mark.browser
def test_an_image_a_cached_function_showed_loads_on_another_sessions_page(browser: Any, counter: Path) -> None:
    source = HEAD + f"COUNTER = {str(counter)!r}\n" + BROWSER_APP
    with running_engine(source, session_ttl=0.2) as server:
        first = browser.new_context()
        try:
            page = first.new_page()
            page.goto(server.url)
            expect(page.get_by_text("page done")).to_be_visible()
        finally:
            first.close()
        # The first session expires, and with it the only hold on the image: the engine serves no media any more.
        assert wait_until(lambda: server.call(lambda: len(server.engine.media)) == 0)

        second = browser.new_context()
        try:
            page = second.new_page()
            responses: list[Any] = []
            page.on("response", lambda response: responses.append(response))
            page.goto(server.url)
            image = page.get_by_role("img", name="cached picture")
            expect(image).to_have_js_property("complete", True)
            assert image.evaluate("(img) => [img.naturalWidth, img.naturalHeight]") == [40, 30]
            media = [r for r in responses if "/_porch/media/" in r.url]
            assert [r.status for r in media] == [200]
        finally:
            second.close()
    assert calls(counter) == 1, "the second page was a hit"
