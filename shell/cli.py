"""The ``porch`` command: run an app, show the demo, print the version."""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys
from importlib.resources import files

from porch import __version__
from porch.config import EngineConfig
from porch.interfaces import Runtime
from porch.security import AccessPolicy

from .serve import LaunchError, bind, configure_logging, load_script, make_engine, serve


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="porch", description="Turn a Python script into an app.")
    parser.add_argument("--version", action="version", version=f"porch {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="run an app script")
    run.add_argument("script", help="the app's Python script")
    _serve_options(run)

    hello = commands.add_parser("hello", help="run the demo app that shows what Porch can do")
    _serve_options(hello)

    package = commands.add_parser("package", help="build a double-clickable app bundle (PyInstaller)")
    from porch.packaging import command as package_command

    package_command.add_arguments(package)
    return parser


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--headless", action="store_true", help="serve on the network, with no window")
    parser.add_argument("--host", default=None, help="address to listen on (headless: all interfaces)")
    parser.add_argument("--port", type=int, default=None, help="port to listen on (0: any free port)")
    parser.add_argument("--base-path", default="", help="URL prefix when served behind a reverse proxy")
    parser.add_argument("--session-ttl", type=float, default=120.0, help="seconds a disconnected session is kept")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    configure_logging()
    if args.command == "package":
        from porch.packaging import command as package_command

        return package_command.run(args)
    script_path = str(files("porch") / "demo" / "hello.py") if args.command == "hello" else args.script
    try:
        return _run(script_path, args)
    except LaunchError as exc:
        print(f"porch: {exc}", file=sys.stderr)
        return 2


def _run(script_path: str, args: argparse.Namespace) -> int:
    script = load_script(script_path)
    host = args.host if args.host is not None else ("" if args.headless else "127.0.0.1")
    port = args.port if args.port is not None else 8501
    sockets, binding = bind(host, port)
    config = EngineConfig(base_path=args.base_path, session_ttl=args.session_ttl)
    runtime = Runtime(mode="headless", local_client=False)
    engine = make_engine(script, config, runtime, AccessPolicy())

    def announce() -> None:
        base = config.normalized_base()
        shown = binding.host if binding.host not in ("", "0.0.0.0", "::") else "localhost"
        print(f"Porch is serving {script.path}", file=sys.stderr)
        print(f"  Local URL:   http://{shown}:{binding.port}{base}/", file=sys.stderr)
        if binding.host in ("", "0.0.0.0", "::"):
            print(f"  Network URL: http://{_network_address()}:{binding.port}{base}/", file=sys.stderr)
        sys.stderr.flush()

    asyncio.run(serve(engine, sockets, on_started=announce))
    return 0


def _network_address() -> str:
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


if __name__ == "__main__":
    sys.exit(main())
