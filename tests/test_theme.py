"""The app's theme (core/theme.py): Streamlit's [theme] options, from .porch/config.toml, .streamlit/config.toml,
--theme.X flags and PORCH_THEME, checked (a bad value is a launch error naming the option and the file), read back by
get_option and context.theme, and shown in Chromium: the configured colours on the page, base dark or light whatever
the system prefers, and [theme.sidebar] on the sidebar."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine_harness import ProtocolClient, running_engine
from porch import theme
from porch.api.options import DEFAULTS, engine_options
from porch.config import EngineConfig
from porch.interfaces import Runtime
from porch.shell import settings as launch
from porch.shell import streamlit_config
from porch.shell.errors import LaunchError
from porch.shell.serve import engine_config
from porch.static import load_assets
from shell_harness import clean_env
from support import REPO
from test_browser import open_app

STYLE = (REPO / "webui" / "style.css").read_text(encoding="utf-8")
LIGHT, DARK = theme.palettes(STYLE)


def rgb(colour: str) -> str:
    """A colour as Chromium's computed styles write it."""
    red, green, blue, alpha = theme.parse_colour(colour) or (0, 0, 0, 0)
    if alpha < 1:
        return f"rgba({round(red)}, {round(green)}, {round(blue)}, {alpha:g})"
    return f"rgb({round(red)}, {round(green)}, {round(blue)})"


# -- the options, checked ------------------------------------------------------------------------------------------


def test_the_options_are_streamlits_with_the_sidebars_own() -> None:
    for name in ("base", "primaryColor", "backgroundColor", "secondaryBackgroundColor", "textColor", "linkColor",
                 "linkUnderline", "codeBackgroundColor", "borderColor", "showWidgetBorder", "redColor", "grayColor",
                 "violetColor", "font", "headingFont", "codeFont", "baseFontSize", "baseRadius", "buttonRadius",
                 "chartCategoricalColors", "chartSequentialColors", "sidebar.primaryColor", "sidebar.font"):
        assert name in theme.OPTIONS, name
        assert DEFAULTS[f"theme.{name}"] is None, "get_option's default: unset"
    for main_only in theme.MAIN_ONLY:
        assert f"sidebar.{main_only}" not in theme.OPTIONS


@pytest.mark.parametrize(
    ("text", "css"),
    [
        ("#F00", "#ff0000"),
        ("#ff4b4b", "#ff4b4b"),
        ("#ff4b4b80", "rgb(255 75 75 / 0.502)"),
        ("rgb(255, 0, 0)", "#ff0000"),
        ("rgb(100% 0% 0% / 50%)", "rgb(255 0 0 / 0.5)"),
        ("rgba(0, 0, 255, 0.25)", "rgb(0 0 255 / 0.25)"),
        ("hsl(120, 100%, 25%)", "#008000"),
        ("hsl(0.5turn 100% 50%)", "#00ffff"),
        ("hsla(240deg, 100%, 50%, 1)", "#0000ff"),
        ("RebeccaPurple", "#663399"),
        ("transparent", "rgb(0 0 0 / 0)"),
    ],
)
def test_a_colour_is_hex_a_function_or_a_name_written_back_canonical(text: str, css: str) -> None:
    assert theme.check({"primaryColor": text}) == {"primaryColor": text}
    assert theme.css_colour(text) == css


@pytest.mark.parametrize(
    "text",
    ["red;}body{display:none", "red } #x { color: blue", "url(x.png)", "#ff", "#gggggg", "rgb(1, 2)", "rgb(1, 2, 3",
     "expression(alert(1))", "var(--accent)", "hsl(10px, 20%, 30%)", "blu", "", "rgb(1 2 3 / 4 / 5)", "#ff4b4b;"],
)
def test_anything_else_is_not_a_colour(text: str) -> None:
    with pytest.raises(theme.ThemeError) as error:
        theme.check({"sidebar": {"backgroundColor": text}})
    assert str(error.value).startswith(f"theme.sidebar.backgroundColor = {text!r}: not a CSS colour")
    assert error.value.option == "sidebar.backgroundColor"


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        ("base", "blue", 'must be "light" or "dark"'),
        ("primaryColor", 255, "must be a string"),
        ("linkUnderline", "maybe", "must be true or false"),
        ("baseFontSize", 0, "from 1 to 100"),
        ("baseFontSize", True, "whole number"),
        ("baseFontWeight", 450, "multiple of 100 from 100 to 600"),
        ("baseRadius", "10vw", 'must be "none", "small"'),
        ("buttonRadius", -1, 'must be "none", "small"'),
        ("font", 'Inter"; color: red', "font family names"),
        ("headingFont", "a{b}", "font family names"),
        ("codeFont", "", "font family names"),
        ("chartCategoricalColors", ["#ff0000", "nope"], "'nope' is not a CSS colour"),
        ("chartCategoricalColors", [], "list of 1 to 64 colours"),
        ("chartSequentialColors", ["#ff0000"], "list of 2 to 64 colours"),
        ("headingFontSizes", ["2rem", "1;"], "length"),
        ("fontFaces", [{"family": "x"}], "family and a url"),
        ("primaryColour", "#ff0000", "not an option of [theme]"),
        ("sidebar.base", "dark", "not an option of [theme.sidebar]"),
    ],
)
def test_a_bad_value_names_the_option_and_why(option: str, value: Any, reason: str) -> None:
    with pytest.raises(theme.ThemeError, match=re.escape(reason)) as error:
        theme.check({option: value})
    assert str(error.value).startswith(f"theme.{option} = {value!r}: ")


def test_each_kind_of_value_in_its_canonical_type() -> None:
    checked = theme.check({
        "base": "dark", "linkUnderline": "false", "showSidebarBorder": True, "baseFontSize": "14",
        "baseFontWeight": 300, "baseRadius": 6, "buttonRadius": "full", "font": "'Inter', sans-serif",
        "chartCategoricalColors": "#ff0000, rgb(0, 128, 0), blue", "chartSequentialColors": ["#000", "#fff"],
        "headingFontSizes": "2rem", "headingFontWeights": [700, 600], "codeFontSize": "0.8rem",
        "fontFaces": [{"family": "Inter", "url": "app/static/inter.woff2"}],
        "sidebar": {"textColor": " white ", "font": "monospace"},
    })
    assert checked == {
        "base": "dark", "linkUnderline": False, "showSidebarBorder": True, "baseFontSize": 14, "baseFontWeight": 300,
        "baseRadius": 6, "buttonRadius": "full", "font": "'Inter', sans-serif",
        "chartCategoricalColors": ("#ff0000", "rgb(0, 128, 0)", "blue"), "chartSequentialColors": ("#000", "#fff"),
        "headingFontSizes": "2rem", "headingFontWeights": (700, 600), "codeFontSize": "0.8rem",
        "fontFaces": ({"family": "Inter", "url": "app/static/inter.woff2"},),
        "sidebar.textColor": "white", "sidebar.font": "monospace",
    }
    assert theme.radius(6) == "6px" and theme.radius("full") == "1.4rem" and theme.radius("none") == "0"
    assert theme.radius("0.5rem") == "0.5rem" and theme.radius("12") == "12px"
    assert theme.font_stack("'Inter', sans-serif", LIGHT) == f'"Inter", {LIGHT["--font"]}'
    assert theme.font_stack("monospace", LIGHT) == LIGHT["--mono"]
    assert theme.font_stack("serif", LIGHT) == theme.SERIF


# -- the page's CSS ------------------------------------------------------------------------------------------------


def test_style_css_holds_both_palettes_and_says_which_shows() -> None:
    assert set(DARK) <= set(LIGHT), "every dark token has a light value, for base = light on a dark system"
    assert LIGHT["--scheme"] == "light" and DARK["--scheme"] == "dark"
    assert LIGHT["--bg"] != DARK["--bg"] and LIGHT["--accent"] != DARK["--accent"]
    assert LIGHT["--chart-category"].startswith("var(--accent)"), "charts' first colour is the accent"


def test_no_theme_no_css_and_the_page_follows_the_system() -> None:
    assert theme.page_css({}, STYLE) == ""
    assert theme.scheme({}) is None
    head, _ = load_assets().head("/")
    assert "porch-theme" not in head


def test_a_base_shows_its_palette_from_style_css() -> None:
    dark = theme.page_css({"base": "dark"}, STYLE)
    assert dark.startswith(":root{color-scheme:dark;") and f"--bg:{DARK['--bg']};" in dark
    light = theme.page_css({"base": "light"}, STYLE)
    assert light.startswith(":root{color-scheme:light;") and f"--bg:{LIGHT['--bg']};" in light
    # An option without a base builds on light, as Streamlit's custom theme does.
    assert theme.scheme({"primaryColor": "red"}) == "light"
    assert theme.page_css({"primaryColor": "red"}, STYLE).startswith(":root{color-scheme:light;")


def test_options_set_porchs_tokens() -> None:
    css = theme.page_css({
        "primaryColor": "#ff4b4b", "backgroundColor": "rgb(253, 246, 227)", "textColor": "#073642",
        "borderColor": "#ccc", "linkColor": "teal", "linkUnderline": False, "codeBackgroundColor": "#eee",
        "font": "serif", "codeFont": "Fira Code, monospace", "baseRadius": "small", "buttonRadius": "0.25rem",
        "redColor": "#aa0000", "baseFontSize": 14, "baseFontWeight": 300,
        "chartCategoricalColors": ["#123456", "orange"], "chartSequentialColors": ["#000", "#fff"],
        "showSidebarBorder": False,
    }, STYLE)
    for declaration in (
        "--accent:#ff4b4b;", "--accent-fg:#ffffff;", "--bg:#fdf6e3;", "--bg-elevated:#fdf6e3;", "--fg:#073642;",
        "--border:#cccccc;", "--link:#008080;", "--link-underline:none;", "--code-bg:#eeeeee;",
        f"--font:{theme.SERIF};", f'--mono:"Fira Code", {LIGHT["--mono"]};', "--radius:0.35rem;",
        "--button-radius:0.25rem;", "--red:#aa0000;", "--chart-category:#123456, #ffa500;",
        "--plotly-category:#123456, #ffa500;", "--chart-ramp:#000000, #ffffff;", "html{font-size:14px}",
        "body{font-size:14px;font-weight:300}", "#porch-sidebar{border-right-color:transparent}",
    ):
        assert declaration in css, declaration
    assert css.count("{") == css.count("}") == len(css.splitlines()), "one rule a line, each closed"


def test_the_text_on_a_primary_button_is_readable() -> None:
    on = (LIGHT["--bg"], DARK["--bg"])
    assert theme.readable_on(LIGHT["--accent"], on) == LIGHT["--accent-fg"]
    assert theme.readable_on(DARK["--accent"], on) == DARK["--accent-fg"]
    assert theme.readable_on("#ff4b4b", on) == "#ffffff", "white on Streamlit's red"
    assert theme.readable_on("yellow", on) == DARK["--bg"]


def test_the_sidebar_gets_its_own_tokens_and_the_derived_ones_again() -> None:
    css = theme.page_css({"sidebar": {"backgroundColor": "#112233", "primaryColor": "#00aa55"}}, STYLE)
    sidebar = css[css.index("#porch-sidebar{"):]
    assert "--bg-soft:#112233;" in sidebar and "--accent:#00aa55;" in sidebar
    assert f"--ring:{LIGHT['--ring']};" in sidebar, "--ring follows the sidebar's accent"
    assert f"--chart-category:{LIGHT['--chart-category']};" in sidebar
    assert ":root{--accent" not in css, "the main area keeps Porch's accent"


def test_the_page_inlines_the_theme_after_style_css() -> None:
    head, _ = load_assets().head("/", {"base": "dark", "primaryColor": "#ff4b4b"})
    assert head.index("<style>") < head.index('<style id="porch-theme">:root{color-scheme:dark;')
    assert "--accent:#ff4b4b;" in head


# -- settings: .porch/config.toml, .streamlit/config.toml, flags, environment ---------------------------------------


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PORCH_APP_NAME", raising=False)
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "app.py").write_text("import porch as st\n")
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_porch_config_toml_has_a_theme_table_with_streamlits_names(app: Path) -> None:
    config = write(app / ".porch" / "config.toml", 'port = 9000\n[theme]\nbase = "dark"\nprimaryColor = "#ff4b4b"\n'
                                                   '[theme.sidebar]\nbackgroundColor = "#112233"\n')
    settings = launch.load(app, environ={})
    assert settings.theme == {"base": "dark", "primaryColor": "#ff4b4b", "sidebar.backgroundColor": "#112233"}
    assert settings.source("theme") == str(config) and settings.port == 9000
    assert engine_config(settings).theme == settings.theme
    assert launch.load(app.parent, environ={}).theme == {}, "no file, no theme"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[theme]\nprimaryColor = "red;}"\n', "theme.primaryColor = 'red;}': not a CSS colour"),
        ('[theme]\nprimaryColour = "red"\n', "theme.primaryColour = 'red': not an option of [theme]"),
        ('[theme.sidebar]\nfont = "x{"\n', "theme.sidebar.font = 'x{': must be"),
        ('theme = "dark"\n', "theme must be a table ([theme])"),
    ],
)
def test_a_bad_theme_in_porch_config_toml_is_a_launch_error_naming_the_file(app: Path, text: str,
                                                                            message: str) -> None:
    config = write(app / ".porch" / "config.toml", text)
    with pytest.raises(LaunchError) as error:
        launch.load(app, environ={})
    assert str(error.value).startswith(f"{config}: ") and message in str(error.value)


def test_streamlit_config_toml_theme_is_read_and_its_unknown_sections_noted(app: Path) -> None:
    config = write(app / ".streamlit" / "config.toml",
                   '[server]\nport = 8502\n[theme]\nbase = "light"\ntextColor = "#111111"\nfont = "serif"\n'
                   '[theme.sidebar]\nprimaryColor = "green"\n[theme.light]\nprimaryColor = "red"\n')
    settings = launch.load(app, environ={})
    assert settings.theme == {"base": "light", "textColor": "#111111", "font": "serif", "sidebar.primaryColor": "green"}
    assert settings.source("theme") == str(config) and settings.port == 8502
    assert any("theme.light.primaryColor" in notice for notice in settings.notices)
    write(config, '[theme]\nbaseRadius = "huge"\n')
    with pytest.raises(LaunchError, match=f"^{config}: theme.baseRadius = 'huge': must be"):
        launch.load(app, environ={})


def test_theme_flags_as_streamlit_run_takes_them_add_to_the_files_theme(app: Path) -> None:
    write(app / ".porch" / "config.toml", '[theme]\nbase = "dark"\nprimaryColor = "#000000"\n')
    rest, flags = streamlit_config.split_flags(
        ["run", "app.py", "--theme.primaryColor", "#ff4b4b", "--theme.sidebar.font=serif", "--theme.linkUnderline",
         "false", "--theme.chartCategoricalColors=#123456,rgb(1, 2, 3)"])
    assert rest == ["run", "app.py"]
    cli, ignored = streamlit_config.convert(flags, "command line")
    assert ignored == []
    settings = launch.load(app, cli, environ={})
    assert settings.theme == {
        "base": "dark", "primaryColor": "#ff4b4b", "sidebar.font": "serif", "linkUnderline": False,
        "chartCategoricalColors": ("#123456", "rgb(1, 2, 3)"),
    }
    assert settings.source("theme") == f"{app / '.porch' / 'config.toml'} + command line"
    with pytest.raises(LaunchError, match=r"^command line: theme.primaryColor = 'red;}': not a CSS colour"):
        streamlit_config.convert([("theme.primaryColor", "red;}")], "command line")


def test_porch_theme_in_the_environment_is_an_inline_table(app: Path) -> None:
    settings = launch.load(app, environ={"PORCH_THEME": 'base = "dark", sidebar.font = "serif"'})
    assert settings.theme == {"base": "dark", "sidebar.font": "serif"}
    assert settings.source("theme") == "env PORCH_THEME"
    with pytest.raises(LaunchError, match=r"^PORCH_THEME='\{base = \"grey\"\}': theme.base = 'grey'"):
        launch.load(app, environ={"PORCH_THEME": '{base = "grey"}'})


def test_porch_config_show_lists_the_theme(app: Path, tmp_path: Path) -> None:
    write(app / ".streamlit" / "config.toml", '[theme]\nbase = "dark"\n')
    result = subprocess.run(
        [sys.executable, "-m", "porch.shell.cli", "config", "show", str(app / "app.py"), "--theme.primaryColor",
         "#ff4b4b", "--theme.sidebar.textColor=white"],
        capture_output=True, text=True, env=clean_env(tmp_path), timeout=60, check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("theme "))
    assert '{base = "dark", primaryColor = "#ff4b4b", sidebar = {textColor = "white"}}' in line
    assert line.endswith(f"# {app / '.streamlit' / 'config.toml'} + command line")


# -- get_option and context ----------------------------------------------------------------------------------------

READ_BACK = """
import porch as st
st.text(repr([st.get_option(k) for k in ('theme.base', 'theme.primaryColor', 'theme.sidebar.font',
                                         'theme.chartCategoricalColors', 'theme.textColor')]))
st.text(f'type={st.context.theme.type}')
"""


def test_get_option_and_context_read_the_configured_theme() -> None:
    config = {"base": "dark", "primaryColor": "#ff4b4b", "sidebar": {"font": "serif"},
              "chartCategoricalColors": ["#123456"]}
    with running_engine(READ_BACK, theme=config) as server:
        client = ProtocolClient(server.ws_url, hello={"theme": "light"})
        client.until_finished()
        assert client.texts() == ["['dark', '#ff4b4b', 'serif', ['#123456'], None]", "type=dark"]
    with running_engine(READ_BACK, theme={"textColor": "#111111"}) as server:
        client = ProtocolClient(server.ws_url, hello={"theme": "dark"})
        client.until_finished()
        assert client.texts() == ["[None, None, None, None, '#111111']", "type=light"], "built on light"
    with running_engine(READ_BACK) as server:
        client = ProtocolClient(server.ws_url, hello={"theme": "dark"})
        client.until_finished()
        assert client.texts()[1] == "type=dark", "no theme: what the page showed"


def test_an_engine_given_a_bad_theme_refuses_to_start() -> None:
    with pytest.raises(theme.ThemeError, match="theme.primaryColor = 'x'"):
        engine_options(EngineConfig(theme={"primaryColor": "x"}), Runtime(), [], compressed=False)


# -- in Chromium ---------------------------------------------------------------------------------------------------

PAGE = """
import porch as st
st.button("Main", type="primary")
st.markdown("Some [link](https://example.com) and :red[red]")
st.text(f"type={st.context.theme.type}")
st.sidebar.button("Side", type="primary")
st.sidebar.text("in the sidebar")
"""


def computed(page: Any, selector: str, prop: str) -> str:
    value: str = page.locator(selector).first.evaluate(f"(node) => getComputedStyle(node)[{prop!r}]")
    return value


@pytest.mark.browser
def test_the_configured_colours_font_and_radius_are_on_the_page(browser: Any) -> None:
    config = {"primaryColor": "#ff4b4b", "backgroundColor": "#fdf6e3", "textColor": "#073642", "font": "serif",
              "baseRadius": "none", "linkColor": "#008080", "redColor": "#aa0000"}
    context = browser.new_context(color_scheme="dark")
    try:
        with running_engine(PAGE, theme=config) as server:
            page = open_app(context, server.url)
            assert computed(page, "body", "backgroundColor") == rgb("#fdf6e3")
            assert computed(page, "body", "color") == rgb("#073642")
            assert computed(page, "body", "fontFamily").startswith("ui-serif, Georgia")
            main_button = "#porch-main .btn[data-variant='primary']"
            assert computed(page, main_button, "backgroundColor") == rgb("#ff4b4b")
            assert computed(page, main_button, "color") == rgb("#ffffff")
            assert computed(page, main_button, "borderTopLeftRadius") == "0px"
            assert computed(page, ".markdown-body a", "color") == rgb("#008080")
            red = computed(page, ".porch-fg-red", "color")
            assert red == page.evaluate("""() => { const probe = document.createElement('span');
                probe.style.color = 'color-mix(in srgb, #aa0000 80%, #073642)'; document.body.append(probe);
                const colour = getComputedStyle(probe).color; probe.remove(); return colour; }""")
            page.get_by_text("type=light", exact=True).wait_for()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("base", "system"), [("dark", "light"), ("light", "dark")])
def test_a_base_shows_its_palette_whatever_the_system_prefers(browser: Any, base: str, system: str) -> None:
    palette = DARK if base == "dark" else LIGHT
    context = browser.new_context(color_scheme=system)
    try:
        with running_engine(PAGE, theme={"base": base}) as server:
            page = open_app(context, server.url)
            assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") == (system == "dark")
            assert computed(page, "body", "backgroundColor") == rgb(palette["--bg"])
            assert computed(page, "body", "color") == rgb(palette["--fg"])
            button = "#porch-main .btn[data-variant='primary']"
            assert computed(page, button, "backgroundColor") == rgb(palette["--accent"])
            assert computed(page, "html", "colorScheme") == base
            page.get_by_text(f"type={base}", exact=True).wait_for()
    finally:
        context.close()


@pytest.mark.browser
def test_the_sidebar_has_its_own_colours(browser: Any) -> None:
    config = {"sidebar": {"backgroundColor": "#112233", "textColor": "#eeeeee", "primaryColor": "#00aa55"}}
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 800})
    try:
        with running_engine(PAGE, theme=config) as server:
            page = open_app(context, server.url)
            assert computed(page, "#porch-sidebar", "backgroundColor") == rgb("#112233")
            assert computed(page, "#porch-sidebar .text-body", "color") == rgb("#eeeeee")
            assert computed(page, "#porch-sidebar .btn[data-variant='primary']", "backgroundColor") == rgb("#00aa55")
            main_button = "#porch-main .btn[data-variant='primary']"
            assert computed(page, main_button, "backgroundColor") == rgb(LIGHT["--accent"])
            assert computed(page, "body", "backgroundColor") == rgb(LIGHT["--bg"])
    finally:
        context.close()


@pytest.mark.browser
def test_charts_draw_with_the_primary_and_the_categorical_colours(browser: Any) -> None:
    source = "import porch as st\nst.line_chart({'a': [1, 3, 2]})\n"
    context = browser.new_context(color_scheme="light")
    try:
        for config, first in (({"primaryColor": "#ff4b4b"}, "#ff4b4b"),
                              ({"primaryColor": "#ff4b4b", "chartCategoricalColors": ["#123456", "#654321"]},
                               "#123456")):
            with running_engine(source, theme=config) as server:
                page = open_app(context, server.url)
                line = page.locator(".chart-view .mark-line path").first
                line.wait_for()
                assert line.evaluate("(path) => getComputedStyle(path).stroke") == rgb(first)
                page.close()
    finally:
        context.close()
