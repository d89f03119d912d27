"""``streamlit.testing.v1.errors``: ``AppTestError``, raised by an action AppTest cannot do as a person would."""

from ....testing.elements import AppTestError

__all__ = ["AppTestError"]
