"""``streamlit.connections``: Porch's connection classes under Streamlit's module name."""

from ..connections import (
    BaseConnection, ExperimentalBaseConnection, SnowflakeCallersRightsConnection, SnowflakeConnection, SQLConnection,
)

__all__ = [
    "BaseConnection", "ExperimentalBaseConnection", "SQLConnection", "SnowflakeCallersRightsConnection",
    "SnowflakeConnection",
]
