"""``porch.runtime``: where the script runs, and whether its client sits on the same machine.

An app can offer a local file path in desktop mode (``runtime.local_client``) and an upload on the network.
"""

from __future__ import annotations

from .context import current_run
from .interfaces import Mode, Runtime


class _RuntimeView:
    """Reads the calling session's runtime; outside a run, the process-wide one a shell set at start."""

    process: Runtime = Runtime(mode="headless", local_client=False)

    def _current(self) -> Runtime:
        run = current_run.get()
        return run.session.runtime if run is not None else self.process

    @property
    def mode(self) -> Mode:
        """``"desktop"``, ``"headless"``, ``"browser"``, or ``"test"`` under AppTest."""
        return self._current().mode

    @property
    def local_client(self) -> bool:
        """True when the client (window or browser) runs on the machine that runs the script."""
        return self._current().local_client

    def __repr__(self) -> str:
        current = self._current()
        return f"porch.runtime(mode={current.mode!r}, local_client={current.local_client})"


runtime = _RuntimeView()
