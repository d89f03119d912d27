"""The ``<script>`` elements in the HTML of a ``components.v2`` component, run as Streamlit 1.67 runs them.

Streamlit puts a v2 component's ``html`` in the page with ``createContextualFragment``, which runs the scripts in it.
Porch's page runs only scripts of its own origin (its Content-Security-Policy has no ``'unsafe-inline'``), so the
text of each inline script is served as the session's media, and the page puts a script loading it from there in
place of the inert one the HTML left (webui/elements/bidi_component.js), before it calls the component's module.
A script with a ``src`` is loaded from there as it is (the page's policy allows the app's own origin only). The HTML
is the app's own code, as its ``js`` is, and runs with the page's rights: never build it from what users enter.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: The ``type`` values of a script the browser runs (the HTML standard's JavaScript MIME types, and ``module``);
#: any other (``application/json``, ``text/template``...) is a data block, left as it is.
RUN_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
})


def runs(script_type: str | None) -> bool:
    """Whether a script of this ``type`` attribute is run by the browser (no ``type`` is JavaScript)."""
    return (script_type or "").strip().lower() in RUN_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script of ``html`` that the browser would run (no ``src``, a JavaScript or module
    ``type``), in document order and without repeats, with line breaks as the browser's parser makes them."""
    parser = _ScriptParser()
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return list(dict.fromkeys(parser.scripts))


class _ScriptParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # a script's text is raw: no character references in it
        self.scripts: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            found = dict(attrs)
            inline = "src" not in found and "nomodule" not in found and runs(found.get("type"))
            self._text = [] if inline else None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._text is not None:
                self.scripts.append("".join(self._text))
            self._text = None
