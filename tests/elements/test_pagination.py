"""``pagination``: st.pagination, page buttons with previous and next arrows whose value is the page (from 1).

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the session
(``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send


def test_it_starts_at_the_default_page_and_moves() -> None:
    at = app('p = st.pagination(10)\nq = st.pagination(5, default=4, key="q")\nst.write(f"p={p} q={q}")')
    first, second = at.pagination
    assert (first.value, first.num_pages, first.default) == (1, 10, 1)
    assert (second.value, second.default, second.key) == (4, 4, "q")
    assert first.props["max_visible_pages"] == 7 and first.props["value"] == 1
    assert at.markdown.values == ["p=1 q=4"]
    first.select(10).run()
    assert at.markdown.values == ["p=10 q=4"]
    at.pagination[1].set_value(5).run()
    assert at.markdown.values == ["p=10 q=5"] and at.session_state["q"] == 5


def test_apptest_refuses_a_page_that_is_not_one() -> None:
    at = app("st.pagination(3)")
    for page in (0, 4, True, 2.0):
        with pytest.raises(ValueError, match="a page is a whole number from 1 to 3"):
            at.pagination[0].set_value(page)


@pytest.mark.parametrize("wire", [0, 11, -1, True, "3", 2.5, None, [2]])
def test_a_client_cannot_send_what_is_no_page(wire: Any) -> None:
    at = app('p = st.pagination(10, default=2)\nst.write(f"p={p}")')
    send(at, {at.pagination[0].id: wire})
    assert len(bad_values(at)) == 1
    assert at.markdown.values == ["p=2"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.pagination(0)", "num_pages must be a whole number of at least 1, not 0"),
        ("st.pagination(2.5)", "num_pages must be"),
        ("st.pagination(True)", "num_pages must be"),
        ("st.pagination(5, default=6)", "default must be a page from 1 to 5, not 6"),
        ("st.pagination(5, default=0)", "default must be a page from 1 to 5"),
        ("st.pagination(5, default=True)", "default must be a whole number"),
        ("st.pagination(5, max_visible_pages=-1)", "max_visible_pages must be a whole number of 0 or more"),
        ("st.pagination(5, max_visible_pages=2.0)", "max_visible_pages must be"),
        ('st.pagination(5, on_change="later")', "on_change must be a callable"),
    ],
)
def test_values_the_script_gets_wrong_are_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert message in at.exception[0].message and "pagination(" in at.exception[0].message


def test_on_change_runs_before_the_rerun_with_args() -> None:
    at = app(
        "def moved(tag):\n"
        "    st.session_state.seen = (tag, st.session_state.page)\n"
        'st.pagination(8, key="page", on_change=moved, kwargs={"tag": "went"})\n'
        "st.write(f\"{st.session_state.get('seen')}\")"
    )
    at.pagination[0].select(3).run()
    assert at.markdown.values == ["('went', 3)"]


def test_without_a_key_a_new_page_count_starts_over_with_a_key_the_page_stays_while_it_fits() -> None:
    source = 'n = st.session_state.get("n", 10)\np = st.pagination(n{key})\nst.write(f"p={{p}}")'
    at = app(source.format(key=""))
    at.pagination[0].select(6).run()
    at.session_state["n"] = 12
    at.run()
    assert at.markdown.values == ["p=1"]
    at = app(source.format(key=', key="p"'))
    at.pagination[0].select(6).run()
    at.session_state["n"] = 12
    at.run()
    assert at.markdown.values == ["p=6"]
    at.session_state["n"] = 4
    at.run()
    assert at.markdown.values == ["p=1"]


def test_disabled_and_streamlit_only_parameters() -> None:
    at = app(
        'p = st.pagination(4, disabled=True, width="stretch", bind="query-params", key="p", persist_state="page", '
        'on_change="ignore", max_visible_pages=None)\nst.write(f"p={p}")'
    )
    assert len(at.exception) == 0 and at.pagination[0].disabled
    assert at.pagination[0].props["max_visible_pages"] is None and at.pagination[0].props["width"] == "stretch"
    send(at, {at.pagination[0].id: 2})
    assert len(bad_values(at)) == 1 and at.markdown.values == ["p=1"]


APP = """
import porch as st

page = st.pagination(20, key="page")
st.write(f"page={page}")
few = st.pagination(3, max_visible_pages=0, key="few")
st.write(f"few={few}")
"""


@pytest.mark.browser
def test_a_person_pages_through_with_ellipses_arrows_and_the_keyboard(context: Any) -> None:
    with running_engine(APP) as server:
        page = context.new_page()
        page.goto(server.url)
        nav = page.get_by_role("navigation", name="Pagination").first
        result = page.get_by_text("page=")

        def labels() -> list[str]:
            return [text.strip() for text in nav.locator("button, .pagination-gap").all_inner_texts()]

        expect(result).to_have_text("page=1")
        expect(nav.get_by_role("button", name="Page 1")).to_have_attribute("aria-current", "page")
        expect(nav.get_by_role("button", name="Previous page")).to_be_disabled()
        assert labels() == ["‹", "1", "2", "3", "4", "5", "…", "20", "›"]  # 7 slots, Streamlit's list
        nav.get_by_role("button", name="Page 5").click()
        expect(result).to_have_text("page=5")
        assert labels() == ["‹", "1", "…", "4", "5", "6", "…", "20", "›"]
        nav.get_by_role("button", name="Page 6").click()
        expect(result).to_have_text("page=6")
        expect(nav.get_by_role("button", name="Page 6")).to_have_attribute("aria-current", "page")
        assert labels() == ["‹", "1", "…", "5", "6", "7", "…", "20", "›"]
        nav.get_by_role("button", name="Next page").click()
        expect(result).to_have_text("page=7")
        # The focus stays on the arrow as the buttons are drawn again; Enter presses it.
        expect(nav.get_by_role("button", name="Next page")).to_be_focused()
        page.keyboard.press("Enter")
        expect(result).to_have_text("page=8")
        nav.get_by_role("button", name="Page 20").click()
        expect(result).to_have_text("page=20")
        expect(nav.get_by_role("button", name="Next page")).to_be_disabled()
        assert labels() == ["‹", "1", "…", "16", "17", "18", "19", "20", "›"]
        # The arrow keys move between the buttons.
        nav.get_by_role("button", name="Page 20").press("ArrowLeft")
        expect(nav.get_by_role("button", name="Page 19")).to_be_focused()
        page.keyboard.press("Enter")
        expect(result).to_have_text("page=19")
        # max_visible_pages=0: only the arrows.
        few = page.get_by_role("navigation", name="Pagination").nth(1)
        expect(few.locator(".pagination-page")).to_have_count(0)
        few.get_by_role("button", name="Next page").click()
        expect(page.get_by_text("few=")).to_have_text("few=2")


NARROW = """
import porch as st

for w in (400, 250, 200, 150, 100):
    with st.container(width=w):
        st.pagination(20, default=10, key=f"w{w}")
with st.container(width=250):
    st.pagination(20, default=10, width="stretch", key="s250")
"""


@pytest.mark.browser
def test_a_narrow_container_shows_fewer_pages_instead_of_wrapping_in_chromium(context: Any) -> None:
    # The lists are what Streamlit 1.67's page shows for the same script in this Chromium (read by hand).
    expected = [
        ["Previous page", "Page 1", "…", "Page 9", "Page 10", "Page 11", "…", "Page 20", "Next page"],
        ["Previous page", "Page 1", "…", "Page 10", "…", "Page 20", "Next page"],
        ["Previous page", "Page 10", "…", "Page 20", "Next page"],
        ["Previous page", "Page 10", "Next page"],
        ["Previous page", "Next page"],
        ["Previous page", "Page 1", "…", "Page 10", "…", "Page 20", "Next page"],
    ]
    with running_engine(NARROW) as server:
        page = context.new_page()
        page.goto(server.url)
        navs = page.get_by_role("navigation", name="Pagination")
        expect(navs).to_have_count(len(expected))
        for nav, names in zip(navs.all(), expected):
            expect(nav.locator("button, .pagination-gap")).to_have_count(len(names))
            shown = nav.locator("button, .pagination-gap").evaluate_all(
                "items => items.map((item) => item.getAttribute('aria-label') || item.textContent.trim())"
            )
            assert shown == names
            tops = nav.locator("button, .pagination-gap").evaluate_all(
                "items => new Set(items.map((item) => Math.round(item.getBoundingClientRect().top))).size"
            )
            assert tops == 1, "one line: nothing wraps"
        # The container grows: the widget takes the room and shows more pages again.
        navs.nth(3).evaluate("nav => { nav.closest('.block.container').style.width = '400px'; }")
        expect(navs.nth(3).locator("button, .pagination-gap")).to_have_count(len(expected[0]))
