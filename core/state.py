"""``porch.session_state``: a per-session mapping with attribute access, mirroring widgets that have a key."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, TypeVar

from .context import current_run
from .errors import PorchAPIError
from .widgets import WidgetStore

F = TypeVar("F", bound=Callable[..., Any])


def _locked(method: F) -> F:
    """Under the widget store's lock: a full run's parallel fragments (``porch.parallel``) use ``session_state``
    from several threads at once, while widgets register."""

    @functools.wraps(method)
    def locked(self: SessionState, *args: Any, **kwargs: Any) -> Any:
        with self._widgets.lock:
            return method(self, *args, **kwargs)

    return locked  # type: ignore[return-value]


class SessionState(MutableMapping[str, Any]):
    """What a script keeps between runs. A widget created with ``key="k"`` shows its value as ``state["k"]``.

    Setting a widget's key before the widget is created in a run sets the widget's value; setting it after, or
    setting a button's, raises :class:`PorchAPIError` (as in Streamlit). A test's own write between runs
    (``WidgetStore.takes_test_input``) is the widget's input, whatever the widget.
    """

    def __init__(self, widgets: WidgetStore) -> None:
        self._user: dict[str, Any] = {}
        self._widgets = widgets
        # Keys the script set in this run before their widget was created, waiting for that widget.
        self._preset: dict[str, Any] = {}

    # -- Mapping ---------------------------------------------------------------------------------------------------

    @_locked
    def __getitem__(self, key: str) -> Any:
        if key in self._preset:
            return self._preset[key]
        widget = self._widget_id(key)
        if widget is not None and self._has_value(widget):
            spec = self._widgets.specs[widget]
            return self._widgets.trigger_value(spec) if spec.trigger else self._widgets.values[widget]
        try:
            return self._user[key]
        except KeyError:
            pass
        kept = self._widgets.kept.get(key)  # a widget not shown whose persist_state or binding keeps its value
        if kept is not None:
            return kept.value
        moved, value = self._widgets.restored_value(key)  # a moved session's widget, before it is rendered here
        if moved:
            return value
        raise KeyError(_missing(key))

    @_locked
    def __setitem__(self, key: str, value: Any) -> None:
        from_test = self._widgets.takes_test_input and current_run.get() is None
        if from_test:
            self._widgets.test_input_keys.add(key)
        widget = self._widget_id(key)
        if widget is not None and not from_test:
            spec = self._widgets.specs[widget]
            if (spec.trigger and not spec.payload) or spec.read_only:
                raise PorchAPIError(f"The value of the {spec.kind} with key {key!r} cannot be set through session_state.")
            if widget in self._widgets.seen and current_run.get() is not None:
                raise PorchAPIError(
                    f"session_state[{key!r}] cannot be modified after the widget with this key is created in this run."
                    " Set it before the widget is created, or in the widget's on_change callback."
                )
        self._preset[key] = value

    @_locked
    def __delitem__(self, key: str) -> None:
        found = False
        if key in self._preset:
            del self._preset[key]
            found = True
        if key in self._user:
            del self._user[key]
            found = True
        if self._widgets.kept.pop(key, None) is not None:
            found = True
        widget = self._widget_id(key)
        if widget is not None:
            self._widgets.values.pop(widget, None)
            found = True
        if not found:
            raise KeyError(_missing(key))

    @_locked
    def __iter__(self) -> Iterator[str]:
        keys = dict.fromkeys(self._user)
        keys.update(dict.fromkeys(self._preset))
        keys.update(dict.fromkeys(self._widgets.kept))
        keys.update(dict.fromkeys(k for k in self._widgets.key_to_id if self._widget_value_id(k) is not None))
        return iter(keys)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @_locked
    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (
            key in self._preset or key in self._user or self._widget_value_id(key) is not None
            or key in self._widgets.kept or self._widgets.restored_value(key)[0]
        )

    # -- attribute access ------------------------------------------------------------------------------------------

    # Every other name is a key, "_role" too (as in Streamlit): only this object's own fields and dunder names
    # (which Python and libraries probe) are attributes.
    _FIELDS = frozenset({"_user", "_widgets", "_preset"})

    def __getattr__(self, name: str) -> Any:
        if name in SessionState._FIELDS or _is_dunder(name):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(_missing(name)) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in SessionState._FIELDS or _is_dunder(name):
            object.__setattr__(self, name, value)
        else:
            self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(_missing(name)) from None

    def __repr__(self) -> str:
        return f"SessionState({dict(self)!r})"

    def to_dict(self) -> dict[str, Any]:
        return dict(self)

    # -- for a session that moves between replicas (``porch.store``) ---------------------------------------------

    def own(self) -> dict[str, Any]:
        """The script's own keys (those no widget holds), as they stand between runs."""
        return self._user

    def restore_own(self, values: dict[str, Any]) -> None:
        """Take the script's own keys of a session that moved here, before its first run here."""
        self._user.update(values)

    # -- for the widget layer ------------------------------------------------------------------------------------

    @_locked
    def take_preset(self, key: str | None) -> tuple[bool, Any]:
        """The value the script set for ``key`` before its widget was created, if any (consumed)."""
        if key is None:
            return (False, None)
        if key in self._preset:
            return (True, self._preset.pop(key))
        if key in self._user and self._widgets.key_to_id.get(key) is None:
            return (True, self._user.pop(key))
        return (False, None)

    @_locked
    def settle(self, *, run_ended: bool = False) -> None:
        """After a run step (callbacks, or the script, ``run_ended``): keys set for widgets that exist become their
        values. A test's input (``WidgetStore.test_input_keys``) waits for its widget, which takes it as a client's,
        until a run ends without that widget: then it is a key of the script's own."""
        for key in list(self._preset):
            if key in self._widgets.test_input_keys:
                if not run_ended:
                    continue
                self._widgets.test_input_keys.discard(key)
            widget = self._widget_id(key)
            value = self._preset.pop(key)
            if widget is not None and widget not in self._widgets.seen:
                self._widgets.values[widget] = value
                self._widgets.stated.add(widget)  # checked as it is shown next (WidgetStore._register)
            elif widget is None:
                self._user[key] = value

    def _widget_id(self, key: str) -> str | None:
        """The widget that owns ``key``, if one is on the page."""
        widget = self._widgets.key_to_id.get(key)
        if widget is None or widget not in self._widgets.specs:
            return None
        return widget

    def _has_value(self, widget: str) -> bool:
        """False after ``del session_state[key]`` until the widget is shown again."""
        return self._widgets.specs[widget].trigger or widget in self._widgets.values

    def _widget_value_id(self, key: str) -> str | None:
        widget = self._widget_id(key)
        return widget if widget is not None and self._has_value(widget) else None


def _missing(key: str) -> str:
    return f'session_state has no key "{key}". Did you forget to initialize it?'


def _is_dunder(name: str) -> bool:
    """``__deepcopy__``, ``__wrapped__``...: names Python and libraries look up, never a key of the script's."""
    return name.startswith("__") and name.endswith("__")
