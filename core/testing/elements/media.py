"""Media elements, whose content the server serves at a URL: ``image``, ``audio`` and ``video``, ``pdf``. A test
reads the bytes served (``data``) and their ``content_type`` through the app's own media route."""

from __future__ import annotations

from .base import Element, _text


class ServedElement(Element):
    """An element whose content the server serves at its ``url``."""

    @property
    def url(self) -> str:
        raise NotImplementedError

    @property
    def data(self) -> bytes:
        """The bytes the server serves at :attr:`url`."""
        return self._at.media(self.url).read()

    @property
    def content_type(self) -> str:
        return self._at.media(self.url).content_type


class Image(ServedElement):
    """An ``image`` element: one image, or several side by side, each with a URL and a caption."""

    @property
    def value(self) -> list[str]:
        return self.urls

    @property
    def urls(self) -> list[str]:
        return [str(item["url"]) for item in self.props["images"]]

    @property
    def captions(self) -> list[str]:
        """Each image's caption ("" for none, as in Streamlit)."""
        return [_text(item["caption"]) for item in self.props["images"]]

    @property
    def url(self) -> str:
        """The first image's URL (its bytes: :attr:`data`)."""
        return self.urls[0]

    @property
    def caption(self) -> str:
        return self.captions[0]


class Media(ServedElement):
    """``audio`` and ``video``: the URL, the bytes served there, and the playback props (``start_time``...)."""

    @property
    def value(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        return str(self.props["url"])


class Pdf(ServedElement):
    """A pdf: ``url`` where the document is (a media URL of the app's, or the script's http(s) URL), its ``data``
    and ``content_type`` as served, ``height`` and ``alt``."""

    @property
    def value(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        return str(self.props["url"])

    @property
    def height(self) -> str | int:
        height: str | int = self.props["height"]
        return height

    @property
    def alt(self) -> str | None:
        return self.props.get("alt")
