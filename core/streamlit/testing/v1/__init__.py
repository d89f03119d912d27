"""``streamlit.testing.v1``: ``AppTest`` is Porch's, which runs the script with Porch's engine in memory and answers
to Streamlit's AppTest names (``from_file``, ``at.button[0].click().run()``...)."""

from ....testing import AppTest

__all__ = ["AppTest"]
