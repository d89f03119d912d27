"""The display going away under a desktop window: the X server ended (Xvfb killed, the session logged out, an SSH
connection carrying X dropped).

Two parts of the window's process notice it, and neither leaves it in a state that can exit cleanly on its own:

- Qt's xcb connection: its reader thread sees the connection break, Qt prints "The X11 connection broke ... Did the
  X11 server die?" and ends its event loop, so ``webview.start`` returns without the window ever closing.
- Xlib, which Qt's GL integration and Qt WebEngine also use: the first call on the dead connection runs the I/O error
  handler, which Qt set to one that prints a line and ``exit(1)``\\ s at once, in whatever thread made the call (the
  GUI thread painting, Chromium's GPU thread, or the C++ teardown at interpreter exit). An ``exit`` from there runs
  no Python cleanup (the engine is not drained, temporary files stay) and C++ static destructors then run beside
  live threads.

:class:`DisplayLoss` is the one way out for both: the shell's own I/O error handler, and the call the shell makes when
the GUI loop ended by itself, run :meth:`DisplayLoss.exit` once: the shell's cleanup (engine drained, which removes
its temporary files, window state saved), the media's temporary folders removed in case the drain did not get that
far, the log flushed, one line on stderr, and ``os._exit`` with :data:`EXIT_CODE`. Nothing of the GUI toolkit is torn
down: its display is gone (tearing it down would call Xlib again), and the process ends with it.

When the app was stopping anyway (a SIGTERM, the window closed), the display going too is no failure: the exit status
is 0 and no line is printed. That is the common case of a signal sent to a whole process group that holds the X server
as well (``xvfb-run porch run app.py``, a container's init): both get it at once.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, NoReturn

from porch.media import remove_temporary_files

log = logging.getLogger("porch.desktop")

#: The process's exit status when its display went away (the status of a launch problem is 2, see ``LaunchError``).
EXIT_CODE = 1

_IO_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)


class DisplayLoss:
    """Ends the process when the display went away, once, whichever thread notices first.

    ``cleanup`` is the shell's own shutdown (stop the engine, save the window's place); it must be bounded, since the
    process waits for it. Any thread.
    """

    def __init__(self, display: str, cleanup: Callable[[], None], stopping: Callable[[], bool]) -> None:
        self.display = display
        self._cleanup = cleanup
        self._stopping = stopping
        self._once = threading.Lock()
        self._exiting_thread: int | None = None
        self._handler: Any = None  # the ctypes callback must outlive every call Xlib makes to it

    def watch_xlib(self) -> bool:
        """Replace Xlib's I/O error handler (Qt's, which ``exit``\\ s) with :meth:`exit`. Call once Qt is connected
        (its handler is set then), e.g. from pywebview's ``before_show``. False where there is no Xlib."""
        try:
            xlib = ctypes.CDLL("libX11.so.6")
        except OSError:
            return False
        xlib.XSetIOErrorHandler.restype = ctypes.c_void_p
        xlib.XSetIOErrorHandler.argtypes = [ctypes.c_void_p]
        self._handler = _IO_ERROR_HANDLER(self._on_io_error)
        xlib.XSetIOErrorHandler(ctypes.cast(self._handler, ctypes.c_void_p))
        return True

    def _on_io_error(self, display: int | None) -> int:
        """Xlib's I/O error handler: never returns (Xlib exits the process when it does)."""
        self.exit(noticed_by=f"an Xlib call in thread {threading.current_thread().name}")

    def exit(self, noticed_by: str) -> NoReturn:
        """Clean up and end the process with :data:`EXIT_CODE`. A second caller (another thread that noticed) waits
        here until the first ends the process."""
        if self._exiting_thread == threading.get_ident():  # the cleanup itself touched the display
            os._exit(EXIT_CODE)
        self._once.acquire()
        self._exiting_thread = threading.get_ident()
        try:
            log.debug("the display %s went away (noticed by %s); cleaning up", self.display, noticed_by)
            self._cleanup()
        except BaseException:
            log.exception("cleaning up after the display went away failed")
        finally:
            remove_temporary_files()
            stopping = self._stopping()
            if stopping:
                log.info("the display %s went away as the app stopped", self.display)
            for handler in logging.getLogger("porch").handlers:
                handler.flush()
            if not stopping:
                print(f"porch: the display {self.display} went away (its X server closed the connection); the app "
                      "stopped", file=sys.stderr, flush=True)
            os._exit(0 if stopping else EXIT_CODE)
