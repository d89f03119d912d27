"""Headless: the engine on the network with no window. Host, port, base path, optional access token, TLS, and a
drain on SIGTERM that a load balancer can watch through ``/_porch/health``."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys

from porch.app import App
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import AccessPolicy, default_allowed_hosts, normalize_allowed_hosts

from .serve import Binding, access_token, bind, engine_config, make_engine, serve, shared_store, tls_context
from .settings import Settings

DEFAULT_PORT = 8501
ALL_INTERFACES = ("", "0.0.0.0", "::")

log = logging.getLogger("porch.shell")


def run(script: Script, settings: Settings, app: App | None = None) -> int:
    host = settings.host if settings.host is not None else ""
    port = settings.port if settings.port is not None else DEFAULT_PORT
    context = tls_context(settings.tls_cert, settings.tls_key)
    store = shared_store(settings)
    token = access_token(settings, script.directory, store)
    config = engine_config(settings)
    if settings.token == "auto" and config.replica_id and store is None:
        log.warning("--token auto makes a token of this replica's own, which the others refuse (403 after a "
                    "failover): give every replica the same one with PORCH_TOKEN or --token-file, or share a --store "
                    "(docs/deploy.md)")
    sockets, binding = bind(host, port)
    hosts = normalize_allowed_hosts(settings.allowed_hosts) if settings.allowed_hosts else default_allowed_hosts(host)
    access = AccessPolicy(
        token=token,
        allowed_hosts=hosts,
        allowed_origins=frozenset(settings.allowed_origins),
        trust_forwarded_host=settings.behind_proxy,
    )
    engine = make_engine(script, config, Runtime(mode="headless", local_client=False), access, app, store)
    scheme = "https" if context is not None else "http"

    def announce() -> None:
        if "*" not in hosts:
            log.info("answering to the host names %s and to IP addresses (add one with --allowed-host)",
                     ", ".join(sorted(hosts)))
        base = config.normalized_base()
        query = f"?token={token}" if token else ""
        print(f"Porch is serving {script.path}", file=sys.stderr)
        for label, url_host in urls_hosts(binding):
            print(f"  {label + ':':<13}{scheme}://{url_host}:{binding.port}{base}/{query}", file=sys.stderr)
        sys.stderr.flush()

    asyncio.run(serve(engine, sockets, on_started=announce, ssl_context=context, run_on_save=settings.run_on_save))
    return 0


def urls_hosts(binding: Binding) -> list[tuple[str, str]]:
    """("Local URL", host) and, when listening on every interface, ("Network URL", this machine's address)."""
    if binding.host not in ALL_INTERFACES:
        shown = f"[{binding.host}]" if ":" in binding.host else binding.host
        return [("Local URL", shown)]
    return [("Local URL", "localhost"), ("Network URL", network_address())]


def network_address() -> str:
    """The address other machines reach this one by: the source address of a route outward (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, only used to pick an interface
        return str(probe.getsockname()[0])
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    finally:
        probe.close()
