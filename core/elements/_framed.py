"""Documents of the script's whose own scripts run: ``html(..., unsafe_allow_javascript=True)`` and an ``iframe`` of
HTML text. Shared by ``html`` and ``iframe`` as ``player.js`` is by audio and video.

The page's policy lets no inline script run in it, and a ``srcdoc`` or ``data:`` frame inherits that policy, so such a
document is served from the session's media instead (``SessionMedia.add(..., scripts=True)``), under a policy of its
own (``porch.http.media.FRAME_POLICY``): its scripts run, in a sandbox without ``allow-same-origin``, so in an opaque
origin that can reach neither the app's page, its cookies nor its storage. The client frames it with the same
sandbox. A small script at its head tells the page its height, so that a frame can be as tall as its content
(``webui/frame.js``).
"""

from __future__ import annotations

from ._served import session_media

FRAME_TYPE = "text/html; charset=utf-8"
#: Before the script's HTML: the look of the page around it, and the script that reports the document's height to
#: the page (``{porch: "frame-height", height}``), which ``webui/frame.js`` applies to the frame.
PRELUDE = (
    "<!doctype html><meta charset=utf-8><style>:root{color-scheme:light dark;font:16px/1.6 system-ui,-apple-system,"
    "'Segoe UI',Roboto,sans-serif}body{margin:0;display:flow-root}</style>"
    "<script>(()=>{let last=-1;const post=()=>{const height=Math.ceil(document.documentElement"
    ".getBoundingClientRect().height);if(height!==last){last=height;parent.postMessage({porch:'frame-height',"
    "height},'*')}};new ResizeObserver(post).observe(document.documentElement);addEventListener('load',post)})()"
    "</script>"
)


def framed_document(body: str) -> str:
    """Serve ``body`` as a document whose scripts run in a sandboxed frame; return its URL (held by the run)."""
    return session_media().add((PRELUDE + body).encode("utf-8", "replace"), FRAME_TYPE, scripts=True)
