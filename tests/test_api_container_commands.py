"""An unknown method of a container (``st.container().foo()``, ``st.sidebar.foo()``) is Streamlit 1.67's API error,
with Streamlit's words (``DeltaGenerator.__getattr__``): the attribute exists, as a function that raises when
called, so ``hasattr`` answers as Streamlit's does."""

from __future__ import annotations

from support import app


def test_an_unknown_method_is_not_a_valid_command() -> None:
    at = app(
        "messages = []\n"
        "for call in (lambda: st.container().foo(), lambda: st.sidebar.foo(1, k=2), lambda: st.columns(2)[0].bar()):\n"
        "    try:\n"
        "        call()\n"
        "    except st.PorchAPIError as error:\n"
        "        messages.append(str(error))\n"
        "st.text(messages)\n"
        "st.sidebar.foo()"
    )
    assert at.text[0].value == str(["`foo()` is not a valid Streamlit command.", "`foo()` is not a valid Streamlit "
                                    "command.", "`bar()` is not a valid Streamlit command."])
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert at.exception[0].message == "`foo()` is not a valid Streamlit command."


def test_a_command_of_st_alone_points_to_it() -> None:
    """``set_page_config`` is ``st.set_page_config``, not a container's: the message says so, naming the sidebar
    when the container is in it."""
    at = app(
        "messages = []\n"
        "for call in (lambda: st.sidebar.set_page_config(), lambda: st.sidebar.container().rerun(),\n"
        "             lambda: st.container().set_page_config()):\n"
        "    try:\n"
        "        call()\n"
        "    except st.PorchAPIError as error:\n"
        "        messages.append(str(error))\n"
        "st.text(messages)"
    )
    assert at.text[0].value == str([
        "Method `set_page_config()` does not exist for `st.sidebar`. Did you mean `st.set_page_config()`?",
        "Method `rerun()` does not exist for `st.sidebar`. Did you mean `st.rerun()`?",
        "Method `set_page_config()` does not exist for `DeltaGenerator` objects. Did you mean "
        "`st.set_page_config()`?",
    ])


def test_hasattr_is_true_as_in_streamlit_but_python_protocols_are_left_alone() -> None:
    """Streamlit answers every name; Porch answers every name but a dunder, which Python's protocols and libraries
    probe (``__wrapped__``, ``__array__``...) to mean "this object has the protocol"."""
    at = app(
        "box = st.container()\n"
        "st.text([hasattr(box, 'foo'), hasattr(st.sidebar, 'foo'), hasattr(box, '_foo'), callable(box.foo),\n"
        "         hasattr(box, '__wrapped__'), hasattr(box, '__array__'), hasattr(box, 'markdown')])\n"
        "st.write(box)"
    )
    assert at.text[0].value == str([True, True, True, True, False, False, True])
    assert [panel.name for panel in at.help] == ["box"]


def test_streamlits_exception_class_catches_it() -> None:
    at = app(
        "import streamlit\n"
        "try:\n"
        "    st.sidebar.foo()\n"
        "except streamlit.errors.StreamlitAPIException as error:\n"
        "    st.text(f'caught: {error}')"
    )
    assert at.text[0].value == "caught: `foo()` is not a valid Streamlit command."
