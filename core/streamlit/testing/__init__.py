"""``streamlit.testing``."""
