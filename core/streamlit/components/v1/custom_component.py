"""``streamlit.components.v1.custom_component``: the names published components import from here in Streamlit."""

from . import CustomComponent, MarshallComponentException

__all__ = ["CustomComponent", "MarshallComponentException"]
