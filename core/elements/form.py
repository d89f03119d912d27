"""``form``: widgets whose values are sent together, by the form's submit button."""

from __future__ import annotations

from typing import Final, TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ._layout import Height, Width, height_of, width_of
from ._place import Block, Defaults, open_block, target
from .alert import notice


class Props(TypedDict):
    form: str
    border: bool
    clear_on_submit: bool
    #: Enter in a one-line input of the form submits it (through its first submit button).
    enter_to_submit: bool
    #: "stretch", "content" or pixels.
    width: str | int
    #: "content", "stretch" or pixels (the form scrolls beyond them).
    height: str | int


#: Props left off the wire at these values (webui/elements/form.js has the same).
DEFAULTS: Final[Defaults] = {
    "border": True, "clear_on_submit": False, "enter_to_submit": True, "width": "stretch", "height": "content",
}


def form(
    place: Block,
    key: str,
    clear_on_submit: bool = False,
    *,
    enter_to_submit: bool = True,
    border: bool = True,
    width: Width = "stretch",
    height: Height = "content",
) -> Block:
    """Open a form: changes to the widgets inside it do not rerun the script; its ``form_submit_button`` sends them
    all at once. ``clear_on_submit`` resets them after a submit. Forms cannot be nested, and every form needs a
    submit button.

    ``enter_to_submit`` (the default) lets Enter in a one-line input of the form submit it, as its first submit
    button would; False makes Enter only take the value. ``border=False`` draws no frame around it; ``width`` is
    "stretch" (the default), "content" or pixels, ``height`` "content" (the default), "stretch" or pixels (the form
    scrolls beyond them).
    """
    call = f"form({key!r})"
    shown_width = width_of(width, call)
    shown_height = height_of(height, call)
    run, block = target(place)
    if block._form is not None:
        raise PorchAPIError(f"form({key!r}) is inside the form {block._form!r}: forms cannot be nested.")
    if key in run.forms:
        raise PorchAPIError(f"There are two forms with the key {key!r}. Give each form a unique key.")
    run.forms[key] = bool(clear_on_submit)
    props: Props = {
        "form": key,
        "border": bool(border),
        "clear_on_submit": bool(clear_on_submit),
        "enter_to_submit": bool(enter_to_submit),
        "width": shown_width,
        "height": shown_height,
    }
    opened = open_block(place, "form", f"form:{key}", props, form=key, defaults=DEFAULTS)
    opened._on_close = _check_submit_button
    return opened


def _check_submit_button(block: Block) -> None:
    """A form whose widgets can never be sent is a mistake: say so in the form, as Streamlit does."""
    form = block._form
    widgets = get_run().session.widgets
    if not any(spec.form == form and spec.trigger for spec in widgets.specs.values() if spec.id in widgets.seen):
        notice(
            block,
            "error",
            f"**Missing submit button.** The form {form!r} has no submit button, so what is typed into it can never "
            "be sent. Add one with `form_submit_button()` inside the form.",
        )
