"""st.get_option and st.set_option: Streamlit's option names, answered from the engine where Porch has the option and
with Streamlit 1.67's defaults otherwise; only Streamlit's run-time options may be set, for every session of the app."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

import porch
from engine_harness import ProtocolClient, running_engine
from porch.api import options as options_module
from porch.testing import AppTest


@pytest.fixture(autouse=True)
def no_process_options(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Options outside a run belong to the engine started last: none of another test's."""
    monkeypatch.setattr(options_module, "process", {})
    yield


def shown(source: str) -> list[str]:
    at = AppTest.from_string("import porch as st\n" + source).run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    values: list[str] = at.text.values
    return values


def test_streamlits_defaults_for_the_options_porch_does_not_have() -> None:
    assert shown(
        "for key in ('theme.primaryColor', 'theme.sidebar.font', 'client.showErrorDetails', 'client.toolbarMode',"
        " 'runner.magicEnabled', 'server.enableCORS', 'server.maxMessageSize', 'browser.gatherUsageStats'):\n"
        "    st.text(f'{key}={st.get_option(key)!r}')"
    ) == [
        "theme.primaryColor=None",
        "theme.sidebar.font=None",
        "client.showErrorDetails='full'",
        "client.toolbarMode='auto'",
        "runner.magicEnabled=True",
        "server.enableCORS=True",
        "server.maxMessageSize=200",
        "browser.gatherUsageStats=True",
    ]


def test_apptest_has_streamlits_server_defaults_and_says_it_is_a_test() -> None:
    assert shown("st.text(repr([st.get_option(k) for k in ('server.port', 'global.appTest', 'server.baseUrlPath')]))") \
        == ["[8501, True, '']"]


def test_an_unknown_key_is_an_error_naming_it() -> None:
    with pytest.raises(RuntimeError, match='Config key "server.nope" not defined'):
        porch.get_option("server.nope")
    with pytest.raises(porch.PorchAPIError, match="key must be a string"):
        porch.get_option(8501)  # type: ignore[arg-type]


def test_a_default_is_a_copy() -> None:
    porch.get_option("server.folderWatchList").append("/tmp")
    assert porch.get_option("server.folderWatchList") == []


def test_the_log_level_is_porchs() -> None:
    logger = logging.getLogger("porch")
    level = logger.level
    try:
        logger.setLevel(logging.WARNING)
        assert porch.get_option("logger.level") == "warning"
    finally:
        logger.setLevel(level)


def test_set_option_takes_streamlits_run_time_options_and_get_option_reads_them_back() -> None:
    source = (
        "st.set_option('client.showErrorDetails', 'type')\n"
        "st.set_option('client.toolbarMode', 'minimal')\n"
        "st.set_option('client.showSidebarNavigation', False)\n"
        "st.text(repr([st.get_option(k) for k in ('client.showErrorDetails', 'client.toolbarMode', "
        "'client.showSidebarNavigation')]))"
    )
    assert shown(source) == ["['type', 'minimal', False]"]
    assert shown("st.text(st.get_option('client.showErrorDetails'))") == ["full"], "each AppTest has its own options"


@pytest.mark.parametrize(
    "key, message",
    [
        ("server.port", "server.port cannot be set on the fly: start the app with --port"),
        ("server.maxUploadSize", "start the app with --max-upload-mb"),
        ("theme.primaryColor", "theme.primaryColor cannot be set on the fly: set it in .streamlit/config.toml"),
        ("runner.magicEnabled", "client.showErrorDetails, client.showSidebarNavigation, client.toolbarMode"),
        ("server.nope", "Unrecognized config option: server.nope"),
    ],
)
def test_set_option_refuses_launch_settings_and_unknown_keys(key: str, message: str) -> None:
    at = AppTest.from_string(f"import porch as st\nst.set_option({key!r}, 1)").run()
    assert at.exception[0].props["type"] == "PorchAPIError" and message in at.exception[0].message


def test_an_engine_answers_with_its_own_settings() -> None:
    source = (
        "import porch as st\n"
        "for key in ('server.port', 'browser.serverPort', 'server.address', 'server.baseUrlPath', "
        "'server.maxUploadSize', 'server.headless', 'server.disconnectedSessionTTL', 'server.enableXsrfProtection', "
        "'server.websocketPingInterval'):\n"
        "    st.text(f'{key}={st.get_option(key)!r}')\n"
    )
    megabytes = 1024 * 1024
    with running_engine(source, base_path="/apps/prices", max_upload_bytes=50 * megabytes, session_ttl=30.0) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        assert client.texts() == [
            f"server.port={server.port}",
            f"browser.serverPort={server.port}",
            "server.address='127.0.0.1'",
            "server.baseUrlPath='apps/prices'",
            "server.maxUploadSize=50",
            "server.headless=True",
            "server.disconnectedSessionTTL=30",
            "server.enableXsrfProtection=True",
            "server.websocketPingInterval=20",
        ]
        assert options_module.get_option("server.port") == server.port, "outside a run: the engine started last"


def test_set_option_changes_the_option_for_every_session_of_the_app() -> None:
    source = (
        "import porch as st\n"
        "if st.button('set'):\n"
        "    st.set_option('client.toolbarMode', 'viewer')\n"
        "st.text(st.get_option('client.toolbarMode'))\n"
    )
    with running_engine(source) as server:
        first, second = ProtocolClient(server.ws_url), ProtocolClient(server.ws_url)
        first.until_finished()
        second.until_finished()
        first.send({"type": "rerun", "widgets": {}, "trigger": first.widget("button")})
        first.until(lambda m: m["type"] == "run" and m["state"] == "finished" and m["run"] == 2)
        assert first.texts() == ["viewer"]
        second.send({"type": "rerun", "widgets": {}})
        second.until(lambda m: m["type"] == "run" and m["state"] == "finished" and m["run"] == 2)
        assert second.texts() == ["viewer"]


def test_run_on_save_is_what_the_launch_does() -> None:
    import asyncio

    from porch.config import EngineConfig
    from porch.engine import Engine
    from porch.interfaces import Runtime
    from porch.script import Script
    from porch.shell.serve import bind, serve

    async def launch(run_on_save: bool) -> object:
        engine = Engine(Script.from_string("", name="<t>"), EngineConfig(), Runtime())
        sockets, _ = bind("127.0.0.1", 0)
        stop = asyncio.Event()
        stop.set()
        await serve(engine, sockets, stop_event=stop, run_on_save=run_on_save)
        return engine.options["server.runOnSave"]

    from concurrent.futures import ThreadPoolExecutor

    # On a thread of its own: the browser tests' Playwright keeps an event loop running on this one.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, launch(False)).result(30) is False
        assert pool.submit(asyncio.run, launch(True)).result(30) is True


def test_the_options_porch_does_not_have_answer_with_what_the_launch_set(tmp_path: Path) -> None:
    """As in Streamlit: ``.streamlit/config.toml``, then ``STREAMLIT_*`` variables, then ``--section.option`` flags;
    a flag's or a variable's text is read as the option's type."""
    from porch.shell import settings as launch_settings
    from porch.shell.cli import _cli_settings, build_parser
    from porch.shell.serve import engine_config
    from porch.shell.streamlit_config import split_flags

    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text(
        '[client]\ntoolbarMode = "minimal"\nshowErrorDetails = "none"\nshowSidebarNavigation = false\n'
        "[runner]\nmagicEnabled = false\n[server]\nenableCORS = false\nenableXsrfProtection = false\n"
        '[mapbox]\ntoken = "from-file"\n'
    )
    environ = {"STREAMLIT_CLIENT_TOOLBAR_MODE": "viewer", "STREAMLIT_SERVER_MAX_MESSAGE_SIZE": "64",
               "STREAMLIT_MAPBOX_TOKEN": "from-env"}
    argv, flags = split_flags(["run", "app.py", "--mapbox.token", "from-flag", "--runner.fastReruns=false"])
    args = build_parser().parse_args(argv)
    args.streamlit_flags = flags
    settings = launch_settings.load(tmp_path, _cli_settings(args), environ=environ)
    assert settings.source("streamlit_options").endswith("+ command line")
    assert "client.showSidebarNavigation" in settings.notices[0] and "st.get_option" in settings.notices[0]
    assert "client.toolbarMode" not in settings.notices[0], "applied (the app menu), so not noted"
    assert settings.toolbar_mode == "viewer"
    source = (
        "import porch as st\n"
        "for key in ('client.toolbarMode', 'client.showErrorDetails', 'client.showSidebarNavigation', "
        "'runner.magicEnabled', 'runner.fastReruns', 'server.enableCORS', 'server.maxMessageSize', 'mapbox.token', "
        "'server.enableXsrfProtection', 'logger.enableRich'):\n"
        "    st.text(f'{key}={st.get_option(key)!r}')\n"
    )
    config = engine_config(settings)
    with running_engine(source, streamlit_options=config.streamlit_options) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        assert client.texts() == [
            "client.toolbarMode='viewer'",  # the variable over the file
            "client.showErrorDetails='none'",
            "client.showSidebarNavigation=False",
            "runner.magicEnabled=False",
            "runner.fastReruns=False",  # a flag's text, read as a bool
            "server.enableCORS=False",
            "server.maxMessageSize=64",  # a variable's text, read as an int
            "mapbox.token='from-flag'",  # the flag over the variable and the file
            "server.enableXsrfProtection=True",  # an option Porch has answers with what the engine does
            "logger.enableRich=False",  # set nowhere: Streamlit's default
        ]


def test_streamlits_global_and_working_directory_config_files_are_read_in_streamlits_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit 1.67 reads ``~/.streamlit/config.toml``, then ``.streamlit/config.toml`` in the working directory,
    then the app's, then ``STREAMLIT_*`` variables, then flags, each over the ones before, for the launch (port,
    theme...) as for ``get_option``: so does Porch, all beneath Porch's own files."""
    from porch.shell import settings as launch_settings
    from porch.shell.serve import engine_config

    home, work, app = tmp_path / "home", tmp_path / "work", tmp_path / "app"
    for folder in (home, work, app):
        (folder / ".streamlit").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(work)
    (home / ".streamlit" / "config.toml").write_text(
        '[client]\ntoolbarMode = "minimal"\nshowErrorDetails = "stacktrace"\n[runner]\nmagicEnabled = false\n'
        '[mapbox]\ntoken = "global"\n[server]\nport = 9999\nmaxMessageSize = "env:MESSAGE_SIZE"\n'
        '[theme]\nprimaryColor = "#ff0000"\n'
    )
    (work / ".streamlit" / "config.toml").write_text(
        '[client]\nshowErrorDetails = "type"\n[mapbox]\ntoken = "project"\n[runner]\nfastReruns = false\n'
        '[server]\nbaseUrlPath = "work"\n[theme]\nbase = "dark"\n'
    )
    (app / ".streamlit" / "config.toml").write_text('[client]\nshowErrorDetails = "none"\n[server]\nport = 8600\n')
    environ = {"STREAMLIT_RUNNER_FAST_RERUNS": "true", "MESSAGE_SIZE": "64"}

    settings = launch_settings.load(app, {}, environ=environ)
    assert settings.port == 8600, "the app's file over the global one"
    assert settings.base_path == "/work", "the working directory's file sets the launch too"
    assert settings.theme == {"primaryColor": "#ff0000", "base": "dark"}, "the global file's theme, and the working's"
    assert settings.source("theme") == " + ".join(
        [str(home / ".streamlit" / "config.toml"), str(work / ".streamlit" / "config.toml")])
    assert settings.source("streamlit_options") == " + ".join(
        [str(home / ".streamlit" / "config.toml"), str(work / ".streamlit" / "config.toml"),
         str(app / ".streamlit" / "config.toml"), "env STREAMLIT_RUNNER_FAST_RERUNS"])

    def answers(settings: launch_settings.Settings) -> list[str]:
        source = (
            "import porch as st\n"
            "for key in ('client.toolbarMode', 'client.showErrorDetails', 'runner.magicEnabled', 'runner.fastReruns',"
            " 'mapbox.token', 'server.maxMessageSize', 'theme.primaryColor'):\n"
            "    st.text(f'{key}={st.get_option(key)!r}')\n"
        )
        config = engine_config(settings)
        with running_engine(source, streamlit_options=config.streamlit_options, theme=config.theme) as server:
            client = ProtocolClient(server.ws_url)
            client.until_finished()
            return client.texts()

    assert answers(settings) == [
        "client.toolbarMode='minimal'",  # the global file
        "client.showErrorDetails='none'",  # the app's over the working directory's over the global one
        "runner.magicEnabled=False",
        "runner.fastReruns=True",  # the variable over the working directory's file
        "mapbox.token='project'",
        "server.maxMessageSize=64",  # "env:MESSAGE_SIZE", read as Streamlit reads it
        "theme.primaryColor='#ff0000'",  # the global file sets the app's look, as in Streamlit
    ]

    # An app with .porch/config.toml: Porch's own file over Streamlit's, which still set what it does not.
    (app / ".porch").mkdir()
    (app / ".porch" / "config.toml").write_text(
        "port = 9000\n[theme]\nbase = \"light\"\n[streamlit_options]\n\"mapbox.token\" = \"porch\"\n"
    )
    settings = launch_settings.load(app, {}, environ={})
    assert (settings.port, settings.base_path) == (9000, "/work")
    assert settings.theme == {"primaryColor": "#ff0000", "base": "light"}
    assert settings.streamlit_options["client.showErrorDetails"] == "none"
    assert settings.streamlit_options["mapbox.token"] == "porch", "Porch's own file over Streamlit's"

    # Run from the app's folder: its file is read once, as the app's.
    monkeypatch.chdir(app)
    settings = launch_settings.load(app, {}, environ={})
    assert settings.source("streamlit_options").count(str(app / ".streamlit" / "config.toml")) == 1


def test_show_error_details_comes_from_porchs_setting_and_streamlits_option(tmp_path: Path) -> None:
    """``show_error_details`` in ``.porch/config.toml`` (or ``PORCH_SHOW_ERROR_DETAILS``, ``--show-error-details``),
    or Streamlit's ``client.showErrorDetails`` from any of its config files, variables and flags (its legacy True
    is "full", False "stacktrace"); the later layer wins, and the engine's pages follow it."""
    from porch.shell import settings as launch_settings
    from porch.shell.errors import LaunchError
    from porch.shell.serve import engine_config

    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[client]\nshowErrorDetails = false\n")
    settings = launch_settings.load(tmp_path, {}, environ={})
    assert settings.show_error_details == "stacktrace"
    source = "import porch as st\nst.text(repr(st.get_option('client.showErrorDetails')))\n"
    config = engine_config(settings)
    with running_engine(source, show_error_details=config.show_error_details,
                        streamlit_options=config.streamlit_options) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        assert client.texts() == ["False"], "get_option answers with the value as given, as Streamlit's"
    assert not any("showErrorDetails" in notice for notice in settings.notices), "applied, so not noted"
    assert launch_settings.load(tmp_path, {}, environ={"STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "type"}) \
        .show_error_details == "type"
    assert launch_settings.load(tmp_path, {}, environ={"PORCH_SHOW_ERROR_DETAILS": "none"}).show_error_details \
        == "none"
    (tmp_path / ".porch").mkdir()
    (tmp_path / ".porch" / "config.toml").write_text('show_error_details = "type"\n')
    settings = launch_settings.load(tmp_path, {}, environ={})
    assert (settings.show_error_details, settings.source("show_error_details")) == (
        "type", str(tmp_path / ".porch" / "config.toml"))
    assert "show_error_details" in launch_settings.describe(settings)
    with pytest.raises(LaunchError, match="show_error_details must be one of full, stacktrace, type, none"):
        launch_settings.load(tmp_path, {}, environ={"PORCH_SHOW_ERROR_DETAILS": "some"})

    source = "import porch as st\nst.text(repr(st.get_option('client.showErrorDetails')))\nraise KeyError('secret')\n"
    with running_engine(source, **{"show_error_details": engine_config(settings).show_error_details}) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        assert client.texts() == ["'type'"]
        (shown,) = [node.props for root in client.view.tree.roots for node in root.children
                    if node.kind == "exception"]
        assert (shown["type"], shown["traceback"]) == ("KeyError", [])
        assert "secret" not in shown["message"] and "redacted" in shown["message"]
