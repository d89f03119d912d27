"""``streamlit.components.v1.components``: the names published components import from here in Streamlit."""

from . import CustomComponent, MarshallComponentException, declare_component

__all__ = ["CustomComponent", "MarshallComponentException", "declare_component"]
