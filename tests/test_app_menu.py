"""The app menu (the "⋮" at the top right, Streamlit 1.67's main menu): its items for each ``client.toolbarMode``,
the entries ``set_page_config(menu_items=...)`` adds, what each item does, its keyboard use, and the server's side:
the ``toolbar_mode`` setting, and Clear cache / Auto rerun honoured only where the page's menu offers them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import ProtocolClient, running_engine
from porch import app_menu
from porch.interfaces import Handshake, Runtime
from support import app

MENU_ITEMS = (
    'st.set_page_config(menu_items={"Get help": "https://example.com/help", "report a BUG": "mailto:bugs@example.com",'
    ' "About": """\n    # Hello\n    This is *about*."""})\n'
)


def counted_app(counter: Path, extra: str = "") -> str:
    """An app whose cached function counts its calls in ``counter``: what it shows changes only when it recomputes."""
    counter.write_text("0")
    return (
        "import pathlib\nimport porch as st\n" + extra
        + "@st.cache_data\ndef computed():\n"
        f"    path = pathlib.Path({str(counter)!r})\n"
        "    calls = int(path.read_text()) + 1\n    path.write_text(str(calls))\n    return calls\n"
        "st.write(f'computed {computed()}')\nst.text_input('name')\n"
    )


# -- settings and set_page_config (AppTest) ----------------------------------------------------------------------------


def test_menu_items_travel_with_the_page_checked_as_streamlit_checks_them() -> None:
    at = app(MENU_ITEMS)
    assert at.page["menu_items"] == {
        "get_help": "https://example.com/help",
        "report_bug": "mailto:bugs@example.com",
        "about": "<h1>Hello</h1>\n<p>This is <em>about</em>.</p>\n",  # rendered as markdown renders it
    }
    assert app('st.set_page_config(menu_items={"About": None, "Get help": "https://a.example"})').page[
        "menu_items"] == {"get_help": "https://a.example"}, "an entry given None is left out"
    replaced = app(MENU_ITEMS + 'st.set_page_config(menu_items={"About": "Second"})')
    assert replaced.page["menu_items"] == {"about": "<p>Second</p>\n"}, "a later call replaces the entries"
    bad_key = app('st.set_page_config(menu_items={"Settings": "x"})')
    assert "Supported values: 'Get help', 'Report a bug', 'About'" in bad_key.exception[0].message
    assert "`settings` is not a supported menu item key" in bad_key.exception[0].message
    for url in ("notaurl", "ftp://example.com", "javascript:alert(1)", "https://"):
        refused = app(f"st.set_page_config(menu_items={{'Get help': {url!r}}})")
        assert f'"{url}" is not a valid URL' in refused.exception[0].message, url
        assert "menu_items" not in refused.page


def test_the_menu_message_says_the_mode_and_set_option_changes_it_from_the_next_run() -> None:
    """Under AppTest the client is on the same machine, so "auto" shows the developer's items; ``set_option`` takes
    Streamlit's four values in any case and refuses others with Streamlit's message."""
    at = app(
        "mode = st.session_state.get('mode')\n"
        "if mode:\n    st.set_option('client.toolbarMode', mode)\n"
        "st.text(st.get_option('client.toolbarMode'))\n"
    )
    menus = [m for m in at.messages if m["type"] == "menu"]
    assert [(m["mode"], m["watching"], m["auto_rerun"]) for m in menus] == [("developer", False, True)]
    assert menus[0]["version"] == __import__("porch").__version__
    at.session_state["mode"] = "Viewer"
    at.run()
    at.run()
    assert [m["mode"] for m in at.messages if m["type"] == "menu"] == ["developer", "viewer"], "once, when it changed"
    at.session_state["mode"] = "everything"
    at.run()
    assert "expects to have one of the following values: auto, developer, viewer, minimal" in \
        at.exception[0].message


def test_toolbar_mode_comes_from_porchs_setting_and_streamlits_option(tmp_path: Path) -> None:
    """``toolbar_mode`` in ``.porch/config.toml`` (``PORCH_TOOLBAR_MODE``, ``--toolbar-mode``) or Streamlit's
    ``client.toolbarMode`` from its config files, variables and flags; ``get_option`` reads it back."""
    from porch.shell import settings as launch_settings
    from porch.shell.cli import _cli_settings, build_parser
    from porch.shell.errors import LaunchError
    from porch.shell.serve import engine_config
    from porch.shell.streamlit_config import split_flags

    assert launch_settings.load(tmp_path, {}, environ={}).toolbar_mode == "auto"
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text('[client]\ntoolbarMode = "Minimal"\n')
    settings = launch_settings.load(tmp_path, {}, environ={})
    assert (settings.toolbar_mode, settings.streamlit_options["client.toolbarMode"]) == ("minimal", "Minimal")
    assert not any("toolbarMode" in notice for notice in settings.notices), "applied, so not noted"
    assert launch_settings.load(tmp_path, {}, environ={"STREAMLIT_CLIENT_TOOLBAR_MODE": "viewer"}).toolbar_mode \
        == "viewer"
    assert launch_settings.load(tmp_path, {}, environ={"PORCH_TOOLBAR_MODE": "developer"}).toolbar_mode == "developer"
    argv, flags = split_flags(["run", "app.py", "--client.toolbarMode", "viewer"])
    args = build_parser().parse_args(argv)
    args.streamlit_flags = flags
    assert launch_settings.load(tmp_path, _cli_settings(args), environ={}).toolbar_mode == "viewer"
    args = build_parser().parse_args(["run", "app.py", "--toolbar-mode", "developer"])
    assert launch_settings.load(tmp_path, _cli_settings(args), environ={}).toolbar_mode == "developer"
    (tmp_path / ".porch").mkdir()
    (tmp_path / ".porch" / "config.toml").write_text('toolbar_mode = "viewer"\n')
    settings = launch_settings.load(tmp_path, {}, environ={})
    assert (settings.toolbar_mode, settings.source("toolbar_mode")) == (
        "viewer", str(tmp_path / ".porch" / "config.toml"))
    assert "toolbar_mode" in launch_settings.describe(settings)
    with pytest.raises(LaunchError, match="toolbar_mode must be one of auto, developer, viewer, minimal"):
        launch_settings.load(tmp_path, {}, environ={"PORCH_TOOLBAR_MODE": "everything"})
    (tmp_path / ".porch" / "config.toml").unlink()
    (tmp_path / ".streamlit" / "config.toml").write_text('[client]\ntoolbarMode = "all"\n')
    with pytest.raises(LaunchError, match="client.toolbarMode = 'all' is not a valid value"):
        launch_settings.load(tmp_path, {}, environ={})
    (tmp_path / ".streamlit" / "config.toml").write_text('[client]\ntoolbarMode = "viewer"\n')
    source = "import porch as st\nst.text(st.get_option('client.toolbarMode'))\n"
    launched = engine_config(launch_settings.load(tmp_path, {}, environ={}))
    with running_engine(source, **_menu_config(launched)) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        assert client.texts() == ["viewer"]
        assert shown_menu(client)["mode"] == "viewer"


def shown_menu(client: ProtocolClient) -> dict[str, Any]:
    """The last ``menu`` message the client was sent (it comes with a run's start, read already)."""
    menus = [m for m in client.view.messages if m["type"] == "menu"]
    assert menus, "no menu message"
    return menus[-1]


def test_an_engine_given_a_toolbar_mode_it_does_not_know_refuses_to_start() -> None:
    from porch.api.options import engine_options
    from porch.config import EngineConfig

    with pytest.raises(ValueError, match="expects to have one of the following values: auto, developer, viewer"):
        engine_options(EngineConfig(toolbar_mode="all"), Runtime(), [], compressed=False)
    assert engine_options(EngineConfig(toolbar_mode="Viewer"), Runtime(), [], compressed=False)[
        "client.toolbarMode"] == "viewer"


def _menu_config(config: Any) -> dict[str, Any]:
    return {"toolbar_mode": config.toolbar_mode, "streamlit_options": config.streamlit_options}


def test_auto_counts_a_client_as_local_as_streamlit_does_by_its_host_name() -> None:
    """The shells' own clients are local; in headless, a loopback connection is, when its Host and Origin name this
    machine (a reverse proxy on the machine passes its visitors' Origin on, so they stay viewers)."""
    headless = Runtime(mode="headless", local_client=False)

    def local(remote: str | None, *headers: tuple[str, str]) -> bool:
        return app_menu.is_local_client(headless, Handshake(headers=headers, remote_ip=remote))

    assert app_menu.is_local_client(Runtime(mode="desktop", local_client=True), Handshake())
    assert local("127.0.0.1", ("Host", "127.0.0.1:8501"), ("Origin", "http://127.0.0.1:8501"))
    assert local("::1", ("Host", "localhost:8501"), ("Origin", "http://localhost:8501"))
    assert local("::ffff:127.0.0.1", ("Host", "[::1]:8501"))
    assert not local("127.0.0.1", ("Host", "127.0.0.1:8501"), ("Origin", "https://app.example.com")), "a proxy"
    assert not local("127.0.0.1", ("Host", "app.example.com"), ("Origin", "https://app.example.com"))
    assert not local("203.0.113.9", ("Host", "localhost:8501"), ("Origin", "http://localhost:8501"))
    assert not local(None, ("Host", "localhost"))
    assert app_menu.shown_mode({"client.toolbarMode": "auto"}, headless, Handshake(remote_ip="203.0.113.9")) == \
        "viewer"


# -- the server's side, over a real socket -------------------------------------------------------------------------


def test_clear_cache_and_auto_rerun_are_refused_where_the_menu_does_not_offer_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A viewer's page has no Clear cache: the server refuses the message whatever the client sends, says why to
    the client each time and to the log once; the cache stays."""
    caplog.set_level(logging.WARNING, logger="porch.session")
    with running_engine(counted_app(tmp_path / "calls"), toolbar_mode="viewer") as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        assert shown_menu(client)["mode"] == "viewer"
        for _ in range(2):
            client.send({"type": "clear_cache"})
            refusal = client.until(lambda m: m["type"] == "error")
            assert refusal["code"] == "not_offered"
            assert "Clear cache" in refusal["message"] and "toolbar_mode" in refusal["message"]
        client.send({"type": "run_on_save", "enabled": False})
        assert "Auto rerun" in client.until(lambda m: m["type"] == "error" and m["code"] == "not_offered")["message"]
        client.send({"type": "rerun", "widgets": {}})
        client.until_finished()
        assert client.texts()[0] == "computed 1", "the cache was not cleared"
        logged = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
        assert len(logged) == 1 and "toolbar_mode" in logged[0]
        for bad in ({"type": "clear_cache", "all": True}, {"type": "run_on_save", "enabled": "yes"},
                    {"type": "run_on_save"}):
            client.send(bad)
            assert client.until(lambda m: m["type"] == "error")["code"] == "bad_message"


@pytest.mark.parametrize("isolation", ["thread", "process"])
def test_clear_cache_empties_the_caches_where_the_menu_offers_it(tmp_path: Path, isolation: str) -> None:
    """In the server's process, or in the session's own (``isolation = "process"``: the caches its script fills).
    The session's ``session_state`` is cleared with them, as Streamlit's Clear cache clears it."""
    counter = tmp_path / "calls"
    visits = ("st.session_state.visits = st.session_state.get('visits', 0) + 1\n"
              "st.write(f'visit {st.session_state.visits}')\n")
    # "auto", and a client on loopback: the developer's items
    with running_engine(counted_app(counter, visits), isolation=isolation) as server:
        client = ProtocolClient(server.ws_url, first_frame_timeout=60)
        client.until_finished(timeout=60)
        assert shown_menu(client)["mode"] == "developer"
        client.send({"type": "rerun", "widgets": {}})
        client.until_finished()
        assert client.texts()[:2] == ["visit 2", "computed 1"], "cached, and the state kept"
        client.send({"type": "clear_cache"})
        client.send({"type": "rerun", "widgets": {}})
        client.until_finished()
        assert client.texts()[:2] == ["visit 1", "computed 2"], "recomputed, the state cleared"
        assert not any(m["type"] == "error" for m in client.view.messages)


def test_auto_rerun_off_keeps_a_session_from_rerunning_when_the_script_changes(tmp_path: Path) -> None:
    with running_engine("import porch as st\nst.write('hello')\n") as server:
        server.call(lambda: server.engine.options.update({"server.runOnSave": True}))  # as serve() with a watcher
        quiet, watching = ProtocolClient(server.ws_url), ProtocolClient(server.ws_url)
        for client in (quiet, watching):
            client.until_finished()
            assert shown_menu(client)["watching"] is True
        quiet.send({"type": "run_on_save", "enabled": False})
        assert quiet.until(lambda m: m["type"] == "menu")["auto_rerun"] is False
        server.call(server.engine.sessions.rerun_all)
        assert watching.until_finished()["run"] == 2
        quiet.send({"type": "rerun", "widgets": {}})
        assert quiet.until_finished()["run"] == 2, "its own rerun is run 2: the script's change did not rerun it"


# -- the menu in Chromium -------------------------------------------------------------------------------------------


def open_app(context: Any, url: str) -> Any:
    page = context.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-run", "finished")
    return page


def items(page: Any) -> list[str]:
    """The keys of the menu's items, in order (the menu opened and closed again)."""
    page.locator("#porch-menu-button").click()
    expect(page.locator("#porch-menu-list")).to_be_visible()
    keys: list[str] = page.eval_on_selector_all(
        "#porch-menu-list [data-item]", "nodes => nodes.map(n => n.dataset.item)")
    page.keyboard.press("Escape")
    expect(page.locator("#porch-menu-list")).to_be_hidden()
    return keys


THEMES = ["theme-system", "theme-light", "theme-dark"]


@pytest.mark.browser
def test_the_developers_menu_each_item_and_the_keyboard(context: Any, tmp_path: Path) -> None:
    from browser_checks import off_origin, watched

    with running_engine(counted_app(tmp_path / "calls", MENU_ITEMS)) as server:
        page = context.new_page()
        seen = watched(page)
        page.emulate_media(color_scheme="light")
        page.goto(server.url)
        body = page.locator("body")
        expect(body).to_have_attribute("data-run", "finished")
        assert items(page) == [*THEMES, "rerun", "clear-cache", "print", "screencast", "about", "report", "help"]

        # The keyboard: the button opens with focus on the first item; arrows, Home and End move; Escape closes.
        button = page.locator("#porch-menu-button")
        expect(button).to_have_attribute("aria-haspopup", "menu")
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        focused = "document.activeElement.dataset.item || document.activeElement.id"
        assert page.evaluate(focused) == "theme-system"
        page.keyboard.press("ArrowDown")
        assert page.evaluate(focused) == "theme-light"
        page.keyboard.press("End")
        assert page.evaluate(focused) == "help"
        page.keyboard.press("ArrowDown")
        assert page.evaluate(focused) == "theme-system", "round the end"
        page.keyboard.press("ArrowUp")
        assert page.evaluate(focused) == "help"
        page.keyboard.press("Home")
        assert page.evaluate(focused) == "theme-system"
        page.keyboard.press("Escape")
        expect(page.locator("#porch-menu-list")).to_be_hidden()
        assert page.evaluate(focused) == "porch-menu-button"
        page.keyboard.press("ArrowDown")
        expect(page.locator("#porch-menu-list")).to_be_visible()
        expect(page.locator("#porch-menu-list .porch-menu-version")).to_have_text(
            f"Made with Porch v{__import__('porch').__version__}")
        expect(page.locator("[data-item=rerun] kbd")).to_have_text("R")
        expect(page.locator("[data-item=clear-cache] kbd")).to_have_text("C")

        # The app's links open in a new tab, and only where the app said.
        for key, href in (("help", "https://example.com/help"), ("report", "mailto:bugs@example.com")):
            link = page.locator(f"a[data-item={key}]")
            expect(link).to_have_attribute("href", href)
            expect(link).to_have_attribute("target", "_blank")
            expect(link).to_have_attribute("rel", "noopener noreferrer")

        # Rerun, from the menu and with R (not while typing in a field).
        page.locator("[data-item=rerun]").click()
        expect(body).to_have_attribute("data-run-count", "2")
        expect(body).to_have_attribute("data-run", "finished")
        page.keyboard.press("r")
        expect(body).to_have_attribute("data-run-count", "3")
        expect(body).to_have_attribute("data-run", "finished")
        field = page.get_by_label("name")
        field.fill("r")
        field.press("r")
        expect(field).to_have_value("rr")
        field.blur()

        # Clear cache with C: Streamlit's confirmation; Cancel keeps the cache, Clear caches empties it.
        expect(page.get_by_text("computed 1")).to_be_visible()
        page.keyboard.press("c")
        dialog = page.locator("dialog[data-dialog=clear-cache]")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("Are you sure you want to clear the app's function caches?")
        assert page.evaluate("document.activeElement.textContent") == "Cancel"
        page.keyboard.press("Enter")
        expect(dialog).to_have_count(0)
        page.locator("#porch-menu-button").click()
        page.locator("[data-item=clear-cache]").click()
        page.get_by_role("button", name="Clear caches").click()
        expect(dialog).to_have_count(0)
        page.keyboard.press("r")
        expect(page.get_by_text("computed 2")).to_be_visible()

        # About: the app's markdown as markdown shows it, and Porch's version.
        page.locator("#porch-menu-button").click()
        page.locator("[data-item=about]").click()
        about = page.locator("dialog[data-dialog=about]")
        expect(about.locator(".markdown h1")).to_have_text("Hello")
        expect(about.locator(".markdown em")).to_have_text("about")
        expect(about).to_contain_text("Made with Porch v")
        page.keyboard.press("Escape")
        expect(about).to_have_count(0)

        # Print, once the run has ended.
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        page.locator("#porch-menu-button").click()
        page.locator("[data-item=print]").click()
        page.wait_for_function("() => window.__printed === 1")
        assert not off_origin(seen["requests"], server.url) and not seen["errors"]


@pytest.mark.browser
def test_the_theme_choice_holds_over_a_reload(context: Any) -> None:
    with running_engine("import porch as st\nst.write('themed')\n") as server:
        page = open_app(context, server.url)
        scheme = "getComputedStyle(document.documentElement).getPropertyValue('--scheme').trim()"
        background = "getComputedStyle(document.body).backgroundColor"
        light = page.evaluate(background)
        assert page.evaluate(scheme) == "light"
        page.locator("#porch-menu-button").click()
        page.locator("[data-item=theme-dark]").click()
        expect(page.locator("[data-item=theme-dark]")).to_have_attribute("aria-checked", "true")
        expect(page.locator("#porch-menu-list")).to_be_visible()  # a theme choice leaves the menu open
        assert page.evaluate(scheme) == "dark" and page.evaluate(background) != light
        page.reload()
        expect(page.locator("body")).to_have_attribute("data-run", "finished")
        page.wait_for_function(f"() => {scheme} === 'dark'")  # kept for the app's address: menu.js loads at once
        page.locator("#porch-menu-button").click()
        page.locator("[data-item=theme-system]").click()
        assert page.evaluate(scheme) == "light" and page.evaluate(background) == light


@pytest.mark.browser
def test_a_viewers_menu_has_no_developer_items_and_c_does_nothing(context: Any, tmp_path: Path) -> None:
    """Nor a theme choice when the app sets its own [theme], as Streamlit offers one theme then."""
    source = counted_app(tmp_path / "calls")
    with running_engine(source, toolbar_mode="viewer", theme={"primaryColor": "#ff4b4b"}) as server:
        page = open_app(context, server.url)
        assert items(page) == ["print", "screencast"]  # Record screen: tests/test_app_menu_screencast.py
        page.keyboard.press("c")
        page.keyboard.press("r")  # R reruns in every mode, as Streamlit's
        expect(page.locator("body")).to_have_attribute("data-run-count", "2")
        expect(page.locator("dialog")).to_have_count(0)


@pytest.mark.browser
def test_a_minimal_menu_shows_only_the_apps_entries_and_none_without_them(context: Any) -> None:
    script = "import porch as st\nif st.query_params.get('items'):\n    " + MENU_ITEMS.replace("\n", "\n    ") + \
        "\nst.write('minimal')\n"
    with running_engine(script, toolbar_mode="minimal") as server:
        page = open_app(context, server.url)
        expect(page.locator("#porch-menu")).to_be_hidden()
        page.goto(server.url + "?items=1")
        expect(page.locator("body")).to_have_attribute("data-run", "finished")
        assert items(page) == [*THEMES, "report", "help", "about"]


@pytest.mark.browser
def test_set_option_changes_the_menu_from_the_next_run(context: Any) -> None:
    script = (
        "import porch as st\n"
        "if st.button('quiet'):\n    st.set_option('client.toolbarMode', 'minimal')\n"
        "if st.button('loud'):\n    st.set_option('client.toolbarMode', 'developer')\n"
    )
    with running_engine(script) as server:
        page = open_app(context, server.url)
        expect(page.locator("#porch-menu")).to_be_visible()
        for button, run, shown in (("quiet", 2, False), ("loud", 4, True)):
            page.get_by_role("button", name=button).click()
            finished(page, run)  # R during the run would end it before its set_option
            page.keyboard.press("r")
            finished(page, run + 1)
            menu = expect(page.locator("#porch-menu"))
            if shown:
                menu.to_be_visible()
            else:
                menu.to_be_hidden()
        assert "rerun" in items(page)


def finished(page: Any, run: int) -> None:
    """Wait for run number ``run`` to have finished."""
    page.wait_for_function(
        f"() => document.body.dataset.runCount === '{run}' && document.body.dataset.run === 'finished'")
