"""``porch.connections``: the classes ``porch.connection`` makes, and the base of your own (Streamlit's
``st.connections``). Derive from :class:`BaseConnection` and implement ``_connect`` to make a connection type of
your own; pass the class as ``porch.connection(name, type=MyConnection)``. Snowflake's
(:mod:`porch.connections_snowflake`) import Snowflake's own package only when one is made."""

from .api.connection import BaseConnection, ExperimentalBaseConnection, SQLConnection
from .connections_snowflake import SnowflakeCallersRightsConnection, SnowflakeConnection

__all__ = [
    "BaseConnection", "ExperimentalBaseConnection", "SQLConnection", "SnowflakeCallersRightsConnection",
    "SnowflakeConnection",
]
