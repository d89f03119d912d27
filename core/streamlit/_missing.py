"""What ``st.<name>`` says when the name is not there: the name that replaced a retired one, or the names a typo
may have meant, worded as Streamlit 1.67 words them (an old app's ``st.experimental_rerun()`` fails with the name to
use, never with a hint that Porch might add it later)."""

from __future__ import annotations

from collections.abc import Iterable

#: Names Streamlit once had and retired, with the names that do their work now.
RETIRED: dict[str, tuple[str, ...]] = {
    "beta_color_picker": ("color_picker",),
    "beta_columns": ("columns",),
    "beta_container": ("container",),
    "beta_expander": ("expander",),
    "beta_secrets": ("secrets",),
    "beta_set_page_config": ("set_page_config",),
    "cache": ("cache_data", "cache_resource"),
    "experimental_audio_input": ("audio_input",),
    "experimental_connection": ("connection",),
    "experimental_data_editor": ("data_editor",),
    "experimental_dialog": ("dialog",),
    "experimental_fragment": ("fragment",),
    "experimental_get_query_params": ("query_params",),
    "experimental_memo": ("cache_data",),
    "experimental_rerun": ("rerun",),
    "experimental_set_query_params": ("query_params",),
    "experimental_show": ("write",),
    "experimental_singleton": ("cache_resource",),
    "experimental_user": ("user",),
}


def missing_name_message(name: str, known: Iterable[str]) -> str:
    """The ``AttributeError`` text for ``st.<name>``, which is not among ``known`` (the names there are)."""
    head = f"module 'streamlit' has no attribute '{name}'"
    if name.startswith("_"):
        return head
    successors = RETIRED.get(name)
    if successors is not None:
        return f"{head}. st.{name} has been removed. Use {_either(successors)} instead."
    if name == "bokeh_chart":  # its successor is a component, not an st.* name
        return f"{head}. st.bokeh_chart has been removed. Use the streamlit-bokeh component instead."
    names = sorted(set(known))
    if name == "input":
        return f"{head}. Use a specific input command such as {_either([n for n in names if n.endswith('_input')])}."
    import difflib  # here: a script that never misses a name never loads it

    near = [n for n in difflib.get_close_matches(name, names, n=3, cutoff=0.8) if abs(len(n) - len(name)) <= 1]
    if near:
        return f"{head}. Did you mean {_either(near)}?"
    return head


def _either(names: Iterable[str]) -> str:
    """``st.a``, ``st.a or st.b``, ``st.a, st.b, or st.c``."""
    spelled = [f"st.{n}" for n in names]
    if len(spelled) <= 2:
        return " or ".join(spelled)
    return f"{', '.join(spelled[:-1])}, or {spelled[-1]}"
