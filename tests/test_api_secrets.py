"""st.secrets: where the secrets files are, which wins, attribute and item access, errors that name files and never
values, os.environ, AppTest.secrets, and the rule that no secret travels to a client."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import porch as st
from porch.api import secrets as secrets_module
from porch.testing import AppTest

APP_SECRETS = """
api_key = "sk-app-0001"
retries = 3
debug = true
[db]
user = "app-user"
password = "hunter2-app"
hosts = ["a", "b"]
"""
USER_SECRETS = """
api_key = "sk-user-9999"
region = "eu-north"
[db]
user = "user-wide"
port = 5432
"""


@pytest.fixture(autouse=True)
def user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user-wide secrets file of the test's own (none unless a test writes it); secrets read afresh, and what they
    put into os.environ taken out again."""
    user = tmp_path / "user-config" / "secrets.toml"
    monkeypatch.setattr(secrets_module, "user_file", lambda: user)
    secrets_module._sources.forget()
    yield user
    secrets_module._sources.forget()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def app_in(folder: Path, source: str) -> AppTest:
    script = write(folder / "app.py", "import porch as st\n" + textwrap.dedent(source))
    return AppTest.from_file(str(script)).run()


def test_attribute_and_item_access_to_the_apps_secrets(tmp_path: Path) -> None:
    write(tmp_path / ".porch" / "secrets.toml", APP_SECRETS)
    at = app_in(tmp_path, """
        st.text(st.secrets.db.user)
        st.text(st.secrets["db"]["user"])
        st.text(st.secrets.db["password"] == st.secrets["db"].password)
        st.text(st.secrets.retries + 1)
        st.text(st.secrets.db.hosts)
        st.text(sorted(st.secrets))
        st.text(("db" in st.secrets, "nope" in st.secrets, len(st.secrets), st.secrets.get("nope", "-")))
    """)
    assert at.text.values == [
        "app-user", "app-user", "True", "4", "['a', 'b']", "['api_key', 'db', 'debug', 'retries']",
        "(True, False, 4, '-')",
    ]


def test_the_streamlit_folder_is_read_when_the_app_has_no_porch_file(tmp_path: Path) -> None:
    write(tmp_path / ".streamlit" / "secrets.toml", 'token = "from-streamlit"\n')
    assert app_in(tmp_path, "st.text(st.secrets.token)").text.values == ["from-streamlit"]
    write(tmp_path / ".porch" / "secrets.toml", 'other = "from-porch"\n')
    secrets_module._sources.forget()
    at = app_in(tmp_path, "st.text(st.secrets.other)\nst.text('token' in st.secrets)")
    assert at.text.values == ["from-porch", "False"]  # .porch's file is the app's: .streamlit's is not merged


def test_the_apps_file_wins_over_the_user_wide_file_key_by_key_at_the_top(tmp_path: Path, user_folder: Path) -> None:
    write(user_folder, USER_SECRETS)
    write(tmp_path / ".porch" / "secrets.toml", APP_SECRETS)
    at = app_in(tmp_path, """
        st.text(st.secrets.api_key)
        st.text(st.secrets.region)
        st.text(st.secrets.db.user)
        st.text("port" in st.secrets.db)
    """)
    # Streamlit's rule: a later file replaces a whole top-level key, tables included.
    assert at.text.values == ["sk-app-0001", "eu-north", "app-user", "False"]


def test_the_user_wide_file_is_read_alone(tmp_path: Path, user_folder: Path) -> None:
    write(user_folder, USER_SECRETS)
    assert app_in(tmp_path, "st.text(st.secrets.db.port)").text.values == ["5432"]


def test_the_user_wide_file_is_in_the_user_config_folder_of_porch_or_of_the_bundle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from platformdirs import user_config_dir

    monkeypatch.undo()
    monkeypatch.delenv("PORCH_APP_NAME", raising=False)
    assert secrets_module.user_file() == Path(user_config_dir("porch", appauthor=False)) / "secrets.toml"
    monkeypatch.setenv("PORCH_APP_NAME", "Inventory")
    assert secrets_module.user_file() == Path(user_config_dir("Inventory", appauthor=False)) / "secrets.toml"


def test_a_missing_key_names_the_files_read_and_no_value(tmp_path: Path, user_folder: Path) -> None:
    app_file = write(tmp_path / ".porch" / "secrets.toml", APP_SECRETS)
    at = app_in(tmp_path, """
        try:
            st.secrets["missing"]
        except KeyError as exc:
            st.text(f"item {exc}")
        try:
            st.secrets.db.port
        except AttributeError as exc:
            st.text(f"attribute {exc}")
        st.secrets.nothing_here
    """)
    item, attribute = at.text.values
    assert item.startswith('item st.secrets has no key "missing".')
    assert attribute.startswith('attribute st.secrets.db has no key "port".')
    for message in (item, attribute, at.exception[0].message):
        assert str(app_file) in message and f"not found: {user_folder}" in message
        assert "hunter2" not in message and "sk-app" not in message
    assert at.exception[0].props["type"] == "SecretAttributeError"


def test_with_no_secrets_file_a_key_is_missing_and_says_where_it_looked(tmp_path: Path) -> None:
    at = app_in(tmp_path, 'st.secrets["db"]')
    assert at.exception[0].props["type"] == "SecretNotFoundError"
    assert "Secrets files read: none" in at.exception[0].message
    assert str(tmp_path / ".streamlit" / "secrets.toml") in at.exception[0].message


def test_an_invalid_file_is_an_error_naming_the_file_and_no_value(tmp_path: Path) -> None:
    path = write(tmp_path / ".porch" / "secrets.toml", 'password = "hunter2\n')
    at = app_in(tmp_path, "st.secrets.password")
    assert str(path) in at.exception[0].message and "not valid TOML" in at.exception[0].message
    assert "hunter2" not in at.exception[0].message


def test_secrets_are_read_only() -> None:
    with pytest.raises(TypeError):
        st.secrets["x"] = 1  # type: ignore[assignment]
    with pytest.raises(TypeError):
        st.secrets.x = 1  # type: ignore[assignment]
    with pytest.raises(TypeError):
        del st.secrets["x"]  # type: ignore[arg-type]


def test_a_changed_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets_module, "RECHECK_SECONDS", 0.0)
    path = write(tmp_path / ".porch" / "secrets.toml", 'token = "one"\n')
    at = app_in(tmp_path, "st.text(st.secrets.token)")
    write(path, 'token = "two-longer"\n')
    assert at.run().text.values == ["two-longer"]


def test_top_level_strings_and_numbers_go_into_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("api_key", "retries", "debug", "db"):
        monkeypatch.delenv(name, raising=False)
    write(tmp_path / ".porch" / "secrets.toml", APP_SECRETS)
    at = app_in(tmp_path, """
        import os
        st.secrets.load_if_toml_exists()
        st.text([os.environ.get(name) for name in ("api_key", "retries", "debug", "db")])
    """)
    assert at.text.values == ["['sk-app-0001', '3', None, None]"]
    secrets_module._sources.forget()
    assert "api_key" not in os.environ


def test_apptest_secrets_replace_the_files_for_that_session(tmp_path: Path) -> None:
    write(tmp_path / ".porch" / "secrets.toml", APP_SECRETS)
    script = write(tmp_path / "app.py", "import porch as st\nst.text(st.secrets.db.user)\nst.text(len(st.secrets))\n")
    at = AppTest.from_file(str(script))
    at.secrets["db"] = {"user": "test-user"}
    at.run()
    assert at.text.values == ["test-user", "1"]
    other = AppTest.from_file(str(script)).run()  # a session without test secrets reads the files
    assert other.text.values == ["app-user", "4"]
    at.secrets = {"db": {"user": "replaced"}}
    assert at.run().text.values == ["replaced", "1"]


def test_no_frame_carries_a_secret(tmp_path: Path) -> None:
    """Secrets used by the script, and the secrets object itself shown by write, json, magic and repr: the page gets
    keys at most, never a value."""
    write(tmp_path / ".porch" / "secrets.toml", APP_SECRETS)
    at = app_in(tmp_path, """
        connection = f"postgres://{st.secrets.db.user}:{st.secrets.db.password}@host"
        st.write(st.secrets)
        st.write(st.secrets.db)
        st.write("The secrets:", st.secrets.db)
        st.json(st.secrets)
        st.json(st.secrets.db)
        st.text(repr(st.secrets))
        st.text(str(st.secrets.db))
        st.secrets
        st.secrets.db
        st.text(f"connected: {len(connection)}")
    """)
    assert len(at.exception) == 0
    frames = json.dumps(at.messages)
    for value in ("hunter2-app", "sk-app-0001", "app-user"):
        assert value not in frames
    assert "'password': ***" in frames and "connected: " in frames


def test_repr_shows_keys_only() -> None:
    section = secrets_module.Section({"user": "me", "password": "pw"}, "st.secrets.db")
    assert repr(section) == "Section({'user': ***, 'password': ***})"
    assert "pw" not in section._repr_html_()
    assert section.to_dict() == {"user": "me", "password": "pw"}
