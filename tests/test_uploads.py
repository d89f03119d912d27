"""The upload endpoint over a real engine: access, XSRF, session binding, limits, types, and freeing the files."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from engine_harness import EngineThread, ProtocolClient, running_engine
from porch.security import AccessPolicy
from porch.upload_store import MAX_WAITING_FILES, SESSION_BYTES_FACTOR

APP = """
import porch as st
f = st.file_uploader("Data", type=["csv", ".txt"], key="data")
st.text("none" if f is None else f"{f.name}|{f.type}|{f.size}|{f.read().decode()}")
"""


@dataclass
class Tab:
    """A browser tab's credentials: the session socket, the XSRF cookie, and the access cookie if any."""

    server: EngineThread
    client: ProtocolClient
    xsrf: str
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def widget(self) -> str:
        return self.client.widget("file_uploader")

    def url(self, widget: str | None = None, session: str | None = None) -> str:
        base = self.server.engine.config.normalized_base()
        session_id, widget_id = quote(session or self.client.session_id, safe=""), quote(widget or self.widget, safe="")
        return f"{base}/_porch/upload/{session_id}/{widget_id}"

    def headers(self, name: str | None = "data.csv", **extra: str) -> dict[str, str]:
        cookies = {"_xsrf": self.xsrf, **self.cookies}
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "X-XSRFToken": self.xsrf,
            "X-Porch-Session-Token": self.client.token,
            "Content-Type": "text/csv",
        }
        if name is not None:
            headers["X-Porch-File-Name"] = quote(name)
        headers.update(extra)
        return {k: v for k, v in headers.items() if v != ""}

    def put(self, body: bytes, *, url: str | None = None, **headers: Any) -> tuple[int, str]:
        return request(self.server, "PUT", url or self.url(), body, self.headers(**headers))

    def delete(self, file_id: str) -> int:
        return request(self.server, "DELETE", f"{self.url()}/{file_id}", None, self.headers(name=None))[0]

    def choose(self, *file_ids: str) -> list[str]:
        """Send the widget's value, as the browser does once its uploads finished; return what the script shows."""
        self.client.send({"type": "rerun", "widgets": {self.widget: list(file_ids)}})
        self.client.until_finished()
        return self.client.texts()

    @property
    def uploads(self) -> Any:
        return self.server.engine.sessions.get(self.client.session_id).uploads  # type: ignore[union-attr]


def request(
    server: EngineThread, method: str, url: str, body: bytes | None, headers: dict[str, str]
) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, url, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def xsrf_cookie(server: EngineThread, cookies: dict[str, str] | None = None) -> str:
    cookie = "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())
    page = urllib.request.Request(server.url, headers={"Cookie": cookie})
    with urllib.request.urlopen(page) as response:
        for cookie in response.headers.get_all("Set-Cookie") or []:
            if cookie.startswith("_xsrf="):
                return str(cookie.split(";")[0].split("=", 1)[1])
    raise AssertionError("the page set no _xsrf cookie")


def raw_put(t: Tab, headers: dict[str, str]) -> bytes:
    """Send only the head of a PUT, and read the whole answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", t.server.port), timeout=10) as raw:
        head = [f"PUT {t.url()} HTTP/1.1", f"Host: 127.0.0.1:{t.server.port}"]
        head += [f"{name}: {value}" for name, value in {**t.headers(), **headers}.items()]
        raw.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        return raw.makefile("rb").read()


@contextmanager
def tab(source: str = APP, *, cookies: dict[str, str] | None = None, **config: Any) -> Iterator[Tab]:
    with running_engine(source, **config) as server:
        header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        client = ProtocolClient(server.ws_url, additional_headers=header)
        client.until_finished()
        yield Tab(server, client, xsrf_cookie(server, cookies), dict(cookies or {}))


def test_an_uploaded_file_reaches_the_script_with_its_name_type_and_content() -> None:
    with tab() as t:
        status, body = t.put(b"a,b\n1,2", name="prices é.csv")
        assert status == 201, body
        answer = json.loads(body)
        assert (answer["name"], answer["size"], answer["type"]) == ("prices é.csv", 7, "text/csv")
        assert t.client.texts() == ["none"], "a file is not the widget's value until the client sends it"
        assert t.choose(answer["file_id"]) == ["prices é.csv|text/csv|7|a,b\n1,2"]
        element = next(c for c in t.client.view.tree.roots[0].children if c.kind == "file_uploader")
        described = {"id": answer["file_id"], "name": "prices é.csv", "size": 7, "type": "text/csv"}
        assert element.props["files"] == [described]


def test_a_large_file_arrives_intact() -> None:
    data = bytes(range(256)) * (3 * 4096 + 7)  # about 3 MB: kept on disk while it waits
    source = """
import hashlib, porch as st
f = st.file_uploader("Data")
st.text("none" if f is None else hashlib.sha256(f.getvalue()).hexdigest())
"""
    with tab(source) as t:
        status, body = t.put(data, name="blob.bin", **{"Content-Type": ""})
        assert status == 201, body
        assert json.loads(body)["type"] == "application/octet-stream"
        import hashlib

        assert t.choose(json.loads(body)["file_id"]) == [hashlib.sha256(data).hexdigest()]


def test_a_body_above_the_limit_is_refused_from_its_length_before_it_is_sent() -> None:
    with tab(max_upload_bytes=1024) as t:
        answer = raw_put(t, {"Content-Length": "5000000000"})  # the headers only: no byte of the body
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line.startswith(b"HTTP/1.1 413"), answer
        assert b"files may be at most 1.0 KB" in rest
        assert b"400 Bad Request" not in rest, "one answer, not tornado's own 400 after it"
        assert t.uploads.held_bytes == 0
        status, _ = t.put(b"x" * 1025)
        assert status == 413
        assert t.put(b"x" * 1024)[0] == 201


def test_a_session_holds_a_bounded_amount_of_uploads() -> None:
    with tab(max_upload_bytes=1024) as t:
        for _ in range(SESSION_BYTES_FACTOR):
            assert t.put(b"x" * 1024)[0] == 201
        status, body = t.put(b"x")
        assert status == 413 and "remove some files first" in body


def test_too_many_waiting_files_are_refused() -> None:
    with tab() as t:
        for _ in range(MAX_WAITING_FILES):
            assert t.put(b"x")[0] == 201
        status, body = t.put(b"x")
        assert status == 429 and "Too many" in body


def test_the_xsrf_token_is_required() -> None:
    with tab() as t:
        assert t.put(b"x", **{"X-XSRFToken": ""})[0] == 403
        assert t.put(b"x", **{"X-XSRFToken": "2|00000000|" + "0" * 32 + "|1"})[0] == 403
        cookie_only = t.headers()
        cookie_only["Cookie"] = ""
        assert request(t.server, "PUT", t.url(), b"x", {k: v for k, v in cookie_only.items() if v})[0] == 403
        assert len(t.uploads) == 0


def test_a_client_can_upload_only_into_its_own_session() -> None:
    with tab() as t:
        other = ProtocolClient(t.server.ws_url)
        other.until_finished()
        status, body = t.put(b"x", url=t.url(session=other.session_id))
        assert status == 403 and "X-Porch-Session-Token" in body, "my token does not open another session"
        status, body = t.put(b"x", url=t.url(session="no-such-session"))
        assert status == 404
        assert t.put(b"x", **{"X-Porch-Session-Token": ""})[0] == 403
        assert t.put(b"x", url=t.url(widget="k:nothing"))[0] == 404
        assert len(t.server.engine.sessions.get(other.session_id).uploads) == 0  # type: ignore[union-attr]


def test_malformed_uploads_get_400_with_the_reason() -> None:
    with tab() as t:
        status, body = t.put(b"x", name=None)
        assert status == 400 and "X-Porch-File-Name" in body
        assert t.put(b"x", **{"X-Porch-File-Name": "%FF%FE.csv"})[0] == 400
        assert t.put(b"x", name="../../etc/passwd.csv")[0] == 400
        assert t.put(b"x", name="a\x01.csv")[0] == 400
        assert t.put(b"x", name="")[0] == 400
        assert t.put(b"x", **{"Content-Type": "not a type"})[0] == 400
        assert raw_put(t, {"Transfer-Encoding": "chunked"}).startswith(b"HTTP/1.1 411")
        assert len(t.uploads) == 0


def test_a_type_the_widget_does_not_take_is_refused() -> None:
    with tab() as t:
        status, body = t.put(b"MZ", name="setup.exe", **{"Content-Type": "application/octet-stream"})
        assert status == 415
        assert "setup.exe is not an accepted file type (accepted: .csv, .txt)" in body
        assert t.put(b"x", name="NOTES.TXT", **{"Content-Type": "text/plain"})[0] == 201


def test_a_file_from_another_widget_or_an_unknown_id_is_not_a_value() -> None:
    source = APP + 'g = st.file_uploader("Other")\n'
    with tab(source) as t:
        other = t.client.widget("file_uploader", "Other")
        status, body = t.put(b"x", url=t.url(widget=other), name="x.bin")
        assert status == 201
        t.client.send({"type": "rerun", "widgets": {t.widget: [json.loads(body)["file_id"]]}})
        assert t.client.until(lambda m: m["type"] == "error")["code"] == "bad_value"
        t.client.until_finished()
        assert t.client.texts()[0] == "none"


def test_a_disabled_uploader_takes_no_file() -> None:
    with tab('import porch as st\nst.file_uploader("Data", disabled=True)\n') as t:
        status, body = t.put(b"x")
        assert status == 403 and "disabled" in body


def test_a_waiting_file_can_be_deleted_and_a_chosen_one_only_by_a_new_value() -> None:
    with tab() as t:
        waiting = json.loads(t.put(b"1")[1])["file_id"]
        chosen = json.loads(t.put(b"2", name="b.csv")[1])["file_id"]
        assert t.delete(waiting) == 204
        assert t.delete(waiting) == 404
        assert t.choose(chosen) == ["b.csv|text/csv|1|2"]
        assert t.delete(chosen) == 409
        assert t.choose() == ["none"]
        assert len(t.uploads) == 0, "the file the value dropped is freed"


def test_the_files_are_freed_with_the_session() -> None:
    with tab() as t:
        file_id = json.loads(t.put(b"1")[1])["file_id"]
        t.choose(file_id)
        json.loads(t.put(b"2")[1])
        uploads = t.uploads
        assert len(uploads) == 2
        session = t.server.engine.sessions.get(t.client.session_id)
        t.server.call(lambda: t.server.engine.sessions.close(session))  # type: ignore[arg-type]
        assert len(uploads) == 0 and uploads.held_bytes == 0
        assert t.put(b"3")[0] == 404


def test_an_upload_cut_off_midway_is_dropped() -> None:
    with tab() as t:
        with socket.create_connection(("127.0.0.1", t.server.port), timeout=10) as raw:
            head = [f"PUT {t.url()} HTTP/1.1", f"Host: 127.0.0.1:{t.server.port}", "Content-Length: 100000"]
            head += [f"{name}: {value}" for name, value in t.headers().items()]
            raw.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + b"x" * 5000)
            deadline = time.monotonic() + 10
            while t.uploads.held_bytes == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert t.uploads.held_bytes == 100000, "the upload is counted while it comes in"
        while t.uploads.held_bytes and time.monotonic() < deadline:
            time.sleep(0.01)
        assert t.uploads.held_bytes == 0 and len(t.uploads) == 0


def test_in_loopback_mode_an_upload_needs_the_secret() -> None:
    policy = AccessPolicy(token="s3cret", loopback_only=True)
    with tab(access=policy, cookies={"porch_token": "s3cret"}) as t:
        assert t.put(b"x")[0] == 201
        without = t.headers()
        without["Cookie"] = f"_xsrf={t.xsrf}"
        status, body = request(t.server, "PUT", t.url(), b"x", without)
        assert status == 403 and "access token" in body
        assert t.put(b"x", Host="evil.example")[0] == 403


def test_uploads_work_under_a_base_path() -> None:
    with tab(base_path="/apps/demo") as t:
        assert t.url().startswith("/apps/demo/_porch/upload/")
        status, body = t.put(b"x,y")
        assert status == 201, body
        assert t.choose(json.loads(body)["file_id"]) == ["data.csv|text/csv|3|x,y"]


def test_other_methods_are_not_allowed() -> None:
    with tab() as t:
        assert request(t.server, "GET", t.url(), None, t.headers())[0] == 405
        assert request(t.server, "POST", t.url(), b"x", t.headers())[0] == 405
