"""st.context: the connection's headers, cookies and address (never Porch's own secrets), what the page reports of
itself in ``hello`` (checked like every client message), AppTest's values, and the same in Debian's Chromium."""

from __future__ import annotations

import json
from typing import Any

import pytest

import porch
from engine_harness import ProtocolClient, running_engine
from porch.api.context import Headers
from porch.protocol import MAX_URL_LENGTH, ClientInfo, Hello, ProtocolError, Rerun, parse_client_message
from porch.security import AccessPolicy
from porch.testing import AppTest

SHOW = """
import porch as st
c = st.context
st.text(f"locale={c.locale} tz={c.timezone} offset={c.timezone_offset} theme={c.theme.type}/{c.theme['type']}")
st.text(f"url={c.url} ip={c.ip_address} embedded={c.is_embedded}")
h = c.headers
st.text(f"agent={h.get('user-agent')} host={h['HOST']} n={len(h)} cookies={c.cookies.to_dict()}")
st.button("again")
"""


def test_apptest_gives_a_sensible_client() -> None:
    at = AppTest.from_string(SHOW).run()
    assert at.text.values == [
        "locale=en-US tz=UTC offset=0 theme=light/light",
        "url=http://localhost:8501/ ip=None embedded=False",
        "agent=porch.testing.AppTest host=localhost:8501 n=3 cookies={}",
    ]


def test_headers_are_case_insensitive_and_keep_repeated_values() -> None:
    headers = Headers([("content-TYPE", "a"), ("X-Thing", "1"), ("x-thing", "2")])
    assert headers["Content-Type"] == headers["content-type"] == "a"
    assert headers["x-THING"] == "1" and headers.get_all("X-Thing") == ["1", "2"] and headers.get_all("none") == []
    assert list(headers) == ["Content-Type", "X-Thing"] and len(headers) == 2
    assert headers.to_dict() == {"Content-Type": "a", "X-Thing": "1"}
    with pytest.raises(KeyError):
        headers["missing"]


def test_outside_a_run_everything_is_empty_or_none() -> None:
    context = porch.context
    assert dict(context.headers) == {} and dict(context.cookies) == {} and context.theme.type is None
    assert (context.locale, context.timezone, context.timezone_offset, context.url) == (None, None, None, None)
    assert context.ip_address is None and context.is_embedded is None


def test_porch_context_is_st_context_and_the_run_context_module_is_still_importable() -> None:
    from porch.context import current_run, get_run  # noqa: F401  (the runtime's own module, by its full name)
    from porch.api.context import ContextProxy

    assert isinstance(porch.context, ContextProxy)
    assert "context" in porch.__all__


# -- hello's fields ------------------------------------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "locale": "zh-Hans-CN",
    "timezone": "America/Argentina/Buenos_Aires",
    "timezone_offset": 180,
    "theme": "dark",
    "url": "https://apps.example.org/prices/",
}


def test_hello_carries_what_the_page_says_of_itself() -> None:
    hello = parse_client_message(json.dumps({"type": "hello", "protocol": 1, **GOOD}))
    assert isinstance(hello, Hello) and hello.client == ClientInfo(**GOOD)
    bare = parse_client_message('{"type": "hello", "protocol": 1}')
    assert isinstance(bare, Hello) and bare.client == ClientInfo()


@pytest.mark.parametrize(
    "field, value",
    [
        ("locale", "en US"),
        ("locale", "x" * 65),
        ("locale", ""),
        ("locale", 7),
        ("timezone", "Europe/Paris;drop"),
        ("timezone", "<script>"),
        ("timezone_offset", 24 * 60 + 1),
        ("timezone_offset", 1.5),
        ("timezone_offset", True),
        ("timezone_offset", "60"),
        ("theme", "blue"),
        ("theme", ""),
        ("url", "javascript:alert(1)"),
        ("url", "ftp://example.org/"),
        ("url", "http://example.org/?a=1"),
        ("url", "http://example.org/#top"),
        ("url", "http://exa mple.org/"),
        ("url", "http:///path"),
        ("url", "http://example.org/" + "p" * MAX_URL_LENGTH),
        ("url", ["http://example.org/"]),
    ],
)
def test_a_hello_field_out_of_bounds_refuses_the_hello(field: str, value: Any) -> None:
    with pytest.raises(ProtocolError) as raised:
        parse_client_message(json.dumps({"type": "hello", "protocol": 1, **GOOD, field: value}))
    assert raised.value.code == "bad_message" and f"'{field}'" in raised.value.message


# -- a rerun's fields: what changed since ----------------------------------------------------------------------


def test_a_rerun_carries_what_changed_of_the_page_and_the_session_keeps_the_rest() -> None:
    rerun = parse_client_message(json.dumps({"type": "rerun", "widgets": {}, "client": {"theme": "dark"}}))
    assert isinstance(rerun, Rerun) and rerun.client == ClientInfo(theme="dark")
    bare = parse_client_message('{"type": "rerun", "widgets": {}}')
    assert isinstance(bare, Rerun) and bare.client is None
    told = ClientInfo(**GOOD)
    assert told.updated(ClientInfo(theme="light", timezone="UTC", timezone_offset=0)) == ClientInfo(
        **{**GOOD, "theme": "light", "timezone": "UTC", "timezone_offset": 0}
    )
    assert told.updated(ClientInfo()) is told


@pytest.mark.parametrize(
    "field, value",
    [
        ("locale", "en US"),
        ("locale", "x" * 65),
        ("timezone", "<script>"),
        ("timezone", "Europe/" + "P" * 64),
        ("timezone_offset", 24 * 60 + 1),
        ("timezone_offset", True),
        ("theme", "blue"),
        ("url", "javascript:alert(1)"),
        ("url", "http://example.org/" + "p" * MAX_URL_LENGTH),
    ],
)
def test_a_change_out_of_bounds_refuses_the_rerun(field: str, value: Any) -> None:
    with pytest.raises(ProtocolError) as raised:
        parse_client_message(json.dumps({"type": "rerun", "widgets": {"w": 1}, "client": {field: value}}))
    assert raised.value.code == "bad_message" and f"'{field}'" in raised.value.message
    assert raised.value.widgets == ("w",), "the page's controls are put back to the session's values"


@pytest.mark.parametrize(
    "client", [[], "dark", 5, {}, {"session": "x"}, {"theme": "dark", "x" * 10_000: 1}, {"headers": {"a": "b"}}]
)
def test_a_client_field_that_is_not_an_object_of_the_pages_facts_refuses_the_rerun(client: Any) -> None:
    with pytest.raises(ProtocolError) as raised:
        parse_client_message(json.dumps({"type": "rerun", "widgets": {}, "client": client}))
    assert raised.value.code == "bad_message" and "'client'" in raised.value.message
    assert len(raised.value.message) < 300, "the refusal does not echo what the client sent"


# -- over a real socket --------------------------------------------------------------------------------------------


def test_headers_and_cookies_come_from_the_handshake_without_porchs_secrets() -> None:
    source = (
        "import porch as st\n"
        "st.text(repr(st.context.headers.to_dict()))\n"
        "st.text(repr(st.context.cookies.to_dict()))\n"
        "st.text(repr(st.context.headers.get_all('cookie')))\n"
    )
    with running_engine(source, access=AccessPolicy(token="s3cret-token")) as server:
        client = ProtocolClient(
            server.ws_url,
            additional_headers={
                "Cookie": "porch_token=s3cret-token; flavour=mint; _xsrf=2|abc|def|123",
                "Authorization": "Bearer s3cret-token",
                "X-Team": "blue",
            },
        )
        client.until_finished()
        headers, cookies, cookie_headers = client.texts()
    assert "s3cret-token" not in headers + cookies + cookie_headers
    assert "_xsrf" not in headers + cookies and "Authorization" not in headers
    assert "'X-Team': 'blue'" in headers and "'Cookie': 'flavour=mint'" in headers
    assert cookies == "{'flavour': 'mint'}" and cookie_headers == "['flavour=mint']"


def test_an_authorization_header_that_is_not_the_token_is_the_apps_to_read() -> None:
    source = "import porch as st\nst.text(st.context.headers.get('authorization', '-'))"
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url, additional_headers={"Authorization": "Basic dXNlcjpwdw=="})
        client.until_finished()
        assert client.texts() == ["Basic dXNlcjpwdw=="]


def test_the_address_is_none_on_loopback_and_a_trusted_proxys_otherwise() -> None:
    source = "import porch as st\nst.text(repr(st.context.ip_address))"
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url, additional_headers={"X-Forwarded-For": "203.0.113.7"})
        client.until_finished()
        assert client.texts() == ["None"], "a proxy that is not trusted is not believed"
    with running_engine(source, behind_proxy=True) as server:
        client = ProtocolClient(server.ws_url, additional_headers={"X-Forwarded-For": "203.0.113.7"})
        client.until_finished()
        assert client.texts() == ["'203.0.113.7'"]


def test_each_hello_refreshes_what_the_page_said_a_resumed_session_included() -> None:
    source = "import porch as st\nst.text(f'{st.context.locale} {st.context.theme.type}')\nst.button('again')"
    with running_engine(source) as server:
        first = ProtocolClient(server.ws_url, hello={"locale": "fr-FR", "theme": "light"})
        first.until_finished()
        assert first.texts() == ["fr-FR light"]
        first.close()
        second = ProtocolClient(
            server.ws_url, session=first.session_id, token=first.token, hello={"locale": "de-DE", "theme": "dark"}
        )
        assert second.session_message["resumed"] is True
        second.send({"type": "rerun", "widgets": {}, "trigger": second.widget("button")})
        second.until(lambda m: m["type"] == "delta" and "de-DE" in json.dumps(m))
        second.until_finished()
        assert second.texts() == ["de-DE dark"]


def test_what_changed_reaches_the_run_its_rerun_causes_and_stays_for_later_runs() -> None:
    with running_engine(SHOW) as server:
        client = ProtocolClient(
            server.ws_url, hello={"locale": "fr-FR", "timezone": "Europe/Paris", "timezone_offset": -60, "theme": "light"}
        )
        client.until_finished()
        assert client.texts()[0] == "locale=fr-FR tz=Europe/Paris offset=-60 theme=light/light"
        button = client.widget("button")
        client.send({
            "type": "rerun", "widgets": {}, "trigger": button,
            "client": {"theme": "dark", "timezone": "Asia/Tokyo", "timezone_offset": -540},
        })
        client.until(lambda m: m["type"] == "delta" and "Asia/Tokyo" in json.dumps(m))
        client.until_finished()
        assert client.texts()[0] == "locale=fr-FR tz=Asia/Tokyo offset=-540 theme=dark/dark"
        client.send({"type": "rerun", "widgets": {}, "trigger": button})  # nothing changed: nothing said
        client.until(lambda m: m["type"] == "run" and m.get("state") == "finished")
        assert client.texts()[0] == "locale=fr-FR tz=Asia/Tokyo offset=-540 theme=dark/dark"
        client.send({"type": "rerun", "widgets": {}, "trigger": button, "client": {"theme": "sepia"}})
        error = client.until(lambda m: m["type"] == "error")
        assert error["code"] == "bad_message" and "'theme'" in error["message"]
        client.send({"type": "rerun", "widgets": {}, "trigger": button, "client": {"locale": "de-DE"}})
        client.until(lambda m: m["type"] == "delta" and "de-DE" in json.dumps(m))
        client.until_finished()
        assert client.texts()[0] == "locale=de-DE tz=Asia/Tokyo offset=-540 theme=dark/dark"


# -- in Chromium ---------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_in_chromium_the_script_sees_the_browsers_language_zone_theme_and_address(browser: Any) -> None:
    context = browser.new_context(locale="fr-FR", timezone_id="Asia/Tokyo", color_scheme="dark")
    try:
        with running_engine(SHOW) as server:
            page = context.new_page()
            page.goto(server.url + "?embed=true&x=1#here")
            page.wait_for_function("() => document.body.dataset.run === 'finished'")
            page.get_by_text("locale=fr-FR tz=Asia/Tokyo offset=-540 theme=dark/dark", exact=True).wait_for()
            page.get_by_text(f"url={server.url} ip=None embedded=True", exact=True).wait_for()
            agent = page.evaluate("navigator.userAgent")
            page.get_by_text(f"agent={agent} host=127.0.0.1:{server.port}", exact=False).wait_for()
    finally:
        context.close()


@pytest.mark.browser
def test_in_chromium_a_new_colour_scheme_and_time_zone_are_seen_by_the_next_run(browser: Any) -> None:
    """The page's own zone and scheme change under it (emulated): the next rerun it sends says what changed, once."""
    context = browser.new_context(locale="fr-FR", color_scheme="light")
    try:
        with running_engine(SHOW) as server:
            page = context.new_page()
            reruns: list[dict[str, Any]] = []

            def watch(socket: Any) -> None:
                def sent(payload: str | bytes) -> None:
                    message = json.loads(payload)
                    if message.get("type") == "rerun":
                        reruns.append(message)

                socket.on("framesent", sent)

            page.on("websocket", watch)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Paris"})
            page.goto(server.url)
            page.wait_for_function("() => document.body.dataset.run === 'finished'")
            paris = page.evaluate("new Date().getTimezoneOffset()")
            page.get_by_text(f"locale=fr-FR tz=Europe/Paris offset={paris} theme=light/light", exact=True).wait_for()

            page.emulate_media(color_scheme="dark")
            cdp.send("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Tokyo"})
            page.get_by_role("button", name="again").click()
            page.get_by_text("locale=fr-FR tz=Asia/Tokyo offset=-540 theme=dark/dark", exact=True).wait_for()
            assert reruns[-1]["client"] == {"timezone": "Asia/Tokyo", "timezone_offset": -540, "theme": "dark"}

            page.get_by_role("button", name="again").click()
            page.wait_for_function("n => document.body.dataset.runCount > n", arg=2)
            page.wait_for_function("() => document.body.dataset.run === 'finished'")
            assert len(reruns) == 2 and "client" not in reruns[-1], "nothing changed: nothing said"
            page.get_by_text("locale=fr-FR tz=Asia/Tokyo offset=-540 theme=dark/dark", exact=True).wait_for()
    finally:
        context.close()
