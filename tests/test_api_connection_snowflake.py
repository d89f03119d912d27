"""``connection("snowflake")`` and ``"snowflake-callers-rights"`` (core/connections_snowflake.py), as Streamlit 1.67's.

No Snowflake account exists here, so each test puts a recording double of Snowflake's own modules in ``sys.modules``
(``snowflake.connector`` with ``pandas_tools``, and the few names of ``snowflake.snowpark`` Porch calls): it records
what ``connect`` is given and answers queries from a SQLite file. Everything of Porch's runs for real: the secrets read,
the arguments passed to ``connect``, the caches, the retry on a lost connection, the sessions' identities over real
WebSockets, and the missing-package message when no double is installed.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import porch
from cache_fixtures import fresh_caches  # noqa: F401 (autouse: empty caches, a cache folder of the test's own)
from engine_harness import ProtocolClient, running_engine
from porch import connections_snowflake
from porch.testing import AppTest

#: Long enough for a run that waits out a retry on a loaded machine (the runs end as soon as they are done).
RUN_TIMEOUT = 60.0


class SnowflakeError(Exception):
    """The double's ``snowflake.connector.Error``: it carries a SQL state, as the connector's errors do."""

    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


class FakeCursor:
    def __init__(self, connection: FakeConnection) -> None:
        self._connection = connection
        self._cursor = connection.sqlite.cursor()

    def execute(self, sql: str, params: Any = None, **kwargs: Any) -> FakeCursor:
        fake = self._connection.fake
        fake.executed.append((sql, params, kwargs))
        if fake.lose_next > 0:
            fake.lose_next -= 1
            self._connection.lost = True
        if self._connection.lost:  # an expired session stays expired: only a new connection helps
            raise SnowflakeError("Authentication token has expired.", sqlstate="08001")
        try:
            self._cursor.execute(sql, params or ())
        except sqlite3.Error as exc:
            raise SnowflakeError(str(exc), sqlstate="42000") from None
        return self

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> FakeCursor:
        self._connection.fake.executed.append((sql, rows, {}))
        self._cursor.executemany(sql, rows)
        self._connection.sqlite.commit()
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cursor.fetchall()

    def fetch_pandas_all(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self._cursor.fetchall(), columns=[column[0] for column in self._cursor.description])


class FakeConnection:
    def __init__(self, fake: FakeSnowflake, arguments: dict[str, Any]) -> None:
        self.fake = fake
        self.arguments = arguments
        self.lost = False
        self.sqlite = sqlite3.connect(fake.database, check_same_thread=False)

    def cursor(self) -> FakeCursor:
        return FakeCursor(self)

    def close(self) -> None:
        self.fake.closed.append(self)
        self.sqlite.close()


class FakeSession:
    def __init__(self, configs: dict[str, Any]) -> None:
        self.configs = configs
        self.connection = configs.get("connection")


class FakeSnowflake:
    """The recording double of Snowflake's modules, and what they recorded."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.connects: list[dict[str, Any]] = []
        self.executed: list[tuple[str, Any, dict[str, Any]]] = []
        self.closed: list[FakeConnection] = []
        self.written: list[dict[str, Any]] = []
        self.sessions: list[FakeSession] = []
        #: how many executes from now fail as an expired session does (SQL state 08001)
        self.lose_next = 0
        #: what the connector reads from ~/.snowflake/connections.toml: the default connection, and named ones
        self.default_connection: dict[str, Any] | None = None
        self.named_connections: dict[str, dict[str, Any]] = {}
        self.in_stored_procedure = False
        self.connector = ModuleType("snowflake.connector")

    def connect(self, **kwargs: Any) -> FakeConnection:
        self.connects.append(kwargs)
        if "connection_name" in kwargs and kwargs["connection_name"] not in self.named_connections:
            raise SnowflakeError(f"Invalid connection_name {kwargs['connection_name']!r}")
        if not kwargs and self.default_connection is None:
            raise SnowflakeError("Default connection with name 'default' cannot be found")
        if kwargs and "connection_name" not in kwargs and "account" not in kwargs:
            raise SnowflakeError("250001: Could not connect to Snowflake backend: account must be specified")
        return FakeConnection(self, kwargs)

    def write_pandas(
        self, conn: FakeConnection, df: Any, table_name: str, database: str | None = None, schema: str | None = None,
        chunk_size: int | None = None, **kwargs: Any,
    ) -> tuple[bool, int, int, list[tuple[str, ...]]]:
        self.written.append({"table_name": table_name, "database": database, "schema": schema,
                             "chunk_size": chunk_size, **kwargs})
        df.to_sql(table_name, conn.sqlite, if_exists="append", index=False)
        return True, 1, len(df), [("LOADED",)]

    def modules(self, *, snowpark: bool = True) -> dict[str, ModuleType]:
        root = ModuleType("snowflake")
        root.__path__ = []
        connector = self.connector
        connector.__path__ = []
        connector.connect = self.connect  # type: ignore[attr-defined]
        connector.Error = SnowflakeError  # type: ignore[attr-defined]
        connector.paramstyle = "pyformat"  # type: ignore[attr-defined]
        pandas_tools = ModuleType("snowflake.connector.pandas_tools")
        pandas_tools.write_pandas = self.write_pandas  # type: ignore[attr-defined]
        found = {"snowflake": root, "snowflake.connector": connector, "snowflake.connector.pandas_tools": pandas_tools}
        if snowpark:
            found.update(self._snowpark())
        return found

    def _snowpark(self) -> dict[str, ModuleType]:
        fake = self

        class Builder:
            def configs(self, configs: dict[str, Any]) -> Builder:
                self._configs = configs
                return self

            def create(self) -> FakeSession:
                fake.sessions.append(FakeSession(self._configs))
                return fake.sessions[-1]

        class Session:
            builder = Builder()

        names: dict[str, ModuleType] = {}
        for name in ("snowflake.snowpark", "snowflake.snowpark._internal"):
            names[name] = ModuleType(name)
            names[name].__path__ = []
        session, context, utils = (
            ModuleType("snowflake.snowpark.session"), ModuleType("snowflake.snowpark.context"),
            ModuleType("snowflake.snowpark._internal.utils"),
        )
        session.Session = Session  # type: ignore[attr-defined]
        active = FakeSession({"connection": FakeConnection(self, {"active": True})})
        context.get_active_session = lambda: active  # type: ignore[attr-defined]
        utils.is_in_stored_procedure = lambda: self.in_stored_procedure  # type: ignore[attr-defined]
        names.update({
            "snowflake.snowpark.session": session, "snowflake.snowpark.context": context,
            "snowflake.snowpark._internal.utils": utils,
        })
        return names


def pets(tmp_path: Path) -> Path:
    path = tmp_path / "snowflake.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE pets (NAME TEXT, LEGS INTEGER)")
        db.executemany("INSERT INTO pets VALUES (?, ?)", [("cat", 4), ("bird", 2), ("snake", 0)])
    return path


def without_snowflake(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "snowflake" or m.startswith("snowflake.")]:
        monkeypatch.delitem(sys.modules, name)


@pytest.fixture
def snowflake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSnowflake:
    """The double, in ``sys.modules`` for the test (the caches, which keep connections, start empty: fresh_caches)."""
    without_snowflake(monkeypatch)
    fake = FakeSnowflake(pets(tmp_path))
    for name, module in fake.modules().items():
        monkeypatch.setitem(sys.modules, name, module)
    return fake


QUERY = """
import streamlit as st
from streamlit.connections import SnowflakeConnection
conn = st.connection("snowflake")
frame = conn.query("SELECT NAME FROM pets WHERE LEGS > ? ORDER BY NAME", params=[1])
st.text(f"{type(conn).__name__} {isinstance(conn, SnowflakeConnection)} {list(frame.NAME)}")
"""


def test_the_secrets_table_configures_the_connector_and_queries_are_cached(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_string(QUERY)
    table = {"account": "org-acct", "user": "me", "password": "pw", "warehouse": "wh", "database": "db"}
    at.secrets["connections"] = {"snowflake": table}
    at.run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert at.text[0].value == "SnowflakeConnection True ['bird', 'cat']"
    assert snowflake.connects == [table]
    assert snowflake.connector.paramstyle == "qmark"
    assert snowflake.executed == [("SELECT NAME FROM pets WHERE LEGS > ? ORDER BY NAME", [1], {})]
    at.run(timeout=RUN_TIMEOUT)
    assert at.text[0].value == "SnowflakeConnection True ['bird', 'cat']"
    assert len(snowflake.executed) == 1, "the same query with the same parameters comes from the cache"
    assert len(snowflake.connects) == 1, "and the connection is the one made in the first run"


def test_keyword_arguments_win_over_the_secrets_and_reach_connect(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "conn = st.connection('warehouse', type='snowflake', role='analyst', user='someone-else')\n"
        "st.text(str(conn.query('SELECT COUNT(*) AS N FROM pets').N[0]))\n"
    )
    at.secrets["connections"] = {"warehouse": {"account": "org-acct", "user": "me", "authenticator": "externalbrowser"}}
    at.run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert at.text[0].value == "3"
    assert snowflake.connects == [
        {"account": "org-acct", "user": "someone-else", "authenticator": "externalbrowser", "role": "analyst"}
    ]


def test_without_secrets_the_connectors_own_configuration_is_used(snowflake: FakeSnowflake) -> None:
    snowflake.default_connection = {"account": "from-connections-toml"}
    snowflake.named_connections = {"dev": {"account": "dev-acct"}}
    at = AppTest.from_string(
        "import porch as st\n"
        "st.connection('snowflake', account='ignored')\n"  # the default connection; keyword arguments ignored
        "st.connection('dev', type='snowflake')\n"  # the connector's connection of that name
        "st.connection('', type='snowflake', account='kw-acct', user='kw')\n"  # keyword arguments alone
    ).run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert snowflake.connects == [{}, {"connection_name": "dev"}, {"account": "kw-acct", "user": "kw"}]


def test_no_configuration_anywhere_says_where_to_put_one(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_string("import porch as st\nst.connection('snowflake')").run(timeout=RUN_TIMEOUT)
    message = at.exception[0].message
    assert "Missing Snowflake connection configuration" in message and "[connections.snowflake]" in message
    at = AppTest.from_string("import porch as st\nst.connection('nowhere', type='snowflake')").run(timeout=RUN_TIMEOUT)
    assert "Missing Snowflake connection configuration" in at.exception[0].message
    at = AppTest.from_string(
        "import porch as st\nst.connection('nowhere', type='snowflake', user='me')"
    ).run(timeout=RUN_TIMEOUT)
    assert "account must be specified" in at.exception[0].message, "with arguments given, the connector's own error"


def test_query_caches_by_ttl_and_parameters(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "conn = st.connection('snowflake')\n"
        "legs = st.number_input('legs', value=1)\n"
        "kept = conn.query('SELECT NAME FROM pets WHERE LEGS > ?', params=(legs,))\n"
        "fresh = conn.query('SELECT COUNT(*) AS N FROM pets', ttl=0, show_spinner=False)\n"
        "st.text(f'{sorted(kept.NAME)} {fresh.N[0]}')\n"
    )
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    assert at.text[0].value == "['bird', 'cat'] 3"
    with sqlite3.connect(snowflake.database) as db:
        db.execute("INSERT INTO pets VALUES ('dog', 4)")
    at.run(timeout=RUN_TIMEOUT)
    assert at.text[0].value == "['bird', 'cat'] 4", "ttl=0 asks again; the query without a ttl is kept"
    at.number_input[0].set_value(3).run(timeout=RUN_TIMEOUT)
    assert at.text[0].value == "['cat', 'dog'] 4", "other parameters are another entry"
    counted = [sql for sql, _, _ in snowflake.executed if "COUNT" in sql]
    assert len(counted) == 3 and len(snowflake.executed) == 5


def test_a_lost_connection_is_made_again_and_the_query_retried(snowflake: FakeSnowflake) -> None:
    snowflake.lose_next = 1
    at = AppTest.from_string(
        "import porch as st\n"
        "conn = st.connection('snowflake')\n"
        "st.text(str(sorted(conn.query('SELECT NAME FROM pets').NAME)))\n"
    )
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert at.text[0].value == "['bird', 'cat', 'snake']"
    assert len(snowflake.connects) == 2 and len(snowflake.executed) == 2, "one reconnection, one more try"


def test_retries_stop_after_three_tries_and_other_errors_are_not_retried(snowflake: FakeSnowflake) -> None:
    snowflake.lose_next = 3
    at = AppTest.from_string("import porch as st\nst.connection('snowflake').query('SELECT * FROM pets')")
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    assert "Authentication token has expired" in at.exception[0].message
    assert len(snowflake.executed) == 3 and len(snowflake.connects) == 3, "three tries, a new connection after each"
    at = AppTest.from_string("import porch as st\nst.connection('snowflake').query('SELECT * FROM no_such_table')")
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    assert "no such table" in at.exception[0].message
    assert len(snowflake.executed) == 4, "a SQL error is not a lost connection: tried once"


WRITE = """
import pandas as pd
import porch as st
conn = st.connection("snowflake")
conn.cursor().executemany("INSERT INTO pets (NAME, LEGS) VALUES (?, ?)", [("ant", 6)])
spiders = pd.DataFrame({"NAME": ["spider"], "LEGS": [8]})
result = conn.write_pandas(spiders, "pets", schema="PUBLIC", quote_identifiers=False)
rows = conn.raw_connection.cursor().execute("SELECT NAME FROM pets WHERE LEGS > 5 ORDER BY NAME").fetchall()
session = conn.session()
st.text(f"{result} {rows} {session.connection is conn.raw_connection}")
conn.reset()
st.text(str(len(conn.cursor().execute("SELECT * FROM pets").fetchall())))
"""


def test_cursor_write_pandas_raw_connection_session_and_reset(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_string(WRITE)
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert at.text[0].value == "(True, 1, 1) [('ant',), ('spider',)] True"
    assert snowflake.written == [
        {"table_name": "pets", "database": None, "schema": "PUBLIC", "chunk_size": None, "quote_identifiers": False}
    ]
    assert snowflake.sessions[0].configs == {"connection": snowflake.sessions[0].connection}
    assert at.text[1].value == "5"
    assert len(snowflake.connects) == 2, "reset() forgets the connection: the next use makes a new one"


def test_in_streamlit_in_snowflake_the_active_session_is_the_connection(snowflake: FakeSnowflake) -> None:
    snowflake.in_stored_procedure = True
    at = AppTest.from_string(
        "import porch as st\nconn = st.connection('snowflake', account='ignored')\n"
        "st.text(str(conn.raw_connection.arguments))\nst.text(str(conn.session().configs))\n"
    ).run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert at.text[0].value == "{'active': True}"
    assert snowflake.connects == [] and snowflake.sessions == []


def test_closing_a_cached_connection_closes_the_connectors(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_string("import porch as st\nst.connection('snowflake').cursor()")
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    porch.cache_resource.clear()
    assert len(snowflake.closed) == 1 and snowflake.closed[0].arguments == {"account": "a"}


def test_without_the_package_the_message_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    without_snowflake(monkeypatch)
    at = AppTest.from_string("import streamlit as st\nst.connection('snowflake')").run(timeout=RUN_TIMEOUT)
    message = at.exception[0].message
    assert "No module named 'snowflake'" in message
    assert "You need to install the 'snowflake-connector-python' package to use this connection." in message


def test_snowpark_is_gone_as_in_streamlit(snowflake: FakeSnowflake) -> None:
    for script in ("st.connection('snowpark')", "st.connection('x', type='snowpark')"):
        at = AppTest.from_string(f"import porch as st\n{script}").run(timeout=RUN_TIMEOUT)
        assert "The Snowpark connection was removed" in at.exception[0].message
    assert snowflake.connects == []


def test_the_classes_are_exported_where_streamlit_exports_them() -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "from streamlit.connections import SnowflakeConnection, SnowflakeCallersRightsConnection, BaseConnection\n"
        "import porch.connections\n"
        "st.text(str(SnowflakeConnection is porch.connections.SnowflakeConnection"
        " and issubclass(SnowflakeCallersRightsConnection, SnowflakeConnection)"
        " and issubclass(SnowflakeConnection, BaseConnection)"
        " and SnowflakeCallersRightsConnection.scope() == 'session' and SnowflakeConnection.scope() == 'global'))\n"
    ).run(timeout=RUN_TIMEOUT)
    assert at.text[0].value == "True"


# -- caller's rights ------------------------------------------------------------------------------------------------

CALLERS_RIGHTS = """
import porch as st
conn = st.connection("snowflake-callers-rights")
st.text(f"{type(conn).__name__} {sorted(conn.query('SELECT NAME FROM pets').NAME)}")
"""


@pytest.fixture
def container(snowflake: FakeSnowflake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSnowflake:
    """A Snowpark container's environment: account, host, database, and the service token file."""
    for variable in ("SNOWFLAKE_SCHEMA", "SNOWFLAKE_PROTOCOL", "SNOWFLAKE_PORT"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("SNOWFLAKE_ACCOUNT", "org-acct")
    monkeypatch.setenv("SNOWFLAKE_HOST", "org-acct.snowflakecomputing.com")
    monkeypatch.setenv("SNOWFLAKE_DATABASE", "APPDB")
    token = tmp_path / "token"
    token.write_text("service.part\n", encoding="utf-8")
    monkeypatch.setattr(connections_snowflake, "SNOWPARK_CONNECTION_TOKEN_FILE", str(token))
    return snowflake


def test_callers_rights_connect_as_each_sessions_user(container: FakeSnowflake) -> None:
    with running_engine(CALLERS_RIGHTS) as server:
        texts = []
        for user in ("alice", "bob"):
            client = ProtocolClient(server.ws_url, additional_headers={"Sf-Context-Current-User-Token": user})
            client.until_finished(timeout=RUN_TIMEOUT)
            texts.append(client.texts())
    expected = "SnowflakeCallersRightsConnection ['bird', 'cat', 'snake']"
    assert texts == [[expected], [expected]]
    base = {
        "authenticator": "oauth", "ocsp_fail_open": True, "client_session_keep_alive": True,
        "account": "org-acct", "host": "org-acct.snowflakecomputing.com", "database": "APPDB",
    }
    assert container.connects == [{**base, "token": "service.part.alice"}, {**base, "token": "service.part.bob"}]
    assert len(container.executed) == 2, "a session's query results are its own: not shared by the cache"


def test_a_callers_rights_connection_is_refused_to_another_session(container: FakeSnowflake) -> None:
    source = (
        "import porch as st\n"
        "@st.cache_resource\n"
        "def shared():\n"
        "    return st.connection('snowflake-callers-rights')\n"
        "st.text(str(len(shared().query('SELECT * FROM pets'))))\n"
    )
    with running_engine(source) as server:
        first = ProtocolClient(server.ws_url, additional_headers={"Sf-Context-Current-User-Token": "alice"})
        first.until_finished(timeout=RUN_TIMEOUT)
        assert first.texts() == ["3"]
        second = ProtocolClient(server.ws_url, additional_headers={"Sf-Context-Current-User-Token": "bob"})
        second.until_finished(timeout=RUN_TIMEOUT)
        errors = [node.props["message"] for node in second.view.tree.roots[0].children if node.kind == "exception"]
    assert len(errors) == 1 and "belongs to a different session" in errors[0]
    assert len(container.connects) == 1


def test_callers_rights_say_what_the_environment_lacks(container: FakeSnowflake, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    at = AppTest.from_string(CALLERS_RIGHTS).run(timeout=RUN_TIMEOUT)  # AppTest's request has no user token
    assert "Token header not found" in at.exception[0].message
    monkeypatch.setattr(connections_snowflake, "SNOWPARK_CONNECTION_TOKEN_FILE", str(tmp_path / "absent"))
    at = AppTest.from_string(CALLERS_RIGHTS).run(timeout=RUN_TIMEOUT)
    assert "Token file" in at.exception[0].message and "not found" in at.exception[0].message
    monkeypatch.delenv("SNOWFLAKE_HOST")
    at = AppTest.from_string(CALLERS_RIGHTS).run(timeout=RUN_TIMEOUT)
    assert "Environment variable `SNOWFLAKE_HOST` not found" in at.exception[0].message
    assert container.connects == []


def test_callers_rights_are_refused_while_a_module_is_imported(
    container: FakeSnowflake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "porch_test_callers_rights_module.py").write_text(
        "import porch as st\nconn = st.connection('snowflake-callers-rights')\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    at = AppTest.from_string("import porch_test_callers_rights_module").run(timeout=RUN_TIMEOUT)
    assert "can't be requested while a module is being imported" in at.exception[0].message
    assert container.connects == []


def test_the_token_is_the_users_alone_when_the_service_token_is_opaque() -> None:
    build = connections_snowflake.SnowflakeCallersRightsConnection._build_callers_rights_token
    assert build("svc.token\n", "user") == "svc.token.user"
    assert build("opaque\n", "complete-user-token") == "complete-user-token"


def test_the_literal_names_are_typed_as_their_classes(snowflake: FakeSnowflake) -> None:
    at = AppTest.from_function(_typed_app)
    at.secrets["connections"] = {"snowflake": {"account": "a"}}
    at.run(timeout=RUN_TIMEOUT)
    assert at.exception == [], at.exception
    assert at.text[0].value == "[('cat',)]"


def _typed_app() -> None:
    import porch as st
    from porch.connections import SnowflakeConnection

    conn: SnowflakeConnection = st.connection("snowflake")  # mypy checks the overload's return type here
    st.text(str(conn.cursor().execute("SELECT NAME FROM pets WHERE LEGS = 4").fetchall()))
