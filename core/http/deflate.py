"""permessage-deflate (RFC 7692) on the session socket, sized for many connections.

Each connection that negotiates compression keeps a deflate stream for the frames it sends and an inflate stream for
those it receives, for as long as it is open. With zlib's defaults (a 32 KiB window, ``memLevel`` 8) the deflate
stream alone takes 256 KiB; a session cost 175 kB with the compression browsers negotiate against 55 kB without.
The sizes here were chosen on the benchmark app's frames (a first page, then reruns of a slider: 122 kB of JSON):

=================================  ===============  ==============================
window bits / memLevel / level     deflate state    all frames, compressed / raw
=================================  ===============  ==============================
15 / 8 / 6 (zlib's, tornado's)     256 KiB          0.057
13 / 4 / 6 (these)                 40 KiB           0.059
12 / 4 / 6                         24 KiB           0.133
13 / 4 / 1                         40 KiB           0.084
=================================  ===============  ==============================

A rerun's frame is a few kilobytes and most of what it says the previous one said too, so the window must hold a
frame or two: at 8 KiB (13 bits) it does, at 4 KiB the ratio doubles. ``memLevel`` only sizes the hash table and the
symbol buffer; past 2 it gained nothing here (4 leaves a margin for larger frames). Measured per session with real
clients negotiating compression: ``python -m benchmarks reliability`` (``sessions``), docs/design.md.

Tornado takes ``compression_level`` and ``mem_level`` from ``get_compression_options`` but takes the window sizes
only from the client's offer, so :func:`narrow_offer` rewrites the offer before tornado reads it: the server's
window is capped (RFC 7692 lets a server name ``server_max_window_bits`` even when the client did not), and so is the
client's when the client said it can take a limit (``client_max_window_bits``, which browsers send). An offer whose
parameters are malformed or unknown is dropped, as the RFC asks of a server: that connection goes uncompressed
(tornado would otherwise fail the handshake with an exception).
"""

from __future__ import annotations

from typing import Any

from tornado.httputil import HTTPHeaders

#: The window of the frames the server sends, in bits (8 KiB).
SERVER_MAX_WINDOW_BITS = 13
#: The window of the frames a client sends (small messages: a rerun is a few hundred bytes), in bits, when it takes a
#: limit. Not 8: zlib writes 9-bit windows when asked for 8, which an 8-bit inflater cannot read.
CLIENT_MAX_WINDOW_BITS = 10
COMPRESSION_LEVEL = 6
MEM_LEVEL = 4

EXTENSION = "permessage-deflate"
_HEADER = "Sec-WebSocket-Extensions"
_WINDOW_PARAMETERS = {"server_max_window_bits": SERVER_MAX_WINDOW_BITS, "client_max_window_bits": CLIENT_MAX_WINDOW_BITS}
#: The smallest window an offer may ask for. zlib cannot make an 8-bit raw deflate stream, so an offer that limits
#: the server to 8 bits is declined; a client that says it writes 8-bit windows is taken at its word.
_LOWEST = {"server_max_window_bits": 9, "client_max_window_bits": 8}
_FLAGS = {"server_no_context_takeover", "client_no_context_takeover"}


def compression_options(headers: HTTPHeaders) -> dict[str, Any]:
    """What ``get_compression_options`` returns, after narrowing the request's offer (in place) to these windows."""
    narrow_offer(headers)
    return {"compression_level": COMPRESSION_LEVEL, "mem_level": MEM_LEVEL}


def narrow_offer(headers: HTTPHeaders) -> None:
    """Cap the windows of every permessage-deflate offer in ``headers``; drop the offers that are not valid."""
    offered = headers.get_list(_HEADER)
    if not offered:
        return
    extensions = [item.strip() for line in offered for item in line.split(",") if item.strip()]
    kept: list[str] = []
    for extension in extensions:
        name = extension.split(";", 1)[0].strip().lower()
        if name != EXTENSION:
            kept.append(extension)
            continue
        narrowed = _narrowed(extension)
        if narrowed is not None:
            kept.append(narrowed)
    del headers[_HEADER]
    if kept:
        headers[_HEADER] = ", ".join(kept)


def _narrowed(offer: str) -> str | None:
    """One permessage-deflate offer with its windows capped, or None when it is not valid."""
    parameters: dict[str, str | None] = {}
    for part in offer.split(";")[1:]:
        key, has_value, value = part.strip().partition("=")
        key = key.strip().lower()
        if not key or key in parameters:
            return None
        if key in _FLAGS:
            if has_value:
                return None
            parameters[key] = None
        elif key in _WINDOW_PARAMETERS:
            bits = value.strip().strip('"')
            if has_value and not (bits.isascii() and bits.isdigit() and _LOWEST[key] <= int(bits) <= 15):
                return None
            cap = _WINDOW_PARAMETERS[key]
            parameters[key] = str(min(int(bits), cap) if has_value else cap)
        else:
            return None
    parameters.setdefault("server_max_window_bits", str(SERVER_MAX_WINDOW_BITS))
    return "; ".join([EXTENSION, *(key if value is None else f"{key}={value}" for key, value in parameters.items())])
