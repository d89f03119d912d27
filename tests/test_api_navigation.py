"""A multipage app: st.navigation, st.Page, st.switch_page, st.page_link and the ``pages/`` folder, with Streamlit
1.67's rules; the page's path in ``hello`` and ``rerun``, the ``location`` message, the pages' addresses served by
the engine; AppTest's ``switch_page``; and the same in Debian's Chromium (menu, address, reload, back, page links).
The ``"navigation"`` element (the menu) is tested here, since only porch.navigation shows it."""

from __future__ import annotations

import http.client
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import ProtocolClient, running_engine
from porch.elements._pages import icon_and_name, leading_emoji, sort_key
from porch.protocol import MAX_PAGE_PATH, ProtocolError, Rerun, parse_client_message
from porch.testing import AppTest

FUNCTIONS = """
import porch as st

def home():
    st.title("Home")
    st.text_input("Search")

def settings():
    st.title("Settings")
    st.text_input("Search")
    if st.button("Home, please"):
        st.switch_page(HOME)

st.sidebar.text("frame")
HOME = st.Page(home, icon="🏠")
pg = st.navigation([HOME, st.Page(settings, url_path="config")])
st.caption(f"showing {pg.title}")
pg.run()
"""


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def go(at: AppTest, page: str, query: dict[str, list[str]] | None = None) -> AppTest:
    """What a browser sends when the user chooses a page (the menu, a link, back or forward)."""
    return at.send(Rerun(page=page, query=query or {}))


def locations(at: AppTest) -> list[dict[str, Any]]:
    return [{k: v for k, v in m.items() if k != "type"} for m in at.messages if m["type"] == "location"]


# -- st.navigation and st.Page -------------------------------------------------------------------------------------


def test_the_first_page_is_the_default_and_the_menu_lists_the_pages_in_the_sidebar() -> None:
    at = AppTest.from_string(FUNCTIONS).run()
    assert at.run_status == "ok", at.exception
    assert at.title.values == ["Home"] and at.caption.values == ["showing home"]
    (menu,) = at.get("navigation")
    assert menu.kind == "navigation" and menu in at.sidebar.get("navigation")
    assert menu.titles == ["home", "settings"] and menu.value == ""
    assert [(p["page"], p["icon"], p["section"], p["external"]) for p in menu.pages] == [
        ("", "🏠", "", None), ("config", None, "", None)]
    assert menu.props["position"] == "sidebar" and menu.props["expanded"] is False
    assert at.page["title"] == "home" and at.page["icon"] == "🏠", "the page's title and emoji are the tab's"
    assert locations(at) == [], "the address already names the page shown"


def test_choosing_a_page_reruns_the_frame_around_it() -> None:
    at = AppTest.from_string(FUNCTIONS).run()
    go(at, "config")
    assert at.title.values == ["Settings"] and at.caption.values == ["showing settings"]
    assert at.sidebar.text.values == ["frame"], "the entrypoint is the frame of every page"
    assert at.get("navigation")[0].value == "config" and at.page["title"] == "settings"
    go(at, "")
    assert at.title.values == ["Home"]


def test_a_page_the_app_does_not_have_shows_the_default_page_and_says_so() -> None:
    at = AppTest.from_string(FUNCTIONS).run()
    go(at, "nowhere")
    assert at.title.values == ["Home"]
    assert at.errors[-1]["code"] == "page_not_found" and "/nowhere" in at.errors[-1]["message"]
    assert locations(at) == [{"page": "", "params": {}, "history": "replace"}]


def test_a_script_page_runs_as_the_app_script_would_with_its_own_file_and_magic(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": """
            import porch as st
            pg = st.navigation({"Main": [st.Page("home.py", default=True)], "Tools": ["tools/02_📈_Stock_chart.py"]})
            pg.run()
            """,
        "home.py": """
            import porch as st
            "Home in " + __file__.rsplit("/", 1)[-1] + " as " + __name__
            """,
        "tools/02_📈_Stock_chart.py": """
            import porch as st
            st.session_state.seen = st.session_state.get("seen", 0) + 1
            st.write(f"stock chart {st.session_state.seen}")
            """,
    })
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    assert at.markdown.values == ["Home in home.py as __main__"]
    (menu,) = at.get("navigation")
    assert menu.props["sections"] == ["Main", "Tools"]
    assert [(p["title"], p["icon"], p["page"], p["section"]) for p in menu.pages] == [
        ("home", None, "", "Main"), ("Stock chart", "📈", "Stock_chart", "Tools")]
    go(at, "Stock_chart")
    assert at.markdown.values == ["stock chart 1"] and at.page["icon"] == "📈"


def test_position_top_puts_the_menu_above_the_page_and_hidden_or_one_page_shows_none() -> None:
    source = """
import porch as st
def a():
    st.write("a")
def b():
    st.write("b")
pages = {"": [st.Page(a)], "More": [st.Page(b), st.Page(lambda: None, title="Secret", visibility="hidden")]}
st.navigation(pages, position=POSITION).run()
"""
    top = AppTest.from_string(source.replace("POSITION", "'top'")).run()
    (menu,) = top.main.get("navigation")
    assert menu.props["position"] == "top" and menu.titles == ["a", "b"], "hidden pages are left out"
    assert menu.props["sections"] == ["", "More"]
    assert AppTest.from_string(source.replace("POSITION", "'hidden'")).run().get("navigation") == []
    single = AppTest.from_string("import porch as st\nst.navigation([lambda: st.write('x')]).run()").run()
    assert single.get("navigation") == [] and single.markdown.values == ["x"]


def test_a_hidden_page_is_reached_by_its_address_and_expanded_sets_the_menus_length() -> None:
    at = AppTest.from_string("""
import porch as st
pages = [st.Page(lambda: st.write(f"page {n}"), title=f"P{n}", url_path=f"p{n}") for n in range(14)]
pages.append(st.Page(lambda: st.write("secret"), title="S", url_path="s", visibility="hidden"))
st.navigation(pages, expanded=4).run()
""").run()
    menu = at.get("navigation")[0]
    assert len(menu.pages) == 14 and menu.props["expanded"] is False and menu.props["visible_items"] == 4
    go(at, "s")
    assert at.markdown.values == ["secret"]


def test_options_hide_the_sidebar_menu() -> None:
    at = AppTest.from_string("""
import porch as st
st.set_option("client.showSidebarNavigation", False)
st.navigation([st.Page(lambda: None, title="A", url_path="a"), st.Page(lambda: None, title="B", url_path="b")]).run()
""").run()
    assert at.run_status == "ok" and at.get("navigation") == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.navigation([])", "Provide at least one"),
        ("st.navigation([st.Page(f, default=True), st.Page(g, default=True)])", "At most one Page"),
        ("st.navigation([st.Page(f), st.Page(g, url_path='f')])", "Two pages resolve to the URL pathname `/f`"),
        ("st.navigation([f], position='left')", "Supported values: 'sidebar', 'hidden', 'top'"),
        ("st.navigation([f], expanded=-1)", "non-negative integer"),
        ("st.navigation([f], expanded='yes')", "Expected one of: bool, int"),
        ("st.navigation([st.Page('https://example.org', title='Ex')])", "At least one non-external page"),
        ("st.navigation([42])", "Provided type: int"),
        ("st.Page(f, visibility='secret')", "visibility"),
        ("st.Page('https://example.org')", "External URL pages require a non-empty title"),
        ("st.Page('https://example.org', title='Ex', default=True)", "cannot be set as the default page"),
        ("st.Page(f, url_path='a/b')", "cannot include `/`"),
        ("st.Page(f, url_path='  ')", "It can only be empty for the default page"),
        ("st.Page(f, title=' ')", "It cannot be empty"),
        ("st.Page('missing.py')", "The file `missing.py` could not be found"),
        ("st.Page(f).run()", "Only the page returned from st.navigation can be called once"),
        ("pg = st.navigation([f, g]); pg.run(); pg.run()", "can be called once"),
    ],
)
def test_mistakes_are_named_as_streamlit_names_them(call: str, message: str) -> None:
    at = AppTest.from_string(f"import porch as st\ndef f():\n    pass\ndef g():\n    pass\n{call}\n").run()
    assert at.run_status == "error" and message in at.exception[0].message


def test_page_objects_answer_as_streamlits() -> None:
    at = AppTest.from_string("""
import porch as st
def my_page():
    pass
p = st.Page(my_page, help='''
    Sales by region.
''')
x = st.Page("https://docs.example.org", title="Docs & Help", icon="📘")
st.text(repr([p.title, p.url_path, p.icon, p.help, p.visibility, p.is_external]))
st.text(repr([x.url_path, x.external_url, x.is_external]))
pg = st.navigation([p, x])
st.text(repr([p.url_path, pg is p]))
""").run()
    assert at.text.values == [
        repr(["my page", "my_page", "", "Sales by region.", "visible", False]),
        repr(["docs_help", "https://docs.example.org", True]),
        repr(["", True]),
    ]
    assert at.get("navigation")[0].pages[1]["external"] == "https://docs.example.org"


def test_file_names_say_title_icon_path_and_order() -> None:
    assert icon_and_name("01_🎉_Party_time.py") == ("🎉", "Party_time")
    assert icon_and_name("10 Other  page.py") == ("", "Other_page")
    assert icon_and_name("123.py") == ("", "123")
    assert icon_and_name("🇫🇷_France.py") == ("🇫🇷", "France")
    assert leading_emoji("👩‍💻-Code") == ("👩‍💻", "Code")
    files = ["b.py", "10_a.py", "2_z.py", "a.py"]
    assert sorted(files, key=sort_key) == ["2_z.py", "10_a.py", "a.py", "b.py"]


# -- switch_page and page_link -------------------------------------------------------------------------------------


def test_switch_page_ends_the_run_and_shows_the_page_in_a_new_history_entry() -> None:
    at = AppTest.from_string(FUNCTIONS).run()
    go(at, "config", {"q": ["1"], "embed": ["true"]})
    at.button[0].click().run()
    assert at.title.values == ["Home"]
    assert locations(at)[-1] == {"page": "", "params": {"embed": ["true"]}, "history": "push"}, (
        "the query is cleared but for the embedding parameters")


def test_switch_page_takes_a_script_path_and_query_params(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": """
            import porch as st
            pg = st.navigation([st.Page("a.py"), st.Page("b.py", title="Bee")])
            pg.run()
            """,
        "a.py": """
            import porch as st
            st.write("A")
            if st.button("to b"):
                st.switch_page("b.py", query_params=[("x", "1"), ("x", ["2", "3"])])
            if st.button("to nowhere"):
                st.switch_page("c.py")
            if st.button("to the web"):
                st.switch_page(st.Page("https://example.org", title="Ex"))
            """,
        "b.py": """
            import porch as st
            st.text(f"B {st.query_params.get_all('x')}")
            """,
    })
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    at.button[0].click().run()
    assert at.text.values == ["B ['1', '2', '3']"]
    assert locations(at)[-1] == {"page": "b", "params": {"x": ["1", "2", "3"]}, "history": "push"}
    go(at, "")
    at.button[1].click().run()
    assert at.run_status == "error" and "Could not find page: `c.py`" in at.exception[0].message
    at.run()
    at.button[2].click().run()
    assert "Cannot use st.switch_page with external URL pages" in at.exception[0].message


def test_page_links_name_pages_by_page_path_or_url() -> None:
    at = AppTest.from_string("""
import porch as st
def home():
    st.page_link(OTHER, query_params={"tab": "2"}, width="stretch")
    st.page_link(HOME, label="Here", icon="", help="You are here")
    st.page_link("https://example.org", label="Web", icon="🌐")
    st.sidebar.page_link(OTHER, disabled=True)
def other():
    pass
HOME = st.Page(home, icon="🏠")
OTHER = st.Page(other, title="The other", icon="🧭", help="Elsewhere")
st.navigation([HOME, OTHER]).run()
""").run()
    assert at.run_status == "ok", at.exception
    links = at.page_link
    assert [(l.value, l.page, l.url, l.icon, l.help, l.current) for l in links] == [
        ("The other", "other", None, "🧭", "Elsewhere", False),
        ("Here", "", None, None, "You are here", True),
        ("Web", None, "https://example.org", "🌐", "", False),
        ("The other", "other", None, "🧭", "Elsewhere", False),
    ]
    assert links[0].query == {"tab": ["2"]} and links[0].width == "stretch" and links[1].width == "content"
    assert links[3].disabled is True and links[3].width == "stretch", "a link in the sidebar is as wide as it"
    with pytest.raises(porch.testing.AppTestError, match="switch_page"):
        links[0].click()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.page_link('https://example.org')", "cannot infer a label for an external URL"),
        ("st.page_link('nowhere.py')", "Could not find page: `nowhere.py`"),
        ("st.page_link(st.Page(f), query_params={'embed': 'true'})", "cannot be set programmatically"),
        ("st.page_link(st.Page(f), query_params={'a': {'b': 1}})", "to a dictionary"),
        ("st.page_link(st.Page(f), icon_position='top')", "icon_position"),
        ("st.page_link(st.Page(f), width=0)", "width"),
    ],
)
def test_page_link_mistakes_are_errors(call: str, message: str) -> None:
    at = AppTest.from_string(f"import porch as st\ndef f():\n    pass\n{call}\n").run()
    assert at.run_status == "error" and message in at.exception[0].message


# -- the pages/ folder ------------------------------------------------------------------------------------------


def test_without_navigation_the_pages_folder_makes_the_app_multipage(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": 'import porch as st\nst.title("Main")\nst.page_link("pages/b_page.py")\n',
        "pages/b_page.py": 'import porch as st\nst.title("B " + __file__.rsplit("/", 1)[-1])\n',
        "pages/10_🎉_Party.py": 'import porch as st\nst.title("Party")\n',
        "pages/2_Second.py": """
            import porch as st
            st.title("Second")
            if st.button("Home"):
                st.switch_page("app.py")
            """,
        "pages/__init__.py": "",
        "pages/.hidden.py": "",
        "pages/notes.txt": "",
    })
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    assert at.title.values == ["Main"]
    menu = at.get("navigation")[0]
    assert menu.titles == ["app", "Second", "Party", "b page"]
    assert [p["page"] for p in menu.pages] == ["", "Second", "Party", "b_page"]
    assert [p["icon"] for p in menu.pages] == [None, None, "🎉", None]
    assert at.page_link[0].page == "b_page"
    at.switch_page("pages/2_Second.py").run()
    assert at.title.values == ["Second"] and at.page["title"] == "Second"
    at.button[0].click().run()
    assert at.title.values == ["Main"]
    at.switch_page("pages/b_page.py").run()
    assert at.title.values == ["B b_page.py"]


def test_once_the_app_calls_navigation_the_pages_folder_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": """
            import porch as st
            def main():
                st.title("Routed")
            st.navigation([main]).run()
            """,
        "pages/other.py": 'import porch as st\nst.title("Other")\n',
    })
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    assert at.run_status == "ok" and at.title.values == ["Routed"]
    assert at.get("navigation") == []
    go(at, "other")
    assert at.title.values == ["Routed"] and at.errors[-1]["code"] == "page_not_found"


# -- state across pages ----------------------------------------------------------------------------------------------


def test_session_state_is_shared_and_the_page_left_behind_loses_its_widgets() -> None:
    at = AppTest.from_string("""
import porch as st
def one():
    st.session_state.note = st.text_input("Note", key="note_one")
    st.text_input("Search")
    st.checkbox("Tick")
def two():
    st.write(f"note: {st.session_state.get('note')}")
    st.text_input("Search")
st.sidebar.text_input("Everywhere", key="everywhere")
st.navigation([one, two]).run()
""").run()
    at.text_input(key="note_one").set_value("hello").run()
    at.text_input[1].set_value("apples").run()  # one's Search (the main area's widgets come first)
    at.checkbox[0].check().run()
    at.text_input(key="everywhere").set_value("kept").run()
    go(at, "two")
    assert at.markdown.values == ["note: hello"], "session_state is the session's, shared by every page"
    assert at.text_input[0].value == "", "a widget of another page with the same label is another widget"
    assert "note_one" not in at.session_state, "the widgets of the page left behind are dropped"
    go(at, "")
    assert at.text_input(key="note_one").value == "" and at.text_input[1].value == ""
    assert at.checkbox[0].value is False
    assert at.text_input(key="everywhere").value == "kept", "the frame's widgets keep their state"


def test_a_fragment_on_a_page_reruns_alone() -> None:
    at = AppTest.from_string("""
import porch as st
def page():
    st.session_state.runs = st.session_state.get("runs", 0) + 1
    @st.fragment
    def part():
        st.write(f"count {st.number_input('n', value=0)}")
    part()
    st.caption(f"page runs {st.session_state.runs}")
st.navigation([page, lambda: None]).run()
""").run()
    at.number_input[0].set_value(3).run()
    assert at.markdown.values == ["count 3"] and at.caption.values == ["page runs 1"]


def test_set_page_config_on_a_page_wins_over_the_pages_title_from_then_on() -> None:
    at = AppTest.from_string("""
import porch as st
def plain():
    st.write("plain")
def configured():
    st.set_page_config(page_title="My own", layout="wide")
st.navigation([plain, configured]).run()
""").run()
    assert at.page["title"] == "plain"
    go(at, "configured")
    assert at.page["title"] == "My own" and at.page["layout"] == "wide"
    go(at, "")
    assert at.page["title"] == "My own", "set by set_page_config: no page's title replaces it (Streamlit's rule)"


# -- AppTest ---------------------------------------------------------------------------------------------------------


def test_apptest_switch_page_takes_a_registered_script_relative_to_the_app(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": """
            import porch as st
            st.navigation([st.Page("home.py"), st.Page("views/settings.py", url_path="prefs")]).run()
            """,
        "home.py": "import porch as st\nst.title('Home')\n",
        "views/settings.py": "import porch as st\nst.title('Settings')\n",
        "stray.py": "",
    })
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    at.query_params["keep"] = "me"
    assert at.switch_page("views/settings.py") is at
    at.run()
    assert at.title.values == ["Settings"] and at.query_params == {"keep": "me"}
    with pytest.raises(ValueError, match="Could not find page 'missing.py'"):
        at.switch_page("missing.py")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("stray.py")
    at.switch_page("home.py").run()
    assert at.title.values == ["Home"]


def test_streamlits_apptest_has_switch_page_too(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": "import streamlit as st\nst.title('Main')\n",
        "pages/other.py": "import streamlit as st\nst.title('Other')\n",
    })
    from porch.streamlit.testing.v1 import AppTest as StreamlitAppTest

    at = StreamlitAppTest.from_file(str(tmp_path / "app.py")).run()
    at.switch_page("pages/other.py").run()
    assert at.title[0].value == "Other"


# -- the protocol ----------------------------------------------------------------------------------------------------


def test_hello_and_rerun_carry_the_page_and_a_bad_one_is_refused() -> None:
    hello = parse_client_message(json.dumps({"type": "hello", "protocol": 1, "page": "café"}))
    assert getattr(hello, "page") == "café"
    assert getattr(parse_client_message('{"type": "hello", "protocol": 1}'), "page") is None
    assert parse_client_message('{"type": "rerun", "widgets": {}, "page": "", "query": {}}') == Rerun(page="", query={})
    for bad in (7, "a\nb", "x" * (MAX_PAGE_PATH + 1)):
        for message in ({"type": "hello", "protocol": 1}, {"type": "rerun", "widgets": {}}):
            with pytest.raises(ProtocolError) as caught:
                parse_client_message(json.dumps({**message, "page": bad}))
            assert caught.value.code == "bad_message" and "'page'" in caught.value.message


def test_over_the_socket_the_page_in_hello_is_shown_and_a_resume_elsewhere_reruns() -> None:
    with running_engine(FUNCTIONS) as server:
        first = ProtocolClient(server.ws_url, hello={"page": "config"})
        first.until_finished()
        assert "Settings" in first.texts()
        first.close()
        same = ProtocolClient(server.ws_url, session=first.session_id, token=first.token, hello={"page": "config"})
        assert same.session_message["resumed"] is True
        same.close()
        moved = ProtocolClient(server.ws_url, session=first.session_id, token=first.token, hello={"page": ""})
        assert moved.session_message["resumed"] is True
        moved.until_finished()
        assert "Home" in moved.texts()
        moved.send({"type": "rerun", "widgets": {}, "page": "nowhere", "query": {"a": ["1"]}})
        location = moved.until(lambda m: m["type"] == "location")
        assert location == {"type": "location", "page": "", "params": {"a": ["1"]}, "history": "replace"}


def test_the_engine_serves_the_page_at_every_pages_address() -> None:
    with running_engine(FUNCTIONS, base_path="/app") as server:
        def get(path: str) -> tuple[int, str]:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            connection.close()
            return response.status, body

        root_status, root = get("/app/")
        assert root_status == 200 and '<base href="/app/">' in root
        for path in ("/app/config", "/app/config/", "/app/caf%C3%A9", "/app/anything"):
            assert get(path) == (200, root), path
        for path in ("/app/_porch", "/app/a/b", "/elsewhere"):
            assert get(path)[0] == 404, path


# -- in Chromium -----------------------------------------------------------------------------------------------------

SITE = """
import porch as st

def home():
    st.title("Welcome home")
    st.page_link(REPORTS, label="See the reports", query_params={"year": "2024"})

def reports():
    st.title("Reports")
    st.text("year " + st.query_params.get("year", "none"))
    if st.button("Back home"):
        st.switch_page(HOME)

HOME = st.Page(home, title="Home", icon="🏠")
REPORTS = st.Page(reports, title="Reports", icon="📊")
st.navigation({"Site": [HOME, REPORTS]}).run()
"""


def settle(page: Any, after: int = 0) -> None:
    page.wait_for_function(
        """after => document.body.dataset.run === 'finished' && document.body.dataset.runStatus !== 'rerun'
            && Number(document.body.dataset.runCount) > after""",
        arg=after,
        timeout=10_000,
    )


def run_count(page: Any) -> int:
    return int(page.evaluate("Number(document.body.dataset.runCount || 0)"))


@pytest.mark.browser
def test_in_chromium_the_menu_moves_between_pages_and_the_address_back_and_reload_follow(context: Any) -> None:
    with running_engine(SITE) as server:
        page = context.new_page()
        page.goto(server.url)
        settle(page)
        expect(page.get_by_role("heading", name="Welcome home")).to_be_visible()
        menu = page.get_by_role("navigation", name="Pages")
        expect(menu.get_by_text("Site")).to_be_visible()
        home = menu.get_by_role("link", name="Home")
        expect(home).to_have_attribute("aria-current", "page")
        expect(home).to_have_attribute("href", server.url)
        entries = page.evaluate("history.length")

        menu.get_by_role("link", name="Reports").click()
        expect(page.get_by_role("heading", name="Reports")).to_be_visible()
        assert page.evaluate("location.pathname") == "/reports"
        expect(menu.get_by_role("link", name="Reports")).to_have_attribute("aria-current", "page")
        expect(page).to_have_title("Reports")
        assert page.evaluate("history.length") == entries + 1

        runs = run_count(page)
        page.reload()
        page.wait_for_function("() => document.body.dataset.connection === 'connected'")
        expect(page.get_by_role("heading", name="Reports")).to_be_visible()
        assert run_count(page) == runs, "a reload resumes the session on its page: no rerun"

        page.go_back()
        expect(page.get_by_role("heading", name="Welcome home")).to_be_visible()
        assert page.evaluate("location.pathname") == "/"
        page.go_forward()
        expect(page.get_by_role("heading", name="Reports")).to_be_visible()

        page.get_by_role("button", name="Back home").click()
        expect(page.get_by_role("heading", name="Welcome home")).to_be_visible()
        page.wait_for_function("() => location.pathname === '/'")


@pytest.mark.browser
def test_in_chromium_a_page_link_goes_to_its_page_with_its_query_and_an_address_opens_its_page(context: Any) -> None:
    with running_engine(SITE) as server:
        page = context.new_page()
        page.goto(server.url + "reports?year=1999")
        settle(page)
        expect(page.get_by_text("year 1999")).to_be_visible()
        page.goto(server.url + "nowhere")
        expect(page.get_by_role("heading", name="Welcome home")).to_be_visible()
        expect(page.locator(".porch-toast[data-code='page_not_found']")).to_be_visible()
        page.wait_for_function("() => location.pathname === '/'")

        link = page.get_by_role("link", name="See the reports")
        expect(link).to_have_attribute("href", server.url + "reports?year=2024")
        link.click()
        expect(page.get_by_text("year 2024")).to_be_visible()
        assert page.evaluate("location.pathname + location.search") == "/reports?year=2024"
        page.go_back()
        expect(page.get_by_role("heading", name="Welcome home")).to_be_visible()
        assert page.evaluate("location.search") == ""


def test_the_menu_holds_no_place_in_the_sidebar_of_apptest_as_in_streamlit() -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "def home():\n    st.write('home')\n"
        "def other():\n    st.write('other')\n"
        "st.navigation([st.Page(home), st.Page(other)]).run()\n"
        "st.sidebar.write('filters')\n"
    ).run()
    assert [child.type for child in at.sidebar.children] == ["markdown"] and len(at.sidebar) == 1
    assert at.sidebar[0].value == "filters" and [node.type for node in at.sidebar][1:] == ["markdown"]
    assert len(at.navigation) == 1  # Porch's own list still finds it
