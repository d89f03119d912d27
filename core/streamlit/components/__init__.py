"""``streamlit.components``: ``st.components.v1`` works after a bare ``import streamlit``, as in Streamlit."""

from . import v1 as v1
