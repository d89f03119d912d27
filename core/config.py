"""Engine settings. The shells fill them from the command line, config files and the environment
(``porch.shell.settings``, documented in ``docs/config.md``); the engine only reads them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: How many of a run's parallel fragments run at once unless set: Python's ``ThreadPoolExecutor``'s default, which is
#: Streamlit's (``runner.parallelMaxWorkers`` unset).
DEFAULT_PARALLEL_FRAGMENT_WORKERS = min(32, (os.cpu_count() or 1) + 4)


@dataclass(frozen=True)
class EngineConfig:
    #: URL prefix the app is served under, e.g. "/apps/demo" behind a reverse proxy; "" for the root.
    base_path: str = ""
    #: How long a session outlives its dropped connection (seconds).
    session_ttl: float = 120.0
    #: Seconds between WebSocket pings (0: none).
    ping_interval: float = 20.0
    #: Seconds a ping may go unanswered before the socket is closed (at most ``ping_interval``; 0: never).
    ping_timeout: float = 20.0
    #: Seconds a connection may take to send a request's headers (a TLS handshake included), and may stay idle
    #: between two requests.
    header_timeout: float = 30.0
    #: Seconds a request body may go without a byte arriving. An upload may take as long as it keeps sending; any
    #: other body (small: ``MAX_PLAIN_BODY_BYTES``) must arrive whole within this time.
    body_timeout: float = 60.0
    #: Seconds a new WebSocket has to send its ``hello``.
    hello_timeout: float = 10.0
    #: Connections held open at once; at the bound, new ones wait in the kernel's queue until one closes. 0: from the
    #: process's open-files limit (``porch.http.listener.connection_limit``).
    max_connections: int = 0
    #: Seconds a stopping engine waits for connections to close.
    drain_timeout: float = 5.0
    #: Seconds a stopping engine goes on serving the sessions it holds, answering the health check with 503
    #: ("draining") and refusing new sessions, before it closes them with 1012 "moved" (their pages reconnect at once,
    #: which the proxy sends to another replica) and closes its listener: time for a load balancer to take it out of
    #: rotation. The headless shell's default is 10 s (``porch.shell.settings``).
    drain_grace: float = 0.0
    #: This replica's name among several behind a proxy (``--replica-id``): set in the ``porch_replica`` cookie of the
    #: page and the socket, shown by the health check, and the prefix of its session ids, so a request that reaches
    #: the wrong replica is named as such. "": a single server.
    replica_id: str = ""
    #: A store shared by the replicas (``--store redis://host:port/db``; ``porch.store``): sessions move through it
    #: on drain and failover, ``cache_data`` values and the ``--token auto`` token are shared. "": none, every
    #: session lives and ends in this process.
    store: str = ""
    #: With a store: the bytes of widget values and ``session_state`` one session carries to another replica; a
    #: value beyond it stays behind, named in the notice its page shows.
    handoff_max_state_bytes: int = 4 * 1024 * 1024
    #: With a store: the bytes of uploaded files one session carries to another replica; a file beyond it stays
    #: behind, named.
    handoff_max_upload_bytes: int = 4 * 1024 * 1024
    #: Trust X-Forwarded-For/-Proto/-Host from a reverse proxy.
    behind_proxy: bool = False
    #: Most sessions held at once. At the bound a new session takes the place of the session disconnected longest;
    #: when every session is connected, a new client is refused with a clear reason.
    max_sessions: int = 10_000
    #: Most sessions one client holds at once (by address: an IPv6 client by its /64 network; behind a proxy, the
    #: address it forwards when ``behind_proxy``). At the bound its own oldest disconnected session makes room, or
    #: it alone is refused.
    max_sessions_per_client: int = 200
    #: Clicks (button, form submit, chat message...) a session holds while earlier ones wait for their runs: each
    #: click gets a run of its own, so a flood is bounded here; one beyond it is refused with an error to the client.
    max_queued_clicks: int = 1000
    #: Parallel fragments (``@fragment(parallel=True)``) of one run that run at once, each in a thread of its own; the
    #: others wait for one to end (``porch.parallel``). Streamlit's ``runner.parallelMaxWorkers``.
    parallel_fragment_workers: int = DEFAULT_PARALLEL_FRAGMENT_WORKERS
    #: Memory the widget values waiting for a run may take in one session (they pile up while a run is busy); a
    #: message beyond it is refused with an error to the client, and its widgets are sent again.
    max_pending_input_bytes: int = 4 * 1024 * 1024
    #: Points (rows) one chart sends to the page (``line_chart``... ``vega_lite_chart``, ``altair_chart``, ``map``):
    #: more would be a message of many megabytes and a browser drawing for seconds. A chart of more draws the first
    #: ones, with a note under it naming this setting. Lines thinned to their pixels (``_chart_thinning``) count only
    #: the points they send.
    max_chart_points: int = 100_000
    #: Base maps under ``map`` and ``pydeck_chart``: the engine fetches the tiles of Carto's (and, with
    #: ``mapbox_token``, Mapbox's) styles and serves them from the app's own origin (``porch.http.basemap``), as the
    #: page loads nothing from elsewhere. False: no tile is fetched (a fully offline app); the layers are drawn on a
    #: plain background, with a note.
    map_tiles: bool = True
    #: The URL template of Carto's raster tiles: ``{style}`` (Carto's name of the style: ``light_all``,
    #: ``dark_all``, ``rastertiles/voyager``, ``light_nolabels``...), ``{z}``, ``{x}``, ``{y}``. A company's tile
    #: server with Carto's layout, or a test's, goes here.
    map_tile_url: str = "https://basemaps.cartocdn.com/{style}/{z}/{x}/{y}.png"
    #: The URL template of Mapbox's raster tiles of a ``mapbox://styles/<owner>/<id>`` style: ``{style}``
    #: (``<owner>/<id>``), ``{z}``, ``{x}``, ``{y}``, ``{token}``.
    mapbox_tile_url: str = "https://api.mapbox.com/styles/v1/{style}/tiles/256/{z}/{x}/{y}?access_token={token}"
    #: Mapbox's access token (Streamlit's ``mapbox.token``): Mapbox styles are served only with one. It stays on the
    #: server: the page asks for tiles by style, never with the token.
    mapbox_token: str = ""
    #: The folder of fetched tiles; "": ``map-tiles`` in the per-user cache folder (platformdirs).
    map_tile_cache: str = ""
    #: Bytes of tiles kept in that folder; beyond it the oldest are removed.
    map_tile_cache_bytes: int = 200 * 1024 * 1024
    #: Tiles fetched from the upstream at once (others wait for one of them to end).
    map_tile_fetches: int = 8
    #: The largest tile taken from the upstream, in bytes (a raster tile is a few tens of kilobytes).
    map_tile_max_bytes: int = 1024 * 1024
    #: Invalid messages one connection may send (each is answered with an error); the one that reaches it closes the
    #: connection (1008). Valid messages in between do not earn more.
    max_invalid_messages: int = 50
    #: Largest HTTP request body accepted (uploads), in bytes.
    max_upload_bytes: int = 200 * 1024 * 1024
    #: Upload bytes being received at once, summed over every session; an upload beyond it is refused (503).
    uploads_in_flight_bytes: int = 512 * 1024 * 1024
    #: Upload bytes all sessions hold together (received or being received; in memory or temporary files); an upload
    #: beyond it is refused (503).
    uploads_held_bytes: int = 1024 * 1024 * 1024
    #: Bytes of media (images, audio, video, downloads) all sessions keep in memory together; what does not fit is
    #: written to temporary files (``porch.media``).
    media_memory_bytes: int = 256 * 1024 * 1024
    #: Require tornado's XSRF token (``_xsrf`` cookie echoed in ``X-XSRFToken`` or a ``_xsrf`` form field) on every
    #: state-changing HTTP request (POST, PUT, PATCH, DELETE). The WebSocket is protected by its origin check.
    xsrf_protection: bool = True
    #: Where sessions' scripts run: ``"thread"``, in worker threads of this process (the fastest); ``"process"``, each
    #: session in a child process of its own, so that ``os._exit``, a crash in an extension or a runaway allocation
    #: ends that session only (``porch.isolation``).
    isolation: str = "thread"
    #: With ``isolation = "process"``: the address space each session's process may take, in bytes (0: no limit).
    max_session_memory_bytes: int = 0
    #: The app's theme: Streamlit's ``[theme]`` options by name (``"primaryColor"``, ``"sidebar.backgroundColor"``,
    #: or a nested ``"sidebar"`` table), checked by ``porch.theme``; empty: the page follows the system's scheme.
    theme: Mapping[str, Any] = field(default_factory=dict)
    #: How much of an exception that ends a run the page shows (Streamlit's ``client.showErrorDetails``): "full" (type,
    #: message and traceback), "stacktrace" (type and traceback; the message withheld), "type" or "none". What the page
    #: does not show goes to the log. A script may change it with ``porch.set_option`` (``porch.elements.exception``).
    #: None: as ``streamlit_options`` has it, else "full".
    show_error_details: str | None = None
    #: The app menu's items (Streamlit's ``client.toolbarMode``, ``porch.app_menu``): "auto" (a developer's items for a
    #: client on this machine, a viewer's otherwise), "developer", "viewer" or "minimal" (only the app's own
    #: ``menu_items``). A script may change it with ``porch.set_option``. None: as ``streamlit_options`` has it, else
    #: "auto".
    toolbar_mode: str | None = None
    #: The Streamlit options the launch set that Porch has no setting of its own for (``.streamlit/config.toml``,
    #: ``--client.showErrorDetails none``...), by Streamlit's name: ``porch.get_option`` answers with them.
    streamlit_options: Mapping[str, Any] = field(default_factory=dict)

    def normalized_base(self) -> str:
        base = "/" + self.base_path.strip("/")
        return "" if base == "/" else base
