"""The health check at ``<base>/_porch/health``, for load balancers and orchestrators.

It has its own, looser access rule than the other endpoints (see :class:`HealthHandler`), which is why it overrides
``prepare`` rather than inheriting the base's.
"""

from __future__ import annotations

import json


from .base import EngineHandler, Refused


class HealthHandler(EngineHandler):
    """200 once the engine can serve sessions, 503 while it drains. For load balancers and orchestrators.

    Orchestrators probe without the app's token, so the status is open to anyone who may reach the host; the session
    count only to a client the access policy admits. The Host check still applies (any IP address passes it, as a
    probe's usually is).
    """

    def prepare(self) -> None:
        refused = self.engine.access.host_refusal(self.request)
        if refused is not None:
            raise Refused(refused.status, refused.reason, refused.message)

    def get(self) -> None:
        status = self.engine.status()
        if self.engine.access.refuse(self.request) is not None:
            del status["sessions"]
        self.set_status(200 if status["status"] == "ok" else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(status))
