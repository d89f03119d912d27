"""``pyplot``: a Matplotlib figure saved on the server as a PNG (Streamlit's savefig options: 200 dpi, cropped), shown
as an ``image`` element, as Streamlit's AppTest shows it (``at.image``). The media store serves the PNG; Matplotlib
draws with Agg unless the user chose a backend, and Porch imports it only when the script does. Chromium: the image
shows at its own size, or the container's."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from matplotlib import rcsetup
from matplotlib.figure import Figure
from playwright.sync_api import expect

from engine_harness import running_engine
from support import REPO, app, decoded

FIGURE = (
    "from matplotlib.figure import Figure\n"
    "fig = Figure(figsize=(2, 1))\n"
    "lines = fig.add_subplot().plot([1, 3, 2])\n"
)


def expected_size(**savefig: Any) -> tuple[int, int]:
    """The pixel size of FIGURE saved as Streamlit saves it (with ``savefig`` options over its defaults)."""
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([1, 3, 2])
    buffer = io.BytesIO()
    fig.savefig(buffer, **{"bbox_inches": "tight", "dpi": 200, "format": "png", **savefig})
    size: tuple[int, int] = decoded(buffer.getvalue()).size
    return size


def test_a_figure_is_a_png_the_media_store_serves_at_200_dpi() -> None:
    at = app(FIGURE + "st.pyplot(fig)")
    assert not at.exception
    image = at.image[0]
    assert image.type == "image" and len(at.get("image")) == 1, "an image element, as in Streamlit's AppTest"
    assert image.url.startswith("_porch/media/") and image.url.endswith(".png")
    assert image.content_type == "image/png" and image.data.startswith(b"\x89PNG")
    assert decoded(image.data).size == expected_size()
    assert 380 <= decoded(image.data).size[0] <= 400, "2 inches at 200 dpi, cropped to what is drawn"
    assert image.props == {"images": [{"url": image.url, "caption": None}], "width": "stretch", "link": None,
                           "alt": None}
    assert image.caption == ""


def test_savefig_arguments_go_to_matplotlib_with_streamlits_deprecation_warning() -> None:
    at = app(FIGURE + "st.pyplot(fig, dpi=100)\nst.pyplot(fig, format='svg', bbox_inches=None)")
    assert decoded(at.image[0].data).size == expected_size(dpi=100)
    assert at.image[1].content_type == "image/svg+xml" and at.image[1].data.lstrip().startswith(b"<?xml")
    assert len(at.warning) == 2
    assert at.warning[0].value.startswith("Passing Matplotlib `savefig` keyword arguments to `st.pyplot` is\n")
    quiet = app("st.set_option('client.showErrorDetails', 'none')\n" + FIGURE + "st.pyplot(fig, dpi=100)")
    assert len(quiet.image) == 1 and len(quiet.warning) == 0, "shown only with client.showErrorDetails 'full'"
    assert "a browser shows" in app(FIGURE + "st.pyplot(fig, format='pdf')").exception[0].message


def test_the_warning_goes_where_porch_warning_would_and_the_figure_where_it_was_called() -> None:
    at = app(FIGURE + "col, = st.columns(1)\nst.text('before')\ncol.pyplot(fig, dpi=72)")
    assert [child.kind for child in at.main.children] == ["columns", "text", "alert"]
    assert len(at.columns[0].image) == 1


def test_clear_figure_clears_it_once_drawn_and_the_default_keeps_it() -> None:
    at = app(FIGURE + "st.pyplot(fig)\nst.text(len(fig.axes))\nst.pyplot(fig, clear_figure=True)\n"
             "st.text(len(fig.axes))")
    assert at.text.values == ["1", "0"]
    assert len(at.image) == 2 and at.image[0].data == at.image[1].data, "drawn before it is cleared"


def test_width_alt_and_the_deprecated_use_container_width() -> None:
    at = app(FIGURE + "st.pyplot(fig, width='content', alt='A line that rises then falls')\n"
             "st.pyplot(fig, width=120)\nst.pyplot(fig, use_container_width=False)\n"
             "st.pyplot(fig, width=120, use_container_width=True)\nst.pyplot(fig, alt='')\nst.pyplot(fig, alt='  ')")
    assert [image.props["width"] for image in at.image] == ["content", 120, "content", "stretch", "stretch", "stretch"]
    assert [image.props["alt"] for image in at.image] == ["A line that rises then falls", None, None, None, "", None]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.pyplot(None)", "pyplot(): the `fig` parameter is required. Passing `None` is not supported"),
        ("st.pyplot(fig.axes[0])", "pyplot() takes a Matplotlib Figure, not Axes (an Axes: pass ax.get_figure())"),
        ("st.pyplot('figure')", "pyplot() takes a Matplotlib Figure, not str"),
        ("st.pyplot(fig, width=0)", "pyplot(): width must be a positive number of pixels"),
        ("st.pyplot(fig, alt=3)", "pyplot(): alt must be a string or None, not int"),
    ],
)
def test_what_is_not_a_figure_is_a_clear_error(call: str, message: str) -> None:
    at = app(FIGURE + call + "\nst.text('still here')")
    assert at.exception[0].message.startswith(message), at.exception[0].message
    assert at.text.values == []


def test_pyplot_needs_a_figure_as_in_streamlit_1_67() -> None:
    at = app("st.pyplot()")
    assert at.exception[0].props["type"] == "TypeError" and "fig" in at.exception[0].message


def test_a_pyplot_figure_and_the_pyplot_module_itself_draw() -> None:
    at = app("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nbars = ax.bar(['a', 'b'], [1, 2])\n"
             "st.pyplot(fig)\nplt.figure()\nline = plt.plot([1, 2])\nst.pyplot(plt, clear_figure=True)\n"
             "st.text(len(plt.gcf().axes))")
    assert not at.exception and len(at.image) == 2
    assert all(image.content_type == "image/png" for image in at.image)
    assert at.text.values == ["0"], "clear_figure=True cleared pyplot's current figure"


def script_in_a_fresh_process(source: str, cwd: Path, **env: str) -> str:
    """Run ``source`` with AppTest in a new interpreter (nothing imported yet) and return what it printed."""
    program = (
        "import sys\nfrom porch.testing import AppTest\n"
        f"at = AppTest.from_string({source!r}).run(timeout=120)\n"  # a first import of Matplotlib, maybe under load
        "assert not at.exception, at.exception[0].message\n"
        "print(at.text.values, 'matplotlib' in sys.modules)\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**environment, "PYTHONPATH": str(REPO / "tests"), **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


BACKEND = (
    "import porch as st\nimport matplotlib\nst.text(str(matplotlib.rcParams._get_backend_or_none()))\n"
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nst.pyplot(fig)\nst.text(matplotlib.get_backend())\n"
)


def test_matplotlib_draws_with_agg_unless_the_user_chose_a_backend(tmp_path: Path) -> None:
    assert script_in_a_fresh_process("import porch as st\nst.text('no charts')", tmp_path) == "['no charts'] False", (
        "Porch imports Matplotlib only when the script does"
    )
    assert script_in_a_fresh_process(BACKEND, tmp_path) == "['agg', 'agg'] True"
    assert script_in_a_fresh_process(BACKEND, tmp_path, MPLBACKEND="svg") == "['svg', 'svg'] True"
    (tmp_path / "matplotlibrc").write_text("backend: pdf\n", encoding="utf-8")
    assert script_in_a_fresh_process(BACKEND, tmp_path) == "['pdf', 'pdf'] True"
    script = "import matplotlib\nmatplotlib.use('svg')\n" + BACKEND
    assert script_in_a_fresh_process(script, tmp_path) == "['svg', 'svg'] True", "the script's own use() wins"


def test_a_matplotlib_imported_before_the_run_is_settled_too() -> None:
    from types import SimpleNamespace

    from porch.elements._matplotlib import settle

    unchosen = SimpleNamespace(rcsetup=rcsetup, rcParams={"backend": rcsetup._auto_backend_sentinel})
    settle(unchosen)
    assert unchosen.rcParams["backend"] == "agg"
    chosen = SimpleNamespace(rcsetup=rcsetup, rcParams={"backend": "tkagg"})
    settle(chosen)
    assert chosen.rcParams["backend"] == "tkagg", "a backend chosen is kept"


SIZES = FIGURE + """
st.pyplot(fig, width="content", alt="At its own size")
st.pyplot(fig, alt="As wide as the page")
st.pyplot(fig, width=150, alt="150 pixels")
st.text("after")
"""


@pytest.mark.browser
def test_the_figure_shows_at_its_own_size_or_the_containers(context: Any) -> None:
    width, height = expected_size()
    with running_engine("import porch as st\n" + SIZES) as server:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server.url)
        expect(page.get_by_text("after")).to_be_visible()
        own, wide, fixed = (page.get_by_role("img", name=name) for name in (
            "At its own size", "As wide as the page", "150 pixels"))
        for image in (own, wide, fixed):
            expect(image).to_have_js_property("complete", True)
            assert image.evaluate("(img) => [img.naturalWidth, img.naturalHeight]") == [width, height]
        assert own.evaluate("(img) => img.getBoundingClientRect().width") == pytest.approx(width, abs=1)
        container = wide.evaluate("(img) => img.closest('.image-list').parentElement.clientWidth")
        assert container > width
        assert wide.evaluate("(img) => img.getBoundingClientRect().width") == pytest.approx(container, abs=1)
        assert fixed.evaluate("(img) => img.getBoundingClientRect().width") == pytest.approx(150, abs=1)
        origin = server.url.split("/", 3)[:3]
        assert [url for url in requests if url.split("/", 3)[:3] != origin] == []
        assert sum("/_porch/media/" in url for url in requests) == 1, "one PNG, the same for the three figures"
