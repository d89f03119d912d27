"""``streamlit.delta_generator``: its ``DeltaGenerator`` is Porch's ``Container`` (what ``st.sidebar``, columns and
``st.container()`` are)."""

from ..api.container import Container as DeltaGenerator

__all__ = ["DeltaGenerator"]
