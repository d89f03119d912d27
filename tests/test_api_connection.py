"""porch.connection and porch.connections (core/api/connection.py): types, configuration from secrets and keyword
arguments, caching of connections and of queries, SQL against SQLite, custom connection classes, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from porch.testing import AppTest


def database(tmp_path: Path) -> Path:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE pets (name TEXT, legs INTEGER)")
        db.executemany("INSERT INTO pets VALUES (?, ?)", [("cat", 4), ("bird", 2)])
    return path


def test_a_sql_connection_from_secrets_queries_into_a_dataframe_and_caches_it(tmp_path: Path) -> None:
    path = database(tmp_path)
    at = AppTest.from_string(
        "import porch as st\n"
        "conn = st.connection('pets_db', type='sql')\n"
        "frame = conn.query('SELECT * FROM pets WHERE legs > :legs ORDER BY name', params={'legs': 1})\n"
        "st.text(f'{type(frame).__name__} {list(frame.name)} {conn.driver}')\n"
        "st.session_state.setdefault('ids', set()).add(id(conn))\n"
    )
    at.secrets["connections"] = {"pets_db": {"url": f"sqlite:///{path}"}}
    at.run(timeout=60)  # the first run imports pandas and SQLAlchemy: seconds on a loaded machine
    assert at.exception == [], at.exception
    assert at.text[0].value == "DataFrame ['bird', 'cat'] pysqlite"
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO pets VALUES ('ant', 6)")
    at.run()
    assert at.text[0].value == "DataFrame ['bird', 'cat'] pysqlite"  # the same query is answered from the cache
    assert len(at.session_state["ids"]) == 1  # and the connection is the one made in the first run


def test_ttl_and_writes_through_the_session(tmp_path: Path) -> None:
    path = database(tmp_path)
    at = AppTest.from_string(
        "import porch as st\nfrom sqlalchemy import text\n"
        "conn = st.connection('sql', url=f'sqlite:///" + str(path) + "')\n"
        "if st.button('add'):\n"
        "    with conn.session as s:\n"
        "        s.execute(text(\"INSERT INTO pets VALUES ('dog', 4)\"))\n"
        "        s.commit()\n"
        "st.text(str(sorted(conn.query('SELECT name FROM pets', ttl=0).name)))\n"
    ).run()
    assert at.text[0].value == "['bird', 'cat']"
    at.button[0].click().run()
    assert at.text[0].value == "['bird', 'cat', 'dog']"


def test_the_type_comes_from_the_secrets_and_url_parts_build_the_address() -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "conn = st.connection('other')\n"
        "st.text(f'{type(conn).__name__} {conn.engine.url.render_as_string(hide_password=False)}')\n"
    )
    at.secrets["connections"] = {"other": {
        "type": "sql", "dialect": "sqlite", "driver": "pysqlite", "username": "", "host": "", "database": ":memory:",
    }}
    at.run()
    assert at.exception == [], at.exception
    assert at.text[0].value == "SQLConnection sqlite+pysqlite://@/%3Amemory%3A"


CUSTOM = '''
import porch as st
from porch.connections import BaseConnection

class Counter(BaseConnection[dict]):
    def _connect(self, start=0, **kwargs):
        return {"count": self._secrets.get("start", start), "name": self._connection_name}

    def bump(self):
        self._instance["count"] += 1
        return self._instance["count"]

conn = st.connection("counter", type=Counter, start=10)
st.text(f"{conn.bump()} {conn._instance['name']}")
'''


def test_a_connection_class_of_the_apps_own_is_made_once_and_shared() -> None:
    at = AppTest.from_string(CUSTOM).run()
    assert at.exception == [], at.exception
    assert at.text[0].value == "11 counter"
    at.run()
    assert at.text[0].value == "12 counter"  # the same object, kept by cache_resource
    other = AppTest.from_string(CUSTOM)
    other.secrets["connections"] = {"counter": {"start": 100}}
    other.run()
    assert other.text[0].value in ("13 counter", "101 counter")


def test_errors_name_the_cause() -> None:
    at = AppTest.from_string("import porch as st\nst.connection('mystery')").run()
    assert "say which type of connection" in at.exception[0].message
    at = AppTest.from_string("import porch as st\nst.connection('snowpark')").run()
    assert "The Snowpark connection was removed" in at.exception[0].message  # Snowflake's: test_api_connection_snowflake
    at = AppTest.from_string("import porch as st\nst.connection('x', type=dict)").run()
    assert "is not a subclass of BaseConnection" in at.exception[0].message
    at = AppTest.from_string("import porch as st\nst.connection('sql')").run()
    assert "Missing SQL DB connection configuration" in at.exception[0].message
    at = AppTest.from_string("import porch as st\nst.connection('sql', dialect='sqlite', host='h')").run()
    assert "`username`" in at.exception[0].message


def test_a_missing_driver_names_the_package_to_install() -> None:
    at = AppTest.from_string(
        "import porch as st\nst.connection('pg', type='sql', url='postgresql+psycopg2://u@h/db')"
    ).run()
    message = at.exception[0].message
    assert "psycopg2" in message and "'psycopg2-binary' package" in message


def test_streamlit_names_reach_the_same_classes() -> None:
    at = AppTest.from_string(
        "import streamlit as st\nfrom streamlit.connections import SQLConnection, BaseConnection\n"
        "st.text(str(SQLConnection is st.connections.SQLConnection and issubclass(SQLConnection, BaseConnection)))\n"
    ).run()
    assert at.text[0].value == "True"


@pytest.mark.parametrize("name", ["env:PORCH_TEST_CONNECTION"])
def test_the_name_may_come_from_the_environment(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORCH_TEST_CONNECTION", "pets")
    path = database(tmp_path)
    at = AppTest.from_string(f"import porch as st\nst.text(str(len(st.connection({name!r}, type='sql').query('SELECT * FROM pets'))))")
    at.secrets["connections"] = {"pets": {"url": f"sqlite:///{path}"}}
    at.run()
    assert at.text[0].value == "2"
