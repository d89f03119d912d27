"""What the tests share: where the repo is, how to launch Debian's Chromium (never a downloaded one), and small
helpers over AppTest."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil

from porch.protocol import Rerun
from porch.testing import AppTest, Block

if TYPE_CHECKING:
    from PIL import Image

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CHROMIUM = os.environ.get("PORCH_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


#: A 1x1 PNG (a transparent dot).
PNG_1x1 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def app(source: str, **names: object) -> AppTest:
    """Run a script given as the lines after ``import porch as st``; it sees ``names`` as globals (given by repr)."""
    prelude = "".join(f"{name} = {value!r}\n" for name, value in names.items())
    return AppTest.from_string("import porch as st\n" + prelude + source).run()


def shown(script: Callable[..., Any], *args: Any) -> AppTest:
    """Run a script function (given ``args``) with AppTest; it must show no error. The first run may take a while
    (a first import of pandas or plotly)."""
    at = AppTest.from_function(script, args=args).run(timeout=30)
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at


def printed_by(program: str) -> str:
    """What ``program`` prints (stripped) in a fresh interpreter, tests/ on its path; it must succeed. For what a
    fresh process imports: a module imported once stays imported in this one."""
    path = os.pathsep.join([str(TESTS), *filter(None, [os.environ.get("PYTHONPATH")])])
    env = {**os.environ, "PYTHONPATH": path}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def run_coroutine(coro: Any) -> Any:
    """``asyncio.run(coro)`` in a thread of its own: Playwright's sync API keeps an event loop running on the test
    thread for as long as the session's browser lives, where ``asyncio.run`` refuses to start another."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def send(at: AppTest, widgets: dict[str, Any], trigger: str | None = None) -> AppTest:
    """Send a raw ``rerun`` message, as a browser tab would, and wait until the session settles."""
    return at.send(Rerun(widgets=widgets, trigger=trigger))


def bad_values(at: AppTest) -> list[dict[str, str]]:
    """The values the session refused (each one an ``error`` message to the client)."""
    return [e for e in at.errors if e["code"] == "bad_value"]


def kinds(block: Block) -> list[str]:
    """The kinds of a block's children (``at.main``, a column...), in page order."""
    return [child.kind for child in block.children]


def decoded(data: bytes) -> Image.Image:
    """An image's bytes, decoded by Pillow."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_gone(pids: list[int], timeout: float = 3.0) -> None:
    """Every process of ``pids`` ends within ``timeout`` seconds (a zombie awaiting its reaper has ended too)."""
    deadline = time.monotonic() + timeout
    while True:
        left = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    left.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not left:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"processes left behind: {left}")
        time.sleep(0.1)


#: A form of two widgets and a submit button, counting its runs (tests/elements/test_form.py, test_api_state.py).
FORM = """
import porch as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
with st.form("f"):
    name = st.text_input("Name")
    size = st.slider("Size", 0, 10, 1)
    submitted = st.form_submit_button("Send")
st.write(f"name={name} size={size} submitted={submitted}")
"""
