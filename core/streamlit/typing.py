"""``streamlit.typing``: the types Streamlit 1.67 lists there, as Porch's classes (``porch.typing``)."""

from ..typing import *  # noqa: F403
from ..typing import __all__ as __all__
