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


def _serve_options(parser: argparse.ArgumentParser) -> None:
    """Flags for the settings of ``porch.shell.settings``; only the ones given end up in the namespace."""
    add = parser.add_argument
    none = argparse.SUPPRESS
    shell = parser.add_mutually_exclusive_group()
    shell.add_argument("--desktop", dest="shell", action="store_const", const="desktop", default=none,
                       help="open a native window (the default)")
    shell.add_argument("--headless", dest="shell", action="store_const", const="headless", default=none,
                       help="serve on the network, with no window")
    shell.add_argument("--browser", dest="shell", action="store_const", const="browser", default=none,
                       help="serve on loopback and open the system browser")
    add("--host", default=none, help="headless: address to listen on (default: all interfaces)")
    add("--port", type=int, default=none, help="port to listen on (headless default 8501; 0: any free port)")
    add("--base-path", dest="base_path", default=none, help="URL prefix when served behind a reverse proxy")
    add("--token", default=none, help='headless: access token clients must present; "auto" generates one')
    add("--token-file", dest="token_file", default=none,
        help="headless: read the access token from this file (replicas behind one proxy share it)")
    add("--replica-id", dest="replica_id", default=none,
        help="headless: this replica's name behind a proxy (porch_replica cookie, health check, session ids)")
    add("--store", default=none,
        help="headless: a store the replicas share, redis://host:port/db: sessions move through it on drain and "
             "failover, cache_data and --token auto are shared (needs porch[redis])")
    add("--handoff-max-state-mb", dest="handoff_max_state_mb", type=float, default=none,
        help="with --store: widget values and session_state one session carries to another replica, in MB")
    add("--handoff-max-upload-mb", dest="handoff_max_upload_mb", type=float, default=none,
        help="with --store: uploaded files one session carries to another replica, in MB")
    add("--tls-cert", dest="tls_cert", default=none, help="headless: TLS certificate chain (PEM)")
    add("--tls-key", dest="tls_key", default=none, help="headless: TLS private key (PEM)")
    add("--max-upload-mb", dest="max_upload_mb", type=float, default=none, help="largest upload, in MB")
    add("--isolation", choices=("thread", "process"), default=none,
        help="where sessions' scripts run: thread (the default, fastest) or process (one per session: a crash "
             "ends that session only)")
    add("--max-session-memory-mb", dest="max_session_memory_mb", type=float, default=none,
        help="with --isolation process: memory each session's process may take, in MB (0: no limit)")
    add("--media-memory-mb", dest="media_memory_mb", type=float, default=none,
        help="memory media may take before they go to temporary files, in MB")
    add("--max-pending-input-mb", dest="max_pending_input_mb", type=float, default=none,
        help="memory the widget values waiting for a busy run may take in one session, in MB")
    add("--max-queued-clicks", dest="max_queued_clicks", type=int, default=none,
        help="clicks one session holds while earlier ones wait for their runs; more are refused")
    add("--max-invalid-messages", dest="max_invalid_messages", type=int, default=none,
        help="invalid messages one connection may send before it is closed")
    add("--behind-proxy", dest="behind_proxy", action="store_true", default=none,
        help="trust X-Forwarded-For/-Proto/-Host from a reverse proxy")
    add("--allowed-origin", dest="allowed_origins", action="append", default=none,
        help="another origin allowed to open the app's WebSocket (repeatable)")
    add("--allowed-host", dest="allowed_hosts", action="append", default=none,
        help="headless: a host name the server answers to (repeatable; .example.com: and its subdomains; '*': any); "
             "default: the names it was started with")
    add("--header-timeout", dest="header_timeout", type=float, default=none,
        help="seconds a connection may take to send a request's headers, or stay idle")
    add("--body-timeout", dest="body_timeout", type=float, default=none,
        help="seconds an upload may go without a byte arriving")
    add("--hello-timeout", dest="hello_timeout", type=float, default=none,
        help="seconds a new WebSocket has to say hello")
    add("--ping-interval", dest="ping_interval", type=float, default=none, help="seconds between WebSocket pings")
    add("--ping-timeout", dest="ping_timeout", type=float, default=none,
        help="seconds a WebSocket ping may go unanswered")
    add("--max-connections", dest="max_connections", type=int, default=none,
        help="connections held open at once (default: from the open-files limit)")
    add("--max-sessions", dest="max_sessions", type=int, default=none, help="sessions held at once")
    add("--max-sessions-per-client", dest="max_sessions_per_client", type=int, default=none,
        help="sessions one client address holds at once")
    add("--uploads-in-flight-mb", dest="uploads_in_flight_mb", type=float, default=none,
        help="upload megabytes being received at once, all sessions together")
    add("--uploads-held-mb", dest="uploads_held_mb", type=float, default=none,
        help="upload megabytes all sessions hold together")
    add("--session-ttl", dest="session_ttl", type=float, default=none, help="seconds a disconnected session is kept")
    add("--drain-timeout", dest="drain_timeout", type=float, default=none,
        help="seconds a stopping server waits for connections to close")
    add("--drain-grace", dest="drain_grace", type=float, default=none,
        help="headless: seconds a stopping server serves its sessions (health 503, new sessions refused) before "
             "it moves them (default 10)")
    add("--icon", default=none, help="desktop: window icon image (a page_icon set by the app replaces it)")
    add("--run-on-save", dest="run_on_save", action=argparse.BooleanOptionalAction, default=none,
        help="rerun open sessions when the script or a local module changes (default: on)")
    add("--log-level", dest="log_level", default=none, choices=("debug", "info", "warning", "error"))


def _cli_settings(args: argparse.Namespace) -> dict[str, Any]:
    names = {option.name for option in launch_settings.options()}
    flags, ignored = streamlit_config.convert(getattr(args, "streamlit_flags", []), "command line")
    for name in ignored:
        print(f"porch: --{name} has no meaning in Porch; ignored", file=sys.stderr)
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
