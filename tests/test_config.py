"""Launch settings: defaults < .porch/config.toml beside the app < user-wide file < PORCH_* < command line."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from porch.config import EngineConfig
from porch.shell import settings as launch
from porch.shell.errors import LaunchError
from porch.shell.serve import engine_config
from shell_harness import clean_env


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An app folder and a private user config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PORCH_APP_NAME", raising=False)
    app = tmp_path / "app"
    (app / ".porch").mkdir(parents=True)
    user = tmp_path / "xdg" / "porch"
    user.mkdir(parents=True)
    return app, user


def test_defaults_with_no_files(dirs: tuple[Path, Path]) -> None:
    app, _ = dirs
    settings = launch.load(app, environ={})
    assert settings.shell == "desktop" and settings.port is None and settings.run_on_save is True
    assert settings.source("port") == "default"


def test_each_layer_overrides_the_one_before(dirs: tuple[Path, Path]) -> None:
    app, user = dirs
    (app / ".porch" / "config.toml").write_text('port = 1111\nbase_path = "/proj"\nsession_ttl = 5\ntoken = "p"\n')
    (user / "config.toml").write_text('port = 2222\nbase_path = "/user"\ntoken = "u"\n')
    env = {"PORCH_PORT": "3333", "PORCH_TOKEN": "e", "PORCH_BENCH_OTHER": "ignored"}
    settings = launch.load(app, {"port": 4444}, environ=env)
    assert settings.port == 4444 and settings.source("port") == "command line"
    assert settings.token == "e" and settings.source("token") == "env PORCH_TOKEN"
    assert settings.base_path == "/user" and settings.source("base_path") == str(user / "config.toml")
    assert settings.session_ttl == 5.0 and settings.source("session_ttl") == str(app / ".porch" / "config.toml")
    assert settings.shell == "desktop" and settings.source("shell") == "default"


def test_a_relative_file_setting_is_read_from_where_it_was_written(dirs: tuple[Path, Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    app, user = dirs
    (app / ".porch" / "config.toml").write_text('icon = "assets/icon.png"\n')
    assert launch.load(app, environ={}).path("icon", app) == app / "assets" / "icon.png"
    (user / "config.toml").write_text('icon = "mine.png"\n')
    assert launch.load(app, environ={}).path("icon", app) == user / "mine.png"
    monkeypatch.chdir(app.parent)
    assert launch.load(app, environ={"PORCH_ICON": "env.png"}).path("icon", app) == app.parent / "env.png"
    assert launch.load(app, {"icon": "cli.png"}, environ={}).path("icon", app) == app.parent / "cli.png"
    assert launch.load(app, {"icon": "/abs/icon.png"}, environ={}).path("icon", app) == Path("/abs/icon.png")
    assert launch.load(app, {"icon": ""}, environ={}).path("icon", app) is None


def test_a_missing_window_icon_is_a_one_line_error(dirs: tuple[Path, Path]) -> None:
    from porch.script import Script
    from porch.shell.desktop import window_icon

    app, _ = dirs
    (app / "app.py").write_text("import porch as st\n")
    (app / ".porch" / "config.toml").write_text('icon = "nowhere.png"\n')
    with pytest.raises(LaunchError) as error:
        window_icon(Script(app / "app.py"), launch.load(app, environ={}))
    assert str(error.value) == f"the window icon {app / 'nowhere.png'} is not a file (from {app / '.porch' / 'config.toml'})"


def test_env_values_are_parsed_by_type(dirs: tuple[Path, Path]) -> None:
    app, _ = dirs
    env = {"PORCH_RUN_ON_SAVE": "off", "PORCH_BEHIND_PROXY": "yes", "PORCH_ALLOWED_ORIGINS": "https://a, https://b",
           "PORCH_MAX_UPLOAD_MB": "1.5", "PORCH_MEDIA_MEMORY_MB": "8", "PORCH_SHELL": "headless"}
    settings = launch.load(app, environ=env)
    assert settings.run_on_save is False and settings.behind_proxy is True
    assert settings.allowed_origins == ("https://a", "https://b")
    assert settings.max_upload_mb == 1.5 and settings.shell == "headless"
    config = engine_config(settings)
    assert config.max_upload_bytes == int(1.5 * 1024 * 1024) and config.behind_proxy
    assert config.media_memory_bytes == 8 * 1024 * 1024


@pytest.mark.parametrize(
    ("file_text", "env", "message"),
    [
        ("prot = 1\n", {}, "unknown setting 'prot'"),
        ('port = "80"\n', {}, "port must be an integer"),
        ("port = [\n", {}, "cannot read"),
        ("", {"PORCH_PORT": "eighty"}, "PORCH_PORT='eighty' is not an integer"),
        ("", {"PORCH_RUN_ON_SAVE": "maybe"}, "PORCH_RUN_ON_SAVE='maybe'"),
        ('shell = "window"\n', {}, "shell must be one of desktop, headless, browser"),
    ],
)
def test_bad_settings_are_one_line_errors(dirs: tuple[Path, Path], file_text: str, env: dict[str, str],
                                          message: str) -> None:
    app, _ = dirs
    (app / ".porch" / "config.toml").write_text(file_text)
    with pytest.raises(LaunchError, match=message.replace("[", r"\[").replace("(", r"\(")):
        launch.load(app, environ=env)


def test_a_bundle_keeps_its_own_user_folder(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    app, user = dirs
    monkeypatch.setenv("PORCH_APP_NAME", "Prices")
    assert launch.user_file() == user.parent / "Prices" / "config.toml"


def test_engine_config_defaults() -> None:
    config = EngineConfig()
    assert config.xsrf_protection and config.drain_grace == 0.0 and config.max_upload_bytes == 200 * 1024 * 1024
    assert EngineConfig(base_path="/a/b/").normalized_base() == "/a/b"
    assert EngineConfig(base_path="/").normalized_base() == ""


def test_porch_config_show_prints_values_and_where_they_came_from(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / ".porch").mkdir(parents=True)
    (app / ".porch" / "config.toml").write_text("port = 9000\n")
    (app / "app.py").write_text("import porch as st\n")
    env = clean_env(tmp_path, PORCH_BASE_PATH="/x")
    result = subprocess.run(
        [sys.executable, "-m", "porch.shell.cli", "config", "show", str(app / "app.py"), "--headless",
         "--token", "secret"],
        capture_output=True, text=True, env=env, timeout=30, check=True,
    )
    lines = {line.split("=")[0].strip(): line for line in result.stdout.splitlines()}
    assert lines["port"].endswith(f"# {app / '.porch' / 'config.toml'}") and "9000" in lines["port"]
    assert '"/x"' in lines["base_path"] and lines["base_path"].endswith("# env PORCH_BASE_PATH")
    assert '"headless"' in lines["shell"] and lines["shell"].endswith("# command line")
    assert "secret" not in result.stdout and '"***"' in lines["token"]
    assert lines["session_ttl"].endswith("# default")


def test_streamlits_global_and_working_directory_files_set_the_launch(tmp_path: Path) -> None:
    """As ``streamlit run`` applies every config file it reads, ``porch run`` takes a server or theme option from the
    global ``~/.streamlit/config.toml`` and from the working directory's ``.streamlit/config.toml`` (over the global
    one), beneath the app's own files: ``porch config show`` says which file set it."""
    home, work, app = tmp_path / "home", tmp_path / "work", tmp_path / "app"
    for folder in (home, work, app):
        (folder / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "config.toml").write_text(
        '[server]\nport = 8765\naddress = "127.0.0.9"\nmaxUploadSize = 7\n[theme]\nprimaryColor = "#00aa00"\n'
    )
    (work / ".streamlit" / "config.toml").write_text('[server]\naddress = "127.0.0.8"\n[theme]\nbase = "dark"\n')
    (app / ".streamlit" / "config.toml").write_text("[server]\nmaxUploadSize = 9\n")
    (app / "app.py").write_text("import porch as st\n")
    result = subprocess.run(
        [sys.executable, "-m", "porch.shell.cli", "config", "show", str(app / "app.py")],
        capture_output=True, text=True, env=clean_env(tmp_path, HOME=str(home)), cwd=work, timeout=30, check=True,
    )
    lines = {line.split("=")[0].strip(): line for line in result.stdout.splitlines()}
    global_file, work_file = home / ".streamlit" / "config.toml", work / ".streamlit" / "config.toml"
    assert "8765" in lines["port"] and lines["port"].endswith(f"# {global_file}")
    assert '"127.0.0.8"' in lines["host"] and lines["host"].endswith(f"# {work_file}")
    assert "9" in lines["max_upload_mb"] and lines["max_upload_mb"].endswith(f"# {app / '.streamlit' / 'config.toml'}")
    assert "#00aa00" in lines["theme"] and '"dark"' in lines["theme"]


def test_every_setting_has_a_command_line_flag_made_from_it() -> None:
    """The flags are derived from the settings: each one's flag parses its type into the setting's own name, and its
    help is the setting's help, so a new setting cannot be missing from ``porch run --help``."""
    from porch.shell.cli import _cli_settings, build_parser

    samples: dict[type, tuple[list[str], object]] = {
        int: (["7"], 7), float: (["2.5"], 2.5), str: (["x"], "x"), list: (["a", "b"], ("a", "b")),
    }
    parser = build_parser()
    run = next(action for action in parser._subparsers._group_actions  # type: ignore[union-attr]
               if isinstance(action, argparse._SubParsersAction)).choices["run"]
    helps = {action.dest: action.help or "" for action in run._actions}
    for option in launch.options():
        kind = option.metadata["kind"]
        if option.name == "shell" or kind is dict:
            continue
        flag = "--" + option.metadata.get("flag", option.name.replace("_", "-"))
        expected: object = True
        argv = [flag]
        if kind is not bool:
            values, expected = samples[kind]
            if "choices" in option.metadata:
                values, expected = [option.metadata["choices"][-1]], option.metadata["choices"][-1]
            argv = [part for value in values for part in (flag, value)]
        given = _cli_settings(parser.parse_args(["run", "app.py", *argv]))
        assert given == {option.name: expected}, (flag, given)
        assert helps[option.name].startswith(option.metadata["help"]), option.name
    for shell in launch.SHELLS:
        assert _cli_settings(parser.parse_args(["run", "app.py", f"--{shell}"])) == {"shell": shell}
    assert _cli_settings(parser.parse_args(["run", "app.py", "--no-run-on-save"])) == {"run_on_save": False}
