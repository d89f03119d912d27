"""``image``: one image or several side by side, served by URL; and ``pyplot``, a Matplotlib figure drawn on the server
as one such image (Streamlit's ``st.pyplot`` is an image element too: ``at.image`` lists it)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._media_sources import CHANNELS, IMAGE_FORMATS, Content, image_media, media_url, sniff_image
from ._layout import Width, width_of
from ._place import Block
from ._served import session_media, show_served
from .alert import deprecation
from .link_button import link_url


#: What ``pyplot`` hands Matplotlib's ``savefig`` unless the script says otherwise (Streamlit's): a PNG at 200 dots
#: per inch (twice a figure's own 100, sharp on high-density screens), cropped to what is drawn.
SAVEFIG_DEFAULTS: dict[str, Any] = {"bbox_inches": "tight", "dpi": 200, "format": "png"}
FIG_REQUIRED = """pyplot(): the `fig` parameter is required. Passing `None` is not supported because Matplotlib's
global figure object is not thread-safe.

Pass a figure explicitly:

```python
fig, ax = plt.subplots()
ax.scatter([1, 2, 3], [1, 2, 3])
# other plotting actions...
st.pyplot(fig)
```"""
#: Streamlit 1.67's words, shown (as a warning in the app) when a script passes ``savefig`` arguments.
SAVEFIG_KWARGS_DEPRECATION = """Passing Matplotlib `savefig` keyword arguments to `st.pyplot` is
deprecated and will be removed in a future version.

`st.pyplot` already uses `bbox_inches="tight"` and `dpi=200` by
default. For other `savefig` options (for example `transparent=True`
or a custom `dpi`), save the figure yourself and display it with
`st.image`:

```python
import io

buf = io.BytesIO()
fig.savefig(buf, format="png", transparent=True, dpi=300)
st.image(buf)
```"""


class Picture(TypedDict):
    url: str
    caption: str | None


class Props(TypedDict):
    images: list[Picture]
    #: "content" (each image at its own size, at most the container's width), "stretch" (the container's width) or
    #: pixels.
    width: str | int
    #: A URL each image links to (opened in a new tab), or None.
    link: str | None
    #: Alternative text for every image, or None (each image's caption is its alt text then).
    alt: str | None


def image(
    place: Block,
    image: Any,
    caption: str | Sequence[str | None] | None = None,
    width: Width | None = "content",
    clamp: bool = False,
    channels: Literal["RGB", "BGR"] = "RGB",
    output_format: Literal["auto", "PNG", "JPEG", "JPG"] = "auto",
    *,
    use_container_width: bool | None = None,
    link: str | None = None,
    use_column_width: bool | str | None = None,
    alt: str | None = None,
) -> Block:
    """Show an image, or a list of images side by side, each with its caption.

    An image is a file path, a URL, bytes, a file-like object, a PIL image, a NumPy array (``clamp`` limits float
    pixels to 0-1; ``channels="BGR"`` for OpenCV's order) or an SVG string. ``output_format`` chooses how arrays are
    encoded.

    ``width`` is "content" (each image at its own size, never wider than the container; the default), "stretch"
    (the container's width) or pixels. ``link`` makes each image a link to that URL (http(s), mailto or relative;
    any other URL is refused), opened in a new tab. ``alt`` is the text a screen reader reads for the images (by
    default each image's caption).

    Deprecated in Streamlit and still honoured: ``use_container_width=True`` is ``width="stretch"`` (False: the
    image's own size); ``use_column_width`` "always" or True is ``width="stretch"``, "auto", "never" or False the
    image's own size.
    """
    call = "image()"
    if channels not in CHANNELS:
        raise PorchAPIError(f"channels must be one of {CHANNELS}, not {channels!r}")
    if str(output_format).upper() not in IMAGE_FORMATS:
        raise PorchAPIError(f"output_format must be 'auto', 'PNG' or 'JPEG', not {output_format!r}")
    shown_width = "content" if width is None else width_of(width, call)
    if use_column_width is not None:
        stretch = use_column_width is True or use_column_width == "always"
        shown_width = "stretch" if stretch else ("content" if shown_width == "stretch" else shown_width)
    if use_container_width is not None:
        shown_width = "stretch" if use_container_width else ("content" if shown_width == "stretch" else shown_width)
    target = None
    if link is not None:
        target = link_url(str(link))
        if target is None:
            raise PorchAPIError(f"{call}: link {link!r} is not an http(s), mailto or relative URL")
    images = list(image) if isinstance(image, (list, tuple)) else [image]
    if not images:
        raise PorchAPIError("image() was given an empty list of images")
    if caption is None:
        captions: list[str | None] = [None] * len(images)
    elif isinstance(caption, str):
        captions = [caption]
    else:
        captions = [None if c is None else str(c) for c in caption]
    if len(captions) != len(images):
        raise PorchAPIError(f"Cannot pair {len(captions)} captions with {len(images)} images.")
    media = session_media()
    urls = [
        media_url(media, image_media(one, clamp=clamp, channels=channels, output_format=output_format))
        for one in images
    ]
    props: Props = {
        "images": [{"url": url, "caption": text} for url, text in zip(urls, captions)],
        "width": shown_width,
        "link": target,
        "alt": None if alt is None else str(alt),
    }
    return show_served(place, "image", props, urls)


def pyplot(
    place: Block,
    /,
    fig: Any,
    clear_figure: bool = False,
    *,
    width: Width = "stretch",
    use_container_width: bool | None = None,
    alt: str | None = None,
    **kwargs: Any,
) -> Block:
    """Show a Matplotlib figure, drawn on the server as a PNG image (Matplotlib must be installed).

    ``fig`` is the ``Figure`` to show (``fig, ax = plt.subplots()``, or ``matplotlib.figure.Figure()``); pandas'
    ``DataFrame.plot()`` gives an ``Axes``, whose ``.get_figure()`` is the figure. It is drawn with ``savefig`` at
    200 dots per inch, cropped to what is drawn (``bbox_inches="tight"``), so a 6.4 x 4.8 inch figure is an image of
    about 1,200 x 900 pixels. ``clear_figure=True`` clears the figure (``fig.clf()``) once it is drawn.

    ``width`` is "stretch" (the container's width, the default), "content" (the image's own size, at most the
    container's width) or pixels. ``alt`` describes the figure to screen readers; "" marks it as decorative.

    Further keyword arguments go to ``savefig`` (``dpi=100``, ``transparent=True``, ``format="svg"``...), as in
    Streamlit, which deprecates them and says so in the app: save the figure yourself and show it with ``image``
    instead. Deprecated in Streamlit and still honoured: ``use_container_width=True`` is ``width="stretch"``
    (False: "content").

    Porch draws with Matplotlib's Agg backend unless a backend was chosen (``MPLBACKEND``, a ``matplotlibrc``, or
    ``matplotlib.use`` in the script), and imports Matplotlib only when the script does.
    """
    call = "pyplot()"
    if fig is None:
        raise PorchAPIError(FIG_REQUIRED)
    if not callable(getattr(fig, "savefig", None)):
        hint = " (an Axes: pass ax.get_figure())" if callable(getattr(fig, "get_figure", None)) else ""
        raise PorchAPIError(f"{call} takes a Matplotlib Figure, not {type(fig).__name__}{hint}")
    shown_width: str | int = width_of(width, call)
    if use_container_width is not None:
        shown_width = "stretch" if use_container_width else "content"
    if alt is not None and not isinstance(alt, str):
        raise PorchAPIError(f"{call}: alt must be a string or None, not {type(alt).__name__}")
    if kwargs:
        deprecation(place, SAVEFIG_KWARGS_DEPRECATION)
    buffer = io.BytesIO()
    fig.savefig(buffer, **{**SAVEFIG_DEFAULTS, **kwargs})
    data = buffer.getvalue()
    content_type = sniff_image(data)
    if content_type is None:
        raise PorchAPIError(
            f"{call}: savefig(format={kwargs.get('format')!r}) made no image a browser shows: use png, jpg or svg"
        )
    url = media_url(session_media(), Content(data, content_type))
    props: Props = {
        "images": [{"url": url, "caption": None}],
        "width": shown_width,
        "link": None,
        # Streamlit's: "" (decorative) is kept, blank text is none.
        "alt": alt if alt == "" or alt is None else (alt.strip() or None),
    }
    slot = show_served(place, "image", props, [url])
    if clear_figure:
        fig.clf()
    return slot
