"""``streamlit.testing.v1``: ``AppTest`` is Porch's, which runs the script with Porch's engine in memory and answers
to Streamlit's AppTest names (``from_file``, ``at.button[0].click().run()``...); ``AppTestError`` is what an action a
person could not do raises."""

from ....testing import AppTest as _PorchAppTest, AppTestError


class AppTest(_PorchAppTest):
    """Porch's AppTest, where every ``run()`` reruns the whole script, fragments or not, as Streamlit's AppTest
    does (a page, and Porch's own AppTest, rerun only the fragment whose widget changed)."""

    whole_app_reruns = True


__all__ = ["AppTest", "AppTestError"]
