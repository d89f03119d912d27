"""``porch.query_params``: the page URL's query string as a mutable mapping, as Streamlit's ``st.query_params``.

The session holds the parameters as names to lists of values in the URL's order (``Session.query``). The client sends
them in ``hello`` and again when the user goes back or forward (a ``rerun`` with ``query``, which the next run sees);
every change the script makes goes to the client as a ``query`` message, and the page puts it in its address bar
(docs/protocol.md). A name reads as its last value (``""`` when it has none) and ``get_all`` gives every value; values
are set as strings (``str(value)``, or a list of them from any other iterable). ``embed`` and ``embed_options`` (in
any case) are Streamlit's embedding switches: hidden here and never set by a script, as in Streamlit;
``porch.context.is_embedded`` reads ``embed``. A parameter a widget on the page is bound to (``bind="query-params"``,
``core/binding.py``) reads as any other but is not set or deleted here: its widget's value (``session_state[key]``)
is, as in Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from ..context import get_run
from ..errors import PorchAPIError
from ..protocol import query_size_problem

if TYPE_CHECKING:
    from ..session import Session

EMBED_KEYS = frozenset({"embed", "embed_options"})


def _missing(key: str) -> str:
    return f'st.query_params has no key "{key}".'


class QueryParams(MutableMapping[str, str]):
    """``porch.query_params``: the query parameters of the calling session's page.

    Read a parameter as ``query_params["page"]``, ``query_params.page`` or ``query_params.get("page", "1")`` (its last
    value, when the URL repeats it) and all of a repeated one with ``get_all("tag")``. Set one with
    ``query_params["page"] = 2`` (stored as ``"2"``) or ``query_params.tag = ["a", "b"]``; ``update``, ``from_dict``
    (replaces them all), ``clear``, ``del`` and ``to_dict`` (last values) work as on a dict. Each change updates the
    page's address and adds a browser history entry, so Back returns to the earlier parameters (and reruns the
    script with them).
    """

    __slots__ = ()

    @staticmethod
    def _session() -> Session:
        return get_run().session

    def _query(self) -> dict[str, list[str]]:
        return self._session().query

    def _refuse_bound(self, keys: Iterable[Any], action: str = "set") -> None:
        """Streamlit's error for a parameter a widget on the page is bound to."""
        bound = self._session().widgets.bound_params()
        for key in keys:
            if key in bound:
                raise PorchAPIError(
                    f"Cannot directly {action} query parameter '{key}' - it is bound to a widget. Modify the widget "
                    "value instead."
                )

    def _write(self, query: dict[str, list[str]]) -> None:
        problem = query_size_problem(query)
        if problem is not None:
            raise PorchAPIError(f"st.query_params: {problem} (the page sends them back whenever it reloads)")
        run = get_run()
        run.checkpoint()
        run.session.set_query(query)

    # -- reading -------------------------------------------------------------------------------------------------

    def __getitem__(self, key: str) -> str:
        if not isinstance(key, str) or key.lower() in EMBED_KEYS:
            raise KeyError(_missing(str(key)))
        try:
            values = self._query()[key]
        except KeyError:
            raise KeyError(_missing(key)) from None
        return values[-1] if values else ""

    def __iter__(self) -> Iterator[str]:
        return iter([key for key in self._query() if key.lower() not in EMBED_KEYS])

    def __len__(self) -> int:
        return sum(1 for key in self._query() if key.lower() not in EMBED_KEYS)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() not in EMBED_KEYS and key in self._query()

    def get_all(self, key: str) -> list[str]:
        """Every value of ``key`` in the URL's order (``?tag=a&tag=b``: ``["a", "b"]``); ``[]`` when it is absent."""
        if not isinstance(key, str) or key.lower() in EMBED_KEYS:
            return []
        return list(self._query().get(key, []))

    def to_dict(self) -> dict[str, str]:
        """The parameters as a plain dict of their last values."""
        return {key: values[-1] if values else "" for key, values in self._query().items()
                if key.lower() not in EMBED_KEYS}

    # -- writing -------------------------------------------------------------------------------------------------

    def __setitem__(self, key: str, value: Any) -> None:
        self._refuse_bound([key])
        query = dict(self._query())
        _set(query, key, value)
        self._write(query)

    def __delitem__(self, key: str) -> None:
        query = dict(self._query())
        if not isinstance(key, str) or key.lower() in EMBED_KEYS or key not in query:
            raise KeyError(_missing(str(key)))
        self._refuse_bound([key], "delete")
        del query[key]
        self._write(query)

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        """Set several parameters at once (one change of the address): from a mapping, pairs, or keywords."""
        query = dict(self._query())
        pairs = [*_pairs(other), *kwargs.items()]
        self._refuse_bound(key for key, _ in pairs)
        for key, value in pairs:
            _set(query, key, value)
        self._write(query)

    def clear(self) -> None:
        """Remove every parameter (``embed`` and ``embed_options`` stay, as in Streamlit); an error when a widget on
        the page is bound to one of them."""
        bound = sorted(key for key in self._query() if key in self._session().widgets.bound_params())
        if bound:
            raise PorchAPIError(
                "Cannot clear query parameters - the following are bound to widgets: "
                f"{', '.join(repr(key) for key in bound)}. Modify the widget values instead, or remove the bind "
                "parameter."
            )
        self._write({key: values for key, values in self._query().items() if key.lower() in EMBED_KEYS})

    def from_dict(self, params: Any) -> None:
        """Replace all parameters with ``params`` (a mapping or pairs; a list value gives a repeated parameter), in
        one change of the address. Parameters widgets are bound to stay, and naming one is an error. On an error
        nothing changes."""
        bound = self._session().widgets.bound_params()
        query = {key: values for key, values in self._query().items() if key.lower() in EMBED_KEYS or key in bound}
        pairs = _pairs(params)
        self._refuse_bound(key for key, _ in pairs)
        for key, value in pairs:
            _set(query, key, value)
        self._write(query)

    # -- attribute access ----------------------------------------------------------------------------------------

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):  # Python's own probes (_repr_html_...); such a parameter is read as ["_name"]
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(_missing(key)) from None

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del self[key]
        except KeyError:
            raise AttributeError(_missing(key)) from None

    def __repr__(self) -> str:
        shown = {key: values[-1] if len(values) == 1 else list(values) for key, values in self._query().items()
                 if key.lower() not in EMBED_KEYS}
        return repr(shown)

    __str__ = __repr__


def _pairs(other: Any) -> list[tuple[Any, Any]]:
    if isinstance(other, Mapping) or (hasattr(other, "keys") and hasattr(other, "__getitem__")):
        return [(key, other[key]) for key in list(other.keys())]
    return [(key, value) for key, value in other]


def _set(query: dict[str, list[str]], key: Any, value: Any) -> None:
    """Streamlit's rules: a dict is refused, a string (or any non-iterable) becomes one value, another iterable a
    repeated parameter; every value becomes a string."""
    if not isinstance(key, str):
        raise PorchAPIError(f"st.query_params: a parameter's name must be a string, not {key!r}")
    if isinstance(value, dict):
        raise PorchAPIError(f"You cannot set a query params key `{key}` to a dictionary.")
    if key.lower() in EMBED_KEYS:
        raise PorchAPIError("Query param embed and embed_options (case-insensitive) cannot be set programmatically.")
    if isinstance(value, Iterable) and not isinstance(value, str):
        query[key] = [str(item) for item in value]
    else:
        query[key] = [str(value)]


query_params = QueryParams()
