"""The ``porch`` command: run an app in one of three shells, show the demo, check the machine, show the config,
build a bundle."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import porch
from porch import __version__

from . import settings as launch_settings
from . import streamlit_config
from .errors import LaunchError

if TYPE_CHECKING:
    from .launcher import Launcher


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="porch", description="Turn a Python script into an app.")
    parser.add_argument("--version", action="version", version=f"porch {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="run an app script (a desktop window unless --headless or --browser)")
    run.add_argument("script", help="the app's Python script")
    _serve_options(run)

    hello = commands.add_parser("hello", help="run the demo app that shows what Porch can do")
    _serve_options(hello)

    commands.add_parser("doctor", help="list which shells can run on this machine, and what is missing")

    config = commands.add_parser("config", help="show the effective configuration")
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = config_commands.add_parser("show", help="print every setting, its value and where it came from")
    show.add_argument("script", nargs="?", default=None, help="the app whose .porch/config.toml applies")
    _serve_options(show)

    package = commands.add_parser("package", help="build a double-clickable app bundle (PyInstaller)")
    from porch.packaging import command as package_command

    package_command.add_arguments(package)
    return parser


#: What each of ``--desktop``, ``--headless`` and ``--browser`` does (the ``shell`` setting's three flags).
SHELL_FLAGS = {
    "desktop": "open a native window (the default)",
    "headless": "serve on the network, with no window",
    "browser": "serve on loopback and open the system browser",
}


def _serve_options(parser: argparse.ArgumentParser) -> None:
    """One flag per setting of ``porch.shell.settings``, named, typed and explained by the setting itself
    (``max_upload_mb`` is ``--max-upload-mb``; a list setting takes its flag once per item, singular: a setting's
    ``flag`` metadata); only the flags given end up in the namespace. ``shell`` is ``--desktop``, ``--headless`` or
    ``--browser``; the theme is set with Streamlit's ``--theme.*`` flags."""
    none = argparse.SUPPRESS
    shell = parser.add_mutually_exclusive_group()
    for name, help in SHELL_FLAGS.items():
        shell.add_argument(f"--{name}", dest="shell", action="store_const", const=name, default=none, help=help)
    for option in launch_settings.options():
        kind, help = option.metadata["kind"], option.metadata["help"]
        if option.name == "shell" or kind is dict:
            continue
        flag = "--" + option.metadata.get("flag", option.name.replace("_", "-"))
        extra: dict[str, Any] = {}
        if kind is bool:
            extra["action"] = argparse.BooleanOptionalAction
        elif kind is list:
            extra["action"] = "append"
            extra["metavar"] = flag[2:].upper().replace("-", "_")
            help += " (repeatable)"
        else:
            extra["type"] = kind
            if "choices" in option.metadata:
                extra["choices"] = option.metadata["choices"]
        default = option.default if option.default is not None else "unset"
        if kind is not list and default not in ("", "unset"):
            help += f" (default: {str(default).lower() if kind is bool else default})"
        parser.add_argument(flag, dest=option.name, default=none, help=help, **extra)


def _cli_settings(args: argparse.Namespace) -> dict[str, Any]:
    names = {option.name for option in launch_settings.options()}
    flags, ignored = streamlit_config.convert(getattr(args, "streamlit_flags", []), "command line")
    for name in ignored:
        print(f"porch: --{name} has no meaning in Porch; only st.get_option reads it", file=sys.stderr)
    given = {**flags, **{name: value for name, value in vars(args).items() if name in names}}
    for listed in ("allowed_origins", "allowed_hosts"):
        if listed in given:
            given[listed] = tuple(given[listed])
    return given


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # A frozen executable is also what multiprocessing starts for a session's process (``--isolation process``)
        # and its fork server: those run their own code and exit here, instead of starting a second app. A bundle's
        # launcher does this first thing too; this covers any other frozen entry point.
        import multiprocessing

        multiprocessing.freeze_support()
    parser = build_parser()
    try:
        # streamlit run's flags (--server.port 8502...) mean here what they mean there
        argv, streamlit_flags = streamlit_config.split_flags(sys.argv[1:] if argv is None else list(argv))
    except LaunchError as exc:
        print(f"porch: {exc}", file=sys.stderr)
        return exc.exit_code
    args = parser.parse_args(argv)
    args.streamlit_flags = streamlit_flags
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _dispatch(args)
    except LaunchError as exc:
        print(f"porch: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # Ctrl-C before a shell installed its own handling (while starting up)
        print("porch: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "package":
        from .serve import configure_logging

        configure_logging()
        from porch.packaging import command as package_command

        return int(package_command.run(args))
    if args.command == "doctor":
        from .doctor import report

        print(report())
        return 0
    if args.command == "config":
        app_dir = os.path.dirname(os.path.abspath(args.script)) if args.script else os.getcwd()
        print(launch_settings.describe(launch_settings.load(app_dir, _cli_settings(args))))
        return 0
    script_path = str(Path(porch.__file__).parent / "demo" / "hello.py") if args.command == "hello" else args.script
    return run_app(script_path, _cli_settings(args))


def run_app(
    script_path: str, cli: dict[str, Any], *, launcher: Launcher | None = None, default_shell: str | None = None
) -> int:
    """Load the settings for the app at ``script_path`` and run it in the shell they name.

    ``script_path`` may be a launcher (a module that makes a ``porch.App``, found by reading it: an app script is
    never run here); its App's script is served then, with the App's settings, and the launcher's folder holds the
    settings. ``launcher``: one already loaded (``app.run()``); ``default_shell``: the shell when no setting names one.
    """
    from . import launcher as launchers
    from .serve import configure_logging, load_script

    if launcher is None:
        launcher = launchers.load(script_path)
    if launcher is not None:
        script = load_script(str(launcher.app.resolved_script(launcher.folder)))
        settings_dir = str(launcher.folder)
    else:
        script = load_script(script_path)
        settings_dir = os.path.dirname(script.path)
    settings = launch_settings.load(settings_dir, cli)
    if default_shell is not None:
        settings = launchers.with_default_shell(settings, default_shell, "App.run()")
    configure_logging(settings.log_level)
    for notice in settings.notices:
        logging.getLogger("porch.config").info(notice)
    app = launcher.app if launcher is not None else None
    if launcher is not None:
        logging.getLogger("porch.shell").info("launcher %s: serving %s", launcher.path, script.path)
    if settings.shell == "headless":
        from . import headless

        return headless.run(script, settings, app)
    if settings.shell == "browser":
        from . import browser

        return browser.run(script, settings, app)
    from . import desktop

    return desktop.run(script, settings, app)


if __name__ == "__main__":
    sys.exit(main())
