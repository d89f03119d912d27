"""``streamlit.column_config``: Porch's column configurations (``porch.column_config``), under Streamlit's name."""

from ..api.column_config import *  # noqa: F403
from ..api.column_config import ColumnConfig as ColumnConfig  # noqa: F401
