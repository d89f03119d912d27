"""``form``: widgets whose values are sent together, by the form's submit button."""

from __future__ import annotations

from typing import TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ._place import Block, open_block, target
from .alert import notice


class Props(TypedDict):
    form: str
    border: bool
    clear_on_submit: bool


def form(place: Block, key: str, clear_on_submit: bool = False, *, enter_to_submit: bool = True, border: bool = True) -> Block:
    """Open a form: changes to the widgets inside it do not rerun the script; its ``form_submit_button`` sends them
    all at once. ``clear_on_submit`` resets them after a submit. Forms cannot be nested, and every form needs a
    submit button."""
    run, block = target(place)
    if block._form is not None:
        raise PorchAPIError(f"form({key!r}) is inside the form {block._form!r}: forms cannot be nested.")
    if key in run.forms:
        raise PorchAPIError(f"There are two forms with the key {key!r}. Give each form a unique key.")
    run.forms[key] = bool(clear_on_submit)
    props: Props = {"form": key, "border": bool(border), "clear_on_submit": bool(clear_on_submit)}
    opened = open_block(place, "form", f"form:{key}", props, form=key)
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
