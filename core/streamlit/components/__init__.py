"""``streamlit.components``: ``st.components.v1`` and ``st.components.v2`` work after a bare ``import streamlit``,
as in Streamlit."""

from . import v1 as v1, v2 as v2
