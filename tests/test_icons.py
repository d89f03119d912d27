"""Icons: an element's ``icon`` (an emoji, ``:material/name:`` or "spinner", checked in core/elements/_icons.py) and
markdown's ``:material/name:``, drawn by the bundled Material Symbols Rounded font (webui/vendor/material-symbols).

In Chromium: the glyph is drawn (the span is in the icon font and one glyph wide, not the word), the font is served
under the page's base path by its hashed URL, and the browser asks for it once, only on a page that shows an icon.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements._icons import material_names
from porch.static import StaticAssets
from porch.testing import AppTest
from porch.webui import STATIC_DIR
from support import app
from test_browser import open_app, run_count, settle

FONT = "vendor/material-symbols/material-symbols-rounded.woff2"
FAMILY = "Material Symbols Rounded"

#: Every call that takes an ``icon``, with ICON where it goes, and the kind of the element that shows it.
CALLS = {
    "button": ("button", 'st.button("B", icon=ICON)'),
    "form_submit_button": ("button", 'with st.form("f"):\n    st.form_submit_button("S", icon=ICON)'),
    "download_button": ("download_button", 'st.download_button("D", b"x", icon=ICON)'),
    "link_button": ("link_button", 'st.link_button("L", "https://example.com", icon=ICON)'),
    "page_link": ("page_link", 'st.page_link("https://example.com", label="X", icon=ICON)'),
    "popover": ("popover", 'st.popover("P", icon=ICON)'),
    "menu_button": ("menu_button", 'st.menu_button("M", ["a"], icon=ICON)'),
    "expander": ("expander", 'st.expander("E", icon=ICON)'),
    "dialog": ("dialog", '@st.dialog("D", icon=ICON)\ndef d():\n    st.write("x")\nd()'),
    "toast": ("toast", 'st.toast("T", icon=ICON)'),
    "info": ("alert", 'st.info("I", icon=ICON)'),
    "error": ("alert", 'st.error("E", icon=ICON)'),
    "badge": ("badge", 'st.badge("B", icon=ICON)'),
    "metric": ("metric", 'st.metric("M", 1, icon=ICON)'),
    "title": ("heading", 'st.title("T", icon=ICON)'),
    "text_input": ("text_input", 'st.text_input("T", icon=ICON)'),
    "number_input": ("number_input", 'st.number_input("N", icon=ICON)'),
    "selectbox": ("selectbox", 'st.selectbox("S", ["a"], icon=ICON)'),
}
PAGES = 'def a():\n    pass\ndef b():\n    pass\nst.navigation([st.Page(a, icon=ICON), st.Page(b)]).run()'


def icon_shown(call: str, icon: object) -> tuple[AppTest, object]:
    """Run ``call`` with ``icon`` and return the AppTest and the icon its element carries to the client."""
    kind, source = CALLS[call]
    at = app(source.replace("ICON", repr(icon)))
    shown = [element.props.get("icon") for element in at.get(kind)]
    return at, shown[0] if shown else None


# -- Which icons are accepted, and what the client receives --------------------------------------------------------


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize(
    ("icon", "sent"),
    [
        ("🎉", "🎉"),
        (" ℹ️ ", "ℹ️"),
        ("👍🏽", "👍🏽"),
        (":material/home:", ":material/home:"),
        ("  :material/thumb_up: ", ":material/thumb_up:"),
        ("spinner", "spinner"),
        (None, None),
        ("  ", None),
    ],
)
def test_every_element_that_takes_an_icon_accepts_an_emoji_a_material_icon_and_the_spinner(
    call: str, icon: str | None, sent: str | None
) -> None:
    at, shown = icon_shown(call, icon)
    assert not at.exception, at.exception
    assert shown == sent


@pytest.mark.parametrize(
    ("icon", "message"),
    [
        (":material/no_such_icon:", 'The value ":material/no_such_icon:" is not a valid Material icon.'),
        (":material/Home:", "is not a valid Material icon. Please use a Material icon shortcode like"),
        (":materials/home:", "is not a valid Material icon"),
        (":material/:", "is not a valid Material icon"),
        (":rocket:", 'The value ":rocket:" is not a valid icon. Emoji shortcodes are not supported.'),
        ("https://example.com/x.png", "looks like a URL. Images are not supported for icon."),
        ("A", 'The value "A" is not a valid icon. Please use a single emoji or a Material icon shortcode'),
        ("🎉🎉", 'The value "🎉🎉" is not a valid emoji. Please use a single emoji.'),
        ("é", 'The value "é" is not a valid emoji.'),
        (7, "icon must be a string (an emoji, ':material/name:' or 'spinner') or None, not int"),
    ],
)
@pytest.mark.parametrize("call", ["button", "expander", "toast", "info", "text_input", "page_link", "badge"])
def test_a_bad_icon_stops_the_script_with_streamlits_message(call: str, icon: object, message: str) -> None:
    at, _ = icon_shown(call, icon)
    assert len(at.exception) == 1 and message in at.exception[0].message, at.exception


@pytest.mark.parametrize(
    ("icon", "sent"), [(":material/dashboard:", ":material/dashboard:"), ("📈", "📈"), ("spinner", "spinner")]
)
def test_a_pages_icon_in_the_menu(icon: str, sent: str) -> None:
    at = app(PAGES.replace("ICON", repr(icon)))
    assert not at.exception, at.exception
    (menu,) = at.get("navigation")
    assert [page["icon"] for page in menu.pages] == [sent, None]


def test_a_bad_page_icon_is_refused() -> None:
    at = app(PAGES.replace("ICON", repr(":material/nope:")))
    assert "is not a valid Material icon" in at.exception[0].message


def test_an_alert_still_takes_a_leading_emoji_of_its_body_and_a_blank_icon_keeps_it() -> None:
    at = app('st.warning("🚨 Oops")\nst.warning("🚨 Oops", icon="")\nst.warning("Oops", icon=":material/warning:")')
    assert [(a.props["icon"], a.props["body"]) for a in at.get("alert")] == [
        ("🚨", "Oops"), (None, "🚨 Oops"), (":material/warning:", "Oops")
    ]


def test_a_chat_avatar_is_a_known_material_icon() -> None:
    at = app("st.chat_message('bot', avatar=':material/smart_toy:').write('hi')")
    (message,) = at.get("chat_message")
    assert (message.props["avatar_type"], message.props["avatar"]) == ("icon", "smart_toy")
    at = app("st.chat_message('bot', avatar=':material/no_such_robot:')")
    assert 'The value ":material/no_such_robot:" is not a valid Material icon' in at.exception[0].message


def test_a_material_page_icon_is_checked_and_sent_as_the_tab_icon() -> None:
    at = app('st.set_page_config(page_icon=" :material/rocket_launch: ")')
    assert at.page["icon"] == ":material/rocket_launch:" and not at.exception
    at = app('st.set_page_config(page_icon=":material/rocket_lunch:")')
    assert 'The value ":material/rocket_lunch:" is not a valid Material icon' in at.exception[0].message


def test_the_names_are_the_fonts_own() -> None:
    """names.txt lists the ligatures of the vendored font (README.md beside it says how it was made): the names
    Streamlit's docs use, and the older aliases the font still draws."""
    names = material_names()
    assert len(names) > 4000 and all(re.fullmatch(r"[0-9a-z_]+", name) for name in names)
    assert {"home", "thumb_up", "smart_toy", "favorite", "done", "settings", "search"} <= names


# -- How the font is vendored and served ---------------------------------------------------------------------------


def test_the_font_is_vendored_with_its_licence_and_where_it_came_from() -> None:
    folder = STATIC_DIR / "vendor" / "material-symbols"
    assert (folder / "material-symbols-rounded.woff2").read_bytes()[:4] == b"wOF2"
    assert "Apache License" in (folder / "LICENSE.material-symbols").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "@material-symbols/font-400" in readme and "names.txt" in readme


def test_the_font_is_served_by_its_hashed_url_which_the_icon_styles_name() -> None:
    assets = StaticAssets(STATIC_DIR)
    url = assets.url(FONT)
    assert re.fullmatch(r"_porch/static/vendor/material-symbols/material-symbols-rounded\.[0-9a-f]{12}\.woff2", url)
    font = assets.by_url(url.removeprefix("_porch/static/"))
    assert font is not None and font.content_type == "font/woff2" and font.gzipped is None, "woff2 is compressed"
    widget = assets.by_url(assets.url("widget.js").removeprefix("_porch/static/"))
    assert widget is not None
    assert f'url(\\"{url}\\")'.encode() in widget.body, "relative, so it resolves under the page's base path"
    assert b'url(\\"porch/' not in widget.body
    assert FONT not in assets.import_map(), "nothing imports the font: only text drawn with it fetches it"


def test_a_stylesheet_naming_a_file_changes_its_modules_url_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!-- porch:head -->", encoding="utf-8")
    (tmp_path / "a.js").write_text("export const a = 1;\n", encoding="utf-8")
    (tmp_path / "a.css").write_text('@font-face { src: url("porch/f.woff2"); }\n', encoding="utf-8")
    (tmp_path / "f.woff2").write_bytes(b"wOF2 one")
    first = StaticAssets(tmp_path)
    (tmp_path / "f.woff2").write_bytes(b"wOF2 two")
    second = StaticAssets(tmp_path)
    assert first.url("f.woff2") != second.url("f.woff2") and first.url("a.js") != second.url("a.js")
    (tmp_path / "a.css").write_text('@font-face { src: url("porch/missing.woff2"); }\n', encoding="utf-8")
    with pytest.raises(ValueError, match="a.css names porch/missing.woff2"):
        StaticAssets(tmp_path)


# -- In Chromium ---------------------------------------------------------------------------------------------------

ICONS_APP = """
import porch as st
st.button("Home", icon=":material/home:")
st.button("", icon=":material/delete:", key="bin")
st.button("Party", icon="🎉")
st.button("Wait", icon="spinner")
st.markdown("I :material/favorite: icons.")
st.expander("Settings", icon=":material/settings:")
st.chat_message("bot", avatar=":material/smart_toy:").write("hello")
data, chart = st.tabs([":material/table: Data", "Chart"])
st.text_input(":material/search: Find")
st.button(":material/refresh:")
"""

#: The icon's glyph run: its font, its font size, the width of its text as drawn (a Range measures the glyphs), and
#: the width of the same text drawn in the page's own font, for comparison.
MEASURE = """(span) => {
    const style = getComputedStyle(span);
    const range = document.createRange();
    range.selectNodeContents(span);
    const probe = document.createElement("span");
    probe.textContent = span.textContent;
    probe.style.font = getComputedStyle(document.body).font;
    probe.style.fontSize = style.fontSize;
    document.body.append(probe);
    const word = probe.getBoundingClientRect().width;
    probe.remove();
    return [style.fontFamily, parseFloat(style.fontSize), range.getBoundingClientRect().width, word];
}"""
FONT_READY = f"() => document.fonts.check('20px \"{FAMILY}\"', 'home')"
#: The status of the page's Material Symbols face: "unloaded" until text drawn with it makes the browser fetch it.
FACE_STATUS = f"() => [...document.fonts].filter((face) => face.family.includes('{FAMILY}')).map((f) => f.status)"


def watch(page: Any) -> dict[str, list[Any]]:
    """Every request the page makes, and the responses for the font."""
    seen: dict[str, list[Any]] = {"requests": [], "fonts": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("response", lambda response: seen["fonts"].append(response) if ".woff2" in response.url else None)
    return seen


def assert_glyph(span: Any) -> None:
    family, size, width, word = span.evaluate(MEASURE)
    assert FAMILY in family
    assert abs(width - size) <= 0.15 * size, f"one glyph, as wide as the font size ({size}px), not {width}px"
    assert width < 0.6 * word, f"the word {span.text_content()!r} would be {word}px wide"


@pytest.mark.browser
def test_material_icons_are_drawn_by_the_bundled_font_under_a_base_path(context: Any) -> None:
    page = context.new_page()
    seen = watch(page)
    with running_engine(ICONS_APP, base_path="/apps/icons") as server:
        page.goto(server.url)
        settle(page)
        page.wait_for_function(FONT_READY)
        assert_glyph(page.locator(".btn-icon .material-icon").first)
        assert_glyph(page.locator(".markdown .material-icon"))
        assert_glyph(page.locator(".expander-icon .material-icon"))
        assert_glyph(page.locator(".chat-avatar .material-icon"))
        expect(page.get_by_role("button", name="Home", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="delete", exact=True), "an icon alone names its button").to_be_visible()
        expect(page.get_by_role("img", name="favorite")).to_be_visible()
        expect(page.locator(".btn-icon .emoji-icon")).to_have_text("🎉")
        expect(page.locator(".btn-icon .porch-spinner")).to_have_count(1)
        # Labels: each :material/name: in one is drawn as the icon, and left out of its accessible name.
        assert_glyph(page.get_by_role("tab", name="Data", exact=True).locator(".material-icon"))
        assert_glyph(page.locator(".widget-label .material-icon"))
        expect(page.get_by_role("textbox", name="Find", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="refresh", exact=True), "icons alone are read by name").to_be_visible()
        fonts = [url for url in seen["requests"] if ".woff2" in url]
        assert len(fonts) == 1 and re.fullmatch(
            re.escape(server.url) + r"_porch/static/vendor/material-symbols/material-symbols-rounded\.[0-9a-f]{12}"
            r"\.woff2",
            fonts[0],
        ), fonts
        (response,) = seen["fonts"]
        assert response.status == 200 and "immutable" in response.headers["cache-control"]
        origin = server.url.split("/apps/")[0]
        assert all(url.startswith((origin, "data:")) for url in seen["requests"]), seen["requests"]
        # A rerun draws the same icons: no second request.
        before = run_count(page)
        page.get_by_role("button", name="Home").click()
        settle(page, before)
        assert page.evaluate(FACE_STATUS) == ["loaded"]
        assert len([url for url in seen["requests"] if ".woff2" in url]) == 1


@pytest.mark.browser
def test_the_font_is_fetched_only_once_a_page_shows_an_icon(context: Any) -> None:
    source = """
import porch as st
st.markdown("No icons here, only **text**: :smile:")
if st.button("Show one"):
    st.info("Now", icon=":material/check_circle:")
"""
    page = context.new_page()
    seen = watch(page)
    with running_engine(source) as server:
        page.goto(server.url)
        settle(page)
        expect(page.get_by_text("No icons here")).to_be_visible()
        assert page.evaluate(FACE_STATUS) == ["unloaded"], "laid out without an icon: the face was never needed"
        assert not [url for url in seen["requests"] if ".woff2" in url]
        before = run_count(page)
        page.get_by_role("button", name="Show one").click()
        settle(page, before)
        page.wait_for_function(FONT_READY)
        assert_glyph(page.locator(".alert-icon .material-icon"))
        assert len([url for url in seen["requests"] if ".woff2" in url]) == 1



@pytest.mark.browser
def test_a_material_page_icon_is_drawn_into_the_favicon(context: Any) -> None:
    with running_engine('import porch as st\nst.set_page_config(page_icon=":material/rocket_launch:")') as server:
        page = open_app(context, server.url)
        page.wait_for_function("() => document.querySelector(\"link[rel~='icon']\").href.startsWith('data:image/png')")
        drawn = page.evaluate(
            """() => new Promise((done) => {
                const image = new Image();
                image.onload = () => {
                    const canvas = document.createElement("canvas");
                    canvas.width = canvas.height = 64;
                    const context = canvas.getContext("2d");
                    context.drawImage(image, 0, 0);
                    const alpha = context.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3);
                    const columns = [...alpha.keys()].filter((i) => alpha[i] > 0).map((i) => i % 64);
                    done([image.naturalWidth, columns.length, Math.min(...columns), Math.max(...columns)]);
                };
                image.src = document.querySelector("link[rel~='icon']").href;
            })"""
        )
        size, opaque, left, right = drawn
        assert size == 64 and opaque > 200, f"something is drawn: {drawn}"
        assert 0 < left and right < 63, f"one glyph inside the square, not a word across it: {drawn}"
