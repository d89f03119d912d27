"""``streamlit.components``."""
