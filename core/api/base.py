"""Where an element goes: the mechanics every container shares.

A :class:`Block` is a place to write into: a root (main, sidebar), a block the script opened (a column, a tab...),
or a *slot* (``empty()``, or an element the script wants to replace: ``bar = progress(0); bar.progress(50)``), where
each call replaces what is there. ``porch.button(...)`` at module level writes into the innermost ``with`` block of
the current run, or the main area.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..markdown_html import render as render_markdown
from ..context import get_run
from ..errors import PorchAPIError
from ..protocol import Path
from ..run import Run
from ..widgets import Codec, WidgetSpec, widget_id

if TYPE_CHECKING:
    from .container import Container

B = TypeVar("B", bound="Block")
LABEL_VISIBILITIES = ("visible", "hidden", "collapsed")
#: Attribute an exception leaving a ``with`` block carries: the innermost block it left, where it is shown.
ERROR_PLACE = "__porch_block__"


class Block:
    """A place in the page. Element methods come from the mixins that :class:`porch.api.container.Container` joins."""

    def __init__(
        self,
        *,
        path: Path,
        place: str,
        run: Run | None = None,
        form: str | None = None,
        slot: bool = False,
        follows_with: bool = False,
    ) -> None:
        self._path = path
        self._place = place
        self._run = run
        self._form = form
        self._slot = slot
        # The module-level container: writes wherever the current run's innermost ``with`` block is.
        self._follows_with = follows_with
        #: Set on the block ``form(key)`` returns: leaving its ``with`` checks that the form has a submit button.
        self._opens_form: str | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._place} at {list(self._path)}>"

    # -- with blocks -----------------------------------------------------------------------------------------------

    def __enter__(self: B) -> B:
        run = get_run()
        run.container_stack.append(cast("Container", self))
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, *tb: object) -> None:
        run = get_run()
        if run.container_stack and run.container_stack[-1] is self:
            run.container_stack.pop()
        if exc is not None and not hasattr(exc, ERROR_PLACE):
            # The error is shown where it happened (see text.show_exception), though the stack unwinds on its way.
            try:
                setattr(exc, ERROR_PLACE, self)
            except (AttributeError, TypeError):
                pass
        if exc_type is None and self._opens_form is not None:
            self._check_submit_button(run, self._opens_form)

    def _check_submit_button(self, run: Run, form: str) -> None:
        """A form whose widgets can never be sent is a mistake: say so in the form, as Streamlit does."""
        widgets = run.session.widgets
        if not any(spec.form == form and spec.trigger for spec in widgets.specs.values() if spec.id in widgets.seen):
            self._element(
                "alert",
                {
                    "level": "error",
                    "html": render_markdown(
                        f"**Missing submit button.** The form {form!r} has no submit button, so what is typed into "
                        "it can never be sent. Add one with `form_submit_button()` inside the form."
                    ),
                    "icon": None,
                },
            )

    # -- placement -------------------------------------------------------------------------------------------------

    def _target(self: B) -> tuple[Run, B]:
        run = get_run()
        target: B = self
        if self._follows_with and run.container_stack:
            # Only the module-level container follows ``with`` blocks, and every block is a Container.
            target = cast(B, run.container_stack[-1])
        if target._run is not None and target._run is not run:
            raise PorchAPIError(
                "This container was created by an earlier run of the script. Create containers anew in each run "
                "instead of keeping them (for example in session_state)."
            )
        run.checkpoint()
        return run, target

    def _next_path(self, run: Run) -> Path:
        return self._path if self._slot else run.next_path(self._path)

    def _child(self: B, run: Run, path: Path, *, place: str, form: str | None, slot: bool = False) -> B:
        return type(self)(path=path, place=place, run=run, form=form, slot=slot)

    def _element(self: B, kind: str, props: dict[str, Any]) -> B:
        """Show a leaf element; return a slot at its place so that the script can replace it later."""
        run, target = self._target()
        path = target._next_path(run)
        run.put(path, {"kind": kind, "props": props})
        return target._child(run, path, place=target._place, form=target._form, slot=True)

    def _block(self: B, kind: str, label: str, props: dict[str, Any], *, form: str | None = None) -> B:
        """Open a container element; return it as a place to write into."""
        run, target = self._target()
        path = target._next_path(run)
        run.put(path, {"kind": kind, "props": props})
        place = run.place(target._place, kind, label)
        return target._child(run, path, place=place, form=form or target._form)

    def _widget(
        self,
        kind: str,
        label: str,
        props: dict[str, Any],
        *,
        key: str | None,
        default: Any,
        codec: Codec,
        help: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
        on_change: Callable[..., Any] | None = None,
        args: Any = None,
        kwargs: Any = None,
        trigger: bool = False,
        value_given: bool = False,
        read_only: bool = False,
        value_props: Callable[[Any], dict[str, Any]] | None = None,
    ) -> Any:
        """Show a widget and return its value in this run.

        ``value_props`` adds props that depend on the value (a file_uploader's file names); ``read_only`` widgets
        refuse a value set through session_state.
        """
        run, target = self._target()
        if label_visibility not in LABEL_VISIBILITIES:
            raise PorchAPIError(f"label_visibility must be one of {LABEL_VISIBILITIES}, not {label_visibility!r}")
        if key is not None and not isinstance(key, str):
            key = str(key)
        if target._form is not None and on_change is not None and not props.get("submit"):
            raise PorchAPIError(
                f"Widgets inside a form cannot have callbacks, but the {kind} {label!r} has one. Only the form's "
                "submit button can take on_click."
            )
        session = run.session
        spec = WidgetSpec(
            id=widget_id(kind, key, label, target._place),
            kind=kind,
            label=label,
            key=key,
            default=default,
            codec=codec,
            on_change=on_change,
            args=tuple(args or ()),
            kwargs=dict(kwargs or {}),
            trigger=trigger,
            form=target._form,
            disabled=bool(disabled),
            read_only=read_only,
        )
        # Register before taking a place: a refused widget (a duplicate, a bad preset) must leave no gap in the page
        # for the error shown next.
        preset = session.state.take_preset(key)
        if preset[0] and value_given and key is not None and key not in session.widgets.warned_keys:
            session.widgets.warned_keys.add(key)
            target._element(
                "alert",
                {
                    "level": "warning",
                    "html": render_markdown(
                        f'The widget with key "{key}" was created with a default value but also had its value set '
                        "via the Session State API. The value set through session_state is used."
                    ),
                    "icon": None,
                },
            )
        value = session.widgets.register(spec, preset)
        wire = session.widgets.wire_value(spec)
        path = spec.path = target._next_path(run)
        element = {
            "kind": kind,
            "id": spec.id,
            "props": {
                "label": label,
                "label_visibility": label_visibility,
                "help": help,
                "disabled": bool(disabled),
                "form": target._form,
                "value": wire,
                **props,
                **(value_props(value) if value_props is not None else {}),
            },
        }
        run.put(path, element)
        return value


