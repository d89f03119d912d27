"""``logo``: the app's logo at the top of the sidebar, and in the page's top-left corner when the sidebar is closed or
absent. Not an element in the flow of the page but a page setting (the ``logo`` field of the ``page`` message), which
lasts as an element does: a run that ends without calling ``logo`` again removes it."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from ..context import get_run
from ..elements._icons import icon_of
from ..elements._media_sources import image_media, media_url
from ..errors import PorchAPIError

LOGO_SIZES = ("small", "medium", "large")
#: Where the logo's media count as shown (``SessionMedia.place``): no element's path starts with -1.
LOGO_PLACE = (-1,)


class Logo(TypedDict):
    """The ``logo`` field of the ``page`` message."""

    #: The image's URL (one of the session's media, or the URL the script gave), or an icon: an emoji or
    #: ``:material/name:``.
    image: str
    #: The image (URL or icon) shown when the sidebar is closed, if the script gave one.
    icon_image: str | None
    #: Where a click on the logo leads (http or https), or None.
    link: str | None
    #: "small", "medium" or "large": the logo's height.
    size: str


def logo(
    image: Any,
    *,
    size: Literal["small", "medium", "large"] = "medium",
    link: str | None = None,
    icon_image: Any = None,
) -> None:
    """Show ``image`` as the app's logo, at the top of the sidebar and in the page's top-left corner.

    ``image`` is anything ``image()`` takes (a file path, a URL, bytes, a PIL image, an array, SVG text), or an icon:
    an emoji or a Material icon (``":material/rocket_launch:"``).
    ``icon_image`` is a smaller image shown instead while the sidebar is closed (by default ``image``). ``size``
    sets the logo's height: "small", "medium" (default) or "large". ``link`` is a web address (http or https) that
    opens in a new tab when the logo is clicked.

    Call it in every run, as any element: a run that ends without calling it removes the logo. Several calls in one
    run: the last one counts.
    """
    if size not in LOGO_SIZES:
        raise PorchAPIError(f"logo(): size must be one of {LOGO_SIZES}, not {size!r}")
    if link is not None and not (isinstance(link, str) and link.strip().lower().startswith(("http://", "https://"))):
        raise PorchAPIError(f"logo(): link must be a web address starting with http:// or https://, not {link!r}")
    if image is None:
        raise PorchAPIError("logo() needs an image")
    run = get_run()
    run.checkpoint()
    media = run.session.media
    value: Logo = {
        "image": _source(media, image),
        "icon_image": None if icon_image is None else _source(media, icon_image),
        "link": None if link is None else link.strip(),
        "size": size,
    }
    # Held as an element holds its media, at a place of its own outside the tree: a second call in the same run
    # lets go of the first one's images, and an element that shows the same image and is replaced does not.
    shown = (value["image"], value["icon_image"])
    media.place(LOGO_PLACE, [url for url in shown if url is not None and not _is_icon(url)])
    run.session.set_page({"logo": dict(value)}, run=run)


def _source(media: Any, image: Any) -> str:
    """An icon as it is (checked), anything else as the URL of an image."""
    if isinstance(image, str) and (image.strip().startswith(":material") or not image.strip().isascii()):
        icon = icon_of(image, "logo()")
        if icon is not None and icon != "spinner":
            return icon
    return media_url(media, image_media(image))


def _is_icon(value: str) -> bool:
    return value.startswith(":material/") or not value.isascii()
