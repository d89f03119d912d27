"""``page_link``: st.page_link, a link to a page of a multipage app (by its ``Page`` or its script's path) or to an
external page. No widget: following a link to one of the app's pages is a move to that page, as in the menu
(tests/test_api_navigation.py tests the moves themselves)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest
from support import app

PAGES = """
def home():
    st.page_link(OTHER)
    st.page_link(HOME, label="Home again")
def other():
    st.text("the other page")
HOME = st.Page(home, title="Home", icon="🏠")
OTHER = st.Page(other, title="Other", icon="🧭", help="Somewhere else")
"""


def test_a_link_to_a_page_takes_its_title_icon_and_help_and_marks_the_page_shown() -> None:
    at = app(PAGES + "st.navigation([HOME, OTHER], position='hidden').run()")
    first, second = at.page_link
    assert first.node.id is None and first.type == "page_link"
    assert first.props == {
        "label": "Other", "label_html": "Other", "icon": "🧭", "icon_position": "left", "help": "Somewhere else",
        "help_html": "<p>Somewhere else</p>\n", "disabled": False, "page": "other", "url": None, "query": {},
        "current": False, "width": "content",
    }
    assert second.value == "Home again" and second.page == "" and second.current is True


def test_the_script_path_of_a_page_names_it_and_an_external_link_needs_a_label(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "import porch as st\n"
        "st.navigation([st.Page('app_home.py', title='Start'), 'report.py']).run()\n"
    )
    (tmp_path / "app_home.py").write_text(
        "import porch as st\n"
        "st.page_link('report.py', icon_position='right', use_container_width=True)\n"
        "st.page_link('app_home.py', label='Start over', icon='🔁')\n"
        "st.page_link('https://example.org/docs', label='Docs', help='The manual')\n"
    )
    (tmp_path / "report.py").write_text("import porch as st\n")
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    assert at.run_status == "ok", at.exception
    report, again, docs = at.page_link
    assert (report.value, report.page, report.icon_position, report.width) == ("report", "report", "right", "stretch")
    assert (again.value, again.icon, again.current) == ("Start over", "🔁", True)
    assert (docs.value, docs.page, docs.url, docs.help, docs.query) == (
        "Docs", None, "https://example.org/docs", "The manual", {})


def test_the_query_of_a_link_keeps_the_embedding_parameters_of_the_page() -> None:
    source = "import porch as st\n" + PAGES + "st.page_link(OTHER, query_params=[('a', '1'), ('a', 2)])"
    at = AppTest.from_string(source)
    at.query_params["embed"] = "true"
    at.query_params["other"] = "dropped"
    at.run()
    assert at.page_link[0].query == {"embed": ["true"], "a": ["1", "2"]}


LINKS = """
import porch as st

def home():
    st.title("Start")
    st.page_link(OTHER, label="Go on", query_params={"from": "link"})
    st.page_link(OTHER, label="Not now", disabled=True)
    st.page_link("https://example.org/", label="Elsewhere", icon="🌐")

def other():
    st.title("Arrived")
    st.text("from " + st.query_params.get("from", "nowhere"))

OTHER = st.Page(other, title="Other")
st.navigation([home, OTHER], position="hidden").run()
"""


@pytest.mark.browser
def test_in_chromium_a_link_moves_to_its_page_without_a_reload_and_others_behave_as_links(context: Any) -> None:
    with running_engine(LINKS) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Start")).to_be_visible()
        external = page.get_by_role("link", name="Elsewhere")
        expect(external).to_have_attribute("target", "_blank")
        expect(external).to_have_attribute("rel", "noopener noreferrer")
        expect(external).to_have_attribute("href", "https://example.org/")
        disabled = page.locator("a.page-link", has_text="Not now")
        expect(disabled).to_have_attribute("aria-disabled", "true")
        assert disabled.get_attribute("href") is None
        disabled.click(force=True)

        page.evaluate("window.stillHere = true")
        link = page.get_by_role("link", name="Go on")
        expect(link).to_have_attribute("href", server.url + "other?from=link")
        link.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Arrived")).to_be_visible()
        expect(page.get_by_text("from link")).to_be_visible()
        assert page.evaluate("window.stillHere") is True, "the move happens inside the page: no reload"
        assert page.evaluate("location.pathname + location.search") == "/other?from=link"


MARKDOWN_PAGES = """
def home():
    st.page_link(OTHER)
    st.page_link("https://example.org/", label="**Docs** [here](https://evil.example) <b>x</b>", help="*Read* `it`")
def other():
    st.text("other")
HOME = st.Page(home, title="**Home** :blue[base]", help="The *start*")
OTHER = st.Page(other, title="_Other_ page")
st.navigation([HOME, OTHER]).run()
"""


def test_labels_titles_and_help_are_markdown_as_in_streamlit() -> None:
    # Streamlit 1.67 draws a page link's label and a menu entry's title as a label's Markdown with links disabled,
    # and help tooltips as Markdown; HTML is never allowed.
    at = app(MARKDOWN_PAGES)
    other, docs = at.page_link
    assert other.props["label_html"] == "<em>Other</em> page"
    assert docs.props["label_html"] == "<strong>Docs</strong> here &lt;b&gt;x&lt;/b&gt;"
    assert docs.props["help_html"] == "<p><em>Read</em> <code>it</code></p>\n"
    menu = at.get("navigation")[0].props["pages"]
    assert menu[0]["title_html"] == '<strong>Home</strong> <span class="porch-fg-blue">base</span>'
    assert menu[0]["help_html"] == "<p>The <em>start</em></p>\n"
    assert menu[1]["title_html"] == "<em>Other</em> page"


@pytest.mark.browser
def test_in_chromium_markdown_labels_are_drawn_and_the_tab_title_stays_plain(context: Any) -> None:
    with running_engine("import porch as st\n" + MARKDOWN_PAGES) as server:
        page = context.new_page()
        page.goto(server.url)
        link = page.locator("a.page-link").nth(1)
        expect(link.locator("strong")).to_have_text("Docs")
        expect(link).to_have_text("Docs here <b>x</b>")
        expect(link.locator("a")).to_have_count(0)
        expect(page.locator(".page-link-line .tooltip code")).to_have_text("it")
        menu = page.get_by_role("navigation", name="Pages")
        expect(menu.locator("strong")).to_have_text("Home")
        expect(menu.locator(".porch-fg-blue")).to_have_text("base")
        home = menu.get_by_role("link", name="Home base")
        home.hover()
        expect(page.get_by_role("tooltip", name="The start")).to_be_visible()
        expect(page.get_by_role("tooltip").locator("em")).to_have_text("start")
        expect(home).to_have_accessible_description("The start")
        expect(page).to_have_title("**Home** :blue[base]")
