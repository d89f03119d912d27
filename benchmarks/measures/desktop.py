"""Desktop start: ``porch run`` to the app rendered in its window, against NiceGUI's native mode for its version of
the app. One launch per system and repetition, each in its own process (``webview.start`` runs once per process).

The screen: one Xvfb for the whole measure (``-screen 0 1280x800x24``: Qt WebEngine crashes at 16-bit), started on
first use and stopped after the last repetition; the children get its ``DISPLAY``, ``QTWEBENGINE_DISABLE_SANDBOX=1``
(root in containers) and pywebview's Qt backend. Both windows are Qt WebEngine (PySide6-WebEngine 6.12.0.140), 1024x768.

Timed on the harness's clock from just before launch (t0) to the moment the system's "rendered" line arrives on the
child's stdout/stderr pipe (t1); ``window_s = t1 - t0``. The number the line itself carries is not used.

- **Porch**: ``python -m porch.shell.cli run apps/porch_app.py --desktop`` (the default shell, pinned). "Rendered" is
  the desktop shell's own log line ``app rendered in the window``: the shell reads the page's state in the window
  (every 50 ms, ``window.run_js``) and logs the line the first time the page reports its first run *finished* while
  *connected*, i.e. the run's output has been applied to the page in the window.
- **NiceGUI**: ``python apps/nicegui_native_app.py PORT``: the same page as ``apps/nicegui_app.py`` with
  ``ui.run(native=True)``, which serves from the launched process and opens the pywebview window in a
  ``multiprocessing`` (spawn) subprocess. "Rendered": when the window's page connects (``app.on_connect``), the app
  asks the page over NiceGUI's socket whether ``document.body.innerText`` holds the app's last line ("Line 20:"),
  every 20 ms until it does, and then prints ``BENCH_RENDERED``. Same meaning as Porch's: the app's content is in the
  window's page. (Porch polls every 50 ms, NiceGUI's check is pushed: if anything, that favours NiceGUI.)

``painted_s`` checks the same thing in pixels, the same way for both: from launch, the harness grabs the whole
screen's top 240 rows (where both apps have their title and slider) every 20 ms (libX11 ``XGetImage`` through ctypes,
about 2 ms a grab) until some pixel is neither black (the bare root window: no window manager) nor white (a blank
page), i.e. the app's text and widgets are painted. It keeps
grabbing past the rendered line (at most 5 s), since the paint can follow it. Measured by hand on 2026-11-25: Porch's
line comes 15-70 ms before its paint (the shell logs once the page reports the run finished; the compositor paints
the next frame), NiceGUI's within 50 ms either side of its paint.

Then the window is closed by a signal and ``close_s`` is SIGTERM to the launched process's exit: Porch gets SIGTERM
(its shell closes the window, drains the engine and exits 0, anything else is an error); NiceGUI's whole process group
gets SIGTERM (server and window process). Afterwards every process of the launch's session still running (zombies
aside) is killed with SIGKILL after a short grace and counted in ``leftover`` (psutil when importable, else /proc).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import select
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from .. import procs

NAME = "desktop"
METRICS = [
    ("window_s", "launch to app rendered in its window", "s", "lower"),
    ("painted_s", "launch to content painted on screen", "s", "lower"),
    ("close_s", "SIGTERM to process exit", "s", "lower"),
]

SYSTEMS = ("porch", "nicegui")  # Streamlit has no window of its own
#: What each system writes (stdout or stderr) once the app rendered in its window.
MARKERS = {"porch": b"app rendered in the window", "nicegui": b"BENCH_RENDERED"}
SCREEN = "1280x800x24"
PAINT_POLL_S = 0.02
GRAB_ROWS = 240  # the top of the screen: both apps' title and slider are there
PAINT_AFTER_LINE_S = 5.0  # give up on painted_s this long after the rendered line
CLOSE_TIMEOUT_S = 10.0
LEFTOVER_GRACE_S = 5.0


def run_once(ctx, system) -> dict:
    display = _screen.ensure()
    port = procs.free_port()
    cmd = system.desktop_command(port)
    env = dict(os.environ)
    for key in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONHOME"):
        env.pop(key, None)
    env.update(system.env)
    env.update({"DISPLAY": display, "QTWEBENGINE_DISABLE_SANDBOX": "1", "PYWEBVIEW_GUI": "qt"})
    log_path = ctx.log_path(system.name, "desktop")
    marker = MARKERS[system.name]
    timeout = ctx.config.startup_timeout_s
    grabber, note = _screen.grabber(), None
    if grabber is None:
        note = f"painted_s not measured: {_screen.grab_error}"
    elif not _screen_clear(grabber, 3.0):
        grabber, note = None, "painted_s not measured: the screen was not clear before launch"

    with open(log_path, "ab") as log:
        log.write(f"$ {' '.join(cmd)}  (DISPLAY={display})\n".encode())
        log.flush()
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, cwd=str(system.app.parent), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        watch = _Watch(proc, marker, log)
        result: dict = {}
        try:
            t_paint = _wait_painted(grabber, watch, proc, t0 + timeout) if grabber else None
            t1 = watch.wait(max(0.0, t0 + timeout - time.monotonic()))
            if t1 is None:
                code = proc.poll()
                why = f"exited with code {code}" if code is not None else f"timed out after {timeout:.0f} s"
                raise RuntimeError(f"{system.name}: no 'rendered' line ({why})\n{_tail(log_path)}")
            result["window_s"] = t1 - t0
            if t_paint is not None:
                result["painted_s"] = t_paint - t0
            result.update(_close(system.name, proc))
        finally:
            if proc.poll() is None:  # an error on the way: stop it the hard way
                procs.stop_process_group(proc, timeout=5.0)
            result["leftover"] = _reap_session(proc.pid)
            watch.join(5.0)
            log.write(f"# window_s={result.get('window_s')} close_s={result.get('close_s')} exit={proc.returncode}"
                      f" leftover={result['leftover']}\n".encode())
    if note:
        result["note"] = note
    if system.name == "porch" and result.get("exit_code") not in (0, None):
        raise RuntimeError(f"porch exited with code {result['exit_code']} after SIGTERM (expected 0)\n"
                           f"{_tail(log_path)}")
    return result


def finish(ctx) -> None:
    """After the measure's last repetition: stop the screen."""
    _screen.stop()


def _close(name: str, proc: subprocess.Popen) -> dict:
    ts = time.monotonic()
    try:
        if name == "porch":
            proc.send_signal(signal.SIGTERM)  # the shell closes its window and exits 0
        else:
            os.killpg(proc.pid, signal.SIGTERM)  # NiceGUI: the server and its window process
    except ProcessLookupError:
        pass
    try:
        code = proc.wait(CLOSE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{name} did not exit within {CLOSE_TIMEOUT_S:.0f} s of SIGTERM") from None
    return {"close_s": time.monotonic() - ts, "exit_code": code}


class _Watch:
    """Reads the child's merged stdout/stderr on a thread, copies it to the log and notes when the marker arrives."""

    def __init__(self, proc: subprocess.Popen, marker: bytes, log) -> None:
        self.proc, self.marker, self.log = proc, marker, log
        self.seen_at: float | None = None
        self.seen = threading.Event()
        self.thread = threading.Thread(target=self._read, name="desktop-watch", daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for line in iter(self.proc.stdout.readline, b""):
            if self.seen_at is None and self.marker in line:
                self.seen_at = time.monotonic()
                self.seen.set()
            self.log.write(line)
        self.seen.set()  # EOF: every writer is gone

    def wait(self, timeout: float) -> float | None:
        self.seen.wait(timeout)
        return self.seen_at

    def join(self, timeout: float) -> None:
        self.thread.join(timeout)
        try:
            self.proc.stdout.close()
        except OSError:
            pass


def _wait_painted(grabber: "_Grabber", watch: "_Watch", proc: subprocess.Popen, deadline: float) -> float | None:
    """Grab the screen every PAINT_POLL_S until it shows content; return when (None: the process ended or the
    deadline passed first). Keeps grabbing after the rendered line, for the paint may come later."""
    while time.monotonic() < deadline:
        t = time.monotonic()
        if grabber.has_content():
            return t
        if proc.poll() is not None or (watch.seen_at is not None and t > watch.seen_at + PAINT_AFTER_LINE_S):
            return None
        time.sleep(PAINT_POLL_S)
    return None


def _screen_clear(grabber: "_Grabber", wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    while grabber.has_content():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


class _Grabber:
    """The top of the screen through libX11's ``XGetImage`` (ctypes; 1280x240, about 2 ms): cheap enough to poll."""

    ALL_PLANES, Z_PIXMAP = 0xFFFFFFFF, 2

    def __init__(self, display: str) -> None:
        x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x.XOpenDisplay.restype, x.XOpenDisplay.argtypes = ctypes.c_void_p, [ctypes.c_char_p]
        x.XDefaultRootWindow.restype, x.XDefaultRootWindow.argtypes = ctypes.c_ulong, [ctypes.c_void_p]
        x.XGetImage.restype = ctypes.POINTER(_XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x = x
        self._dpy = x.XOpenDisplay(display.encode())
        if not self._dpy:
            raise RuntimeError(f"cannot open display {display}")
        self._root = x.XDefaultRootWindow(self._dpy)
        self._size = (int(SCREEN.split("x")[0]), GRAB_ROWS)

    def grab(self) -> bytes:
        img = self._x.XGetImage(self._dpy, self._root, 0, 0, *self._size, self.ALL_PLANES, self.Z_PIXMAP)
        if not img:
            return b""
        im = img.contents
        try:
            return ctypes.string_at(im.data, im.bytes_per_line * im.height)
        finally:  # XDestroyImage is a macro: free the pixels, then the structure
            self._x.XFree(im.data)
            self._x.XFree(ctypes.cast(img, ctypes.c_void_p))

    def has_content(self) -> bool:
        """Whether any pixel is neither black (the bare root window) nor white (a blank page): text, a slider."""
        return bool(self.grab().translate(None, b"\x00\xff"))

    def close(self) -> None:
        if self._dpy:
            self._x.XCloseDisplay(self._dpy)
            self._dpy = None


def _session_members(sid: int) -> list[int]:
    """Processes of session ``sid`` that are not zombies."""
    out = []
    try:
        import psutil  # type: ignore

        for p in psutil.process_iter(["status"]):
            try:
                if p.info["status"] != psutil.STATUS_ZOMBIE and os.getsid(p.pid) == sid:
                    out.append(p.pid)
            except (OSError, psutil.Error):
                pass
        return out
    except ImportError:
        pass
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if fields[0] != "Z" and int(fields[3]) == sid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def _reap_session(sid: int) -> int:
    """Wait a little for what the launch started to go, SIGKILL what is left; return how many were left."""
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    left = _session_members(sid)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = _session_members(sid)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if left:
        time.sleep(0.2)
        still = _session_members(sid)
        if still:
            raise RuntimeError(f"processes {still} of the launch survived SIGKILL")
    return len(left)


def _tail(path: Path, n: int = 1500) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return ""


class _Screen:
    """One Xvfb for the measure, on a display number it picks itself (``-displayfd``)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.display: str | None = None
        self._grabber: _Grabber | None = None
        self.grab_error = ""

    def grabber(self) -> "_Grabber | None":
        if self._grabber is None and self.display:
            try:
                self._grabber = _Grabber(self.display)
            except Exception as exc:  # noqa: BLE001  (no libX11: painted_s is left out, the rest still runs)
                self.grab_error = str(exc)
        return self._grabber

    def ensure(self) -> str:
        if self.proc is not None and self.proc.poll() is None and self.display:
            return self.display
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            if os.environ.get("DISPLAY"):  # someone else's screen: other windows, so no pixel check
                self.grab_error = "no Xvfb of the measure's own (the screen may show other windows)"
                return os.environ["DISPLAY"]
            raise RuntimeError("the desktop measure needs Xvfb (apt-get install xvfb) or a DISPLAY")
        read_fd, write_fd = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [xvfb, "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True)
        finally:
            os.close(write_fd)
        number = b""
        deadline = time.monotonic() + 30
        try:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                if not select.select([read_fd], [], [], 0.5)[0]:
                    continue
                chunk = os.read(read_fd, 16)  # Xvfb writes "N\n" once it accepts connections
                if not chunk:
                    break
                number += chunk
        finally:
            os.close(read_fd)
        if not number.strip().isdigit():
            self.stop()
            raise RuntimeError("Xvfb did not start (no display number)")
        self.display = f":{number.strip().decode()}"
        atexit.register(self.stop)
        return self.display

    def stop(self) -> None:
        if self._grabber is not None:
            self._grabber.close()
            self._grabber = None
        proc, self.proc, self.display = self.proc, None, None
        if proc is not None:
            procs.stop_process_group(proc, timeout=5.0)


_screen = _Screen()
