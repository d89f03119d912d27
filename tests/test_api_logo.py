"""``logo``: the app's logo, a page setting (the page message's ``logo``) that lasts as an element does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import PNG_1x1, app
from test_browser import open_app, run_count, settle

SVG = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 40 10'><rect width='40' height='10' fill='teal'/></svg>"


def test_the_logo_is_served_and_named_in_the_page_message(tmp_path: Path) -> None:
    icon = tmp_path / "icon.png"
    icon.write_bytes(PNG_1x1)
    at = app("st.logo(SVG, size='large', link='https://example.org', icon_image=ICON)", SVG=SVG, ICON=str(icon))
    logo = at.page["logo"]
    assert logo["size"] == "large" and logo["link"] == "https://example.org"
    assert at.media(logo["image"]).content_type == "image/svg+xml"
    assert at.media(logo["icon_image"]).read() == PNG_1x1
    assert not list(at.main.children)  # not an element in the flow of the page


def test_a_run_without_logo_removes_it_and_lets_its_image_go() -> None:
    at = app("if st.checkbox('logo', value=True):\n    st.logo(SVG)\nelse:\n    st.text('no logo')", SVG=SVG)
    url = at.page["logo"]["image"]
    assert at.media(url).read() == SVG.encode()
    at.checkbox[0].uncheck().run()
    assert "logo" not in at.page and at.text[0].value == "no logo"
    with pytest.raises(LookupError):
        at.media(url)
    at.checkbox[0].check().run()
    assert at.page["logo"]["image"] == url


def test_the_last_call_of_a_run_counts_and_a_url_is_kept_as_it_is() -> None:
    at = app("st.logo(SVG)\nst.logo('https://example.org/logo.png', size='small')", SVG=SVG)
    assert at.page["logo"] == {
        "image": "https://example.org/logo.png", "icon_image": None, "link": None, "size": "small",
    }


def test_the_logo_sits_beside_page_config() -> None:
    at = app("st.set_page_config(page_title='Shop')\nst.logo(SVG)", SVG=SVG)
    assert at.page["title"] == "Shop" and "logo" in at.page


@pytest.mark.parametrize(
    "call, message",
    [
        ("st.logo(SVG, size='huge')", "size must be one of"),
        ("st.logo(SVG, link='javascript:alert(1)')", "link must be a web address"),
        ("st.logo(SVG, link='/home')", "link must be a web address"),
        ("st.logo(None)", "needs an image"),
        ("st.logo(b'not an image')", "not an image"),
    ],
)
def test_bad_arguments_are_clear_errors(call: str, message: str) -> None:
    at = app(call, SVG=SVG)
    assert message in at.exception[0].message and "logo" not in at.page


@pytest.mark.browser
def test_the_logo_shows_in_the_corner_links_out_and_leaves_with_the_run_that_drops_it(context: Any) -> None:
    script = (
        "import porch as st\n"
        f"SVG = {SVG!r}\n"
        "ICON = SVG.replace('teal', 'red').replace('0 0 40 10', '0 0 10 10')\n"
        "if st.sidebar.checkbox('Logo', value=True):\n"
        "    st.logo(SVG, link='https://example.org/', icon_image=ICON)\n"
    )
    with running_engine(script) as server:
        page = open_app(context, server.url)
        logo = page.locator("#porch-logo")
        full, icon = logo.locator("img.porch-logo-full"), logo.locator("img.porch-logo-icon")
        expect(full).to_be_visible()
        expect(icon).to_be_hidden()
        link = logo.get_by_role("link")
        expect(link).to_have_attribute("href", "https://example.org/")
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener noreferrer")
        assert page.evaluate("document.querySelector('#porch-logo img').naturalWidth") > 0  # the image loaded
        # With the sidebar closed, the icon stands in the top-left corner.
        page.locator("#porch-sidebar-toggle").click()
        expect(icon).to_be_visible()
        expect(full).to_be_hidden()
        page.locator("#porch-sidebar-toggle").click()
        before = run_count(page)
        page.get_by_text("Logo").click()
        settle(page, before)
        expect(logo).to_be_hidden()


def test_an_emoji_or_a_material_icon_is_a_logo_too() -> None:
    at = app("st.logo(':material/rocket_launch:', icon_image='🚀')")
    assert at.page["logo"]["image"] == ":material/rocket_launch:" and at.page["logo"]["icon_image"] == "🚀"
    at = app("st.logo(':material/not_an_icon_name:')")
    assert "not_an_icon_name" in at.exception[0].message


@pytest.mark.browser
def test_an_icon_logo_is_drawn_as_its_glyph(context: Any) -> None:
    with running_engine("import porch as st\nst.logo(':material/rocket_launch:')\nst.text('x')") as server:
        page = open_app(context, server.url)
        glyph = page.locator("#porch-logo .porch-logo-full")
        expect(glyph).to_have_attribute("aria-label", "Logo")
        expect(glyph).to_have_text("rocket_launch")
        assert "Material Symbols" in glyph.evaluate("e => getComputedStyle(e).fontFamily")
