"""Snowflake's connections, as Streamlit 1.67's ``SnowflakeConnection`` and ``SnowflakeCallersRightsConnection``:
``porch.connection("snowflake")``, ``connection(name, type="snowflake")`` and ``"snowflake-callers-rights"``.

They wrap Snowflake's own package, ``snowflake-connector-python`` (and ``snowflake-snowpark-python`` for
``session()``), imported only when a connection is made or used: it is never a dependency of Porch, and a missing one
is named by ``connection()`` with the package to install. Where the configuration comes from, in Streamlit's order:
inside Streamlit in Snowflake the active Snowpark session; else the secrets' ``[connections.<name>]`` table (keyword
arguments win over it); else, for the name ``"snowflake"``, the connector's default connection
(``~/.snowflake/connections.toml``, ``SNOWFLAKE_DEFAULT_CONNECTION_NAME``); else, for another name with no keyword
arguments, the connector's connection of that name; else the keyword arguments alone. A caller's rights connection
reads Snowpark Container Services' account, host and service token and the calling user's token header instead.

Streamlit 1.67 has no ``"snowpark"`` type any more; ``connection()`` says so when it is named, as Streamlit does.
"""

from __future__ import annotations

import datetime
import importlib
import logging
import os
import sys
import time
import uuid
from typing import TYPE_CHECKING, Any, Final, Literal

from .api.cache import cache_data
from .api.connection import BaseConnection
from .context import current_run
from .errors import PorchAPIError

if TYPE_CHECKING:
    from types import FrameType

    from pandas import DataFrame

__all__ = ["BaseSnowflakeConnection", "SnowflakeCallersRightsConnection", "SnowflakeConnection"]

log = logging.getLogger("porch.connections")

#: The ANSI SQL state "connection was not established": a query failing with it is tried again on a new connection.
SQLSTATE_CONNECTION_WAS_NOT_ESTABLISHED: Final = "08001"
#: Where Snowpark Container Services mounts the service's connection token.
SNOWPARK_CONNECTION_TOKEN_FILE = "/snowflake/session/token"  # noqa: S105 (a path, not a password)
#: The request header in which Snowpark Container Services passes the calling user's token.
SNOWPARK_USER_TOKEN_HEADER_NAME = "Sf-Context-Current-User-Token"  # noqa: S105 (a header name)
#: How often ``query`` tries, and how long it waits between tries (seconds), as Streamlit's.
QUERY_ATTEMPTS: Final = 3
QUERY_RETRY_WAIT: Final = 1.0


def _connector() -> Any:
    """``snowflake.connector``, imported on first use (a ModuleNotFoundError names ``snowflake`` when it is absent).
    Typed ``Any``: Snowflake's package is not installed where Porch is checked."""
    return importlib.import_module("snowflake.connector")


def running_in_sis() -> bool:
    """Whether the app runs in Streamlit in Snowflake (a stored procedure, as Snowpark tells)."""
    try:
        utils = importlib.import_module("snowflake.snowpark._internal.utils")
    except ModuleNotFoundError:
        return False
    return bool(utils.is_in_stored_procedure())


def _connection_lost(exc: Exception) -> bool:
    return getattr(exc, "sqlstate", None) == SQLSTATE_CONNECTION_WAS_NOT_ESTABLISHED


class BaseSnowflakeConnection(BaseConnection[Any]):
    """What both Snowflake connections offer: ``query`` (cached, retried on a lost connection), ``write_pandas``,
    ``cursor``, ``raw_connection`` (the connector's ``SnowflakeConnection``) and ``session()`` (Snowpark)."""

    def query(
        self,
        sql: str,
        *,
        ttl: float | int | datetime.timedelta | None = None,
        show_spinner: bool | str = "Running `snowflake.query(...)`.",
        params: Any = None,
        **kwargs: Any,
    ) -> DataFrame:
        """Run a read-only query and return a pandas DataFrame, cached as ``cache_data`` caches (``ttl`` seconds, or
        until cleared; in the connection's scope, so a session-scoped identity's results stay in its session) by the
        query and its ``params`` (bound as ``?`` placeholders: the connector's ``qmark`` style). Other keyword
        arguments go to the cursor's ``execute``. A query that fails because the connection was not established (SQL
        state 08001, an expired session) is tried again on a new connection, three times in all, a second apart."""

        # ``params`` is an argument of its own (not taken from the closure) so that the cache key holds it.
        def _query(instance_id: uuid.UUID, sql: str, params: Any = None) -> DataFrame:
            for attempt in range(1, QUERY_ATTEMPTS + 1):
                try:
                    cursor = self._instance.cursor()
                    cursor.execute(sql, params=params, **kwargs)
                    frame: DataFrame = cursor.fetch_pandas_all()
                    return frame
                except Exception as exc:
                    if not _connection_lost(exc):
                        raise
                    self.reset()
                    if attempt == QUERY_ATTEMPTS:
                        raise
                    log.info("Snowflake connection %r was lost (attempt %d): reconnecting", self._connection_name,
                             attempt)
                    time.sleep(QUERY_RETRY_WAIT)
            raise AssertionError("unreachable")

        # One cache per connection and ttl: a call with another ttl does not empty the cache of the first.
        _query.__qualname__ = f"{_query.__qualname__}_{self._connection_name}_{str(ttl).replace('.', '_')}"
        cached = cache_data(show_spinner=show_spinner, ttl=ttl, scope=self.scope())(_query)
        self._before_query()
        return cached(self._connection_instance_id, sql, params)

    def _before_query(self) -> None:
        """What a connection checks before a query, cached or not (nothing here)."""

    def write_pandas(
        self,
        df: DataFrame,
        table_name: str,
        database: str | None = None,
        schema: str | None = None,
        chunk_size: int | None = None,
        **kwargs: Any,
    ) -> tuple[bool, int, int]:
        """Write a DataFrame to a table with the connector's ``pandas_tools.write_pandas`` on this connection;
        return (success, number of chunks, number of rows)."""
        pandas_tools = importlib.import_module("snowflake.connector.pandas_tools")
        success, nchunks, nrows, _ = pandas_tools.write_pandas(
            conn=self._instance, df=df, table_name=table_name, database=database, schema=schema,
            chunk_size=chunk_size, **kwargs,
        )
        return (success, nchunks, nrows)

    def cursor(self) -> Any:
        """A new cursor of the connection (the connector's ``SnowflakeCursor``, PEP 249)."""
        return self._instance.cursor()

    @property
    def raw_connection(self) -> Any:
        """The connector's own ``SnowflakeConnection`` object."""
        return self._instance

    def session(self) -> Any:
        """A new Snowpark ``Session`` on this connection (in Streamlit in Snowflake, the active one)."""
        context = importlib.import_module("snowflake.snowpark.context")
        session_module = importlib.import_module("snowflake.snowpark.session")
        if running_in_sis():
            return context.get_active_session()
        return session_module.Session.builder.configs({"connection": self._instance}).create()

    def close(self) -> None:
        """Close the underlying connection (when the connection leaves ``cache_resource``)."""
        if self._raw_instance is not None:
            self._raw_instance.close()
            self._raw_instance = None


class SnowflakeConnection(BaseSnowflakeConnection):
    """A connection to Snowflake through the Snowflake Connector for Python: ``connection("snowflake")`` or
    ``connection("<name>", type="snowflake")``. The secrets' ``[connections.<name>]`` table and the keyword arguments
    (which win) go to ``snowflake.connector.connect``; with no table, the name ``"snowflake"`` takes the connector's
    default connection (keyword arguments are then ignored, as in Streamlit) and another name with no keyword
    arguments the connector's connection of that name (``connections.toml``). Requires
    ``pip install snowflake-connector-python`` (and ``snowflake-snowpark-python`` for ``session()``)."""

    def _connect(self, **kwargs: Any) -> Any:
        connector = _connector()
        if running_in_sis():
            active = importlib.import_module("snowflake.snowpark.context").get_active_session()
            # ``connection`` is only in recent versions of the connector
            return active.connection if hasattr(active, "connection") else active._conn._conn
        # qmark parameters everywhere, so that a query reads the same in every environment
        connector.paramstyle = "qmark"
        secrets = self._secrets.to_dict()
        try:
            if secrets:
                log.info("Connecting to Snowflake with the secrets' [connections.%s].", self._connection_name)
                return connector.connect(**{**secrets, **kwargs})
            if self._connection_name == "snowflake":
                log.info("Connecting to Snowflake with the connector's default connection.")
                return connector.connect()
            if self._connection_name and not kwargs:
                log.info("Connecting to Snowflake with connection_name=%s.", self._connection_name)
                return connector.connect(connection_name=self._connection_name)
            return connector.connect(**kwargs)
        except connector.Error:
            if not secrets and not kwargs:
                raise PorchAPIError(
                    "Missing Snowflake connection configuration. Did you forget to set this in the secrets "
                    f"([connections.{self._connection_name}] in secrets.toml), a Snowflake configuration file "
                    "(~/.snowflake/connections.toml), or as keyword arguments of `connection()`?"
                ) from None
            raise


#: The module names of Python's import machinery, frozen or not.
_IMPORT_MACHINERY: Final = frozenset({
    "_frozen_importlib", "_frozen_importlib_external", "importlib._bootstrap", "importlib._bootstrap_external",
})


def _is_module_being_imported() -> bool:
    """Whether the caller runs while a module is imported (scripts are ``exec``-ed, so not for a script's own
    code): a connection made then would be kept by the module for every later session."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") in _IMPORT_MACHINERY:
            return True
        frame = frame.f_back
    return False


class SnowflakeCallersRightsConnection(SnowflakeConnection):
    """A caller's rights connection, in Snowpark Container Services (or Snowflake serverless compute) with caller's
    rights enabled: it connects as the user of the session, with the service token and the user's token header.
    Session-scoped, usable only by the session that made it; keyword arguments override the container's settings."""

    def __init__(self, connection_name: str, **kwargs: Any) -> None:
        self._raise_if_module_being_imported()
        # recorded before the first connect, which uses this session's user token
        self._owner_session_id = self._get_current_session_id()
        super().__init__(connection_name, **kwargs)

    @staticmethod
    def _raise_if_module_being_imported() -> None:
        """Refuse while a module is imported: what a module keeps would carry the first user's identity to all.
        ``connection()`` calls this before looking in its cache, too."""
        if _is_module_being_imported():
            raise PorchAPIError(
                "Caller's rights connections can't be requested while a module is being imported, because every "
                "user would then share the first user's identity. Call "
                '`connection("snowflake-callers-rights")` inside the functions that use it or in your app script.'
            )

    @staticmethod
    def _get_current_session_id() -> str:
        run = current_run.get()
        if run is None:
            raise PorchAPIError(
                "Caller's rights connections can only be created and used in an app execution thread. To use one "
                "from a thread you started, attach the session's context with "
                "`streamlit.runtime.scriptrunner.add_script_run_ctx`."
            )
        return run.session.id

    def _verify_owner_session(self) -> None:
        if self._get_current_session_id() != self._owner_session_id:
            raise PorchAPIError(
                "This caller's rights connection belongs to a different session and can't be shared. Call "
                "`connection` inside the functions that use it instead of storing the connection in a module-level "
                "variable or a global `cache_resource` function."
            )

    @property
    def _instance(self) -> Any:
        self._verify_owner_session()
        return super()._instance

    def _before_query(self) -> None:
        # a cached result never touches ``_instance``: check the owner before the cache is read
        self._verify_owner_session()

    @classmethod
    def scope(cls) -> Literal["session"]:
        """``"session"``: the connection carries its user's identity."""
        return "session"

    @classmethod
    def _read_token_file(cls) -> str:
        with open(SNOWPARK_CONNECTION_TOKEN_FILE, encoding="utf-8") as token_file:
            return token_file.read()

    @classmethod
    def _get_connection_params(cls) -> dict[str, str | bool]:
        """The container's account and host (and database, schema, protocol and port where it sets them), and the
        caller's rights token made of the service token and the session's user token."""
        from .api.context import context

        params: dict[str, str | bool] = {
            "authenticator": "oauth",
            "ocsp_fail_open": True,  # OCSP checks do not work in Snowflake's containers
            "client_session_keep_alive": True,  # the user token expires soon: the session must not
        }
        for name, variable in (("account", "SNOWFLAKE_ACCOUNT"), ("host", "SNOWFLAKE_HOST")):
            value = os.getenv(variable)
            if value is None:
                raise PorchAPIError(
                    f"Environment variable `{variable}` not found. Is this app running in a Snowflake container "
                    "environment?"
                )
            params[name] = value
        for name, variable in (
            ("database", "SNOWFLAKE_DATABASE"), ("schema", "SNOWFLAKE_SCHEMA"),
            ("protocol", "SNOWFLAKE_PROTOCOL"), ("port", "SNOWFLAKE_PORT"),
        ):
            value = os.getenv(variable)
            if value is not None:
                params[name] = value
        if not os.path.exists(SNOWPARK_CONNECTION_TOKEN_FILE):
            raise PorchAPIError(
                f"Token file `{SNOWPARK_CONNECTION_TOKEN_FILE}` not found. Is this app running in a Snowflake "
                "container environment?"
            )
        login_token = cls._read_token_file()
        headers = context.headers
        if SNOWPARK_USER_TOKEN_HEADER_NAME not in headers:
            raise PorchAPIError(
                "Token header not found. Is this app running with caller's rights enabled, and is this connection "
                "being created in an app execution thread?"
            )
        params["token"] = cls._build_callers_rights_token(login_token, headers[SNOWPARK_USER_TOKEN_HEADER_NAME])
        return params

    @staticmethod
    def _build_callers_rights_token(login_token: str, user_token: str) -> str:
        """``<service token>.<user token>`` in Snowpark Container Services (a service token with a dot); the header's
        token alone on serverless compute (an opaque service token). Whitespace around the service token is not
        part of it."""
        login_token = login_token.strip()
        return f"{login_token}.{user_token}" if "." in login_token else user_token

    def _connect(self, **kwargs: Any) -> Any:
        connector = _connector()
        connector.paramstyle = "qmark"
        return connector.connect(**{**self._get_connection_params(), **kwargs})
